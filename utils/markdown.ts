// A small Markdown reader for what chat models actually write: paragraphs, lists (one nesting level),
// **bold**, *italic*, `code`, fenced code, #–### headings and [links](https://…).
// It returns plain data; components/Markdown.tsx turns it into React elements. Nothing here produces
// HTML, so HTML in the model's text stays text. Partial input (mid-stream) always parses: an unclosed
// marker is shown as the characters it is, never swallowed.

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'em'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  /** Only ever an http(s) URL; anything else stays text. */
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'break' };

export interface MarkdownListItem {
  children: MarkdownInline[];
  sublist?: MarkdownList;
}

export interface MarkdownList {
  type: 'list';
  ordered: boolean;
  /** The first number of an ordered list (1 for bullet lists). */
  start: number;
  items: MarkdownListItem[];
}

export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  /** Levels deeper than 3 are read as 3. */
  | { type: 'heading'; level: 1 | 2 | 3; children: MarkdownInline[] }
  | { type: 'codeblock'; text: string; language?: string }
  | MarkdownList;

// ---------------------------------------------------------------- blocks

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
/** Indentation (tabs count 4) from which a list line belongs to the previous item. */
const NESTED_INDENT = 2;

interface ListLine {
  indent: number;
  ordered: boolean;
  number: number;
  text: string;
}

interface DraftItem {
  lines: string[];
  sub?: { ordered: boolean; start: number; items: { lines: string[] }[] };
}

function indentOf(whitespace: string): number {
  let width = 0;
  for (const ch of whitespace) width += ch === '\t' ? 4 : 1;
  return width;
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function readListLine(line: string): ListLine | null {
  const match = LIST_ITEM.exec(line);
  if (!match) return null;
  const marker = match[2] ?? '-';
  const ordered = /\d/.test(marker);
  return {
    indent: indentOf(match[1] ?? ''),
    ordered,
    number: ordered ? Number.parseInt(marker, 10) : 1,
    text: match[3] ?? '',
  };
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || readListLine(line) !== null;
}

export function parseMarkdown(text: string): MarkdownBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let i = 0;

  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      const body: string[] = [];
      i++;
      // An unclosed fence (still streaming) runs to the end of the text.
      while (i < lines.length && !closing.test(lines[i] ?? '')) {
        body.push(lines[i] ?? '');
        i++;
      }
      i++; // the closing fence, if any
      const language = fence[2] ?? '';
      blocks.push(
        language
          ? { type: 'codeblock', text: body.join('\n'), language }
          : { type: 'codeblock', text: body.join('\n') },
      );
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      i++;
      const content = (heading[2] ?? '')
        .replace(/[ \t]+#+$/, '')
        .replace(/^#+$/, '')
        .trim();
      if (content === '') continue; // "#" alone, typically a heading still being streamed
      const level = Math.min(3, (heading[1] ?? '#').length) as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(content) });
      continue;
    }

    const first = readListLine(line);
    if (first) {
      const result = readList(lines, i, first);
      blocks.push(result.list);
      i = result.next;
      continue;
    }

    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (isBlank(current) || (paragraph.length > 0 && startsBlock(current))) break;
      paragraph.push(current.trim());
      i++;
    }
    blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
  }
  return blocks;
}

function readList(
  lines: string[],
  startIndex: number,
  first: ListLine,
): { list: MarkdownList; next: number } {
  const ordered = first.ordered;
  const items: DraftItem[] = [];
  let i = startIndex;

  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      // A blank line between items ("loose" list) keeps the list going; anything else ends it.
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j] ?? '')) j++;
      const next = j < lines.length ? readListLine(lines[j] ?? '') : null;
      if (next && (next.indent >= NESTED_INDENT || next.ordered === ordered)) {
        i = j;
        continue;
      }
      break;
    }

    const item = readListLine(line);
    const last = items[items.length - 1];
    if (item && item.indent >= NESTED_INDENT && last) {
      last.sub ??= { ordered: item.ordered, start: item.number, items: [] };
      last.sub.items.push({ lines: [item.text] });
    } else if (item) {
      if (items.length > 0 && item.ordered !== ordered) break; // a different kind of list starts
      items.push({ lines: [item.text] });
    } else if (last && indentOf(leadingWhitespace(line)) >= NESTED_INDENT) {
      // Continuation of the latest item (or of its latest sub-item).
      const target = last.sub?.items[last.sub.items.length - 1] ?? last;
      target.lines.push(line.trim());
    } else {
      break;
    }
    i++;
  }

  const list: MarkdownList = {
    type: 'list',
    ordered,
    start: ordered ? first.number : 1,
    items: items.map((item) => {
      const built: MarkdownListItem = { children: parseInline(item.lines.join('\n')) };
      if (item.sub) {
        built.sublist = {
          type: 'list',
          ordered: item.sub.ordered,
          start: item.sub.ordered ? item.sub.start : 1,
          items: item.sub.items.map((sub) => ({ children: parseInline(sub.lines.join('\n')) })),
        };
      }
      return built;
    }),
  };
  return { list, next: i };
}

