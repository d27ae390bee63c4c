import type { ImportIssue, ParseKnowledgeResult } from './import-issues';
import { finishSnippets, languageValue, optional, type RawSnippet, splitTags } from './import-rows';

// Knowledge as Markdown (docs/knowledge-files.md). Two shapes:
// - one snippet per file: the body is the whole file; the title is its first line when that is a heading
//   ("# Refund policy", removed from the body), otherwise the file's name;
// - several snippets: the file starts with a front matter block — a line `---`, `key: value` lines, a line
//   `---` — then that snippet's body, up to the next front matter block, and so on. Keys: title (required),
//   tags, source, language, valid_from, valid_until, id. A `---` inside a body is a horizontal rule unless the
//   lines after it look like front matter (only `key: value` lines up to another `---`).

type FrontMatterField = 'title' | 'tags' | 'sourceUrl' | 'language' | 'validFrom' | 'validUntil' | 'id';

const KEYS: Record<string, FrontMatterField> = {
  title: 'title',
  tags: 'tags',
  source: 'sourceUrl',
  sourceurl: 'sourceUrl',
  url: 'sourceUrl',
  language: 'language',
  lang: 'language',
  validfrom: 'validFrom',
  validuntil: 'validUntil',
  id: 'id',
};

const KEY_LINE = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;
const FENCE = '---';
/** A front matter block longer than this is not one (a body with a rule and a long "key: value" list). */
const MAX_FRONT_MATTER_LINES = 40;

const isFence = (line: string | undefined) => line?.trim() === FENCE;

/** `"a: b"` and `'x'` lose their quotes; `[a, b]` (a YAML list) loses its brackets. */
function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))))
    return v.slice(1, -1);
  return v;
}

function tagsOf(value: string): string[] {
  const v = value.trim();
  const list = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v;
  return splitTags(list).map(unquote).filter(Boolean);
}

/** Whether the `---` at `at` opens a front matter block: only blank or `key: value` lines up to the next `---`. */
function opensFrontMatter(lines: readonly string[], at: number): boolean {
  let keys = 0;
  for (let i = at + 1; i < lines.length && i <= at + MAX_FRONT_MATTER_LINES; i += 1) {
    const line = lines[i] ?? '';
    if (isFence(line)) return keys > 0;
    if (line.trim() === '') continue;
    if (!KEY_LINE.test(line.trim())) return false;
    keys += 1;
  }
  return false;
}

function singleSnippet(lines: readonly string[], fileName: string): RawSnippet {
  const first = lines.findIndex((line) => line.trim() !== '');
  const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(lines[first] ?? '');
  const title = heading?.[1] ?? fileName.replace(/\.[^.]+$/, '').trim();
  const body = heading ? lines.slice(first + 1) : lines;
  return { place: { kind: 'snippet', index: 1, line: 1 }, title, text: body.join('\n').trim(), tags: [] };
}

export function parseKnowledgeMarkdown(text: string, fileName: string): ParseKnowledgeResult {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start < 0) return { ok: false, format: 'markdown', issues: [{ code: 'empty' }] };
  if (!isFence(lines[start])) return finishSnippets('markdown', [singleSnippet(lines, fileName)]);

  const issues: ImportIssue[] = [];
  const rows: RawSnippet[] = [];
  let at = start;
  while (at < lines.length) {
    const openLine = at + 1;
    let close = at + 1;
    while (close < lines.length && !isFence(lines[close])) close += 1;
    if (close >= lines.length) {
      issues.push({ code: 'md-unclosed-front-matter', line: openLine });
      break;
    }
    const row: RawSnippet = {
      place: { kind: 'snippet', index: rows.length + 1, line: openLine },
      title: '',
      text: '',
      tags: [],
    };
    for (let i = at + 1; i < close; i += 1) {
      const line = (lines[i] ?? '').trim();
      if (line === '' || line.startsWith('#')) continue;
      const match = KEY_LINE.exec(line);
      if (!match) {
        issues.push({ code: 'md-bad-front-matter-line', line: i + 1, text: line.slice(0, 80) });
        continue;
      }
      const key = KEYS[(match[1] ?? '').toLowerCase().replace(/[_-]/g, '')];
      const value = match[2] ?? '';
      if (!key) issues.push({ code: 'md-unknown-key', line: i + 1, key: match[1] ?? '' });
      else if (key === 'tags') row.tags = tagsOf(value);
      else if (key === 'language') row.language = languageValue(unquote(value));
      else if (key === 'title') row.title = unquote(value);
      else {
        const v = optional(unquote(value));
        if (v !== undefined) row[key] = v;
      }
    }
    let next = close + 1;
    while (next < lines.length && !(isFence(lines[next]) && opensFrontMatter(lines, next))) next += 1;
    row.text = lines
      .slice(close + 1, next)
      .join('\n')
      .trim();
    rows.push(row);
    at = next;
  }
  if (issues.length) return { ok: false, format: 'markdown', issues };
  return finishSnippets('markdown', rows);
}
