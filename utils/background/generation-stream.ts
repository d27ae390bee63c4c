import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { db } from '../db';
import { t } from '../i18n/t';
import { ContinuationJoiner, continuationMessages } from '../llm/continue';
import { streamChatWithFormatFallback } from '../llm/response-format';
import { type RetryNotice, withRetries } from '../llm/retry';
import { DEFAULT_TOTAL_TIMEOUT_MS, type StreamChatArgs } from '../llm/stream';
import type { GenerationKind, LlmError } from '../messaging/protocol';
import { BACKGROUND_STOPPED_MESSAGE, isIncomplete } from '../messaging/stream-notes';

// The streaming half of a generation (issue #4, "Streaming robustness"), kept apart from generation.ts so
// the port protocol and the payload building there stay small: timeouts from the settings, retries before
// the first token, Continue, and the clean-up of generations a stopped service worker left behind.

export { BACKGROUND_STOPPED_MESSAGE, isIncomplete };

const FIRST_TOKEN_CAP_MS = 120_000;

export interface StreamTimeouts {
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
}

/**
 * Timeouts from the provider settings. With `firstTokenTimeoutMs` present (the per-provider settings), it
 * is the first-token limit and `timeoutMs` the whole answer's. Without it (the single-provider settings of
 * the core path), `timeoutMs` was the only knob and meant "until the answer starts", so it stays that and
 * the total gets the default.
 */
export function timeoutsFrom(settings: { timeoutMs: number; firstTokenTimeoutMs?: unknown }): StreamTimeouts {
  const firstToken = settings.firstTokenTimeoutMs;
  if (typeof firstToken === 'number' && Number.isFinite(firstToken) && firstToken > 0) {
    return { firstTokenTimeoutMs: firstToken, totalTimeoutMs: Math.max(settings.timeoutMs, firstToken) };
  }
  return {
    firstTokenTimeoutMs: Math.min(settings.timeoutMs, FIRST_TOKEN_CAP_MS),
    totalTimeoutMs: Math.max(DEFAULT_TOTAL_TIMEOUT_MS, settings.timeoutMs),
  };
}

export type ContinuationPlan =
  | { ok: true; messages: ChatCompletionMessageParam[]; prefix: string }
  | { ok: false; error: LlmError };

/**
 * For a Continue: the stored cut-off generation (the model's own text, placeholders included, so nothing
 * unredacted goes back to the model) appended to the freshly built payload.
 */
export async function planContinuation(
  generationId: number,
  ticketKey: string,
  kind: GenerationKind,
  messages: ChatCompletionMessageParam[],
): Promise<ContinuationPlan> {
  const previous = await db().generations.get(generationId);
  if (!previous || previous.ticketKey !== ticketKey || previous.kind !== kind || previous.output === '') {
    return {
      ok: false,
      error: {
        code: 'bad-request',
        message: t('error_nothing_to_continue'),
      },
    };
  }
  return { ok: true, messages: continuationMessages(messages, previous.output), prefix: previous.output };
}

export interface StreamGenerationArgs {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  signal: AbortSignal;
  timeouts: StreamTimeouts;
  /** A Continue's cut-off text: deltas are joined onto it (a repeated overlap dropped). */
  prefix?: string;
  /** Structured output (the summary's JSON schema); dropped once if the provider rejects it. */
  responseFormat?: StreamChatArgs['responseFormat'];
  /** Text for the agent, in order (after the join); `full` is prefix + everything so far. */
  onText(delta: string, full: string): void;
  onRetry(notice: RetryNotice): void;
}

/** Streams with retries before the first token; resolves with the full text (prefix included). */
export async function streamGeneration(args: StreamGenerationArgs): Promise<string> {
  const prefix = args.prefix ?? '';
  const joiner = prefix ? new ContinuationJoiner(prefix) : null;
  let full = prefix;
  let seen = false;
  const emit = (piece: string) => {
    if (!piece) return;
    full += piece;
    args.onText(piece, full);
  };
  try {
    await runWithRetries();
  } finally {
    // Also on failure: text held back as a possible echo is still text that arrived.
    if (joiner) emit(joiner.flush());
  }
  return full;

  function runWithRetries() {
    return withRetries({
      signal: args.signal,
      outputSeen: () => seen,
      onRetry: args.onRetry,
      run: () =>
        streamChatWithFormatFallback({
          client: args.client,
          responseFormat: args.responseFormat,
          model: args.model,
          messages: args.messages,
          signal: args.signal,
          firstTokenTimeoutMs: args.timeouts.firstTokenTimeoutMs,
          totalTimeoutMs: args.timeouts.totalTimeoutMs,
          onDelta: (delta) => {
            seen = true;
            emit(joiner ? joiner.push(delta) : delta);
          },
        }),
    });
  }
}

/**
 * At worker start: any generation still marked 'streaming' belonged to a worker that is gone (Chrome stopped
 * it, or it crashed); it can never finish. Mark it interrupted so the panel offers Continue/Regenerate.
 */
export async function markOrphanedGenerations(now = Date.now()): Promise<number> {
  return db()
    .generations.filter((g) => g.outcome === 'streaming')
    .modify((g) => {
      g.outcome = 'interrupted';
      g.finishedAt = now;
      g.errorCode = 'network';
      g.errorMessage = BACKGROUND_STOPPED_MESSAGE;
    });
}
