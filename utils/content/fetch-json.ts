import { HttpError } from '../helpdesks/types';

// Same-origin GET on the agent's own session (cookies ride along). Read-only by construction:
// this is the only network call a content script makes, and it cannot write.
export function sameOriginJsonFetcher(origin: string, timeoutMs = 15_000) {
  return async (path: string): Promise<unknown> => {
    const url = new URL(path, origin);
    if (url.origin !== origin) throw new Error(`Refusing a cross-origin read: ${url.origin}`);
    const response = await fetch(url.href, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new HttpError(response.status, url.pathname);
    return response.json();
  };
}
