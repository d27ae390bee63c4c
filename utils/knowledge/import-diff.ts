import { canonical } from '../presets/canonical';
import type { KnowledgeSnippet } from '../presets/pack';

// What a pack import does to the pack's knowledge snippets, like presets (utils/presets/import-diff.ts): matched
// by id within the one source the pack replaces; the preview lists added, updated and removed snippets, and the
// commit refuses a plan made against snippets that changed since.

export interface KnowledgeDiff {
  added: KnowledgeSnippet[];
  updated: KnowledgeSnippet[];
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
    else diff.updated.push(next);
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

export function knowledgeHasChanges(plan: KnowledgePlan | undefined): boolean {
  if (!plan) return false;
  const { added, updated, removed } = plan.diff;
  return added.length + updated.length + removed.length > 0;
}
