import type { DeskmateDb, GenerationRecord } from '../db';
import { type HistoryFilters, recordMatcher, searchWords } from './filters';
import { helpdeskOf, safeTicketUrl, ticketTitleOf } from './label';

// History reads (issue #7): a ticket's generations newest first, and a search across tickets. Both read a page
// at a time through an index, so opening history costs the same with 100 or 10,000 stored generations:
// - one ticket: the `ticketKey` index, newest first (ids grow with time), stopped after a page;
// - across tickets without words: primary-key ranges read newest first in chunks with getAll (one request per
//   chunk, much cheaper than a cursor step per record), stopped as soon as a page of matches is found;
// - with words: the `*searchWords` index (Dexie v4) names the records that have them; only those are read.
//   Reading every stored text instead costs hundreds of ms at 10,000 (bench/history-bench.mjs measures both).

export const PAGE_SIZE = 50;
/** The first chunk is small (an unfiltered first page needs about a page); later ones grow to the largest. */
const FIRST_CHUNK = 100;
const MAX_CHUNK = 2_000;

export interface HistoryPage {
  entries: GenerationRecord[];
  /** Pass as `before` for the next page; null when there is nothing older. */
  nextBefore: number | null;
  /** Records read to find this page (for the bench and for tests of "no full scan"). */
  scanned: number;
}

export interface PageOptions {
  /** Only generations with an id below this (the previous page's `nextBefore`). */
  before?: number | null;
  limit?: number;
}

/** One ticket's generations, newest first, a page at a time. */
export async function listTicketHistory(
  database: DeskmateDb,
  ticketKey: string,
  { before = null, limit = PAGE_SIZE }: PageOptions = {},
): Promise<HistoryPage> {
  let collection = database.generations.where('ticketKey').equals(ticketKey).reverse();
  if (before !== null) collection = collection.and((g) => (g.id ?? 0) < before);
  const rows = await collection.limit(limit + 1).toArray();
  const entries = rows.slice(0, limit);
  return {
    entries,
    nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null,
    scanned: rows.length,
  };
}

/** How many generations a ticket has (an index count, no records read). */
export function countTicketHistory(database: DeskmateDb, ticketKey: string): Promise<number> {
  return database.generations.where('ticketKey').equals(ticketKey).count();
}

/** Generations of every ticket that match `filters`, newest first, a page at a time. */
export async function searchHistory(
  database: DeskmateDb,
  filters: HistoryFilters,
  options: PageOptions = {},
): Promise<HistoryPage> {
  const words = searchWords(filters.text);
  return words.length > 0
    ? searchByWords(database, words, filters, options)
    : scanNewestFirst(database, filters, options);
}

/** How many records a word search fetches at a time once the index has named them. */
const FETCH_BATCH = 100;

/**
 * A search with words. The newest records are read first (one small chunk): a common word fills its page there,
 * at the cost of an unfiltered first page. Otherwise the word index names the older records that have every word
 * (keys only, no records read) and only those are read, newest first, until a page passes the other filters.
 */
async function searchByWords(
  database: DeskmateDb,
  words: readonly string[],
  filters: HistoryFilters,
  { before = null, limit = PAGE_SIZE }: PageOptions,
): Promise<HistoryPage> {
  const lastId = await database.generations.orderBy(':id').lastKey();
  if (typeof lastId !== 'number') return { entries: [], nextBefore: null, scanned: 0 };
  const matches = recordMatcher(filters);
  const entries: GenerationRecord[] = [];
  const upper = before === null ? lastId + 1 : Math.min(before, lastId + 1);
  const headLower = Math.max(0, upper - FIRST_CHUNK);
  const head = await database.generations.where(':id').between(headLower, upper, true, false).toArray();
  let scanned = head.length;
  for (let i = head.length - 1; i >= 0; i--) {
    const row = head[i] as GenerationRecord;
    if (!matches(row)) continue;
    entries.push(row);
    if (entries.length === limit) return { entries, nextBefore: row.id ?? null, scanned };
  }

  const keySets = await Promise.all(
    words.map((w) => database.generations.where('searchWords').startsWith(w).primaryKeys()),
  );
  keySets.sort((a, b) => a.length - b.length);
  const [smallest = [], ...others] = keySets.map((keys) => new Set(keys as number[]));
  const ids = [...smallest]
    .filter((id) => id < headLower && others.every((set) => set.has(id)))
    .sort((a, b) => b - a);
  for (let at = 0; at < ids.length; at += FETCH_BATCH) {
    const batch = await database.generations.bulkGet(ids.slice(at, at + FETCH_BATCH));
    for (const row of batch) {
      scanned++;
      if (!row || !matches(row)) continue;
      entries.push(row);
      if (entries.length === limit) {
        const last = row.id ?? 0;
        return { entries, nextBefore: ids.some((id) => id < last) ? last : null, scanned };
      }
    }
  }
  return { entries, nextBefore: null, scanned };
}

