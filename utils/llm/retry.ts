import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  RateLimitError,
} from 'openai';
import { LlmCallError, retryAfterSeconds } from './errors';

// Retries before the first token (issue #4). A pure policy plus a small loop with injectable sleep/random.
//
// Which failures retry, and why:
// - 429 (rate limit): the provider says "later", usually with Retry-After. Not when the account is out of
//   quota (insufficient_quota): waiting does not help, and the message says so.
// - 408, 409, 5xx: the server or a gateway failed this one request; OpenAI documents these as retryable.
// - connection errors (refused, reset, DNS blip) and a stream cut before any text: nothing was received.
// - NOT our own first-token timeout (nor the SDK's header timeout): the agent has already waited the whole
//   configured time; trying again silently would multiply that wait behind a spinner. The message offers
//   "Try again" instead.
// - NEVER 400/401/403/404/422: the same request fails the same way.
// - NEVER once any text has arrived: the caller checks that (no silent retry mid-answer; the partial text
//   is kept and marked incomplete).

export type RetryReason = 'rate-limit' | 'server' | 'network';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff ceiling for the first retry; doubles each time (full jitter picks 0…ceiling). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out silently: the failure is shown, with when to retry. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
};

export interface RetryNotice {
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: RetryReason;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason }
  | { retry: false; why: 'not-retryable' | 'attempts-exhausted' | 'retry-after-too-long' };

/** Why a failure could be retried, or null when it never should be. */
export function retryReasonOf(error: unknown): RetryReason | null {
  if (error instanceof LlmCallError) {
    // streamChat's own failures: only "the connection dropped" with nothing received is worth another go.
    return error.llmError.code === 'network' && error.partialText === '' ? 'network' : null;
  }
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return null;
  if (error instanceof APIConnectionError) return 'network';
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (error instanceof RateLimitError || status === 429) {
      const code = `${error.code ?? ''} ${error.type ?? ''}`;
      return /insufficient_quota/i.test(code) ? null : 'rate-limit';
    }
    if (status === 408 || status === 409 || status >= 500) return 'server';
    return null;
  }
  // fetch's own failures outside the SDK's wrapping ("Failed to fetch", undici "fetch failed").
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return 'network';
  return null;
}

/** The server's requested wait in ms (retry-after-ms, retry-after, x-ratelimit-reset-*), if any. */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  const headers = error.headers;
  const ms = headers?.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const seconds = retryAfterSeconds(headers, now);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * Decides what to do after attempt number `attempt` (1-based) failed with `error`.
 * `random` returns [0, 1) (Math.random in production; fixed in tests).
 */
export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
  now: number = Date.now(),
): RetryDecision {
  const reason = retryReasonOf(error);
  if (!reason) return { retry: false, why: 'not-retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'attempts-exhausted' };
  const asked = retryAfterMs(error, now);
  if (asked !== undefined) {
    if (asked > policy.maxRetryAfterMs) return { retry: false, why: 'retry-after-too-long' };
    return { retry: true, delayMs: asked, reason };
  }
  // Exponential backoff with full jitter: uniform in [0, min(max, base·2^(n−1))], so many panels that
  // failed together do not come back in step.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling), reason };
}

/** Resolves after `ms`, or rejects with APIUserAbortError as soon as `signal` aborts (Stop during the wait). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new APIUserAbortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface WithRetriesArgs<T> {
  /** One attempt (1-based number). */
  run(attempt: number): Promise<T>;
  signal: AbortSignal;
  /** True once any answer text has reached the agent: from then on nothing is retried. */
  outputSeen(): boolean;
  onRetry?(notice: RetryNotice): void;
  policy?: RetryPolicy;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Runs `run` until it succeeds, the policy says stop, or the signal aborts; rethrows the last failure. */
export async function withRetries<T>(args: WithRetriesArgs<T>): Promise<T> {
  const policy = args.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = args.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await args.run(attempt);
    } catch (error) {
      if (args.signal.aborted || args.outputSeen()) throw error;
      const decision = decideRetry(error, attempt, policy, args.random, args.now?.() ?? Date.now());
      if (!decision.retry) throw error;
      args.onRetry?.({
        attempt: attempt + 1,
        maxAttempts: policy.maxAttempts,
        delayMs: decision.delayMs,
        reason: decision.reason,
      });
      await sleep(decision.delayMs, args.signal);
    }
  }
}
