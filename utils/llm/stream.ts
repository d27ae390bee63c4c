import type OpenAI from 'openai';
import { APIError, APIUserAbortError, OpenAIError } from 'openai';
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { t, tCount } from '../i18n/t';
import { LlmCallError } from './errors';
import { type SseEvent, sseEvents } from './sse';

export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 45_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** A whole answer, first byte to finish_reason. Long enough for a slow local model writing a long draft. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 300_000;

export interface StreamChatArgs {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  /** The caller's stop button / port disconnect. */
  signal: AbortSignal;
  /** Called with each piece of text, in order. What it received is the partial text on failure. */
  onDelta(text: string): void;
  /** From the start of the request until the first text (or reasoning) arrives. */
  firstTokenTimeoutMs?: number;
  /** Longest silence allowed between chunks once the answer has started. */
  idleTimeoutMs?: number;
  /** From the start of the request until the finish_reason, however lively the stream is. */
  totalTimeoutMs?: number;
  /** Structured output (JSON schema / json_object) for providers that support it. */
  responseFormat?: ChatCompletionCreateParams['response_format'];
  /** Provider-specific request fields (e.g. Ollama's `options`), merged under the standard ones. */
  extraBody?: Readonly<Record<string, unknown>>;
}

export interface StreamChatResult {
  text: string;
  finishReason: string | null;
  /** Events skipped because they were not JSON, or JSON without `choices` (a broken proxy's noise). */
  malformedChunks: number;
}

