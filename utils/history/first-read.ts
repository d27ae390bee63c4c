import { type DeskmateDb, db } from '../db';
import { filtersFromQuery, type HistoryFilters } from './filters';
import { type HistoryPage, PAGE_SIZE, searchHistory } from './query';

/**
 * The history page's first page of results, asked for before React mounts. Opening IndexedDB and reading the
 * first page wait on the browser's storage process, not on this page's main thread: started at module load, that
 * wait overlaps loading and mounting the app instead of following it (issue #9, history open; the bench measured
 * the read starting only after the first frame). The live query takes over once it emits.
 */
export interface FirstRead {
  /** The filters the page address asked for: the hook uses the early read only for exactly these. */
  filters: HistoryFilters;
  page: Promise<HistoryPage>;
}

export function startFirstRead(search: string, database: DeskmateDb = db()): FirstRead {
  const filters = filtersFromQuery(search);
  const page = searchHistory(database, filters, { limit: PAGE_SIZE });
  // The live query reports read errors; an early failure must not also surface as an unhandled rejection.
  page.catch(() => undefined);
  return { filters, page };
}
