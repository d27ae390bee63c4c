// Finds English sentences left in string and template literals of TypeScript code (utils/), for
// i18n-hardcoded-utils.test.ts. A small tokenizer, not a parser: it knows comments, strings, templates (with nested
// `${…}` expressions) and regular expression literals well enough that none of them is mistaken for another.

/** A literal that reads as a sentence shown to a person. */
export interface Finding {
  line: number;
  text: string;
}

/** The marker a literal's previous line carries when it is meant to stay English: `// i18n-ignore: <reason>`. */
export const IGNORE_MARKER = /^\s*\/\/\s*i18n-ignore:\s*\S/;

interface Literal {
  line: number;
  /** The literal's text; a template's `${…}` parts read as "…". */
  text: string;
  /** The literal names a module (import … from '…', import('…'), require('…')). */
  modulePath: boolean;
  /** Offset of the opening quote or backtick in the source. */
  start: number;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

type Previous = { kind: 'none' | 'ident' | 'value' | 'punct'; value: string };

/** Every string and template literal of `source`, with comments and regular expressions skipped. */
export function literalsOf(source: string): Literal[] {
  const literals: Literal[] = [];
  let i = 0;
  let line = 1;
  let prev: Previous = { kind: 'none', value: '' };
  let beforePrev: Previous = prev;
  // Open templates: each frame is one template whose `${` expression is being read, with the brace depth at which
  // its `}` resumes the template.
  const templates: { parts: string[]; line: number; depth: number; start: number }[] = [];
  let depth = 0;

  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (source[k] === '\n') line++;
    i = to;
  };
  const setPrev = (next: Previous) => {
    beforePrev = prev;
    prev = next;
  };
  const isModulePath = () =>
    (prev.kind === 'ident' && (prev.value === 'from' || prev.value === 'import')) ||
    (prev.kind === 'punct' &&
      prev.value === '(' &&
      beforePrev.kind === 'ident' &&
      (beforePrev.value === 'import' || beforePrev.value === 'require'));

  /** Reads template text from i (just after ` or }) to the closing ` or the next `${`. */
  const readTemplateText = (frame: {
    parts: string[];
    line: number;
    depth: number;
  }): 'end' | 'expression' => {
    let text = '';
    while (i < source.length) {
      const c = source[i]!;
      if (c === '\\') {
        text += source.slice(i, i + 2);
        advance(i + 2);
        continue;
      }
      if (c === '`') {
        frame.parts.push(text);
        advance(i + 1);
        return 'end';
      }
      if (c === '$' && source[i + 1] === '{') {
        frame.parts.push(text);
        advance(i + 2);
        return 'expression';
      }
      text += c;
      advance(i + 1);
    }
    frame.parts.push(text);
    return 'end';
  };

