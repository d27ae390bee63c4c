import type { ImportIssue, ParseKnowledgeResult } from './import-issues';
import { finishSnippets, languageValue, optional, type RawSnippet, splitTags } from './import-rows';

// Knowledge as JSON (docs/knowledge-files.md): an array of snippets, `{ "knowledge": [ … ] }` (what "Export"
// writes), or a whole preset pack, whose `knowledge` is taken (its presets are imported in Presets). Each snippet
// has the pack's fields (title, text, tags, sourceUrl, language, validFrom, validUntil, id); `body`, `source_url`,
// `valid_from` and `valid_until` are read too, so a list written by hand or by another tool needs no renaming.

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** JSON.parse's message names the place differently per engine: "(line 3 column 5)" or "at position 42". */
export function jsonSyntaxIssue(error: unknown, text: string): ImportIssue {
  const raw = error instanceof Error ? error.message : String(error);
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /position (\d+)/.exec(raw);
  const place = lc
    ? { line: Number(lc[1]), column: Number(lc[2]) }
    : pos
      ? lineColumn(text, Number(pos[1]))
      : /end of (JSON )?(input|data)/i.test(raw)
        ? lineColumn(text, text.length)
        : undefined;
  const reason = raw
    .replace(/^JSON\.parse: /, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '')
    .replace(/,? ?"[^"]*"\.\.\. is not valid JSON$/, '')
    .slice(0, 200);
  return { code: 'json-syntax', ...place, reason };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value read as text: numbers become their digits (a title 2026 is a title), anything else is missing. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function first(item: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = text(item[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function tagsOf(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(text)
      .filter((t): t is string => !!t?.trim())
      .map((t) => t.trim());
  return splitTags(text(value));
}

export function parseKnowledgeJson(source: string): ParseKnowledgeResult {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    return { ok: false, format: 'json', issues: [jsonSyntaxIssue(error, source)] };
  }
  const items = Array.isArray(raw)
    ? raw
    : isObject(raw) && Array.isArray(raw.knowledge)
      ? raw.knowledge
      : null;
  if (!items) return { ok: false, format: 'json', issues: [{ code: 'json-shape' }] };
  const issues: ImportIssue[] = [];
  const rows: RawSnippet[] = [];
  for (const [i, item] of items.entries()) {
    const place = { kind: 'item', index: i + 1 } as const;
    if (!isObject(item)) {
      issues.push({ code: 'json-not-object', place });
      continue;
    }
    const id = optional(first(item, 'id'));
    rows.push({
      place,
      ...(id ? { id } : {}),
      title: first(item, 'title')?.trim() ?? '',
      text: first(item, 'text', 'body')?.trim() ?? '',
      tags: tagsOf(item.tags),
      sourceUrl: optional(first(item, 'sourceUrl', 'source_url', 'source', 'url')),
      language: languageValue(first(item, 'language', 'lang')),
      validFrom: optional(first(item, 'validFrom', 'valid_from')),
      validUntil: optional(first(item, 'validUntil', 'valid_until')),
    });
  }
  if (issues.length) return { ok: false, format: 'json', issues };
  return finishSnippets('json', rows);
}