/** Reasoning models stream their thinking in a non-standard field before any content. */
function hasReasoning(delta: unknown): boolean {
  if (!delta || typeof delta !== 'object') return false;
  const d = delta as Record<string, unknown>;
  return (
    (typeof d.reasoning_content === 'string' && d.reasoning_content.length > 0) ||
    (typeof d.reasoning === 'string' && d.reasoning.length > 0)
  );
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

/** The first choice's delta and finish reason of a parsed chunk, or null when it is not a chunk at all. */
function choiceOf(data: unknown): { delta: unknown; finishReason: string | null } | null {
  if (!data || typeof data !== 'object' || !('choices' in data) || !Array.isArray(data.choices)) return null;
  const first: unknown = data.choices[0];
  if (!first || typeof first !== 'object') return { delta: undefined, finishReason: null }; // usage-only chunk
  const delta = 'delta' in first ? first.delta : undefined;
  const finish =
    'finish_reason' in first && typeof first.finish_reason === 'string' ? first.finish_reason : null;
  return { delta, finishReason: finish };
}

function contentOf(delta: unknown): string {
  if (!delta || typeof delta !== 'object' || !('content' in delta)) return '';
  return typeof delta.content === 'string' ? delta.content : '';
}

type Parsed = { kind: 'done' } | { kind: 'malformed' } | { kind: 'chunk'; data: unknown };

/** One SSE event → a chunk, the end marker, or noise. An `error` payload throws like the SDK does. */
function parseEvent(sse: SseEvent, headers: Headers): Parsed {
  if (sse.data.startsWith('[DONE]')) return { kind: 'done' };
  let data: unknown;
  try {
    data = JSON.parse(sse.data);
  } catch {
    return { kind: 'malformed' };
  }
  if (data && typeof data === 'object' && 'error' in data && data.error) {
    // The provider's own error inside a healthy stream (same class and fields the SDK would throw).
    throw new APIError(undefined, data.error as object, undefined, headers);
  }
  if (sse.event === 'error') throw new APIError(undefined, data as object, undefined, headers);
  return choiceOf(data) ? { kind: 'chunk', data } : { kind: 'malformed' };
}

/**
 * Streams a chat completion. Resolves only when the provider reported a finish_reason; otherwise
 * throws something toLlmError() understands: 'timeout' (our first-token / idle / total limits), 'aborted'
 * (the caller's signal), 'network' (the connection ended mid-answer), 'bad-response' (a 200 that
 * was not a stream of chunks), or the SDK's own errors for HTTP failures.
 *
 * Malformed events (not JSON, or JSON without `choices`) are skipped and counted: a proxy that garbles a
 * keep-alive must not cost the agent an answer that is otherwise arriving fine.
 */
export async function streamChat(args: StreamChatArgs): Promise<StreamChatResult> {
  const { client, model, messages, signal, onDelta } = args;
  const firstTokenMs = args.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS;
  const idleMs = args.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const totalMs = args.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;

  if (signal.aborted) throw new APIUserAbortError();

  // Our own controller, so a timeout can stop the request without touching the caller's signal.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort();
  signal.addEventListener('abort', forwardAbort, { once: true });

  let timedOut: 'first-token' | 'idle' | 'total' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number, kind: 'first-token' | 'idle') => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut ??= kind;
      controller.abort();
    }, ms);
  };
  const totalTimer = setTimeout(() => {
    timedOut ??= 'total';
    controller.abort();
  }, totalMs);

  let text = '';
  let finishReason: string | null = null;
  let chunks = 0;
  let malformed = 0;
  let started = false; // first text or reasoning seen
  let phase: 'connecting' | 'streaming' = 'connecting';

  const timeoutError = (cause?: unknown) =>
    new LlmCallError(
      {
        code: 'timeout',
        message:
          timedOut === 'idle'
            ? t('core_llm_stream_idle', model, seconds(idleMs))
            : timedOut === 'total' && text
              ? t('core_llm_stream_total', model, seconds(totalMs))
              : t(
                  'core_llm_stream_no_answer',
                  model,
                  seconds(timedOut === 'total' ? Math.min(totalMs, firstTokenMs) : firstTokenMs),
                ),
      },
      { cause, partialText: text },
    );

  const droppedError = (cause?: unknown) =>
    new LlmCallError(
      {
        code: 'network',
        message: text ? t('core_llm_stream_dropped_partial') : t('core_llm_stream_dropped'),
      },
      { cause, partialText: text },
    );

  arm(firstTokenMs, 'first-token');
  try {
    const body = {
      ...args.extraBody,
      model,
      messages,
      stream: true,
      ...(args.responseFormat ? { response_format: args.responseFormat } : {}),
    } as ChatCompletionCreateParamsStreaming;
    // asResponse(): the SDK still sends the request and turns HTTP errors into its APIError classes, but
    // hands us the body unparsed (see sse.ts for why).
    const response = await client.chat.completions.create(body, { signal: controller.signal }).asResponse();
    phase = 'streaming';
    // i18n-ignore: utils/llm/errors.ts classifies it; the agent reads that translated text
    if (!response.body) throw new OpenAIError('The response had no body to stream.');
    for await (const sse of sseEvents(response.body)) {
      const parsed = parseEvent(sse, response.headers);
      if (parsed.kind === 'done') break;
      if (parsed.kind === 'malformed') {
        malformed++;
        continue;
      }
      chunks++;
      const choice = choiceOf(parsed.data);
      const content = contentOf(choice?.delta);
      if (content) {
        text += content;
        onDelta(content);
      }
      if (content || started || hasReasoning(choice?.delta)) {
        started = true;
        arm(idleMs, 'idle');
      }
      if (choice?.finishReason) finishReason = choice.finishReason;
    }
  } catch (err) {
    if (timedOut) throw timeoutError(err);
    if (signal.aborted) throw err instanceof APIUserAbortError ? err : new APIUserAbortError();
    // While streaming, anything that is not the provider's own error event is the transport failing
    // ("terminated", "network error", "Error in input stream").
    if (phase === 'streaming' && !(err instanceof APIError) && !(err instanceof OpenAIError)) {
      throw droppedError(err);
    }
    throw err;
  } finally {
    clearTimeout(timer);
    clearTimeout(totalTimer);
    signal.removeEventListener('abort', forwardAbort);
  }

  if (timedOut) throw timeoutError();
  if (signal.aborted) throw new APIUserAbortError();
  if (finishReason === null) {
    if (chunks === 0) {
      throw new LlmCallError(
        {
          code: 'bad-response',
          message:
            malformed > 0 ? tCount('core_llm_stream_unreadable', malformed) : t('core_llm_stream_not_chunks'),
        },
        { partialText: text },
      );
    }
    throw droppedError();
  }
  return { text, finishReason, malformedChunks: malformed };
}