  const finishTemplate = (frame: { parts: string[]; line: number; start: number }, modulePath: boolean) => {
    literals.push({ line: frame.line, text: frame.parts.join('…'), modulePath, start: frame.start });
    setPrev({ kind: 'value', value: '`' });
  };

  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') {
      advance(i + 1);
      continue;
    }
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      advance(end < 0 ? source.length : end);
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      advance(end < 0 ? source.length : end + 2);
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      const startLine = line;
      let k = i + 1;
      while (k < source.length && source[k] !== c && source[k] !== '\n') k += source[k] === '\\' ? 2 : 1;
      const raw = source.slice(start + 1, k);
      literals.push({ line: startLine, text: raw, modulePath: isModulePath(), start });
      advance(k + 1);
      setPrev({ kind: 'value', value: c });
      continue;
    }
    if (c === '`') {
      const frame = { parts: [] as string[], line, depth: 0, start: i };
      const modulePath = isModulePath();
      advance(i + 1);
      if (readTemplateText(frame) === 'end') finishTemplate(frame, modulePath);
      else {
        frame.depth = depth;
        templates.push(frame);
        setPrev({ kind: 'punct', value: '${' });
      }
      continue;
    }
    if (c === '/') {
      const regexAllowed =
        prev.kind === 'none' ||
        (prev.kind === 'punct' && ![')', ']', '}'].includes(prev.value)) ||
        (prev.kind === 'ident' && KEYWORDS_BEFORE_EXPRESSION.has(prev.value));
      if (regexAllowed) {
        let k = i + 1;
        let inClass = false;
        while (k < source.length && source[k] !== '\n') {
          const r = source[k];
          if (r === '\\') k += 2;
          else {
            if (r === '[') inClass = true;
            else if (r === ']') inClass = false;
            else if (r === '/' && !inClass) break;
            k++;
          }
        }
        k++;
        while (k < source.length && /[a-z]/i.test(source[k]!)) k++;
        advance(k);
        setPrev({ kind: 'value', value: '/re/' });
        continue;
      }
    }
    if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 100))!;
      advance(i + match[0].length);
      setPrev({ kind: 'ident', value: match[0] });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const match = /^[0-9][\w.]*/.exec(source.slice(i, i + 100))!;
      advance(i + match[0].length);
      setPrev({ kind: 'value', value: match[0] });
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      const frame = templates.at(-1);
      if (frame && frame.depth === depth) {
        advance(i + 1);
        if (readTemplateText(frame) === 'end') {
          templates.pop();
          finishTemplate(frame, false);
        } else setPrev({ kind: 'punct', value: '${' });
        continue;
      }
      depth--;
    }
    advance(i + 1);
    setPrev({ kind: 'punct', value: c });
  }
  return literals;
}

const WORD = /^[("“«‘'[]?[A-Za-z][a-z’'-]*[)”»’',.;:!?…\]]*$/;

/**
 * Whether a literal reads as an English sentence for a person: at least three words that are mostly real words,
 * starting with a capital letter followed by a lowercase word, or ending like a sentence. Keys (no spaces),
 * selectors, URLs, regular expression sources and module paths are not sentences.
 */
export function looksLikeSentence(text: string): boolean {
  const s = text.trim();
  if (!/\s/.test(s)) return false;
  if (s.includes('://') || /^(\.{0,2}\/|@\/|#)/.test(s)) return false;
  // Regular expression sources built from strings, and CSS selectors.
  if (/\\[bdswBDSW]|\(\?[:=!<]|\[[a-z-]+[~|^$*]?=|^[.#[]/.test(s)) return false;
  const tokens = s.split(/\s+/);
  const words = tokens.filter((token) => WORD.test(token));
  if (words.length < 3 || words.length < tokens.length / 2) return false;
  // "Insert failed" starts a sentence; "Jira Service Management" is a name.
  const capitalStart = /^[“"'(]?[A-Z][a-z’']*,?\s+[a-z]/.test(s);
  const sentenceEnd = /[a-z)”’'…][.!?]$|[a-z]…$/.test(s);
  return capitalStart || sentenceEnd;
}

/**
 * Whether the literal at `start` is the first argument of a console call or of an injected `log` function: text for
 * whoever reads the service worker's console, not for the agent.
 */
function isConsoleText(source: string, start: number): boolean {
  const before = source.slice(Math.max(0, start - 120), start).replace(/\s+/g, '');
  return /(\bconsole\.(log|info|warn|error|debug)|\blog\??\.?)\($/.test(before);
}

/** The English sentences in `source` still to move into the locale files (module paths, console text and marked lines skipped). */
export function untranslatedInCode(source: string): Finding[] {
  const lines = source.split('\n');
  return literalsOf(source)
    .filter((literal) => !literal.modulePath && looksLikeSentence(literal.text))
    .filter((literal) => !isConsoleText(source, literal.start))
    .filter((literal) => !IGNORE_MARKER.test(lines[literal.line - 2] ?? ''))
    .map(({ line, text }) => ({ line, text }));
}

/** How many literals of `source` carry the ignore marker (kept rare: the test counts them). */
export function ignoreMarkers(source: string): number {
  return source.split('\n').filter((l) => IGNORE_MARKER.test(l)).length;
}
