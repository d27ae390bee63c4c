import { t } from '../i18n/t';
import type { LlmError } from '../messaging/protocol';
import { LlmCallError } from './call-error';

// Chrome's built-in AI (the Prompt API, global `LanguageModel`, Gemini Nano) as an on-device provider.
//
// Facts this module relies on (Chrome 138+ for extensions; Prompt API explainer and Chromium's
// "Prompt API for extension" notes):
// - `LanguageModel` is a global of extension windows (and, in Chrome, extension workers). It does not exist in
//   Firefox or in browsers without the feature: that is 'unavailable' here, and the UI hides the option.
// - `availability(options)` → 'unavailable' | 'downloadable' | 'downloading' | 'available'. Older builds answered
//   'no' | 'after-download' | 'readily'; both vocabularies are read.
// - `create()` starts the model download when needed, and then requires a user activation (a click): the
//   options page calls `downloadChromeAi` straight from the click handler, before any await.
// - `monitor(m)` receives an EventTarget firing `downloadprogress` with `loaded` in 0..1 (early builds sent
//   bytes with `total`; both are read).
// - The context is small (a few thousand tokens). Current builds expose `contextWindow` / `contextUsage` /
//   `measureContextUsage()`; the older names `inputQuota` / `inputUsage` / `measureInputUsage()` remain in
//   extension contexts. Both are read, newer first.
// - `promptStreaming()` returns a ReadableStream of strings. Current builds send deltas; builds before the
//   change sent the whole text so far each time. Chunks are read defensively (see `chunkToDelta`).
// - `destroy()` frees the session; `signal` aborts create/prompt.
// The global is untyped (no lib.dom types yet), so everything is checked through the guards below.

export type ChromeAiAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/**
 * The model name stored with this provider's generations (history, metrics, CSV) and matched on: a fixed English
 * marker. What the agent reads is modelDisplayName()'s.
 */
// i18n-ignore: the stored model name (data); shown through modelDisplayName
export const ON_DEVICE_MODEL_LABEL = 'Chrome on-device model';

/** A generation's model as the panel shows it: the on-device marker in the UI language, any other id as it is. */
export function modelDisplayName(model: string): string {
  return model === ON_DEVICE_MODEL_LABEL ? t('core_llm_on_device_model') : model;
}

interface PromptOptions {
  signal?: AbortSignal;
}

export interface OnDeviceSession {
  promptStreaming(input: string, options?: PromptOptions): ReadableStream<unknown>;
  destroy(): void;
  measureContextUsage?(input: string, options?: PromptOptions): Promise<number>;
  measureInputUsage?(input: string, options?: PromptOptions): Promise<number>;
  contextWindow?: number;
  contextUsage?: number;
  inputQuota?: number;
  inputUsage?: number;
}

interface ExpectedIo {
  type: 'text';
  languages: string[];
}

interface CreateOptions {
  initialPrompts?: { role: 'system'; content: string }[];
  expectedInputs?: ExpectedIo[];
  expectedOutputs?: ExpectedIo[];
  monitor?: (monitor: EventTarget) => void;
  signal?: AbortSignal;
}

interface LanguageModelApi {
  availability(options?: Omit<CreateOptions, 'monitor' | 'signal' | 'initialPrompts'>): Promise<unknown>;
  create(options?: CreateOptions): Promise<unknown>;
}

function hasMethod(value: object, name: string): boolean {
  return name in value && typeof Reflect.get(value, name) === 'function';
}

/** The `LanguageModel` global when it has the shape this module uses; null elsewhere (Firefox, old Chrome). */
export function languageModelApi(scope: object = globalThis): LanguageModelApi | null {
  const candidate: unknown = Reflect.get(scope, 'LanguageModel');
  if ((typeof candidate !== 'function' && typeof candidate !== 'object') || candidate === null) return null;
  if (!hasMethod(candidate, 'availability') || !hasMethod(candidate, 'create')) return null;
  return candidate as LanguageModelApi;
}

function isSession(value: unknown): value is OnDeviceSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    hasMethod(value, 'promptStreaming') &&
    hasMethod(value, 'destroy')
  );
}

/**
 * Languages Deskmate declares it sends and expects (BCP 47); Chrome rejects or warns about undeclared ones, and
 * answers 'unavailable' for languages its model does not support. English unless the caller knows better
 * (the customer's detected language).
 */
function ioFor(
  languages: readonly string[] = ['en'],
): Pick<CreateOptions, 'expectedInputs' | 'expectedOutputs'> {
  const list = languages.length > 0 ? [...languages] : ['en'];
  return {
    expectedInputs: [{ type: 'text', languages: list }],
    expectedOutputs: [{ type: 'text', languages: list }],
  };
}
const IO = ioFor();

