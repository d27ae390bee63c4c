// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  checkPackUrl,
  type FetchFn,
  MIN_STARTUP_GAP_MS,
  newSubscription,
  refreshSubscription,
  type SubscriptionState,
  shouldRefresh,
  subscriptionStatus,
} from '@/utils/presets/subscription';

const URL_ = 'https://packs.acme.test/support.json';
const HOUR = 3_600_000;

const packText = (version: string, name = 'Acme') =>
  JSON.stringify({
    schemaVersion: 1,
    name,
    version,
    presets: [{ id: 'refund', name: 'Refund', kind: 'reply', template: 'Reply to {{conversation}}' }],
  });

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake server: answers from a queue and records what it was asked. */
function fakeFetch(...answers: ((call: Call) => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected fetch');
    return answer(call);
  };
  return { fetchFn, calls };
}

const ok =
  (body: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });

function fresh(): SubscriptionState {
  const made = newSubscription(URL_, 1000);
  if (!made.ok) throw new Error(made.message);
  return made.state;
}

const headerOf = (call: Call | undefined, name: string) => new Headers(call?.init.headers).get(name);

describe('checkPackUrl', () => {
  it('accepts https and normalises the link', () => {
    expect(checkPackUrl('  https://Packs.Acme.test/a.json#top ')).toEqual({
      ok: true,
      url: 'https://packs.acme.test/a.json',
    });
  });

  it('rejects http with a reason, except on the loopback host', () => {
    const http = checkPackUrl('http://packs.acme.test/a.json');
    expect(http.ok).toBe(false);
    expect(!http.ok && http.message).toContain('must start with https://');
    expect(checkPackUrl('http://127.0.0.1:8080/pack.json').ok).toBe(true);
    expect(checkPackUrl('http://localhost/pack.json').ok).toBe(true);
    expect(checkPackUrl('http://[::1]/pack.json').ok).toBe(true);
    expect(checkPackUrl('http://127.0.0.2/pack.json').ok).toBe(false);
  });

  it('rejects other schemes, garbage and embedded credentials', () => {
    expect(checkPackUrl('file:///etc/pack.json')).toMatchObject({
      ok: false,
      message: expect.stringContaining('file:'),
    });
    expect(checkPackUrl('packs.acme.test/a.json')).toMatchObject({
      message: expect.stringContaining('not a web address'),
    });
    expect(checkPackUrl('https://bob:hunter2@packs.acme.test/a.json')).toMatchObject({
      message: expect.stringContaining('Remove the user name and password'),
    });
  });
});

describe('shouldRefresh', () => {
  const checkedAt = 10 * HOUR;
  const state = { ...fresh(), intervalHours: 6, lastCheckedAt: checkedAt, lastSuccessAt: checkedAt };

  it('is due when never checked, on manual refresh, and when the interval has passed', () => {
    expect(shouldRefresh(fresh(), 5000)).toBe(true);
    expect(shouldRefresh(state, checkedAt + 1, 'manual')).toBe(true);
    expect(shouldRefresh(state, checkedAt + 6 * HOUR - 1)).toBe(false);
    expect(shouldRefresh(state, checkedAt + 6 * HOUR)).toBe(true);
  });

  it('on start-up refreshes unless it just did', () => {
    expect(shouldRefresh(state, checkedAt + MIN_STARTUP_GAP_MS - 1, 'startup')).toBe(false);
    expect(shouldRefresh(state, checkedAt + MIN_STARTUP_GAP_MS, 'startup')).toBe(true);
  });

  it('retries after an hour when the last check failed, and when the clock went back', () => {
    const failing = { ...state, lastError: { code: 'network' as const, message: 'x', at: checkedAt } };
    expect(shouldRefresh(failing, checkedAt + HOUR - 1)).toBe(false);
    expect(shouldRefresh(failing, checkedAt + HOUR)).toBe(true);
    expect(shouldRefresh(state, checkedAt - 1)).toBe(true);
  });
});

