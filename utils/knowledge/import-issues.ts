import type { KnowledgeSnippet } from '../presets/pack';
import type { SnippetProblem } from './snippet-check';

// What can be wrong with a knowledge file, as data: each screen words it in the agent's language
// (utils/options/knowledge-messages.ts). Every problem says where it is — a CSV row as a spreadsheet numbers it
// (the header is row 1), a Markdown snippet by its number and line, a JSON item by its number — so the team lead
// can fix the file and import it again.

/** 2 MB of text is thousands of snippets; anything bigger is a mistake (a database dump, a zip). */
export const MAX_KNOWLEDGE_FILE_BYTES = 2 * 1024 * 1024;
/** The most snippets one file may hold: the panel's retrieval is measured over 5,000. */
export const MAX_KNOWLEDGE_SNIPPETS = 5000;
/** Problems listed at most per file: past that, the file needs fixing as a whole, and the count says so. */
export const MAX_LISTED_ISSUES = 50;

export type KnowledgeFileFormat = 'markdown' | 'csv' | 'json';

export type IssuePlace =
  | { kind: 'row'; row: number }
  | { kind: 'snippet'; index: number; line: number }
  | { kind: 'item'; index: number };

export type ImportIssue =
  | { code: 'too-large'; bytes: number; max: number }
  | { code: 'too-many'; count: number; max: number }
  | { code: 'not-utf8' }
  | { code: 'empty' }
  | { code: 'unsupported-type'; name: string }
  | { code: 'json-syntax'; line?: number; column?: number; reason: string }
  | { code: 'json-shape' }
  | { code: 'json-not-object'; place: IssuePlace }
  | { code: 'csv-unterminated-quote'; line: number; row: number }
  | { code: 'csv-text-after-quote'; line: number; row: number }
  | { code: 'csv-unknown-columns'; columns: string[] }
  | { code: 'csv-missing-column'; column: string }
  | { code: 'csv-duplicate-column'; column: string }
  | { code: 'csv-extra-cells'; row: number; cells: number; expected: number }
  | { code: 'md-unclosed-front-matter'; line: number }
  | { code: 'md-bad-front-matter-line'; line: number; text: string }
  | { code: 'md-unknown-key'; line: number; key: string }
  | { code: 'duplicate-id'; id: string; place: IssuePlace; first: IssuePlace }
  | { code: 'field'; place: IssuePlace; problem: SnippetProblem }
  /** More problems than are listed (MAX_LISTED_ISSUES). */
  | { code: 'more'; count: number };

export type ParseKnowledgeResult =
  | { ok: true; format: KnowledgeFileFormat; snippets: KnowledgeSnippet[] }
  | { ok: false; format?: KnowledgeFileFormat; issues: ImportIssue[] };

/** Caps a list of problems at MAX_LISTED_ISSUES, saying how many more there were. */
export function capIssues(issues: ImportIssue[]): ImportIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  return [...issues.slice(0, MAX_LISTED_ISSUES), { code: 'more', count: issues.length - MAX_LISTED_ISSUES }];
}