// ---------------------------------------------------------------- inlines

const MAX_DEPTH = 8;
/** Longest link label / destination looked for: bounds the work on unclosed "[" in long text. */
const MAX_LABEL = 1000;
const MAX_DESTINATION = 4096;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|~<>]/;
const WORD = /[\p{L}\p{N}]/u;
const AUTOLINK = /^https?:\/\/[^\s<>"'`]+/;

interface InlineContext {
  depth: number;
  /** Inside a link label: no nested links. */
  inLink: boolean;
}

/** Inline Markdown of one paragraph, list item or heading; "\n" becomes a line break. */
export function parseInline(src: string): MarkdownInline[] {
  return readInlines(src, { depth: 0, inLink: false });
}

function readInlines(src: string, context: InlineContext): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  const push = (node: MarkdownInline) => {
    flush();
    out.push(node);
  };
  // Searches for a closing delimiter that failed from position p also fail from any later position
  // (a closer does not depend on its opener), so remember them: keeps unclosed markers linear.
  const noCloserFrom = new Map<string, number>();

  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const nextCh = src[i + 1] ?? '';

    if (ch === '\\' && ESCAPABLE.test(nextCh)) {
      buffer += nextCh;
      i += 2;
      continue;
    }

    if (ch === '\n') {
      push({ type: 'break' });
      i++;
      continue;
    }

    if (ch === '`') {
      const run = runLength(src, i, '`');
      const close = findBacktickRun(src, i + run, run, noCloserFrom);
      if (close >= 0) {
        push({ type: 'code', text: codeSpanText(src.slice(i + run, close)) });
        i = close + run;
      } else {
        buffer += src.slice(i, i + run);
        i += run;
      }
      continue;
    }

    if ((ch === '*' || ch === '_') && context.depth < MAX_DEPTH) {
      const emphasis = readEmphasis(src, i, context, noCloserFrom);
      if (emphasis) {
        push(emphasis.node);
        i = emphasis.end;
      } else {
        // Consume the whole run so an unclosed "**" stays "**" rather than becoming two single stars.
        const run = runLength(src, i, ch);
        buffer += src.slice(i, i + run);
        i += run;
      }
      continue;
    }

    if (ch === '[' && !context.inLink) {
      const link = readLink(src, i, context);
      if (link) {
        if (link.node.type === 'text') buffer += link.node.text;
        else push(link.node);
        i = link.end;
        continue;
      }
    }

    if (ch === 'h' && !context.inLink && !WORD.test(src[i - 1] ?? '')) {
      const auto = readAutolink(src, i);
      if (auto) {
        push(auto.node);
        i = auto.end;
        continue;
      }
    }

    buffer += ch;
    i++;
  }
  flush();
  return out;
}

function runLength(src: string, at: number, ch: string): number {
  let n = 0;
  while (src[at + n] === ch) n++;
  return n;
}

function findBacktickRun(
  src: string,
  from: number,
  length: number,
  noCloserFrom: Map<string, number>,
): number {
  const memoKey = `\`${length}`;
  if (from >= (noCloserFrom.get(memoKey) ?? Number.POSITIVE_INFINITY)) return -1;
  let j = src.indexOf('`', from);
  while (j >= 0) {
    const run = runLength(src, j, '`');
    if (run === length) return j;
    j = src.indexOf('`', j + run);
  }
  noCloserFrom.set(memoKey, from);
  return -1;
}

function codeSpanText(raw: string): string {
  const flat = raw.replace(/\n/g, ' ');
  return flat.length > 2 && flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== ''
    ? flat.slice(1, -1)
    : flat;
}

function isWhitespace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}

