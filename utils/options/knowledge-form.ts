import { splitTags } from '../knowledge/import-rows';
import {
  checkSnippet,
  type SnippetCheck,
  type SnippetField,
  type SnippetInput,
  type SnippetProblem,
  slugOf,
} from '../knowledge/snippet-check';
import type { KnowledgeSnippet } from '../presets/pack';

// The snippet form (options page, and "Save as snippet" in the panel) as plain functions: the form's state as the
// inputs hold it (strings), the conversion to and from a snippet, and the live check — the store's own schema
// (utils/knowledge/snippet-check.ts), so the form and the store can never disagree about what may be saved.

/** The languages offered in the form (the interface's five); a snippet from a file may carry another tag. */
export const SNIPPET_LANGUAGES = ['en', 'de', 'sv', 'es', 'fr'] as const;

export interface SnippetDraft {
  title: string;
  /** The body, Markdown. */
  text: string;
  /** Comma-separated, as typed. */
  tags: string;
  sourceUrl: string;
  /** '' = detect from the body. */
  language: string;
  /** YYYY-MM-DD or '' (a date input's value). */
  validFrom: string;
  validUntil: string;
}

/** The fields the form has; the id is not one (it is made from the title), so its problems show on the title. */
export type FormField = Exclude<SnippetField, 'id'>;

export function emptySnippetDraft(): SnippetDraft {
  return { title: '', text: '', tags: '', sourceUrl: '', language: '', validFrom: '', validUntil: '' };
}

export function draftFromSnippet(snippet: KnowledgeSnippet): SnippetDraft {
  return {
    title: snippet.title,
    text: snippet.text,
    tags: snippet.tags.join(', '),
    sourceUrl: snippet.sourceUrl ?? '',
    language: snippet.language ?? '',
    validFrom: snippet.validFrom ?? '',
    validUntil: snippet.validUntil ?? '',
  };
}

/** The form as the store's input; empty optional fields are left out, not saved as ''. */
export function draftToInput(draft: SnippetDraft, id: string): SnippetInput {
  const input: SnippetInput = {
    id,
    title: draft.title.trim(),
    text: draft.text.trim(),
    tags: splitTags(draft.tags),
  };
  const sourceUrl = draft.sourceUrl.trim();
  if (sourceUrl) input.sourceUrl = sourceUrl;
  if (draft.language.trim()) input.language = draft.language.trim();
  if (draft.validFrom.trim()) input.validFrom = draft.validFrom.trim();
  if (draft.validUntil.trim()) input.validUntil = draft.validUntil.trim();
  return input;
}

/**
 * Checks the form. `id` is the snippet's id when editing; a new snippet is checked with the id its title would
 * get (the unique one is chosen when it is saved).
 */
export function checkSnippetDraft(draft: SnippetDraft, id?: string): SnippetCheck {
  return checkSnippet(draftToInput(draft, id ?? (slugOf(draft.title) || 'snippet')));
}

/** The problem to show under one field; the id's (made from the title) belongs to the title. */
export function problemFor(check: SnippetCheck, field: FormField): SnippetProblem | undefined {
  if (check.ok) return undefined;
  return (
    check.problems.find((p) => p.field === field) ??
    (field === 'title' ? check.problems.find((p) => p.field === 'id') : undefined)
  );
}
