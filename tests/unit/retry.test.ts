// @vitest-environment node
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { LlmCallError } from '../../utils/llm/errors';
import {
  abortableSleep,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RetryNotice,
  retryReasonOf,
  withRetries,
} from '../../utils/llm/retry';

const httpError = (status: number, headers: Record<string, string> = {}, code?: string) =>
  APIError.generate(
    status,
    { error: { message: `status ${status}`, type: 'x', code: code ?? null } },
    undefined,
    new Headers(headers),
  );

const dropped = (partialText: string) =>
  new LlmCallError({ code: 'network', message: 'dropped' }, { partialText });
const timedOut = () => new LlmCallError({ code: 'timeout', message: 'no answer' });

describe('retryReasonOf', () => {
  it.each([
    [429, 'rate-limit'],
    [408, 'server'],
    [409, 'server'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [504, 'server'],
  ] as const)('%i retries (%s)', (status, reason) => {
    expect(retryReasonOf(httpError(status))).toBe(reason);
  });

  it.each([400, 401, 403, 404, 413, 422])('%i never retries', (status) => {
    expect(retryReasonOf(httpError(status))).toBeNull();
  });

  it('an exhausted quota (insufficient_quota 429) does not retry: waiting cannot help', () => {
    expect(retryReasonOf(httpError(429, {}, 'insufficient_quota'))).toBeNull();
  });

  it('connection failures and a stream cut before any text retry; a cut after text does not', () => {
    expect(retryReasonOf(new APIConnectionError({ message: 'Connection error.' }))).toBe('network');
    expect(retryReasonOf(new TypeError('Failed to fetch'))).toBe('network');
    expect(retryReasonOf(dropped(''))).toBe('network');
    expect(retryReasonOf(dropped('Hello'))).toBeNull();
  });

  it('timeouts, aborts and unknown errors do not retry', () => {
    expect(retryReasonOf(timedOut())).toBeNull();
    expect(retryReasonOf(new APIConnectionTimeoutError())).toBeNull();
    expect(retryReasonOf(new APIUserAbortError())).toBeNull();
    expect(retryReasonOf(new Error('boom'))).toBeNull();
    expect(retryReasonOf(new SyntaxError('bad json'))).toBeNull();
  });
});

describe('decideRetry', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 };

  it('full jitter: the delay is random × min(max, base·2^(n−1))', () => {
    expect(decideRetry(httpError(500), 1, policy, () => 0.5)).toEqual({
      retry: true,
      delayMs: 500,
      reason: 'server',
    });
    expect(decideRetry(httpError(500), 2, policy, () => 0.5)).toMatchObject({ delayMs: 1_000 });
    expect(decideRetry(httpError(500), 2, policy, () => 0)).toMatchObject({ delayMs: 0 });
    const big = { ...policy, maxAttempts: 10 };
    expect(decideRetry(httpError(500), 6, big, () => 0.999)).toMatchObject({ delayMs: 7_992 });
  });

  it('stops after maxAttempts in total', () => {
    expect(decideRetry(httpError(503), 3, policy, () => 0.5)).toEqual({
      retry: false,
      why: 'attempts-exhausted',
    });
  });

  it('honours Retry-After (seconds), retry-after-ms, an HTTP date, and x-ratelimit-reset', () => {
    expect(decideRetry(httpError(429, { 'retry-after': '3' }), 1, policy, () => 0.9)).toEqual({
      retry: true,
      delayMs: 3_000,
      reason: 'rate-limit',
    });
    expect(
      decideRetry(httpError(429, { 'retry-after-ms': '1500', 'retry-after': '9' }), 1, policy, () => 0.9),
    ).toMatchObject({ delayMs: 1_500 });
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(
      decideRetry(
        httpError(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }),
        1,
        policy,
        () => 0.9,
        now,
      ),
    ).toMatchObject({ delayMs: 5_000 });
    expect(
      decideRetry(
        httpError(429, { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '2s' }),
        1,
        policy,
        () => 0.9,
      ),
    ).toMatchObject({ delayMs: 2_000 });
  });

  it('a Retry-After beyond the cap is not waited out: the failure is shown instead', () => {
    expect(decideRetry(httpError(429, { 'retry-after': '60' }), 1, policy, () => 0.5)).toEqual({
      retry: false,
      why: 'retry-after-too-long',
    });
  });

  it('never retries what is not retryable, even on the first attempt', () => {
    expect(decideRetry(httpError(401), 1, policy)).toEqual({ retry: false, why: 'not-retryable' });
  });
});

describe('withRetries', () => {
  const noSleep = async () => {};

  it('retries a 429 then succeeds, telling the caller each wait', async () => {
    const notices: RetryNotice[] = [];
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries({
      run: async () => {
        calls++;
        if (calls === 1) throw httpError(429, { 'retry-after': '1' });
        return 'ok';
      },
      signal: new AbortController().signal,
      outputSeen: () => false,
      onRetry: (n) => notices.push(n),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result).toBe('ok');
    expect(calls).toBe(2);
    expect(notices).toEqual([{ attempt: 2, maxAttempts: 3, delayMs: 1_000, reason: 'rate-limit' }]);
    expect(waits).toEqual([1_000]);
  });

  it('gives up after three attempts and rethrows the last failure', async () => {
    let calls = 0;
    const last = httpError(503);
    await expect(
      withRetries({
        run: async () => {
          calls++;
          throw calls === 3 ? last : httpError(500);
        },
        signal: new AbortController().signal,
        outputSeen: () => false,
        sleep: noSleep,
        random: () => 0,
      }),
    ).rejects.toBe(last);
    expect(calls).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('no retry once text has reached the agent', async () => {
    let calls = 0;
    await expect(
      withRetries({
        run: async () => {
          calls++;
          throw httpError(500); // e.g. an error after deltas were shown
        },
        signal: new AbortController().signal,
        outputSeen: () => true,
        sleep: noSleep,
      }),
    ).rejects.toBeInstanceOf(APIError);
    expect(calls).toBe(1);
  });

  it('Stop during the backoff wait ends it at once with an abort, and no further attempt is made', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetries({
      run: async () => {
        calls++;
        throw httpError(429, { 'retry-after': '10' });
      },
      signal: controller.signal,
      outputSeen: () => false,
      onRetry: () => controller.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toBe(1);
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay, or rejects when already aborted', async () => {
    await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
    const c = new AbortController();
    c.abort();
    await expect(abortableSleep(10_000, c.signal)).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
