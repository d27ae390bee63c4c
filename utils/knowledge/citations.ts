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

export function splitCitations(text: string, options: SplitOptions): CitationSplit {
  const trimmed = text.replace(/\s+$/u, '');
  const cut = trimmed.lastIndexOf('\n');
  const last = trimmed.slice(cut + 1);
  const before = cut === -1 ? '' : trimmed.slice(0, cut);
  const ids = parseTrailer(last);
  // While streaming, the newest line is unfinished: "Sources: K1" may still become "Sources: K1, K3".
  const lineOpen = !options.final && !/\n\s*$/u.test(text);
  if (ids !== null) {
    const known = options.known ? new Set(options.known) : null;
    const cited = [...new Set(ids)].filter((id) => !known || known.has(id));
    return { reply: before.replace(/\s+$/u, ''), cited: lineOpen ? [] : cited, trailer: !lineOpen };
  }
  if (lineOpen && mayBecomeTrailer(last))
    return { reply: before.replace(/\s+$/u, ''), cited: [], trailer: false };
  return { reply: options.final ? trimmed : text, cited: [], trailer: false };
}
