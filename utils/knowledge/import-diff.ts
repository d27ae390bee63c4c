import { canonical } from '../presets/canonical';
import type { KnowledgeSnippet } from '../presets/pack';

// What a pack import does to the pack's knowledge snippets, like presets (utils/presets/import-diff.ts): matched
// by id within the one source the pack replaces; the preview lists added, updated and removed snippets, and the
// commit refuses a plan made against snippets that changed since.

// One diffing mechanism for snippets: a pack's knowledge (here) and a knowledge file imported in the options page
// (utils/options/knowledge-import.ts) both compare by id, and compare contents whatever order their keys came in.

export interface SnippetUpdate {
  before: KnowledgeSnippet;
  after: KnowledgeSnippet;
}

export interface KnowledgeDiff {
  added: KnowledgeSnippet[];
  updated: SnippetUpdate[];
  removed: KnowledgeSnippet[];
  unchanged: KnowledgeSnippet[];
}

export interface KnowledgePlan {
  /** The snippets the source will hold after the import, in the pack's order. */
  next: KnowledgeSnippet[];
  diff: KnowledgeDiff;
  /** Fingerprint of the source's snippets the plan was made against. */
  basis: string;
}

export function snippetFingerprint(snippets: readonly KnowledgeSnippet[]): string {
  return canonical([...snippets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** Matches snippets by id. Order of the results follows `incoming` (removed: the order of `current`). */
export function diffSnippets(
  current: readonly KnowledgeSnippet[],
  incoming: readonly KnowledgeSnippet[],
): KnowledgeDiff {
  const byId = new Map(current.map((s) => [s.id, s]));
  const incomingIds = new Set(incoming.map((s) => s.id));
  const diff: KnowledgeDiff = { added: [], updated: [], removed: [], unchanged: [] };
  for (const next of incoming) {
    const before = byId.get(next.id);
    if (!before) diff.added.push(next);
    else if (canonical(before) === canonical(next)) diff.unchanged.push(next);
    else diff.updated.push({ before, after: next });
  }
  diff.removed = current.filter((s) => !incomingIds.has(s.id));
  return diff;
}

export function planKnowledge(
  current: readonly KnowledgeSnippet[],
  incoming: readonly KnowledgeSnippet[],
): KnowledgePlan {
  return { next: [...incoming], diff: diffSnippets(current, incoming), basis: snippetFingerprint(current) };
}

/** Whether importing would add, update or remove a snippet (unchanged ones do not count). */
export function snippetDiffHasChanges({ added, updated, removed }: KnowledgeDiff): boolean {
  return added.length + updated.length + removed.length > 0;
}

export function knowledgeHasChanges(plan: KnowledgePlan | undefined): boolean {
  return plan !== undefined && snippetDiffHasChanges(plan.diff);
}