describe('refreshSubscription', () => {
  it('first fetch: stores the pack and its ETag, asks without conditions and without credentials', async () => {
    const { fetchFn, calls } = fakeFetch(ok(packText('1.0.0'), { etag: '"v1"' }));
    const result = await refreshSubscription(fresh(), fetchFn, { now: () => 5000 });
    expect(result.outcome).toBe('updated');
    expect(result.changed).toBe(true);
    expect(result.state).toMatchObject({ etag: '"v1"', lastCheckedAt: 5000, lastSuccessAt: 5000 });
    expect(result.state.pack?.version).toBe('1.0.0');
    expect(calls[0]!.url).toBe(URL_);
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', cache: 'no-store' });
    expect(headerOf(calls[0], 'if-none-match')).toBeNull();
  });

  it('sends If-None-Match; 304 keeps the current copy', async () => {
    const first = await refreshSubscription(
      fresh(),
      fakeFetch(ok(packText('1.0.0'), { etag: '"v1"' })).fetchFn,
    );
    const { fetchFn, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    const result = await refreshSubscription(first.state, fetchFn, { now: () => 9000 });
    expect(headerOf(calls[0], 'if-none-match')).toBe('"v1"');
    expect(result.outcome).toBe('not-modified');
    expect(result.changed).toBe(false);
    expect(result.state.pack).toEqual(first.state.pack);
    expect(result.state).toMatchObject({ etag: '"v1"', lastCheckedAt: 9000, lastSuccessAt: 9000 });
  });

  it('falls back to If-Modified-Since when there is no ETag', async () => {
    const first = await refreshSubscription(
      fresh(),
      fakeFetch(ok(packText('1.0.0'), { 'last-modified': 'Wed, 01 Jan 2030 00:00:00 GMT' })).fetchFn,
    );
    const { fetchFn, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    await refreshSubscription(first.state, fetchFn);
    expect(headerOf(calls[0], 'if-modified-since')).toBe('Wed, 01 Jan 2030 00:00:00 GMT');
  });

  it('a changed pack replaces the copy; the same content is not a change', async () => {
    const first = await refreshSubscription(
      fresh(),
      fakeFetch(ok(packText('1.0.0'), { etag: '"a"' })).fetchFn,
    );
    const same = await refreshSubscription(
      first.state,
      fakeFetch(ok(packText('1.0.0'), { etag: '"b"' })).fetchFn,
    );
    expect(same).toMatchObject({ outcome: 'updated', changed: false });
    const newer = await refreshSubscription(
      same.state,
      fakeFetch(ok(packText('1.1.0'), { etag: '"c"' })).fetchFn,
    );
    expect(newer).toMatchObject({ outcome: 'updated', changed: true });
    expect(newer.state).toMatchObject({ etag: '"c"', pack: { version: '1.1.0' } });
  });

  describe('failures keep the last good copy and say what went wrong', () => {
    async function goodState() {
      const first = await refreshSubscription(
        fresh(),
        fakeFetch(ok(packText('1.0.0'), { etag: '"v1"' })).fetchFn,
        {
          now: () => 1000,
        },
      );
      return first.state;
    }

    async function failWith(answer: Parameters<typeof fakeFetch>[0], options = {}) {
      const before = await goodState();
      const result = await refreshSubscription(before, fakeFetch(answer).fetchFn, {
        now: () => 2000,
        ...options,
      });
      expect(result.outcome).toBe('failed');
      expect(result.changed).toBe(false);
      expect(result.state.pack).toEqual(before.pack);
      expect(result.state.etag).toBe('"v1"');
      expect(result.state.lastSuccessAt).toBe(1000);
      expect(result.state.lastCheckedAt).toBe(2000);
      expect(result.state.lastError).toEqual(result.error);
      expect(subscriptionStatus(result.state)).toMatchObject({ failing: true, version: '1.0.0' });
      return result;
    }

    it('404', async () => {
      const r = await failWith(() => new Response('nope', { status: 404 }));
      expect(r.error).toMatchObject({
        code: 'not-found',
        message: expect.stringContaining('not found at packs.acme.test (HTTP 404)'),
      });
    });

    it('403 and 500', async () => {
      expect((await failWith(() => new Response('', { status: 403 }))).error?.message).toContain(
        'readable by anyone',
      );
      expect((await failWith(() => new Response('', { status: 503 }))).error?.message).toContain('HTTP 503');
    });

    it('timeout', async () => {
      const hang = (call: Call) =>
        new Promise<Response>((_, reject) => {
          call.init.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        });
      const r = await failWith(hang, { timeoutMs: 5 });
      expect(r.error).toMatchObject({
        code: 'timeout',
        message: expect.stringContaining('did not send the pack within'),
      });
    });

    it('network or CORS failure', async () => {
      const r = await failWith(() => Promise.reject(new TypeError('Failed to fetch')));
      expect(r.error).toMatchObject({
        code: 'network',
        message: expect.stringContaining('Access-Control-Allow-Origin'),
      });
    });

    it('an HTML page instead of JSON', async () => {
      const r = await failWith(
        () =>
          new Response('<!DOCTYPE html><html>GitHub</html>', { headers: { 'content-type': 'text/html' } }),
      );
      expect(r.error).toMatchObject({ code: 'not-json', message: expect.stringContaining('“Raw” link') });
    });

    it('broken JSON', async () => {
      const r = await failWith(ok('{"schemaVersion": 1,'));
      expect(r.error).toMatchObject({ code: 'not-json', message: expect.stringContaining('line 1') });
    });

    it('an invalid pack, with its paths', async () => {
      const bad = JSON.stringify({
        ...JSON.parse(packText('1.0.0')),
        presets: [{ id: 'x', name: 'X', kind: 'reply', template: '{{nope}}' }],
      });
      const r = await failWith(ok(bad));
      expect(r.error?.code).toBe('invalid-pack');
      expect(r.issues?.[0]?.path).toBe('presets[0].template');
    });

    it('a pack from a newer Deskmate', async () => {
      const newer = JSON.stringify({ ...JSON.parse(packText('2.0.0')), schemaVersion: 2 });
      const r = await failWith(ok(newer));
      expect(r.error?.message).toContain('Update Deskmate');
    });

    it('over 1 MB, by header or by body', async () => {
      const declared = await failWith(ok('{}', { 'content-length': String(2 * 1024 * 1024) }));
      expect(declared.error?.code).toBe('too-large');
      const body = await failWith(ok(`{"x":"${'a'.repeat(1024 * 1024)}"}`));
      expect(body.error?.code).toBe('too-large');
    });

    it('a redirect to plain http', async () => {
      const redirected = () => {
        const response = new Response(packText('1.0.0'));
        Object.defineProperty(response, 'url', { value: 'http://evil.test/pack.json' });
        return response;
      };
      const r = await failWith(redirected);
      expect(r.error?.code).toBe('insecure-redirect');
    });
  });

  it('a failure before any success leaves no pack and is reported', async () => {
    const result = await refreshSubscription(
      fresh(),
      fakeFetch(() => new Response('', { status: 404 })).fetchFn,
    );
    expect(result.state.pack).toBeUndefined();
    expect(subscriptionStatus(result.state)).toMatchObject({ failing: true, version: undefined });
  });

  it('recovers: the next success clears the error', async () => {
    const failed = await refreshSubscription(
      fresh(),
      fakeFetch(() => Promise.reject(new TypeError('x'))).fetchFn,
      {
        now: () => 10,
      },
    );
    const recovered = await refreshSubscription(failed.state, fakeFetch(ok(packText('1.0.0'))).fetchFn, {
      now: () => 20,
    });
    expect(recovered.state.lastError).toBeUndefined();
    expect(subscriptionStatus(recovered.state).failing).toBe(false);
  });
});
