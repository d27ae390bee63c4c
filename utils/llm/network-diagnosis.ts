import { t } from '../i18n/t';
import type { LlmError } from '../messaging/protocol';
import { hostOf, looksLikeOllama } from './errors';

// In a browser, connection refused, an unknown host name and a rejected TLS certificate all surface as the
// same TypeError ("Failed to fetch"). What can still be told apart, honestly:
// - whether Deskmate may access the host at all (the optional host permission);
// - whether the server's origin answers a plain no-cors request: if it does, the network is fine and the API
//   request itself was blocked (CORS, a proxy); if it does not, the server is unreachable;
// - localhost vs a remote name, http vs https, which narrows the likely causes.

export interface NetworkFacts {
  baseURL: string;
  /** False when the host permission for the endpoint is missing. */
  hasPermission: boolean;
  /** True when GET {origin}/ answered (any status) in no-cors mode. */
  originAnswers: boolean;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '127.0.0.1' ||
    hostname === '[::1]' ||
    hostname.endsWith('.localhost')
  );
}

/** The agent-facing sentence for a fetch that failed before any HTTP answer. */
export function describeNetworkFailure(facts: NetworkFacts): LlmError {
  const host = hostOf(facts.baseURL);
  let url: URL | null = null;
  try {
    url = new URL(facts.baseURL);
  } catch {
    url = null;
  }
  const make = (message: string): LlmError => ({ code: 'network', message });
  const ollama = url !== null && looksLikeOllama(facts.baseURL);
  if (!facts.hasPermission) return make(t('error_net_no_permission', host));
  if (facts.originAnswers) return make(t(ollama ? 'error_net_blocked_ollama' : 'error_net_blocked', host));
  if (url && isLoopback(url.hostname))
    return make(t(ollama ? 'error_net_local_ollama' : 'error_net_local', host));
  if (url?.protocol === 'https:') return make(t('error_net_https', host));
  return make(t('error_net_http', host));
}

/** Probes the endpoint's origin without CORS: resolves true on any HTTP answer, false when nothing answers. */
export async function originAnswers(baseURL: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3000) {
  try {
    const origin = new URL(baseURL).origin;
    await fetchImpl(`${origin}/`, { mode: 'no-cors', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
