import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { db } from '../db';
import type { GenerationKind, LlmError, SentPayload } from '../messaging/protocol';
import { restorePlaceholders } from '../privacy/engine';
import type { LanguageCode } from '../ticket/language';
import { draftReducer, EMPTY_DRAFT, toRecord } from './draft-state';
import { type GenerationHandle, type StartOptions, startGeneration } from './generation-client';

export type StreamStatus = 'idle' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'error';

export interface StreamState {
  status: StreamStatus;
  error?: LlmError;
  model?: string;
  /** Shown when a stored generation was cut off (panel closed mid-stream). */
  note?: string;
}

const SAVE_DEBOUNCE_MS = 400;
/** Summaries take no per-request choices (always English, whatever the draft's language). */
const NO_OPTIONS: StartOptions = {};

// Placeholders: the model sees [EMAIL_1]; the agent sees the real value. Streamed text is restored as a whole
// each time (a placeholder split across deltas is restored once complete) with the map the background sent
// with `started`. Stored generations keep the model's own text; when one is loaded from history it is restored
// with `historyMap` (the current ticket redacted with the current settings, computed by the panel).
type PlaceholderMap = Readonly<Record<string, string>>;

function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

function useGenerationRunner() {
  const handle = useRef<GenerationHandle | null>(null);
  useEffect(() => () => handle.current?.detach(), []);
  return handle;
}

const INTERRUPTED_NOTE =
  'The panel closed while this was being written; the text that had arrived is kept. Regenerate for a complete one.';

/** The latest summary of a ticket, streamed or loaded from history. */
export function useSummary(ticketKey: string | null, tabId: number | null, historyMap: PlaceholderMap = {}) {
  const [text, setText] = useState('');
  // The model's own text and the map to restore it: the card parses the JSON first and restores each field,
  // so a restored value can never break the JSON.
  const [raw, setRaw] = useState<{ text: string; placeholders: PlaceholderMap }>({
    text: '',
    placeholders: {},
  });
  const [sent, setSent] = useState<SentPayload | null>(null);
  const history = useLatest(historyMap);
  const [stream, setStream] = useState<StreamState>({ status: 'idle' });
  const handle = useGenerationRunner();

  useEffect(() => {
    handle.current?.detach();
    handle.current = null;
    setText('');
    setRaw({ text: '', placeholders: {} });
    setSent(null);
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
        setText(restorePlaceholders(g.output, history.current));
        setRaw({ text: g.output, placeholders: history.current });
        setStream({
          status: g.outcome === 'complete' ? 'done' : 'stopped',
          model: g.model,
          ...(g.outcome === 'interrupted' ? { note: INTERRUPTED_NOTE } : {}),
        });
      });
    return () => {
      cancelled = true;
    };
  }, [ticketKey, handle, history]);

  const generate = useCallback(() => {
    if (!ticketKey || tabId === null) return;
    handle.current?.detach();
    let acc = '';
    let map: PlaceholderMap = {};
    setText('');
    setRaw({ text: '', placeholders: {} });
    setStream({ status: 'waiting' });
    handle.current = startGeneration('summary', tabId, ticketKey, NO_OPTIONS, {
      onStarted: (_id, model, _chars, payload) => {
        map = payload?.placeholders ?? {};
        setSent(payload ?? null);
        setStream({ status: 'waiting', model });
      },
      onDelta: (d) => {
        acc += d;
        setText(restorePlaceholders(acc, map));
        setRaw({ text: acc, placeholders: map });
        setStream((s) => (s.status === 'streaming' ? s : { ...s, status: 'streaming' }));
      },
      onDone: (t) => {
        setText(restorePlaceholders(t || acc, map));
        setRaw({ text: t || acc, placeholders: map });
        setStream((s) => ({ ...s, status: 'done' }));
      },
      onStopped: () => setStream((s) => ({ ...s, status: 'stopped' })),
      onError: (error) => setStream((s) => ({ ...s, status: 'error', error })),
    });
  }, [ticketKey, tabId, handle]);

  return { text, raw, stream, sent, generate, stop: () => handle.current?.stop() };
}

/** The agent's draft for a ticket: restored from Dexie, autosaved, fed by AI streams without losing edits. */
export function useDraft(ticketKey: string | null, tabId: number | null, historyMap: PlaceholderMap = {}) {
  const [state, dispatch] = useReducer(draftReducer, EMPTY_DRAFT);
  const [sent, setSent] = useState<SentPayload | null>(null);
  const history = useLatest(historyMap);
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
    setSent(null);
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
      const restored = generations.map((g) => ({
        ...g,
        output: restorePlaceholders(g.output, history.current),
      }));
      dispatch({ type: 'load', record, generations: restored });
      const followed = generations.find((g) => g.id === record?.followsGenerationId);
      if (followed?.outcome === 'interrupted')
        setStream({ status: 'stopped', model: followed.model, note: INTERRUPTED_NOTE });
      setLoadedKey(ticketKey);
    })();
    return () => {
      cancelled = true;
    };
  }, [ticketKey, handle, history]);

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
    let map: PlaceholderMap = {};
    const options = { replyLanguage: state.replyLanguage };
    handle.current = startGeneration('draft', tabId, ticketKey, options, {
      onStarted: (id, model, _chars, payload) => {
        generationId = id;
        map = payload?.placeholders ?? {};
        setSent(payload ?? null);
        dispatch({ type: 'ai-started', generationId: id, at: Date.now() });
        setStream({ status: 'waiting', model });
      },
      onDelta: (d) => {
        acc += d;
        dispatch({ type: 'ai-text', generationId, text: restorePlaceholders(acc, map) });
        setStream((s) => (s.status === 'streaming' ? s : { ...s, status: 'streaming' }));
      },
      onDone: (t) => {
        dispatch({ type: 'ai-text', generationId, text: restorePlaceholders(t || acc, map) });
        setStream((s) => ({ ...s, status: 'done' }));
      },
      onStopped: () => setStream((s) => ({ ...s, status: 'stopped' })),
      onError: (error) => setStream((s) => ({ ...s, status: 'error', error })),
    });
  }, [ticketKey, tabId, loadedKey, handle, state.replyLanguage]);

  return {
    state,
    stream,
    sent,
    ready: loadedKey === ticketKey,
    generate,
    stop: () => handle.current?.stop(),
    edit: (text: string) => dispatch({ type: 'edit', text }),
    restore: (index: number) => dispatch({ type: 'restore', index, at: Date.now() }),
    setReplyLanguage: (language: LanguageCode | undefined) => dispatch({ type: 'reply-language', language }),
  };
}

export type { GenerationKind };
