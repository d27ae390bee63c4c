// The model ends a grounded draft with one line naming the snippets it used ("Sources: K1, K3" or
// "Sources: none"; utils/knowledge/prompt-section.ts asks for it). This splits that trailer off: the reply goes to
// the draft box, the ids to the "Sources used" list. Models vary the line (bold, brackets, another language, "K 1"),
// and while streaming it arrives in pieces, so a last line that could still become the trailer is held back.

export interface CitationSplit {
  /** The text for the draft box: never contains the trailer (or, while streaming, its start). */
  reply: string;
  /** Snippet ids cited ("K1"…), in order, without repeats; only ids in `known` when it is given. */
  cited: string[];
  /** A complete trailer line was found (false: the model named no sources at all). */
  trailer: boolean;
}

export interface SplitOptions {
  /** The text is complete: a last line that merely starts like a trailer is reply text after all. */
  final: boolean;
  /** The ids that were sent (K1…Kn): anything else is ignored. */
  known?: readonly string[];
}

// "Sources", and the word in the languages drafts are written in (de, sv, es, fr, it, nl, pt), singular or plural.
const LABELS = [
  'sources used',
  'sources',
  'source',
  'references',
  'reference',
  'quellen',
  'quelle',
  'källor',
  'källa',
  'fuentes',
  'fuente',
  'références',
  'référence',
  'fonti',
  'fonte',
  'bronnen',
  'bron',
  'fontes',
] as const;

const LABEL_RE = new RegExp(`^(?:${LABELS.map((l) => l.replace(/ /g, '\\s+')).join('|')})\\s*[:：]`, 'iu');
// Decoration models put around the line: Markdown emphasis, brackets, a leading dash or "—".
const DECORATION_RE = /[*_`[\](){}]/g;
const NONE_RE =
  /^(?:none|no(?:ne)?|keine|inga|ingen|ninguna|ninguno|aucune|aucun|nessuna|geen|nenhuma|n\/a|-|—)\.?$/iu;
const ID_RE = /\bK\s?(\d{1,2})\b/giu;

function undecorated(line: string): string {
  return line
    .replace(DECORATION_RE, ' ')
    .replace(/^\s*[-–—>•]+\s*/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cited ids of a trailer line, or null when the line is not a trailer. */
function parseTrailer(line: string): string[] | null {
  const flat = undecorated(line);
  const label = LABEL_RE.exec(flat);
  if (!label) return null;
  const rest = flat
    .slice(label[0].length)
    .trim()
    .replace(/[.;]+$/u, '');
  if (rest === '' || NONE_RE.test(rest)) return [];
  const ids = [...rest.matchAll(ID_RE)].map((m) => `K${Number(m[1])}`);
  // "Sources: the refund policy" is a sentence that happens to start like the trailer, not a trailer.
  return ids.length > 0 ? ids : null;
}

/** True while `line` (the unfinished last line of a stream) could still grow into a trailer. */
function mayBecomeTrailer(line: string): boolean {
  const flat = undecorated(line).toLowerCase();
  if (flat === '') return line.trim() !== '';
  if (LABEL_RE.test(flat)) return true;
  return LABELS.some((label) => label.startsWith(flat));
}

/** How many of the last non-empty lines are searched: models put the line before a sign-off too. */
const TRAILER_SEARCH_LINES = 4;
// "…in 5 business days. Sources: K1" — the trailer written at the end of the reply's last sentence.
const INLINE_TAIL_RE = new RegExp(
  `\\s+[*_([]*(?:${LABELS.map((l) => l.replace(/ /g, '\\s+')).join('|')})\\s*[:：]\\s*K\\s?\\d{1,2}(?:\\s*(?:[,;&/]|and|und|och|y|et)\\s*K\\s?\\d{1,2})*[*_)\\].]*\\s*$`,
  'iu',
);
/** A trailer cut off mid-line at the end of a stopped answer: "Sources: K", "Sources: K1,". */
const PARTIAL_TRAILER_REST_RE = /^[kK\s\d,;]*$/u;

export function splitCitations(text: string, options: SplitOptions): CitationSplit {
  const known = options.known ? new Set(options.known) : null;
  const pick = (ids: string[]) => [...new Set(ids)].filter((id) => !known || known.has(id));
  // While streaming, the newest line is unfinished: "Sources: K1" may still become "Sources: K1, K3".
  const lineOpen = !options.final && !/\n\s*$/u.test(text);
  const lines = (options.final ? text.replace(/\s+$/u, '') : text).split('\n');
  let open = lineOpen ? (lines.pop() ?? '') : null;
  const heldBack = open !== null && (parseTrailer(open) !== null || mayBecomeTrailer(open));
  if (heldBack) open = null;

  let cited: string[] = [];
  let trailer = false;
  for (let i = lines.length - 1, seen = 0; i >= 0 && seen < TRAILER_SEARCH_LINES; i--) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    seen++;
    const ids = parseTrailer(line);
    if (ids !== null) {
      cited = pick(ids);
      trailer = true;
      lines.splice(i, 1);
      // Between paragraphs (before a sign-off): one blank line stays, not two.
      if (i > 0 && lines[i - 1]?.trim() === '' && lines[i]?.trim() === '') lines.splice(i, 1);
      break;
    }
  }
  const lastIndex = lines.findLastIndex((line) => line.trim() !== '');
  const last = lines[lastIndex] ?? '';
  if (!trailer && lastIndex !== -1 && open === null) {
    const tail = INLINE_TAIL_RE.exec(last);
    if (tail) {
      cited = pick([...tail[0].matchAll(ID_RE)].map((m) => `K${Number(m[1])}`));
      trailer = true;
      lines[lastIndex] = last.slice(0, tail.index);
    } else if (options.final) {
      // A stopped answer can end inside its trailer; that fragment is not reply text.
      const label = LABEL_RE.exec(undecorated(last));
      if (label && PARTIAL_TRAILER_REST_RE.test(undecorated(last).slice(label[0].length)))
        lines.splice(lastIndex, 1);
    }
  }
  const joined = [...lines, ...(open !== null ? [open] : [])].join('\n');
  const changed = trailer || heldBack || options.final;
  return { reply: changed ? joined.replace(/\s+$/u, '') : joined, cited, trailer };
}
