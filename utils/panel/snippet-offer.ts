import { useCallback, useEffect, useState } from 'react';
import type { StoredSnippet } from '../knowledge/db-tables';
import { uniqueSnippetId } from '../knowledge/snippet-check';
import { type KnowledgeDb, savePersonalSnippet } from '../knowledge/store';
import type { SnippetDraft } from '../options/knowledge-form';
import type { KnowledgeSnippet } from '../presets/pack';
import { redactDraft } from '../presets/run';
import type { Ticket } from '../ticket/ticket';
import { aiOriginOf, type DraftState } from './draft-state';

// "Save as snippet" in the side panel: once the agent has inserted (or copied) a draft, that reply is offered as
// a knowledge snippet — prefilled from the ticket (subject → title, its tags, the reply's language) — so a good
// answer becomes something the next drafts can follow. Saved as the agent's own snippet, with where it came from.

export interface SnippetOffer {
  /** The text that went into the helpdesk. */
  text: string;
  /** The AI generation the text came from, when it did. */
  generationId?: number;
  /** When it was offered: a new insert replaces the form (and its edits) with the new text. */
  at: number;
}

export interface SnippetOfferState {
  current: SnippetOffer | null;
  offer(draft: DraftState): void;
}

/** The offer for the open ticket; gone when the ticket changes (a reply belongs to its ticket). */
export function useSnippetOffer(ticketKey: string | null): SnippetOfferState {
  const [current, setCurrent] = useState<SnippetOffer | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setCurrent(null), [ticketKey]);
  const offer = useCallback((draft: DraftState) => {
    if (draft.text.trim() === '') return;
    const origin = aiOriginOf(draft);
    setCurrent({
      text: draft.text,
      ...(origin ? { generationId: origin.generationId } : {}),
      at: Date.now(),
    });
  }, []);
  return { current, offer };
}

/** "de-CH" → "de": the snippet's language decides its stemmer, which works by base language. */
export function snippetLanguageOf(code: string | null | undefined): string {
  const base = code?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(base) ? base : '';
}

/**
 * A reply as shareable knowledge: the customer's details it quotes become generic placeholders ([EMAIL], [NAME]…).
 * `placeholders` is the ticket's redaction map ([EMAIL_1] → the address); the requester's name and address are
 * replaced even when redaction is off, because a snippet goes into other customers' prompts and replies.
 */
export function depersonalizeReply(
  text: string,
  ticket: Pick<Ticket, 'requester'>,
  placeholders: Readonly<Record<string, string>> = {},
): string {
  const values: Record<string, string> = { ...placeholders };
  const { name, email } = ticket.requester;
  if (email?.trim()) values['[EMAIL_requester]'] = email.trim();
  if (name?.trim()) {
    values['[NAME_requester]'] = name.trim();
    // "Hello Maria," quotes the first name only.
    const first = name.trim().split(/\s+/)[0] ?? '';
    if (first.length >= 2 && first !== name.trim()) values['[NAME_first]'] = first;
  }
  // Only the placeholders put in here become generic ([EMAIL_1] → [EMAIL]); other bracketed text stays as written.
  let out = redactDraft(text, values);
  for (const placeholder of Object.keys(values))
    out = out.split(placeholder).join(placeholder.replace(/_[A-Za-z0-9]+\]$/, ']'));
  return out;
}

export function prefillFromReply(
  ticket: Pick<Ticket, 'subject' | 'tags' | 'requester'>,
  text: string,
  language: string | null | undefined,
  placeholders: Readonly<Record<string, string>> = {},
): SnippetDraft {
  return {
    title: ticket.subject.trim().slice(0, 120),
    text: depersonalizeReply(text, ticket, placeholders).trim(),
    tags: ticket.tags
      .map((tag) => tag.trim().slice(0, 40))
      .filter(Boolean)
      .slice(0, 20)
      .join(', '),
    sourceUrl: '',
    language: snippetLanguageOf(language),
    validFrom: '',
    validUntil: '',
  };
}

/** Saves the reply as the agent's own snippet, with an id from its title not yet used among theirs. */
export async function saveReplySnippet(
  db: KnowledgeDb,
  snippet: KnowledgeSnippet,
  fromReply: NonNullable<StoredSnippet['fromReply']>,
): Promise<StoredSnippet> {
  const personal = await db.snippets.where('sourceKey').equals('personal').toArray();
  const id = uniqueSnippetId(snippet.title, new Set(personal.map((row) => row.snippet.id)));
  return savePersonalSnippet(db, { ...snippet, id }, { fromReply });
}
