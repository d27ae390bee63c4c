import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { db, type GenerationRecord } from '../db';
import { t } from '../i18n/t';
import { splitCitations } from '../knowledge/citations';
import { modelDisplayName } from '../llm/chrome-ai';
import type { GenerationKind, LlmError, Refine, SentPayload } from '../messaging/protocol';
import { BACKGROUND_STOPPED_MESSAGE, isIncomplete, saysTextKept } from '../messaging/stream-notes';
import { storedPresetName } from '../presets/preset-text';
import { restorePlaceholders } from '../privacy/engine';
import type { LanguageCode } from '../ticket/language';
import { draftReducer, EMPTY_DRAFT, toRecord } from './draft-state';
import { frameBatch } from './frame-batch';
import type { GenerationHandle, RetryingMessage } from './generation-client';
import type { KnowledgeChoice } from './knowledge-choice';
import { settleOrphanedOnDeviceGenerations } from './on-device-generation';
import { startPickedGeneration } from './pick-generation';
import { type CompleteSummary, summarySignals } from './summary-signals';

export type StreamStatus = 'idle' | 'waiting' | 'streaming' | 'done' | 'stopped' | 'error';

export interface StreamState {
  status: StreamStatus;
  error?: LlmError;
  model?: string;
  /** Shown when a stored generation was cut off (panel closed mid-stream). */
  note?: string;
  /** Waiting to retry after a failed attempt before the first token (`at`: when the notice arrived). */
  retry?: RetryingMessage & { at: number };
  /** Text arrived, then the answer was cut off: the card offers Continue and Regenerate. */
  incomplete?: boolean;
  /** The generation the text on screen came from: what Continue continues. */
  generationId?: number;
}

const SAVE_DEBOUNCE_MS = 400;

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

/** The note for a stored generation that was cut off, saying why. */
function cutOffNote(g: GenerationRecord): string {
  if (g.outcome === 'interrupted') {
    // The stored messages are English markers (the background writes them); the agent reads them translated.
    return g.errorMessage === BACKGROUND_STOPPED_MESSAGE
      ? t('panel_note_background_stopped')
      : t('panel_note_panel_closed');
  }
  const why = g.errorMessage ?? t('panel_note_cut_off');
  // streamChat's own messages for a drop or a timeout already say the partial text was kept.
  return saysTextKept(why) ? why : t('panel_note_kept', why);
}

/** The stream state of a stored generation shown again (history), with Continue offered when it was cut off. */
function storedState(g: GenerationRecord): StreamState {
  if (isIncomplete(g)) {
    return {
      status: 'stopped',
      model: modelDisplayName(g.model),
      note: cutOffNote(g),
      incomplete: true,
      generationId: g.id,
    };
  }
  return {
    status: g.outcome === 'complete' ? 'done' : 'stopped',
    model: modelDisplayName(g.model),
    generationId: g.id,
  };
}

/**
 * The worker died mid-stream (the port closed without a final message). The panel holds everything that
 * arrived, possibly more than the last checkpoint: save it on the generation and mark it interrupted, so a
 * reopened panel and a Continue start from all of it. Only ever extends the stored text.
 */
function saveCutOff(generationId: number, modelText: string): void {
  if (generationId < 0) return;
  void db()
    .generations.where('id')
    .equals(generationId)
    .modify((g) => {
      if (modelText.length > g.output.length && modelText.startsWith(g.output)) g.output = modelText;
      if (g.outcome === 'streaming') {
        g.outcome = 'interrupted';
        g.finishedAt = Date.now();
        g.errorCode = 'network';
        g.errorMessage = BACKGROUND_STOPPED_MESSAGE;
        if (g.output !== '') g.incomplete = true;
      }
    })
    .catch(() => 0);
}

/** A preset run from the picker: its library key and, for rewrites, the draft text it rewrites. */
export interface PresetChoice {
  /** Absent for a refinement that is not a library preset (the agent's instruction, a translation). */
  presetKey?: string;
  /** Shown with the answer (the summary card says which preset made it; a draft version carries it as label). */
  name?: string;
  draft?: string;
  /** A refinement of `draft` from the Refine bar. */
  refine?: Refine;
}

