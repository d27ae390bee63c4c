import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db, type GenerationRecord } from '../db';
import { countTicketHistory, listTicketHistory, PAGE_SIZE } from './query';

export interface TicketHistoryState {
  entries: GenerationRecord[];
  total: number;
  hasMore: boolean;
  error: string | null;
}

const EMPTY: TicketHistoryState = { entries: [], total: 0, hasMore: false, error: null };

/**
 * The open ticket's generations for the panel's history, newest first. Read only while `open` (a closed
 * disclosure costs nothing). A Dexie live query: writes by the background (a stream's checkpoints, its end) and
 * by the panel (an insert recorded) reach it through Dexie's cross-context change broadcast, so the list is
 * current without polling.
 */
export function useTicketHistory(ticketKey: string | null, open: boolean) {
  const [state, setState] = useState<TicketHistoryState>(EMPTY);
  const [limit, setLimit] = useState(PAGE_SIZE);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setLimit(PAGE_SIZE), [ticketKey]);
  useEffect(() => {
    setState(EMPTY);
    if (!ticketKey || !open) return;
    const subscription = liveQuery(() =>
      Promise.all([listTicketHistory(db(), ticketKey, { limit }), countTicketHistory(db(), ticketKey)]),
    ).subscribe({
      next: ([page, total]) =>
        setState({ entries: page.entries, total, hasMore: page.nextBefore !== null, error: null }),
      error: (error: unknown) =>
        setState({ ...EMPTY, error: error instanceof Error ? error.message : String(error) }),
    });
    return () => subscription.unsubscribe();
  }, [ticketKey, open, limit]);
  return { ...state, showMore: () => setLimit((n) => n + PAGE_SIZE) };
}