function readEmphasis(
  src: string,
  at: number,
  context: InlineContext,
  noCloserFrom: Map<string, number>,
): { node: MarkdownInline; end: number } | null {
  const ch = src[at] ?? '';
  const run = runLength(src, at, ch);
  if (run > 3) return null;
  const size = run;
  // Opening: followed by non-space; "_" only at a word start (snake_case stays text).
  if (isWhitespace(src[at + size] ?? '')) return null;
  if (ch === '_' && WORD.test(src[at - 1] ?? '')) return null;

  const memoKey = ch.repeat(size);
  if (at + size >= (noCloserFrom.get(memoKey) ?? Number.POSITIVE_INFINITY)) return null;
  let j = at + size;
  while (j < src.length) {
    const found = src.indexOf(ch, j);
    if (found < 0) break;
    const length = runLength(src, found, ch);
    const closesHere =
      !isWhitespace(src[found - 1] ?? '') &&
      (ch !== '_' || !WORD.test(src[found + length] ?? '')) &&
      length >= size &&
      (size !== 1 || length !== 2);
    if (closesHere) {
      // Use the last `size` characters of the run: "**a *b***" closes the inner "*" first.
      const closeAt = found + length - size;
      const inner = src.slice(at + size, closeAt);
      if (inner === '') return null;
      const children = readInlines(inner, { ...context, depth: context.depth + 1 });
      const node: MarkdownInline =
        size === 1
          ? { type: 'em', children }
          : size === 2
            ? { type: 'strong', children }
            : { type: 'strong', children: [{ type: 'em', children }] };
      return { node, end: closeAt + size };
    }
    j = found + length;
  }
  noCloserFrom.set(memoKey, at + size);
  return null;
}

/** The href when `raw` is an absolute http(s) URL, otherwise null. */
export function safeHref(raw: string): string | null {
  if (/\s/.test(raw)) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '') return null;
    return url.href;
  } catch {
    return null;
  }
}

function readLink(
  src: string,
  at: number,
  context: InlineContext,
): { node: MarkdownInline; end: number } | null {
  // The label: up to the matching "]" (nested brackets allowed).
  let depth = 0;
  let labelEnd = -1;
  const labelLimit = Math.min(src.length, at + MAX_LABEL);
  for (let j = at; j < labelLimit; j++) {
    const c = src[j];
    if (c === '\\') {
      j++;
    } else if (c === '[') {
      depth++;
    } else if (c === ']') {
      depth--;
      if (depth === 0) {
        labelEnd = j;
        break;
      }
    }
  }
  if (labelEnd < 0 || src[labelEnd + 1] !== '(') return null;

  // The destination: up to the matching ")".
  let parens = 0;
  let destEnd = -1;
  const destinationLimit = Math.min(src.length, labelEnd + MAX_DESTINATION);
  for (let j = labelEnd + 1; j < destinationLimit; j++) {
    const c = src[j];
    if (c === '\n') return null;
    if (c === '(') parens++;
    else if (c === ')') {
      parens--;
      if (parens === 0) {
        destEnd = j;
        break;
      }
    }
  }
  if (destEnd < 0) return null;

  const label = src.slice(at + 1, labelEnd);
  const destination = src.slice(labelEnd + 2, destEnd).trim();
  const target = (destination.split(/\s+/)[0] ?? '').replace(/^<(.*)>$/, '$1');
  const href = safeHref(target);
  const end = destEnd + 1;
  if (!href || label.trim() === '') return { node: { type: 'text', text: src.slice(at, end) }, end };
  return {
    node: {
      type: 'link',
      href,
      children: readInlines(label, { depth: context.depth + 1, inLink: true }),
    },
    end,
  };
}

function readAutolink(src: string, at: number): { node: MarkdownInline; end: number } | null {
  const match = AUTOLINK.exec(src.slice(at, at + 2048));
  if (!match) return null;
  let url = match[0];
  // Trailing punctuation belongs to the sentence, not the URL; ")" only when unbalanced.
  for (;;) {
    const last = url[url.length - 1] ?? '';
    if ('.,;:!?*_\'"]'.includes(last)) url = url.slice(0, -1);
    else if (last === ')' && countChar(url, ')') > countChar(url, '(')) url = url.slice(0, -1);
    else break;
  }
  const href = safeHref(url);
  if (!href) return null;
  return { node: { type: 'link', href, children: [{ type: 'text', text: url }] }, end: at + url.length };
}

function countChar(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** The plain text of inline nodes (for titles, tests, copy). */
export function inlineText(nodes: MarkdownInline[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'code') text += node.text;
    else if (node.type === 'break') text += '\n';
    else text += inlineText(node.children);
  }
  return text;
}
