import { useEffect } from 'react';
import { db } from '../db';
import { type RecordedInsert, recordFirstView, recordInsert, recordUndoInsert } from '../metrics/store';
import { aiOriginOf, type DraftState } from './draft-state';

// The panel's part of the local quality metrics (utils/metrics/): when a ticket was first opened, and how much of
// the AI draft went into the helpdesk. Failures are ignored on purpose: metrics must never get in the agent's way.

/** Records the first time this ticket is shown in the panel. */
export function useFirstView(ticketKey: string | null): void {
  useEffect(() => {
    if (ticketKey) void recordFirstView(db(), ticketKey).catch(() => undefined);
  }, [ticketKey]);
}

/**
 * The draft went into the helpdesk (or the clipboard): note how much of the AI text it kept. Resolves with the
 * insert it recorded (null: nothing recorded), which `recordDraftUndo` needs if the agent undoes that insert.
 */
export function recordDraftUse(state: DraftState, method: 'insert' | 'copy'): Promise<RecordedInsert | null> {
  const origin = aiOriginOf(state);
  if (!origin) return Promise.resolve(null);
  return recordInsert(db(), { ...origin, finalText: state.text, method }).catch(() => null);
}

/** "Undo insert" worked: the recorded insert no longer counts (see utils/metrics/store.ts recordUndoInsert). */
export function recordDraftUndo(recorded: RecordedInsert | null): void {
  if (recorded) void recordUndoInsert(db(), recorded).catch(() => undefined);
}
