import { type FetchJsonOptions, HttpError } from '../helpdesks/types';

// Same-origin GET on the agent's own session (cookies ride along). Read-only by construction:
// this is the only network call a content script makes, and it cannot write.
export function sameOriginJsonFetcher(origin: string, timeoutMs = 15_000) {
  return async (path: string, options: FetchJsonOptions = {}): Promise<unknown> => {
    const url = new URL(path, origin);
    if (url.origin !== origin) throw new Error(`Refusing a cross-origin read: ${url.origin}`);
    const response = await fetch(url.href, {
      method: 'GET',
      credentials: 'same-origin',
      // The adapter's headers (e.g. an org id) cannot turn this into a write: method and credentials are fixed.
      headers: { Accept: 'application/json', ...options.headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new HttpError(response.status, url.pathname);
    return response.json();
  };
}
