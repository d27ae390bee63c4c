import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db } from '../db';
import type { HistoryFilters } from './filters';
import type { FirstRead } from './first-read';
import { type HistoryPage, historyHelpdesks, PAGE_SIZE, searchHistory } from './query';

export type HistorySearchState =
  | { status: 'loading' }
  | { status: 'ready'; page: HistoryPage }
  | { status: 'error'; message: string };

/**
 * The history page's results for `filters`, newest first, `PAGE_SIZE` more per "Show more". A live query, so a
 * retention run or "Delete all" in another context removes rows from the open page too. `firstRead`, started
 * before the app mounted, shows the first page as soon as it arrives when the live query has not emitted yet.
 */
export function useHistorySearch(filters: HistoryFilters, firstRead?: FirstRead) {
  const [state, setState] = useState<HistorySearchState>({ status: 'loading' });
  const [limit, setLimit] = useState(PAGE_SIZE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts at one page
  useEffect(() => setLimit(PAGE_SIZE), [filters]);
  useEffect(() => {
    let live = false;
    if (firstRead && firstRead.filters === filters && limit === PAGE_SIZE) {
      firstRead.page.then(
        (page) => {
          if (!live) setState({ status: 'ready', page });
        },
        () => undefined,
      );
    }
    const subscription = liveQuery(() => searchHistory(db(), filters, { limit })).subscribe({
      next: (page) => {
        live = true;
        setState({ status: 'ready', page });
      },
      error: (error: unknown) => {
        live = true;
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    });
    return () => {
      live = true;
      subscription.unsubscribe();
    };
  }, [filters, limit, firstRead]);
  return { state, showMore: () => setLimit((n) => n + PAGE_SIZE) };
}

/** The helpdesks with history, for the filter (empty while loading or unreadable). */
export function useHistoryHelpdesks(): string[] {
  const [helpdesks, setHelpdesks] = useState<string[]>([]);
  useEffect(() => {
    const subscription = liveQuery(() => historyHelpdesks(db())).subscribe({
      next: setHelpdesks,
      error: () => setHelpdesks([]),
    });
    return () => subscription.unsubscribe();
  }, []);
  return helpdesks;
}
