import type { core } from 'zod';
import { KnowledgeSnippet } from '../presets/pack';

// One check for a snippet, shared by the options form (every keystroke), the file importers (every row) and
// "Save as snippet" in the panel: the store's own zod schema, plus the two things a regex cannot see (a date
// that does not exist, a language that is not a tag). Problems come back as data (field + kind), not English,
// so each screen words them in the agent's language (utils/options/knowledge-messages.ts).

export const SNIPPET_FIELDS = [
  'id',
  'title',
  'text',
  'tags',
  'sourceUrl',
  'language',
  'validFrom',
  'validUntil',
] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];

export type SnippetProblem =
  | { field: SnippetField; kind: 'required' }
  | { field: SnippetField; kind: 'too-long'; max: number }
  | { field: 'tags'; kind: 'too-many'; max: number }
  | { field: 'tags'; kind: 'tag-too-long'; max: number }
  | { field: 'sourceUrl'; kind: 'url' }
  | { field: 'validFrom' | 'validUntil'; kind: 'date' }
  | { field: 'validUntil'; kind: 'date-order' }
  | { field: 'language'; kind: 'language' }
  | { field: 'id'; kind: 'id' }
  /** Anything the schema finds that has no wording of its own (kept as the schema's message). */
  | { field: SnippetField; kind: 'other'; message: string };

export type SnippetCheck =
  | { ok: true; snippet: KnowledgeSnippet }
  | { ok: false; problems: SnippetProblem[] };

/** What a form or a file row gives: strings as typed, optional fields absent. */
export interface SnippetInput {
  id: string;
  title: string;
  text: string;
  tags: string[];
  sourceUrl?: string;
  language?: string;
  validFrom?: string;
  validUntil?: string;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** 2026-02-30 matches YYYY-MM-DD but is no day: the date must round-trip through the calendar. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function fieldOf(path: readonly PropertyKey[]): SnippetField {
  const head = String(path[0] ?? '');
  return (SNIPPET_FIELDS as readonly string[]).includes(head) ? (head as SnippetField) : 'text';
}

function problemOf(issue: core.$ZodIssue): SnippetProblem {
  const field = fieldOf(issue.path);
  if (field === 'tags')
    if (issue.path.length > 1) {
      if (issue.code === 'too_big') return { field, kind: 'tag-too-long', max: Number(issue.maximum) };
    } else if (issue.code === 'too_big') return { field, kind: 'too-many', max: Number(issue.maximum) };
  if (field === 'sourceUrl') return { field, kind: 'url' };
  if (field === 'language') return { field, kind: 'language' };
  if (field === 'id') return { field, kind: 'id' };
  if (field === 'validFrom' || field === 'validUntil') {
    if (issue.code === 'custom' && field === 'validUntil') return { field, kind: 'date-order' };
    return { field, kind: 'date' };
  }
  if (issue.code === 'too_small') return { field, kind: 'required' };
  if (issue.code === 'too_big') return { field, kind: 'too-long', max: Number(issue.maximum) };
  return { field, kind: 'other', message: issue.message };
}

/** The snippet, validated, or every problem by field (one per field, the first the schema found). */
export function checkSnippet(input: SnippetInput): SnippetCheck {
  const problems: SnippetProblem[] = [];
  const seen = new Set<SnippetField>();
  const add = (problem: SnippetProblem) => {
    if (seen.has(problem.field)) return;
    seen.add(problem.field);
    problems.push(problem);
  };
  // Checked first, so a wrong day is reported as a date, not as an order problem it may also cause.
  for (const field of ['validFrom', 'validUntil'] as const) {
    const value = input[field];
    if (value !== undefined && !isCalendarDate(value)) add({ field, kind: 'date' });
  }
  const language = input.language?.trim();
  if (language && !LANGUAGE_TAG.test(language)) add({ field: 'language', kind: 'language' });
  const parsed = KnowledgeSnippet.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) add(problemOf(issue));
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, snippet: parsed.data };
}

/** "Refund policy (EU)" → "refund-policy-eu"; accents kept as their letter; '' when nothing is left. */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
}

/**
 * An id for a snippet made from its title, not yet in `taken` (which it is added to): "refund-policy", then
 * "refund-policy-2"… Titles with no Latin letters or digits (日本語) become "snippet", "snippet-2"….
 */
export function uniqueSnippetId(title: string, taken: Set<string>): string {
  const base = slugOf(title) || 'snippet';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Today's date in the agent's own time zone, as the snippet dates are written (validity is by local day). */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type Validity = 'current' | 'expired' | 'upcoming';

export function validityOn(
  snippet: Pick<KnowledgeSnippet, 'validFrom' | 'validUntil'>,
  today: string,
): Validity {
  if (snippet.validUntil && snippet.validUntil < today) return 'expired';
  if (snippet.validFrom && snippet.validFrom > today) return 'upcoming';
  return 'current';
}
