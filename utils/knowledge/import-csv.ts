import { parseCsv } from './csv';
import type { ImportIssue, ParseKnowledgeResult } from './import-issues';
import { finishSnippets, languageValue, optional, type RawSnippet, splitTags } from './import-rows';

// Knowledge as a spreadsheet (docs/knowledge-files.md): a header row naming the columns, then one snippet per
// row. Column names are matched without regard to case, spaces or dashes ("Valid from" = valid_from); a few
// common other names are accepted (text for body, url for source_url). Unknown columns are refused rather than
// ignored: a misspelt "valid_untill" silently dropped would keep an expired policy in every draft.

export const CSV_COLUMNS = [
  'title',
  'body',
  'tags',
  'source_url',
  'language',
  'valid_from',
  'valid_until',
  'id',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const ALIASES: Record<string, CsvColumn> = {
  text: 'body',
  url: 'source_url',
  source: 'source_url',
  sourceurl: 'source_url',
  lang: 'language',
  validfrom: 'valid_from',
  validuntil: 'valid_until',
};

function columnOf(header: string): CsvColumn | undefined {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((CSV_COLUMNS as readonly string[]).includes(name)) return name as CsvColumn;
  return ALIASES[name.replace(/_/g, '')];
}

export function parseKnowledgeCsv(text: string): ParseKnowledgeResult {
  const csv = parseCsv(text);
  if (!csv.ok) {
    const { kind, line, record } = csv.error;
    const code = kind === 'unterminated-quote' ? 'csv-unterminated-quote' : 'csv-text-after-quote';
    return { ok: false, format: 'csv', issues: [{ code, line, row: record }] };
  }
  const [header, ...records] = csv.records;
  if (!header) return { ok: false, format: 'csv', issues: [{ code: 'empty' }] };
  const columns = header.cells.map(columnOf);
  const issues: ImportIssue[] = [];
  const unknown = header.cells.filter((_, i) => columns[i] === undefined).map((c) => c.trim());
  if (unknown.length) issues.push({ code: 'csv-unknown-columns', columns: unknown });
  for (const [i, column] of columns.entries())
    if (column && columns.indexOf(column) !== i) issues.push({ code: 'csv-duplicate-column', column });
  for (const required of ['title', 'body'] as const)
    if (!columns.includes(required)) issues.push({ code: 'csv-missing-column', column: required });
  if (issues.length) return { ok: false, format: 'csv', issues };

  const rows: RawSnippet[] = [];
  for (const [i, record] of records.entries()) {
    // The header is row 1, as a spreadsheet numbers it; a multi-line cell is still one row there.
    const row = i + 2;
    // Trailing empty cells (a spreadsheet's "a,b,,") are harmless; text beyond the header is not. The row is
    // still checked, so every problem of the file is listed at once.
    if (record.cells.slice(columns.length).some((cell) => cell.trim() !== ''))
      issues.push({ code: 'csv-extra-cells', row, cells: record.cells.length, expected: columns.length });
    const cell = (column: CsvColumn) => {
      const at = columns.indexOf(column);
      return at < 0 ? undefined : record.cells[at];
    };
    const id = optional(cell('id'));
    rows.push({
      place: { kind: 'row', row },
      ...(id ? { id } : {}),
      title: cell('title')?.trim() ?? '',
      text: cell('body')?.trim() ?? '',
      tags: splitTags(cell('tags')),
      sourceUrl: optional(cell('source_url')),
      language: languageValue(cell('language')),
      validFrom: optional(cell('valid_from')),
      validUntil: optional(cell('valid_until')),
    });
  }
  return finishSnippets('csv', rows, issues);
}