const AVAILABILITY_WORDS: Record<string, ChromeAiAvailability> = {
  available: 'available',
  readily: 'available',
  downloadable: 'downloadable',
  'after-download': 'downloadable',
  downloading: 'downloading',
  unavailable: 'unavailable',
  no: 'unavailable',
};

/** Never throws: a missing global, a throwing call or an unknown answer all mean 'unavailable'. */
export async function chromeAiAvailability(
  scope: object = globalThis,
  languages?: readonly string[],
): Promise<ChromeAiAvailability> {
  const api = languageModelApi(scope);
  if (!api) return 'unavailable';
  try {
    const answer = await api.availability(ioFor(languages));
    return (typeof answer === 'string' && AVAILABILITY_WORDS[answer]) || 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** A `downloadprogress` event as a fraction 0..1, or null when the event carries nothing usable. */
export function progressFraction(event: Event): number | null {
  const loaded: unknown = Reflect.get(event, 'loaded');
  const total: unknown = Reflect.get(event, 'total');
  if (typeof loaded !== 'number' || !Number.isFinite(loaded)) return null;
  // Early builds reported bytes with a total; current ones a fraction (total 1 or absent).
  const fraction = typeof total === 'number' && total > 1 ? loaded / total : loaded;
  return Math.min(1, Math.max(0, fraction));
}

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof Reflect.get(error, 'name') === 'string'
    ? String(Reflect.get(error, 'name'))
    : '';
}

function numberField(error: unknown, field: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = Reflect.get(error, field);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function tooLongError(used: number, window: number): LlmError {
  return {
    code: 'bad-request',
    message: t('error_on_device_too_long', String(Math.ceil(used)), String(Math.floor(window))),
  };
}

/** Maps what the Prompt API throws (DOMExceptions by name) to a sentence the agent can act on. */
export function onDeviceError(error: unknown): LlmError {
  if (error instanceof LlmCallError) return { ...error.llmError };
  const name = nameOf(error);
  switch (name) {
    case 'AbortError':
      return { code: 'aborted', message: t('error_stopped') };
    case 'NotAllowedError':
      return {
        code: 'forbidden',
        message: t('error_on_device_not_allowed'),
      };
    case 'NotSupportedError':
      return {
        code: 'bad-request',
        message: t('error_on_device_unsupported'),
      };
    case 'QuotaExceededError': {
      // Newer builds put the numbers on the exception (`requested`, `quota`).
      const requested = numberField(error, 'requested');
      const quota = numberField(error, 'quota');
      return requested !== undefined && quota !== undefined
        ? tooLongError(requested, quota)
        : { code: 'bad-request', message: t('error_on_device_too_long_plain') };
    }
    case 'NetworkError':
      return {
        code: 'network',
        message: t('error_on_device_download_failed'),
      };
    case 'InvalidStateError':
      return {
        code: 'unknown',
        message: t('error_on_device_session_ended'),
      };
    default: {
      const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
      return {
        code: 'unknown',
        message: text ? t('error_on_device_failed_detail', text.slice(0, 200)) : t('error_on_device_failed'),
      };
    }
  }
}

/** A function, not a constant: the message is read in the UI language when it is needed. */
const notPresent = (): LlmError => ({ code: 'no-provider', message: t('error_on_device_absent') });

/**
 * Downloads the model (or confirms it is there). Call it synchronously from a click handler: `create()` needs
 * the user activation when it has to download, so nothing is awaited before it. Resolves when the model is
 * ready; rejects with an LlmCallError.
 */
export function downloadChromeAi(
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
  scope: object = globalThis,
): Promise<void> {
  const api = languageModelApi(scope);
  if (!api) return Promise.reject(new LlmCallError(notPresent()));
  let creating: Promise<unknown>;
  try {
    creating = api.create({
      ...IO,
      ...(signal ? { signal } : {}),
      monitor(monitor) {
        monitor.addEventListener('downloadprogress', (event) => {
          const fraction = progressFraction(event);
          if (fraction !== null) onProgress(fraction);
        });
      },
    });
  } catch (error) {
    return Promise.reject(new LlmCallError(onDeviceError(error), { cause: error }));
  }
  return creating.then(
    (session) => {
      // Only the download was wanted; the session itself would hold memory for nothing.
      if (isSession(session)) session.destroy();
      onProgress(1);
    },
    (error: unknown) => {
      throw new LlmCallError(onDeviceError(error), { cause: error });
    },
  );
}

/** The session's context window and what it already holds (the system prompt), in tokens. */
export function onDeviceContextTokens(session: OnDeviceSession): { window: number; used: number } | null {
  const window = session.contextWindow ?? session.inputQuota;
  if (typeof window !== 'number' || !(window > 0)) return null;
  const used = session.contextUsage ?? session.inputUsage ?? 0;
  return { window, used: typeof used === 'number' && Number.isFinite(used) ? used : 0 };
}

const windowCache = new WeakMap<object, number>();

/**
 * The model's context window in tokens, for fitting the thread before the payload is built (token budget).
 * Opens a bare session once (only when the model is already downloaded: creating one otherwise would start
 * a download, which needs a click) and remembers the answer. Null when unknown.
 */
export async function onDeviceContextWindow(scope: object = globalThis): Promise<number | null> {
  const cached = windowCache.get(scope);
  if (cached !== undefined) return cached;
  const api = languageModelApi(scope);
  if (!api || (await chromeAiAvailability(scope)) !== 'available') return null;
  try {
    const session = await api.create(IO);
    if (!isSession(session)) return null;
    const context = onDeviceContextTokens(session);
    session.destroy();
    if (!context) return null;
    windowCache.set(scope, context.window);
    return context.window;
  } catch {
    return null;
  }
}

async function measure(session: OnDeviceSession, input: string, signal: AbortSignal): Promise<number | null> {
  if (session.measureContextUsage) return session.measureContextUsage(input, { signal });
  if (session.measureInputUsage) return session.measureInputUsage(input, { signal });
  return null;
}

/**
 * Turns one streamed chunk into the new text. Current Chrome sends deltas; older builds sent the whole answer
 * so far. A chunk that repeats everything received so far and adds to it is read as cumulative.
 */
export function chunkToDelta(received: string, chunk: string): string {
  if (received.length > 0 && chunk.length > received.length && chunk.startsWith(received)) {
    return chunk.slice(received.length);
  }
  return chunk;
}

export interface OnDeviceRequest {
  system: string;
  user: string;
  signal: AbortSignal;
  onDelta(delta: string): void;
  /** Called once the session exists and the context is measured (for budgets and the UI). */
  onContext?(context: { window: number; used: number; input: number }): void;
  /** Languages of the ticket and the answer (BCP 47); English when absent. */
  languages?: readonly string[];
  scope?: object;
}

function abortError(): DOMException {
  return new DOMException('Stopped.', 'AbortError');
}

/**
 * Streams one answer from the on-device model. Resolves with the full text; rejects with an LlmCallError
 * (its llmError is the agent-facing sentence; partialText what had arrived), or an AbortError on Stop.
 * The session is always destroyed.
 */
export async function streamOnDevice(request: OnDeviceRequest): Promise<string> {
  const { system, user, signal, onDelta } = request;
  const api = languageModelApi(request.scope ?? globalThis);
  if (!api) throw new LlmCallError(notPresent());
  if (signal.aborted) throw abortError();

  const availability = await chromeAiAvailability(request.scope ?? globalThis, request.languages);
  if (availability !== 'available') {
    throw new LlmCallError(
      availability === 'unavailable'
        ? notPresent()
        : {
            code: 'model-not-found',
            message:
              availability === 'downloading'
                ? t('error_on_device_downloading')
                : t('error_on_device_not_downloaded'),
          },
    );
  }

  let raw: unknown;
  try {
    raw = await api.create({
      ...ioFor(request.languages),
      initialPrompts: [{ role: 'system', content: system }],
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw abortError();
    throw new LlmCallError(onDeviceError(error), { cause: error });
  }
  if (!isSession(raw)) {
    throw new LlmCallError({
      code: 'bad-response',
      message: t('error_on_device_bad_output'),
    });
  }
  const session = raw;
  let text = '';
  try {
    // The small context: measure before prompting, and say so plainly instead of letting the model fail.
    const context = onDeviceContextTokens(session);
    const input = await measure(session, user, signal);
    if (context && input !== null) {
      request.onContext?.({ ...context, input });
      if (context.used + input > context.window) {
        throw new LlmCallError(tooLongError(context.used + input, context.window));
      }
    }
    if (signal.aborted) throw abortError();

    const reader = session.promptStreaming(user, { signal }).getReader();
    // Stop must end the read at once even if the stream ignores the signal.
    const onAbort = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal.aborted) throw abortError();
        if (done) break;
        if (typeof value !== 'string' || value === '') continue;
        const delta = chunkToDelta(text, value);
        if (delta === '') continue;
        text += delta;
        onDelta(delta);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    return text;
  } catch (error) {
    if (signal.aborted || nameOf(error) === 'AbortError') throw abortError();
    throw new LlmCallError(onDeviceError(error), { cause: error, partialText: text });
  } finally {
    try {
      session.destroy();
    } catch {
      // already destroyed
    }
  }
}
