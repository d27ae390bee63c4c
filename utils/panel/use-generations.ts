import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { db } from '../db';
import type { GenerationKind, LlmError } from '../messaging/protocol';
import { draftReducer, EMPTY_DRAFT, toRecord } from './draft-state';
import { type GenerationHandle, startGeneration } from './generation-client';

export type StreamStatus = 'idle' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'error';

export interface StreamState {
  status: StreamStatus;
  error?: LlmError;
  model?: string;
  /** Shown when a stored generation was cut off (panel closed mid-stream). */
  note?: string;
}

const SAVE_DEBOUNCE_MS = 400;

function useGenerationRunner() {
  const handle = useRef<GenerationHandle | null>(null);
  useEffect(() => () => handle.current?.detach(), []);
  return handle;
}

const INTERRUPTED_NOTE =
  'The panel closed while this was being written; the text that had arrived is kept. Regenerate for a complete one.';

/** The latest summary of a ticket, streamed or loaded from history. */
export function useSummary(ticketKey: string | null, tabId: number | null) {
  const [text, setText] = useState('');
  const [stream, setStream] = useState<StreamState>({ status: 'idle' });
  const handle = useGenerationRunner();

  useEffect(() => {
    handle.current?.detach();
    handle.current = null;
    setText('');
    setStream({ status: 'idle' });
    if (!ticketKey) return;
    let cancelled = false;
    void db()
      .generations.where('[ticketKey+kind]')
      .equals([ticketKey, 'summary'])
      .last()
      .then((g) => {
        // A failed or empty attempt is not worth restoring: the card starts fresh.
        if (cancelled || !g || g.output === '') return;
        setText(g.output);
        setStream({
          status: g.outcome === 'complete' ? 'done' : 'stopped',
          model: g.model,
          ...(g.outcome === 'interrupted' ? { note: INTERRUPTED_NOTE } : {}),
        });
      });
    return () => {
      cancelled = true;
    };
  }, [ticketKey, handle]);

  const generate = useCallback(() => {
    if (!ticketKey || tabId === null) return;
    handle.current?.detach();
    let acc = '';
    setText('');
    setStream({ status: 'waiting' });
    handle.current = startGeneration('summary', tabId, ticketKey, {
      onStarted: (_id, model) => setStream({ status: 'waiting', model }),
      onDelta: (d) => {
        acc += d;
        setText(acc);
        setStream((s) => (s.status === 'streaming' ? s : { ...s, status: 'streaming' }));
      },
      onDone: (t) => {
        setText(t || acc);
        setStream((s) => ({ ...s, status: 'done' }));
      },
      onStopped: () => setStream((s) => ({ ...s, status: 'stopped' })),
      onError: (error) => setStream((s) => ({ ...s, status: 'error', error })),
    });
  }, [ticketKey, tabId, handle]);

  return { text, stream, generate, stop: () => handle.current?.stop() };
}

/** The agent's draft for a ticket: restored from Dexie, autosaved, fed by AI streams without losing edits. */
export function useDraft(ticketKey: string | null, tabId: number | null) {
  const [state, dispatch] = useReducer(draftReducer, EMPTY_DRAFT);
  const [stream, setStream] = useState<StreamState>({ status: 'idle' });
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const handle = useGenerationRunner();
  const latest = useRef({ ticketKey: loadedKey, state });
  latest.current = { ticketKey: loadedKey, state };

  useEffect(() => {
    // Switching tickets: save the previous ticket's draft now rather than lose the last debounce window.
    const previous = latest.current;
    if (previous.ticketKey && previous.ticketKey !== ticketKey) {
      void db().drafts.put(toRecord(previous.ticketKey, previous.state, Date.now()));
    }
    handle.current?.detach();
    handle.current = null;
    setLoadedKey(null);
    setStream({ status: 'idle' });
    if (!ticketKey) return;
    let cancelled = false;
    void (async () => {
      const record = await db().drafts.get(ticketKey);
      const generations = await db()
        .generations.where('[ticketKey+kind]')
        .equals([ticketKey, 'draft'])
        .toArray();
      if (cancelled) return;
      dispatch({ type: 'load', record, generations });
      const followed = generations.find((g) => g.id === record?.followsGenerationId);
      if (followed?.outcome === 'interrupted')
        setStream({ status: 'stopped', model: followed.model, note: INTERRUPTED_NOTE });
      setLoadedKey(ticketKey);
    })();
    return () => {
      cancelled = true;
    };
  }, [ticketKey, handle]);

  // Autosave, debounced; flushed when the panel is hidden or closed.
  useEffect(() => {
    if (!loadedKey) return;
    const timer = setTimeout(
      () => void db().drafts.put(toRecord(loadedKey, state, Date.now())),
      SAVE_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [loadedKey, state]);
  useEffect(() => {
    const flush = () => {
      const { ticketKey: key, state: s } = latest.current;
      if (key) void db().drafts.put(toRecord(key, s, Date.now()));
    };
    addEventListener('pagehide', flush);
    return () => {
      flush();
      removeEventListener('pagehide', flush);
    };
  }, []);

  const generate = useCallback(() => {
    if (!ticketKey || tabId === null || loadedKey !== ticketKey) return;
    handle.current?.detach();
    dispatch({ type: 'regenerate', at: Date.now() });
    setStream({ status: 'waiting' });
    let acc = '';
    let generationId = -1;
    handle.current = startGeneration('draft', tabId, ticketKey, {
      onStarted: (id, model) => {
        generationId = id;
        dispatch({ type: 'ai-started', generationId: id, at: Date.now() });
        setStream({ status: 'waiting', model });
      },
      onDelta: (d) => {
        acc += d;
        dispatch({ type: 'ai-text', generationId, text: acc });
        setStream((s) => (s.status === 'streaming' ? s : { ...s, status: 'streaming' }));
      },
      onDone: (t) => {
        dispatch({ type: 'ai-text', generationId, text: t || acc });
        setStream((s) => ({ ...s, status: 'done' }));
      },
      onStopped: () => setStream((s) => ({ ...s, status: 'stopped' })),
      onError: (error) => setStream((s) => ({ ...s, status: 'error', error })),
    });
  }, [ticketKey, tabId, loadedKey, handle]);

  return {
    state,
    stream,
    ready: loadedKey === ticketKey,
    generate,
    stop: () => handle.current?.stop(),
    edit: (text: string) => dispatch({ type: 'edit', text }),
    restore: (index: number) => dispatch({ type: 'restore', index, at: Date.now() }),
  };
}

export type { GenerationKind };
