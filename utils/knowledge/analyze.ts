import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { CONFIDENT, detectLanguage } from '../ticket/language';
import { ANY_STOP_WORD, KNOWLEDGE_LANGUAGES, type KnowledgeLanguage, STOP_WORDS } from './stop-words';

// Text → index terms, the same way for snippets and tickets, so "Rückerstattungen" in a ticket meets
// "Rückerstattung" in a snippet: words (letters and digits), lower case, stop words dropped, stemmed with the
// language's Snowball stemmer, then folded (no diacritics) so "envio" typed without its accent meets "envío".
// Stemming runs before folding because the stemmers know their language's accented suffixes.

export { KNOWLEDGE_LANGUAGES, type KnowledgeLanguage };

const STEMMERS: Record<KnowledgeLanguage, (word: string) => string> = {
  en: english,
  de: german,
  sv: swedish,
  es: spanish,
  fr: french,
};

/** Longer "words" are ids, hashes or pasted junk: they never help a policy match. */
const MAX_WORD = 40;
const DETECT_CHARS = 600;
/** Distinct words remembered per language before starting over (bounds the memory to a few MB). */
const MAX_CACHED_TERMS = 100_000;
const TERM_CACHE: Record<KnowledgeLanguage | 'none', Map<string, string | null>> = {
  en: new Map(),
  de: new Map(),
  sv: new Map(),
  es: new Map(),
  fr: new Map(),
  none: new Map(),
};

/** "Å", "é", "ü", "ß" → "a", "e", "u", "ss"; lower case. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Most words are plain ASCII: no Unicode decomposition for them (it dominated building a large index).
  if (/^[a-z0-9]*$/.test(lower)) return lower;
  return lower
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

/** A word with an apostrophe: a French elision keeps what follows ("l’achat" → achat), else what precedes. */
function apostrophe(word: string): string {
  if (!/['’]/.test(word)) return word;
  const [before = '', after = ''] = word.split(/['’]/);
  return before.length <= 2 || before.endsWith('qu') ? after : before;
}

/** The words of a text, lower case, in order, with repeats: letters and digits, at least one letter. */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return found.map(apostrophe).filter((w) => w.length >= 2 && w.length <= MAX_WORD && /\p{L}/u.test(w));
}

/** A BCP 47 tag ("de-AT", "sv") → one of ours, else undefined. */
export function supportedLanguage(tag: string | undefined | null): KnowledgeLanguage | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return KNOWLEDGE_LANGUAGES.find((lang) => lang === primary);
}

/** The language to analyse a text in: the declared tag when it is one of ours, else detected when sure enough. */
export function languageOf(text: string, declared?: string): KnowledgeLanguage | undefined {
  if (declared) return supportedLanguage(declared);
  // A few hundred characters tell the language as well as the whole text, at a fraction of the cost.
  const guess = detectLanguage(text.slice(0, DETECT_CHARS));
  return guess.confidence >= CONFIDENT ? supportedLanguage(guess.code) : undefined;
}

function isStopWord(folded: string, language: KnowledgeLanguage | undefined): boolean {
  return (language ? STOP_WORDS[language] : ANY_STOP_WORD).has(folded);
}

/**
 * One word's index term in a known language, or null for a stop word. Unknown language: the folded word as it
 * is (not stemmed: a wrong language's stemmer mangles more than it helps).
 */
export function termOf(word: string, language: KnowledgeLanguage | undefined): string | null {
  // Memoised per language: thousands of snippets repeat the same words, and stemming is the costly part.
  const cache = TERM_CACHE[language ?? 'none'];
  const known = cache.get(word);
  if (known !== undefined) return known;
  const folded = fold(word);
  const term = isStopWord(folded, language) ? null : language ? fold(STEMMERS[language](word)) : folded;
  if (cache.size >= MAX_CACHED_TERMS) cache.clear();
  cache.set(word, term);
  return term;
}

/** Every term of a text (repeats kept: BM25 counts them). */
export function termsOf(text: string, language: KnowledgeLanguage | undefined): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word, language);
    if (term) out.push(term);
  }
  return out;
}

export interface QueryTerm {
  term: string;
  /** The word as the ticket wrote it (lower case), for "matched". */
  word: string;
}

/**
 * The terms a ticket's words look for. Known language: each word's stem. Unknown: the stems in every language we
 * support and the bare folded word (so it meets snippets of any language, and snippets whose language is unknown),
 * each once.
 */
export function queryTermsOf(text: string, language: KnowledgeLanguage | undefined): QueryTerm[] {
  const seen = new Set<string>();
  const out: QueryTerm[] = [];
  const add = (term: string | null, word: string) => {
    if (!term || seen.has(term)) return;
    seen.add(term);
    out.push({ term, word });
  };
  for (const word of words(text)) {
    if (language) {
      add(termOf(word, language), word);
      // A snippet whose language could not be told is indexed unstemmed: the bare word still meets it.
      if (!isStopWord(fold(word), language)) add(fold(word), word);
      continue;
    }
    if (isStopWord(fold(word), undefined)) continue;
    add(fold(word), word);
    for (const lang of KNOWLEDGE_LANGUAGES) add(termOf(word, lang), word);
  }
  return out;
}