function presetOptions(choice: PresetChoice | null): { presetKey?: string; draft?: string; refine?: Refine } {
  if (!choice) return {};
  return {
    ...(choice.presetKey ? { presetKey: choice.presetKey } : {}),
    ...(choice.draft !== undefined ? { draft: choice.draft } : {}),
    ...(choice.refine ? { refine: choice.refine } : {}),
  };
}

/** Handlers every generation shares: retry notices, streaming status, cut-off marking. */
function streamHandlers(setStream: (update: (s: StreamState) => StreamState) => void) {
  return {
    onRetrying: (notice: RetryingMessage) =>
      setStream((s) => ({ ...s, status: 'waiting', retry: { ...notice, at: Date.now() } })),
    streaming: () =>
      setStream((s) =>
        s.status === 'streaming' && !s.retry ? s : { ...s, status: 'streaming', retry: undefined },
      ),
    failed: (error: LlmError, textArrived: boolean) =>
      setStream((s) => ({ ...s, status: 'error', error, retry: undefined, incomplete: textArrived })),
  };
}

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
  // The preset that made the summary on screen (the card shows its answer as text, in the preset's format).
  const [presetName, setPresetName] = useState<string | null>(null);
  // The latest summary that finished (the ticket card's sentiment and urgency): kept while a new one streams.
  const [complete, setComplete] = useState<CompleteSummary | null>(null);
  const history = useLatest(historyMap);
  const [stream, setStream] = useState<StreamState>({ status: 'idle' });
  const handle = useGenerationRunner();

  useEffect(() => {
    handle.current?.detach();
    handle.current = null;
    setText('');
    setRaw({ text: '', placeholders: {} });
    setSent(null);
    setPresetName(null);
    setComplete(null);
    setStream({ status: 'idle' });
    if (!ticketKey) return;
    let cancelled = false;
    const settled = settleOrphanedOnDeviceGenerations(ticketKey);
    void settled
      .then(() =>
        db()
          .generations.where('[ticketKey+kind]')
          .equals([ticketKey, 'summary'])
          .filter((g) => g.outcome === 'complete' && g.output.trim() !== '')
          .last(),
      )
      .then((g) => {
        // A summary finished in this panel meanwhile is newer than the stored one.
        if (!cancelled && g)
          setComplete((c) => c ?? { text: g.output, presetName: storedPresetName(g) ?? null });
      });
    void settled
      .then(() => db().generations.where('[ticketKey+kind]').equals([ticketKey, 'summary']).last())
      .then((g) => {
        // A failed or empty attempt is not worth restoring: the card starts fresh.
        if (cancelled || !g || g.output === '') return;
        setText(restorePlaceholders(g.output, history.current));
        setRaw({ text: g.output, placeholders: history.current });
        // The stored name is English data; a shipped preset's reads in the UI language.
        setPresetName(storedPresetName(g) ?? null);
        setStream(storedState(g));
      });
    return () => {
      cancelled = true;
    };
  }, [ticketKey, handle, history]);

  const latestStream = useLatest(stream);
  // The preset of the summary on screen: a Continue carries on with the same prompt.
  const lastPreset = useRef<PresetChoice | null>(null);

  /** A fresh summary (with a preset or the built-in prompt), or (continueId) the rest of a cut-off one. */
  const run = useCallback(
    (continueId?: number, preset: PresetChoice | null = null) => {
      if (!ticketKey || tabId === null) return;
      handle.current?.detach();
      const choice = continueId === undefined ? preset : lastPreset.current;
      lastPreset.current = choice;
      setPresetName(choice ? (choice.name ?? choice.presetKey ?? null) : null);
      let acc = '';
      let generationId = -1;
      let map: PlaceholderMap = {};
      if (continueId === undefined) {
        setText('');
        setRaw({ text: '', placeholders: {} });
      }
      setStream({ status: 'waiting' });
      const shared = streamHandlers(setStream);
      // Deltas are shown at most once per frame; never after the panel moved on to another generation.
      const batch = frameBatch(() => {
        if (handle.current !== mine) return;
        setText(restorePlaceholders(acc, map));
        setRaw({ text: acc, placeholders: map });
        shared.streaming();
      });
      const mine = startPickedGeneration(
        'summary',
        tabId,
        ticketKey,
        {
          onStarted: (id, model, _chars, payload, prefix) => {
            generationId = id;
            map = payload?.placeholders ?? {};
            acc = prefix ?? '';
            if (prefix) {
              setText(restorePlaceholders(acc, map));
              setRaw({ text: acc, placeholders: map });
            }
            setSent(payload ?? null);
            setStream({ status: 'waiting', model, generationId: id });
          },
          onRetrying: shared.onRetrying,
          onDelta: (d) => {
            acc += d;
            batch.request();
          },
          onDone: (t) => {
            batch.cancel();
            setText(restorePlaceholders(t || acc, map));
            setRaw({ text: t || acc, placeholders: map });
            setStream((s) => ({ ...s, status: 'done', incomplete: false }));
            // An empty answer is no summary: the previous complete one still speaks for the ticket.
            if ((t || acc).trim() !== '')
              setComplete({
                text: t || acc,
                presetName: choice ? (choice.name ?? choice.presetKey ?? null) : null,
              });
          },
          onStopped: () => {
            batch.flush();
            setStream((s) => ({ ...s, status: 'stopped' }));
          },
          onBackgroundLost: () => saveCutOff(generationId, acc),
          onError: (error) => {
            batch.flush();
            shared.failed(error, acc !== '');
          },
        },
        {
          ...presetOptions(choice),
          ...(continueId === undefined ? {} : { continueGenerationId: continueId }),
        },
      );
      handle.current = mine;
    },
    [ticketKey, tabId, handle],
  );
  const generate = useCallback(() => run(), [run]);
  const generateWithPreset = useCallback(
    (presetKey: string, name?: string) =>
      run(undefined, name !== undefined ? { presetKey, name } : { presetKey }),
    [run],
  );
  const continueFrom = useCallback(() => {
    const s = latestStream.current;
    if (s.incomplete && s.generationId !== undefined) run(s.generationId);
  }, [run, latestStream]);

  const signals = useMemo(() => summarySignals(complete), [complete]);

  return {
    text,
    raw,
    stream,
    sent,
    presetName,
    /** Sentiment and urgency of the latest complete summary (null: none yet, or it has neither). */
    signals,
    generate,
    generateWithPreset,
    continueFrom,
    stop: () => handle.current?.stop(),
  };
}

