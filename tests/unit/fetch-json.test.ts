import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameOriginJsonFetcher } from '../../utils/content/fetch-json';
import { HttpError } from '../../utils/helpdesks/types';

// The content script's only network call: a same-origin GET. Adapters may add headers (ServiceNow's X-UserToken);
// the method, the credentials mode and the origin cannot be changed by them.

interface Seen {
  url: string;
  init: RequestInit;
}

function stubFetch(status = 200, body: unknown = { ok: true }): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sameOriginJsonFetcher', () => {
  const origin = 'https://acme.service-now.com';

  it('sends a GET on the session, with the headers the adapter asked for', async () => {
    const seen = stubFetch(200, { result: [] });
    const fetchJson = sameOriginJsonFetcher(origin);
    await expect(
      fetchJson('/api/now/table/incident/1', { headers: { 'X-UserToken': 'tok' } }),
    ).resolves.toEqual({
      result: [],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${origin}/api/now/table/incident/1`);
    expect(seen[0]!.init.method).toBe('GET');
    expect(seen[0]!.init.credentials).toBe('same-origin');
    expect(seen[0]!.init.headers).toEqual({ 'X-UserToken': 'tok', Accept: 'application/json' });
  });

  it('sends only Accept when no headers are given', async () => {
    const seen = stubFetch();
    await sameOriginJsonFetcher(origin)('/api/x');
    expect(seen[0]!.init.headers).toEqual({ Accept: 'application/json' });
  });

  it('refuses another origin, whatever the headers', async () => {
    const seen = stubFetch();
    await expect(
      sameOriginJsonFetcher(origin)('https://evil.example/api', { headers: { 'X-UserToken': 'tok' } }),
    ).rejects.toThrow('cross-origin');
    expect(seen).toHaveLength(0);
  });

  it('turns an HTTP error into HttpError', async () => {
    stubFetch(401, { error: { message: 'User Not Authenticated' } });
    await expect(sameOriginJsonFetcher(origin)('/api/now/table/incident/1')).rejects.toBeInstanceOf(
      HttpError,
    );
  });
});