/** No words: every record is a candidate, so read newest first in growing chunks and stop at a page. */
async function scanNewestFirst(
  database: DeskmateDb,
  filters: HistoryFilters,
  { before = null, limit = PAGE_SIZE }: PageOptions,
): Promise<HistoryPage> {
  const [firstId, lastId] = await Promise.all([
    database.generations.orderBy(':id').firstKey(),
    database.generations.orderBy(':id').lastKey(),
  ]);
  if (typeof firstId !== 'number' || typeof lastId !== 'number') {
    return { entries: [], nextBefore: null, scanned: 0 };
  }
  const matches = recordMatcher(filters);
  const entries: GenerationRecord[] = [];
  let upper = before === null ? lastId + 1 : Math.min(before, lastId + 1);
  let chunk = FIRST_CHUNK;
  let scanned = 0;
  const read = (lower: number, to: number) =>
    database.generations.where(':id').between(lower, to, true, false).toArray();
  let lower = Math.max(firstId, upper - chunk);
  let pending = read(lower, upper);
  while (upper > firstId) {
    const rows = await pending;
    // The next chunk is asked for before this one is filtered: the database reads it meanwhile.
    const nextUpper = lower;
    const nextChunk = Math.min(MAX_CHUNK, chunk * 4);
    const nextLower = Math.max(firstId, nextUpper - nextChunk);
    if (nextUpper > firstId) pending = read(nextLower, nextUpper);
    scanned += rows.length;
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i] as GenerationRecord;
      if (!matches(row)) continue;
      entries.push(row);
      if (entries.length === limit) {
        const id = row.id ?? lower;
        // A chunk read ahead and not used is simply dropped.
        pending.catch(() => undefined);
        return { entries, nextBefore: id > firstId ? id : null, scanned };
      }
    }
    upper = nextUpper;
    lower = nextLower;
    chunk = nextChunk;
  }
  return { entries, nextBefore: null, scanned };
}

/**
 * The helpdesks that have history, sorted. Keys are `helpdesk:host:id`: one index lookup per helpdesk, each
 * jumping past every key of the previous one (thousands of tickets, a handful of requests, no records read).
 */
export async function historyHelpdesks(database: DeskmateDb): Promise<string[]> {
  const firstKeyFrom = async (bound: string) => {
    const [key] = await database.generations.where('ticketKey').aboveOrEqual(bound).limit(1).keys();
    return typeof key === 'string' ? key : undefined;
  };
  const helpdesks = new Set<string>();
  let key = await firstKeyFrom('');
  while (key !== undefined) {
    helpdesks.add(helpdeskOf({ ticketKey: key }));
    // ';' sorts right after ':', so this bound is past every `prefix:…` key (and past `key` itself).
    const bound = `${key.split(':')[0]};`;
    const next = await firstKeyFrom(bound);
    key = next !== undefined && next > key ? next : undefined;
  }
  return [...helpdesks].sort();
}

export interface TicketGroup {
  ticketKey: string;
  title: string;
  helpdesk: string;
  /** An http(s) link to the ticket page, or null when none was stored. */
  url: string | null;
  /** Newest first, as found. */
  entries: GenerationRecord[];
}

/** Results grouped by ticket, groups in the order of their newest result. A group takes the first label found. */
export function groupByTicket(entries: readonly GenerationRecord[]): TicketGroup[] {
  const groups = new Map<string, TicketGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.ticketKey);
    if (!group) {
      group = {
        ticketKey: entry.ticketKey,
        title: ticketTitleOf(entry),
        helpdesk: helpdeskOf(entry),
        url: safeTicketUrl(entry.ticketUrl),
        entries: [],
      };
      groups.set(entry.ticketKey, group);
    }
    // An older record without a label may come first: a later one with a subject names the group.
    if (entry.ticketSubject && group.title === ticketTitleOf({ ticketKey: entry.ticketKey })) {
      group.title = entry.ticketSubject;
    }
    group.url ??= safeTicketUrl(entry.ticketUrl);
    group.entries.push(entry);
  }
  return [...groups.values()];
}
