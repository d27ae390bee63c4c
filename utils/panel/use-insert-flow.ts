import { useCallback, useEffect, useRef, useState } from 'react';
import type { InsertMethod, InsertMode, UndoOffer } from '../messaging/protocol';
import { loadInsertMode, saveInsertMode } from './insert-mode-pref';
import { insertOrCopy, undoLastInsert } from './insert-or-copy';

// The side panel's Insert flow (#7): the agent's insert mode (remembered), the replace confirmation, and "Undo
// insert" for the last insert. What happened is reported as an event; the component turns it into words.

export type InsertFlowEvent =
  | { type: 'inserted'; helpdesk: string; method: InsertMethod; mode: InsertMode }
  | { type: 'copied'; reason: string }
  | { type: 'failed'; reason: string }
  | { type: 'replace-cancelled' }
  | { type: 'undone'; helpdesk: string }
  | { type: 'undo-failed'; message: string };

export interface PendingReplace {
  chars: number;
  snippet: string;
}

/** The undo shown after a successful insert: offered, or not with the reason why. */
export interface UndoState extends UndoOffer {
  helpdesk: string;
}

export interface InsertFlow {
  mode: InsertMode;
  setMode(mode: InsertMode): void;
  busy: boolean;
  pendingReplace: PendingReplace | null;
  undo: UndoState | null;
  undoing: boolean;
  insert(): Promise<void>;
  confirmReplace(): Promise<void>;
  cancelReplace(): void;
  undoInsert(): Promise<void>;
}

interface Args {
  tabId: number | null;
  ticketKey: string | null;
  text: string;
  onEvent(event: InsertFlowEvent): void;
}

/** Undo failures after which the same insert can never be undone: the button goes away. */
const FINAL_UNDO_FAILURES = new Set(['nothing-to-undo', 'not-restored', 'unsupported', 'ticket-changed']);

export function useInsertFlow({ tabId, ticketKey, text, onEvent }: Args): InsertFlow {
  const [mode, setModeState] = useState<InsertMode>('caret');
  const [busy, setBusy] = useState(false);
  const [pendingReplace, setPendingReplace] = useState<PendingReplace | null>(null);
  const [undo, setUndo] = useState<UndoState | null>(null);
  const [undoing, setUndoing] = useState(false);
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  useEffect(() => {
    let live = true;
    void loadInsertMode().then((saved) => {
      if (live) setModeState(saved);
    });
    return () => {
      live = false;
    };
  }, []);

  // A confirmation or an undo about one ticket must not linger on another.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => {
    setPendingReplace(null);
    setUndo(null);
  }, [ticketKey]);

  const setMode = useCallback((next: InsertMode) => {
    setModeState(next);
    setPendingReplace(null);
    void saveInsertMode(next).catch(() => {});
  }, []);

  const run = useCallback(
    async (confirmReplace: boolean) => {
      if (tabId === null || !ticketKey || text.trim() === '') return;
      setBusy(true);
      setPendingReplace(null);
      const outcome = await insertOrCopy(tabId, ticketKey, text, { mode, confirmReplace });
      setBusy(false);
      if (outcome.kind === 'needs-confirmation') {
        setPendingReplace(outcome.existing);
        return;
      }
      if (outcome.kind === 'inserted') {
        setUndo({ ...outcome.undo, helpdesk: outcome.helpdesk });
        onEventRef.current({ type: 'inserted', helpdesk: outcome.helpdesk, method: outcome.method, mode });
        return;
      }
      setUndo(null);
      onEventRef.current(
        outcome.kind === 'copied'
          ? { type: 'copied', reason: outcome.reason }
          : { type: 'failed', reason: outcome.reason },
      );
    },
    [tabId, ticketKey, text, mode],
  );

  const undoInsert = useCallback(async () => {
    if (tabId === null || !ticketKey || !undo?.available) return;
    setUndoing(true);
    const result = await undoLastInsert(tabId, ticketKey);
    setUndoing(false);
    if (result.ok) {
      setUndo(null);
      onEventRef.current({ type: 'undone', helpdesk: result.helpdesk });
      return;
    }
    if (FINAL_UNDO_FAILURES.has(result.code)) setUndo(null);
    onEventRef.current({ type: 'undo-failed', message: result.message });
  }, [tabId, ticketKey, undo]);

  return {
    mode,
    setMode,
    busy,
    pendingReplace,
    undo,
    undoing,
    insert: () => run(false),
    confirmReplace: () => run(true),
    cancelReplace: () => {
      setPendingReplace(null);
      onEventRef.current({ type: 'replace-cancelled' });
    },
    undoInsert,
  };
}
