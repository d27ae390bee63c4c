import { type FetchJsonOptions, HttpError } from '../helpdesks/types';

// Same-origin GET on the agent's own session (cookies ride along). Read-only by construction:
// this is the only network call a content script makes, and it cannot write. Adapters may add request headers
// a helpdesk needs for session reads (ServiceNow's X-UserToken); the method and the origin stay fixed.
export function sameOriginJsonFetcher(origin: string, timeoutMs = 15_000) {
  return async (path: string, options: FetchJsonOptions = {}): Promise<unknown> => {
    const url = new URL(path, origin);
    // i18n-ignore: a programming error, caught by the adapter (the agent reads "the API could not be reached")
    if (url.origin !== origin) throw new Error(`Refusing a cross-origin read: ${url.origin}`);
    const response = await fetch(url.href, {
      method: 'GET',
      credentials: 'same-origin',
      // The adapter's headers (an org id, a session token) cannot turn this into a write: method and credentials
      // are fixed, and Accept stays JSON.
      headers: { ...options.headers, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new HttpError(response.status, url.pathname);
    return response.json();
  };
}
