import { z } from 'zod';
import type { GenerationRecord } from '../db';
import { helpdeskOf } from './label';
import { searchWordsOf, wordsOf } from './words';

// What the history page searches for, and the test a record must pass. Pure: the query functions
// (utils/history/query.ts) read records in pages and keep those that match.

export const HistoryFilters = z.object({
  /** Words to find (all of them, any case) in the output, the ticket's subject, the preset or the model. */
  text: z.string().max(500).default(''),
  kind: z.enum(['all', 'summary', 'draft']).default('all'),
  /** 'yes': drafts inserted or copied into the helpdesk; 'no': everything else. */
  inserted: z.enum(['all', 'yes', 'no']).default('all'),
  /** A helpdesk id ('zendesk'); empty = every helpdesk. */
  helpdesk: z.string().max(100).default(''),
  /** Started at or after (epoch ms); null = no lower bound. */
  from: z.number().int().nonnegative().nullable().default(null),
  /** Started before (epoch ms, exclusive); null = no upper bound. */
  to: z.number().int().nonnegative().nullable().default(null),
});
export type HistoryFilters = z.infer<typeof HistoryFilters>;

export const NO_FILTERS: HistoryFilters = HistoryFilters.parse({});

/** The words of a search, as the index holds them (utils/history/words.ts): lower-cased, punctuation dropped. */
export function searchWords(text: string): string[] {
  return [...wordsOf(text)];
}

/**
 * A compiled test: `words` are computed once, not per record. A word matches the start of any word of the text,
 * subject, preset or model ("refund" finds "refunded"), the same rule as the index lookup in query.ts.
 */
export function recordMatcher(filters: HistoryFilters): (record: GenerationRecord) => boolean {
  const words = searchWords(filters.text);
  return (record) => {
    if (filters.kind !== 'all' && record.kind !== filters.kind) return false;
    if (filters.inserted === 'yes' && !record.inserted) return false;
    if (filters.inserted === 'no' && record.inserted) return false;
    if (filters.helpdesk && helpdeskOf(record) !== filters.helpdesk) return false;
    if (filters.from !== null && record.startedAt < filters.from) return false;
    if (filters.to !== null && record.startedAt >= filters.to) return false;
    if (words.length === 0) return true;
    const own = record.searchWords ?? searchWordsOf(record);
    return words.every((w) => own.some((word) => word.startsWith(w)));
  };
}

/**
 * A short piece of `text` around the first search word found (or its start), on one line, for a result row.
 * Plain text: the component renders it as a text node.
 */
export function snippetOf(text: string, words: readonly string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const at = words.map((w) => lower.indexOf(w)).find((i) => i >= 0) ?? 0;
  const start = Math.max(0, at - Math.floor(width / 3));
  const piece = flat.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${piece}${start + width < flat.length ? '…' : ''}`;
}

/** "2026-03-04" (local day) → epoch ms at its start; null for an empty or invalid field. */
export function dayStart(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isNaN(time) ? null : time;
}

/** The start of the day after `value`: a "to" date includes its whole day. */
export function dayEnd(value: string): number | null {
  const start = dayStart(value);
  if (start === null) return null;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.getTime();
}

/**
 * Filters from the page address (`draft-history.html?q=refund&kind=draft`), so a search can be linked or bookmarked.
 * Anything unreadable is ignored (that filter stays off).
 */
export function filtersFromQuery(search: string): HistoryFilters {
  const params = new URLSearchParams(search);
  const pick = <K extends keyof HistoryFilters>(key: K, value: unknown): Partial<HistoryFilters> => {
    const parsed = HistoryFilters.shape[key].safeParse(value);
    return parsed.success && value !== null ? { [key]: parsed.data } : {};
  };
  return HistoryFilters.parse({
    ...pick('text', params.get('q')?.trim() ?? null),
    ...pick('kind', params.get('kind')),
    ...pick('inserted', params.get('inserted')),
    ...pick('helpdesk', params.get('helpdesk')),
  });
}
