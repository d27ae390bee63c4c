import { z } from 'zod';
import { KnowledgeSuggestion, MAX_KNOWLEDGE_PER_GENERATION, SnippetKey } from '../messaging/protocol';

// The agent's say over the proposed snippets, per ticket (kept on the ticket's DraftRecord, `knowledge`): a PINNED
// snippet stays with this ticket however the proposals change (a copy of what the card showed is kept, so it can be
// listed without a new search); a REMOVED one is never used for this ticket. The snippets a draft carries are the
// pinned ones, then the proposals not removed, best first, at most MAX_KNOWLEDGE_PER_GENERATION.

/** How many removals are remembered per ticket (older ones fall off; a removal is a soft choice). */
export const MAX_REMOVED = 100;

export const KnowledgeChoice = z.object({
  pinned: z.array(KnowledgeSuggestion).max(MAX_KNOWLEDGE_PER_GENERATION),
  removed: z.array(SnippetKey).max(MAX_REMOVED),
});
export type KnowledgeChoice = z.infer<typeof KnowledgeChoice>;

export const EMPTY_CHOICE: KnowledgeChoice = { pinned: [], removed: [] };

/** A stored choice, parsed (a damaged or older value reads as no choice). */
export function parseChoice(value: unknown): KnowledgeChoice | undefined {
  const parsed = KnowledgeChoice.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export const canPin = (choice: KnowledgeChoice) => choice.pinned.length < MAX_KNOWLEDGE_PER_GENERATION;

/** Pins `snippet` (and takes back its removal). Unchanged when already pinned or when the pins are full. */
export function pin(choice: KnowledgeChoice, snippet: KnowledgeSuggestion): KnowledgeChoice {
  if (choice.pinned.some((p) => p.key === snippet.key) || !canPin(choice)) return choice;
  return {
    pinned: [...choice.pinned, snippet],
    removed: choice.removed.filter((key) => key !== snippet.key),
  };
}

export function unpin(choice: KnowledgeChoice, key: string): KnowledgeChoice {
  return { ...choice, pinned: choice.pinned.filter((p) => p.key !== key) };
}

/** Not used for this ticket (a pinned snippet is unpinned too). */
export function remove(choice: KnowledgeChoice, key: string): KnowledgeChoice {
  const removed = [...choice.removed.filter((k) => k !== key), key].slice(-MAX_REMOVED);
  return { pinned: choice.pinned.filter((p) => p.key !== key), removed };
}

/** "Put back": a removed snippet may be proposed and used again. */
export function restore(choice: KnowledgeChoice, key: string): KnowledgeChoice {
  return { ...choice, removed: choice.removed.filter((k) => k !== key) };
}

export interface KnowledgeView {
  /** What a draft carries now, in rank order (pinned first): at most MAX_KNOWLEDGE_PER_GENERATION. */
  used: KnowledgeSuggestion[];
  /** Proposals the agent has not pinned or removed (used or, past the cap, not). */
  proposed: KnowledgeSuggestion[];
  /** Proposals the agent removed for this ticket (with their card data, to put them back). */
  removed: KnowledgeSuggestion[];
}

export function knowledgeView(
  choice: KnowledgeChoice,
  suggestions: readonly KnowledgeSuggestion[],
): KnowledgeView {
  const pinnedKeys = new Set(choice.pinned.map((p) => p.key));
  const removedKeys = new Set(choice.removed);
  const proposed = suggestions.filter((s) => !pinnedKeys.has(s.key) && !removedKeys.has(s.key));
  return {
    used: [...choice.pinned, ...proposed].slice(0, MAX_KNOWLEDGE_PER_GENERATION),
    proposed,
    removed: suggestions.filter((s) => removedKeys.has(s.key) && !pinnedKeys.has(s.key)),
  };
}
