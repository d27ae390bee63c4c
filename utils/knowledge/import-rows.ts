import type { KnowledgeSnippet } from '../presets/pack';
import {
  capIssues,
  type ImportIssue,
  type IssuePlace,
  type KnowledgeFileFormat,
  MAX_KNOWLEDGE_SNIPPETS,
  type ParseKnowledgeResult,
} from './import-issues';
import { checkSnippet, type SnippetInput, uniqueSnippetId } from './snippet-check';

const OPTIONAL_FIELDS = ['sourceUrl', 'language', 'validFrom', 'validUntil'] as const;

// The last step every file format shares: the rows a format read (CSV rows, Markdown blocks, JSON items) become
// snippets — ids given from titles where the file has none, every row checked with the store's schema, ids
// unique — or every problem with its place. All or nothing: one bad row and no snippet is returned.

export interface RawSnippet {
  place: IssuePlace;
  /** From the file, when it names one; otherwise made from the title. */
  id?: string;
  title: string;
  text: string;
  tags: string[];
  sourceUrl?: string;
  language?: string;
  validFrom?: string;
  validUntil?: string;
}

/** '' and "detect"/"auto" mean "no language given" (the index detects it). */
export function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function languageValue(value: string | undefined): string | undefined {
  const trimmed = optional(value);
  return trimmed && !/^(detect|auto)$/i.test(trimmed) ? trimmed : undefined;
}

/** "refund; billing | eu" → ["refund", "billing", "eu"]: `;`, `|` and `,` all separate tags. */
export function splitTags(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[;|,]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** Where a problem is in the file, to list problems in file order (0: the file as a whole). */
function orderOf(issue: ImportIssue): number {
  if (issue.code === 'csv-extra-cells') return issue.row;
  if (issue.code !== 'field' && issue.code !== 'duplicate-id') return 0;
  const { place } = issue;
  return place.kind === 'row' ? place.row : place.index;
}

/**
 * `earlier`: problems the format found in these rows itself (a CSV row with too many cells); listed with the
 * rows' own problems, in file order, so the team lead sees every problem of the file at once.
 */
export function finishSnippets(
  format: KnowledgeFileFormat,
  rows: readonly RawSnippet[],
  earlier: readonly ImportIssue[] = [],
): ParseKnowledgeResult {
  if (rows.length === 0) return { ok: false, format, issues: [{ code: 'empty' }] };
  if (rows.length > MAX_KNOWLEDGE_SNIPPETS)
    return {
      ok: false,
      format,
      issues: [{ code: 'too-many', count: rows.length, max: MAX_KNOWLEDGE_SNIPPETS }],
    };
  const issues: ImportIssue[] = [...earlier];
  // Ids the file names are kept as they are; made-up ones must not take them.
  const firstPlace = new Map<string, IssuePlace>();
  for (const row of rows) {
    if (row.id === undefined) continue;
    const first = firstPlace.get(row.id);
    if (first) issues.push({ code: 'duplicate-id', id: row.id, place: row.place, first });
    else firstPlace.set(row.id, row.place);
  }
  const taken = new Set(firstPlace.keys());
  const snippets: KnowledgeSnippet[] = [];
  for (const row of rows) {
    const input: SnippetInput = {
      id: row.id ?? uniqueSnippetId(row.title, taken),
      title: row.title,
      text: row.text,
      tags: row.tags,
    };
    // Absent rather than undefined, so a stored snippet compares equal to the same one read again.
    for (const key of OPTIONAL_FIELDS) {
      const value = row[key];
      if (value !== undefined) input[key] = value;
    }
    const check = checkSnippet(input);
    if (check.ok) snippets.push(check.snippet);
    else for (const problem of check.problems) issues.push({ code: 'field', place: row.place, problem });
  }
  if (issues.length)
    return { ok: false, format, issues: capIssues(issues.sort((a, b) => orderOf(a) - orderOf(b))) };
  return { ok: true, format, snippets };
}
