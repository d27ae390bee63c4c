import type OpenAI from 'openai';
import { APIError, APIUserAbortError, OpenAIError } from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { LlmCallError } from './errors';

export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 45_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

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
  /** Structured output (the summary's JSON schema); omitted from the request when undefined. */
  responseFormat?: ChatCompletionCreateParamsStreaming['response_format'];
}

export interface StreamChatResult {
  text: string;
  finishReason: string | null;
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

/**
 * Streams a chat completion. Resolves only when the provider reported a finish_reason; otherwise
 * throws something toLlmError() understands: 'timeout' (our first-token / idle limits), 'aborted'
 * (the caller's signal), 'network' (the connection ended mid-answer), 'bad-response' (a 200 that
 * was not a stream of chunks), or the SDK's own errors for HTTP failures.
 */
export async function streamChat(args: StreamChatArgs): Promise<StreamChatResult> {
  const { client, model, messages, signal, onDelta } = args;
  const firstTokenMs = args.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS;
  const idleMs = args.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;

  if (signal.aborted) throw new APIUserAbortError();

  // Our own controller, so a timeout can stop the request without touching the caller's signal.
  const controller = new AbortController();
  const forwardAbort = () => controller.abort();
  signal.addEventListener('abort', forwardAbort, { once: true });

  let timedOut: 'first-token' | 'idle' | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number, kind: 'first-token' | 'idle') => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = kind;
      controller.abort();
    }, ms);
  };

  let text = '';
  let finishReason: string | null = null;
  let chunks = 0;
  let started = false; // first text or reasoning seen
  let phase: 'connecting' | 'streaming' = 'connecting';

  const timeoutError = (cause?: unknown) =>
    new LlmCallError(
      timedOut === 'idle'
        ? {
            code: 'timeout',
            message: `“${model}” stopped sending for ${seconds(idleMs)} s mid-answer, so Deskmate stopped waiting; the partial text was kept.`,
          }
        : {
            code: 'timeout',
            message: `No answer from “${model}” within ${seconds(firstTokenMs)} s, so Deskmate stopped waiting. A local model may still be loading, or the server is busy; try again.`,
          },
      { cause, partialText: text },
    );

  const droppedError = (cause?: unknown) =>
    new LlmCallError(
      {
        code: 'network',
        message: text
          ? 'The connection dropped mid-answer; the partial text was kept.'
          : 'The connection dropped before the answer arrived. Try again.',
      },
      { cause, partialText: text },
    );

  arm(firstTokenMs, 'first-token');
  try {
    const stream = await client.chat.completions.create(
      {
        model,
        messages,
        stream: true,
        ...(args.responseFormat ? { response_format: args.responseFormat } : {}),
      },
      { signal: controller.signal },
    );
    phase = 'streaming';
    for await (const chunk of stream) {
      chunks++;
      const choice = chunk.choices?.[0];
      const content = typeof choice?.delta?.content === 'string' ? choice.delta.content : '';
      if (content) {
        text += content;
        onDelta(content);
      }
      if (content || started || hasReasoning(choice?.delta)) {
        started = true;
        arm(idleMs, 'idle');
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
  } catch (err) {
    if (timedOut) throw timeoutError(err);
    if (signal.aborted) throw err instanceof APIUserAbortError ? err : new APIUserAbortError();
    // While streaming, anything that is not the provider's own error event or unparseable data is the
    // transport failing ("terminated", "network error", "Error in input stream").
    if (
      phase === 'streaming' &&
      !(err instanceof APIError) &&
      !(err instanceof SyntaxError) &&
      !(err instanceof OpenAIError)
    ) {
      throw droppedError(err);
    }
    throw err;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
  }

  // The SDK's stream iterator swallows abort errors and just ends, so check why it ended.
  if (timedOut) throw timeoutError();
  if (signal.aborted) throw new APIUserAbortError();
  if (finishReason === null) {
    if (chunks === 0) {
      throw new LlmCallError(
        {
          code: 'bad-response',
          message:
            'The server answered, but not with a stream of chat completion chunks. Is the base URL an OpenAI-compatible API (usually ending in /v1)?',
        },
        { partialText: text },
      );
    }
    throw droppedError();
  }
  return { text, finishReason };
}