/**
 * The agent's draft for a ticket: restored from Dexie, autosaved, fed by AI streams without losing edits.
 * `knowledgeKeys` (read at each start): the snippets a draft or refinement carries (utils/panel/use-knowledge.ts).
 */
export function useDraft(
  ticketKey: string | null,
  tabId: number | null,
  historyMap: PlaceholderMap = {},
  knowledgeKeys?: { readonly current: readonly string[] },
) {
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
      await settleOrphanedOnDeviceGenerations(ticketKey);
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
      if (followed && isIncomplete(followed)) setStream(storedState(followed));
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

  const latestStream = useLatest(stream);
  // The preset of the draft on screen: a Continue carries on with the same prompt (and the same draft input).
  const lastPreset = useRef<PresetChoice | null>(null);

  /**
   * A fresh draft (with a preset or the built-in prompt), or (continueId) a Continue: a new AI version that
   * starts with the cut-off text and grows with the rest. Either way the agent's own edits are kept as a version
   * first (draft-state), so a rewrite preset's result is a new version next to the text it rewrote.
   */
  const run = useCallback(
    (continueId?: number, preset: PresetChoice | null = null) => {
      if (!ticketKey || tabId === null || loadedKey !== ticketKey) return;
      handle.current?.detach();
      const choice = continueId === undefined ? preset : lastPreset.current;
      lastPreset.current = choice;
      // A rewrite replaces the text it was given (kept as a version); other runs never overwrite the agent's.
      dispatch({
        type: 'regenerate',
        at: Date.now(),
        // A Continue of a rewrite carries on from the cut-off text; only a fresh rewrite replaces the agent's.
        ...(continueId === undefined && choice?.draft !== undefined ? { replace: true } : {}),
      });
      setStream({ status: 'waiting' });
      let acc = '';
      let generationId = -1;
      let map: PlaceholderMap = {};
      const keys = knowledgeKeys?.current ?? [];
      // A grounded draft ends with "Sources: K1": never shown in the box (held back while it may be arriving).
      const shown = (text: string, final: boolean) =>
        restorePlaceholders(keys.length ? splitCitations(text, { final }).reply : text, map);
      const shared = streamHandlers(setStream);
      // Deltas are shown at most once per frame; never after the panel moved on to another generation.
      const batch = frameBatch(() => {
        if (handle.current !== mine) return;
        dispatch({ type: 'ai-text', generationId, text: shown(acc, false) });
        shared.streaming();
      });
      const mine = startPickedGeneration(
        'draft',
        tabId,
        ticketKey,
        {
          onStarted: (id, model, _chars, payload, prefix) => {
            generationId = id;
            map = payload?.placeholders ?? {};
            acc = prefix ?? '';
            setSent(payload ?? null);
            dispatch({
              type: 'ai-started',
              generationId: id,
              at: Date.now(),
              ...(choice?.name ? { label: choice.name } : {}),
            });
            if (acc) dispatch({ type: 'ai-text', generationId: id, text: shown(acc, false) });
            setStream({ status: 'waiting', model, generationId: id });
          },
          onRetrying: shared.onRetrying,
          onDelta: (d) => {
            acc += d;
            batch.request();
          },
          onDone: (t) => {
            batch.cancel();
            dispatch({ type: 'ai-text', generationId, text: shown(t || acc, true) });
            setStream((s) => ({ ...s, status: 'done', incomplete: false }));
          },
          onStopped: () => {
            batch.cancel();
            if (handle.current === mine) dispatch({ type: 'ai-text', generationId, text: shown(acc, true) });
            setStream((s) => ({ ...s, status: 'stopped' }));
          },
          onBackgroundLost: () => saveCutOff(generationId, acc),
          onError: (error) => {
            batch.cancel();
            if (acc && handle.current === mine)
              dispatch({ type: 'ai-text', generationId, text: shown(acc, true) });
            shared.failed(error, acc !== '');
          },
        },
        {
          replyLanguage: state.replyLanguage,
          ...(keys.length ? { knowledgeKeys: keys } : {}),
          ...presetOptions(choice),
          ...(continueId === undefined ? {} : { continueGenerationId: continueId }),
        },
      );
      handle.current = mine;
    },
    [ticketKey, tabId, loadedKey, handle, state.replyLanguage, knowledgeKeys],
  );
  const generate = useCallback(() => run(), [run]);
  /**
   * A preset or a refinement as the agent saw it in the picker, the Refine bar or the preview: `draft` is the text
   * a rewrite rewrites (the box's current text, edits included) and `name` labels the new version.
   */
  const runPreset = useCallback((choice: PresetChoice) => run(undefined, choice), [run]);
  const continueFrom = useCallback(() => {
    const s = latestStream.current;
    if (s.incomplete && s.generationId !== undefined) run(s.generationId);
  }, [run, latestStream]);

  const setKnowledge = useCallback((choice: KnowledgeChoice) => dispatch({ type: 'knowledge', choice }), []);

  return {
    state,
    stream,
    sent,
    ready: loadedKey === ticketKey,
    generate,
    runPreset,
    continueFrom,
    stop: () => handle.current?.stop(),
    edit: (text: string) => dispatch({ type: 'edit', text }),
    restore: (index: number) => dispatch({ type: 'restore', index, at: Date.now() }),
    /** A generation from the ticket's history (placeholders already restored) as the draft. */
    adopt: (generationId: number, text: string) =>
      dispatch({ type: 'adopt', generationId, text, at: Date.now() }),
    setReplyLanguage: (language: LanguageCode | undefined) => dispatch({ type: 'reply-language', language }),
    setKnowledge,
  };
}

export type { GenerationKind };
