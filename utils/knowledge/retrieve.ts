import MiniSearch from 'minisearch';
import type { Ticket } from '../ticket/ticket';
import { languageOf, queryTermsOf, supportedLanguage, termsOf } from './analyze';
import type { StoredSnippet } from './db-tables';

// THE SEAM between the knowledge index and its users (background suggestions, the benchmark): BM25 over the
// snippets (MiniSearch), each snippet analysed in its own language (analyze.ts: stop words, Snowball stem, folded
// diacritics), title and tags weighing more than the body. Terms are made here, not by MiniSearch, so one
// index holds snippets of several languages: MiniSearch only sees ready terms separated by spaces.

export interface KnowledgeQuery {
  /** Words to match: the ticket's subject and the customer's recent messages. */
  text: string;
  /** The ticket's language (BCP 47 primary tag) when known: picks the stemmer for the query. */
  language?: string;
}

export interface SnippetHit {
  key: string;
  score: number;
  /** Query words (as typed, not stemmed) that matched, for "why proposed". */
  matched: string[];
}

export interface KnowledgeIndex {
  readonly size: number;
  /** Best first; snippets outside their valid dates on `today` (YYYY-MM-DD, local) are never returned. */
  search(query: KnowledgeQuery, options: { limit: number; today: string }): SnippetHit[];
}

/** A title word counts as much as three body words, a tag as two: both are the author's own summary. */
export const FIELD_BOOST = { title: 3, tags: 2, text: 1 } as const;
/** A long ticket is cut to its first distinct terms (subject first), so one search stays cheap. */
export const MAX_QUERY_TERMS = 160;
/**
 * A body counts with its first terms only: a long article's topic is in its opening, and this bounds what one
 * snippet costs the index (and the BM25 length normalisation does not bury a long policy).
 */
export const MAX_BODY_TERMS = 400;
/** The ticket's subject says what it is about more than the rest of the thread. */
const SUBJECT_BOOST = 1.5;

interface IndexedDoc {
  key: string;
  title: string;
  tags: string;
  text: string;
  validFrom?: string;
  validUntil?: string;
}

const spaceSeparated = (text: string) => text.split(' ').filter(Boolean);
const asIs = (term: string) => term;

/** One snippet as MiniSearch sees it: its fields already turned into terms. */
export function indexedDoc(row: StoredSnippet): IndexedDoc {
  const { snippet } = row;
  const language = languageOf(`${snippet.title}\n${snippet.text}`, snippet.language);
  return {
    key: row.key,
    title: termsOf(snippet.title, language).join(' '),
    tags: termsOf(snippet.tags.join(' '), language).join(' '),
    text: termsOf(snippet.text.slice(0, MAX_BODY_TERMS * 12), language)
      .slice(0, MAX_BODY_TERMS)
      .join(' '),
    ...(snippet.validFrom ? { validFrom: snippet.validFrom } : {}),
    ...(snippet.validUntil ? { validUntil: snippet.validUntil } : {}),
  };
}

function emptyMiniSearch(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>({
    idField: 'key',
    fields: ['title', 'tags', 'text'],
    storeFields: ['validFrom', 'validUntil'],
    tokenize: spaceSeparated,
    processTerm: asIs,
    searchOptions: { tokenize: spaceSeparated, processTerm: asIs },
  });
}

function validOn(today: string, from: unknown, until: unknown): boolean {
  return (typeof from !== 'string' || from <= today) && (typeof until !== 'string' || today <= until);
}

/** Sorted by key, so the same snippets always make the same index whatever order they were read in. */
function byKey(rows: readonly StoredSnippet[]): StoredSnippet[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function indexOver(search: MiniSearch<IndexedDoc>): KnowledgeIndex {
  return {
    size: search.documentCount,
    search(query, { limit, today }) {
      if (search.documentCount === 0) return [];
      const subject = query.text.split('\n', 1)[0] ?? '';
      const language = supportedLanguage(query.language) ?? languageOf(query.text);
      const subjectTerms = new Set(queryTermsOf(subject, language).map((q) => q.term));
      const queryTerms = queryTermsOf(query.text, language).slice(0, MAX_QUERY_TERMS);
      if (queryTerms.length === 0) return [];
      const wordOf = new Map(queryTerms.map((q) => [q.term, q.word]));
      const results = search.search(queryTerms.map((q) => q.term).join(' '), {
        boost: FIELD_BOOST,
        boostTerm: (term) => (subjectTerms.has(term) ? SUBJECT_BOOST : 1),
        filter: (result) => validOn(today, result.validFrom, result.validUntil),
      });
      // Ties are broken by key so the same ticket always gets the same list.
      results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return results.slice(0, limit).map((result) => {
        const matched = new Set(result.terms.flatMap((term) => wordOf.get(term) ?? []));
        return {
          key: String(result.id),
          score: result.score,
          matched: queryTerms
            .map((q) => q.word)
            .filter((w, i, all) => matched.has(w) && all.indexOf(w) === i),
        };
      });
    },
  };
}

export function buildKnowledgeIndex(snippets: readonly StoredSnippet[]): KnowledgeIndex {
  const search = emptyMiniSearch();
  search.addAll(byKey(snippets).map(indexedDoc));
  return indexOver(search);
}

/** Lets other work run between slices (a message to answer, the panel's request). */
export type Yield = () => Promise<void>;
export const yieldToEventLoop: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The same index, built in slices with a yield between them, so building thousands never holds the worker for
 * long: a slice ends after `sliceMs` of work or `slice` snippets, whichever comes first. `isCancelled` stops early
 * (a newer build superseded this one): the result is then null.
 */
export async function buildKnowledgeIndexInSlices(
  snippets: readonly StoredSnippet[],
  options: {
    slice?: number;
    sliceMs?: number;
    yieldFn?: Yield;
    isCancelled?: () => boolean;
    clock?: () => number;
  } = {},
): Promise<KnowledgeIndex | null> {
  const {
    slice = 200,
    sliceMs = 8,
    yieldFn = yieldToEventLoop,
    isCancelled = () => false,
    clock = () => performance.now(),
  } = options;
  const search = emptyMiniSearch();
  const rows = byKey(snippets);
  let next = 0;
  while (next < rows.length) {
    const started = clock();
    const end = Math.min(rows.length, next + slice);
    while (next < end) {
      search.add(indexedDoc(rows[next] as StoredSnippet));
      next++;
      if (clock() - started >= sliceMs) break;
    }
    await yieldFn();
    if (isCancelled()) return null;
  }
  return indexOver(search);
}

/** What the open ticket is about, as a query: subject plus the customer's last messages (capped). */
export function ticketQuery(ticket: Ticket): KnowledgeQuery {
  const customer = ticket.messages.filter((m) => m.role === 'customer').slice(-3);
  // The subject stays on the first line alone: search() boosts its words.
  const subject = ticket.subject.replace(/\s+/g, ' ').trim();
  const text = [subject, ...customer.map((m) => m.text)].join('\n').slice(0, 4000);
  return { text, ...(ticket.language ? { language: ticket.language.split('-')[0] } : {}) };
}
