import { z } from 'zod';
import { t } from '../i18n/t';
import { MAX_PACK_BYTES, type PackIssue, PresetPack, parsePack } from './pack';
import type { PresetSource } from './preset';

// Subscribing to a pack by URL (any static host: GitHub raw, S3, an intranet server). Pure logic with the fetch
// injected: the background calls `refreshSubscription` on start and from an alarm (see shouldRefresh), tests pass a
// fake fetch. Rules:
// - HTTPS only, so nobody on the network can rewrite a team's prompts in transit. Exception: plain http to the
//   loopback host (localhost, 127.0.0.1, [::1]). Loopback traffic never leaves the machine, so TLS protects
//   nothing there; the manifest already grants http://localhost and http://127.0.0.1 for local model servers; and
//   it is how a team lead previews a pack before publishing it, and how the e2e fixture server serves one.
// - Conditional requests: If-None-Match with the last ETag (If-Modified-Since with Last-Modified as a fallback);
//   304 keeps the current copy.
// - The last good copy stays in force whatever goes wrong; the error is recorded next to it for the status line.
// - No credentials: links with user:password are refused, requests go out with `credentials: 'omit'`.

export const DEFAULT_REFRESH_HOURS = 12;
export const FETCH_TIMEOUT_MS = 15_000;
/** A browser start right after another one does not refetch every pack. */
export const MIN_STARTUP_GAP_MS = 10 * 60_000;
/** After a failure, try again sooner than the normal interval (but not more often than this). */
export const RETRY_AFTER_ERROR_MS = 60 * 60_000;
/** The alarm the background creates; each tick asks shouldRefresh for every subscription. */
export const SUBSCRIPTION_ALARM = 'deskmate:pack-subscriptions';
export const SUBSCRIPTION_ALARM_PERIOD_MINUTES = 60;

export const SUBSCRIPTION_ERROR_CODES = [
  'bad-url',
  'insecure-redirect',
  'not-found',
  'http',
  'timeout',
  'network',
  'too-large',
  'not-json',
  'invalid-pack',
] as const;
export const SubscriptionErrorCode = z.enum(SUBSCRIPTION_ERROR_CODES);
export type SubscriptionErrorCode = z.infer<typeof SubscriptionErrorCode>;

export const SubscriptionError = z.object({
  code: SubscriptionErrorCode,
  message: z.string().max(4000),
  at: z.number().int().nonnegative(),
});
export type SubscriptionError = z.infer<typeof SubscriptionError>;

export const SubscriptionState = z.object({
  url: z.string().url().max(2000),
  /** 'policy' subscriptions come from the administrator (policy.ts): the agent cannot remove them. */
  origin: z.enum(['agent', 'policy']).default('agent'),
  intervalHours: z.number().int().min(1).max(168).default(DEFAULT_REFRESH_HOURS),
  addedAt: z.number().int().nonnegative(),
  etag: z.string().max(1000).optional(),
  lastModified: z.string().max(200).optional(),
  lastCheckedAt: z.number().int().nonnegative().optional(),
  lastSuccessAt: z.number().int().nonnegative().optional(),
  /** When the copy in force last changed (a new version arrived), as opposed to merely being confirmed. */
  lastChangedAt: z.number().int().nonnegative().optional(),
  lastError: SubscriptionError.optional(),
  /** The last good copy: what is in force. */
  pack: PresetPack.optional(),
});
export type SubscriptionState = z.infer<typeof SubscriptionState>;

// ---------------------------------------------------------------- URL

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** The link an agent or policy gives → the URL to fetch, or why it cannot be used. */
export function checkPackUrl(input: string): UrlCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: t('core_presets_sub_not_url', text.slice(0, 100)),
    };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    return {
      ok: false,
      message: t('core_presets_sub_http', url.host),
    };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: t('core_presets_sub_scheme', url.protocol) };
  if (url.username || url.password)
    return {
      ok: false,
      message: t('core_presets_sub_credentials'),
    };
  url.hash = '';
  return { ok: true, url: url.href };
}

export function newSubscription(
  input: string,
  now: number,
  intervalHours = DEFAULT_REFRESH_HOURS,
  origin: 'agent' | 'policy' = 'agent',
): { ok: true; state: SubscriptionState } | { ok: false; message: string } {
  const checked = checkPackUrl(input);
  if (!checked.ok) return checked;
  return {
    ok: true,
    state: SubscriptionState.parse({ url: checked.url, origin, intervalHours, addedAt: now }),
  };
}

/** Where a subscription's presets are stored: its own source, or the policy's for administrator links. */
export function subscriptionSource(state: Pick<SubscriptionState, 'url' | 'origin'>): PresetSource {
  return state.origin === 'policy'
    ? { type: 'policy', ref: state.url }
    : { type: 'subscription', url: state.url };
}

// ---------------------------------------------------------------- when

export type RefreshReason = 'startup' | 'alarm' | 'manual';

/** When the next scheduled refresh is due (ms since epoch); 0 when it never ran. */
export function nextRefreshAt(state: SubscriptionState): number {
  if (state.lastCheckedAt === undefined) return 0;
  const interval = state.intervalHours * 3_600_000;
  const failing = state.lastError !== undefined && state.lastError.at >= (state.lastSuccessAt ?? 0);
  return state.lastCheckedAt + (failing ? Math.min(interval, RETRY_AFTER_ERROR_MS) : interval);
}

/**
 * Whether to fetch now. Manual: always. Startup (runtime.onStartup, not every service-worker wake-up): unless it
 * was checked in the last ten minutes. Alarm: when the interval (or the shorter retry after an error) has passed.
 * A clock that went backwards counts as due.
 */
export function shouldRefresh(
  state: SubscriptionState,
  now: number,
  reason: RefreshReason = 'alarm',
): boolean {
  if (reason === 'manual' || state.lastCheckedAt === undefined || state.lastCheckedAt > now) return true;
  if (reason === 'startup') return now - state.lastCheckedAt >= MIN_STARTUP_GAP_MS;
  return now >= nextRefreshAt(state);
}

// ---------------------------------------------------------------- fetch

/** The subset of `fetch` used; tests pass a fake, the background passes `fetch`. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface RefreshOptions {
  now?: () => number;
  timeoutMs?: number;
}

export type RefreshOutcome = 'updated' | 'not-modified' | 'failed';

export interface RefreshResult {
  /** The state to store (always: even a failure records when it was checked and why it failed). */
  state: SubscriptionState;
  outcome: RefreshOutcome;
  /** True when the copy in force differs from the one before (so the store replaces the presets). */
  changed: boolean;
  error?: SubscriptionError;
  /** Pack problems behind an 'invalid-pack' error, with their JSON paths. */
  issues?: PackIssue[];
  warnings: string[];
}

class Failure extends Error {
  constructor(
    readonly code: SubscriptionErrorCode,
    message: string,
    readonly issues?: PackIssue[],
  ) {
    super(message);
  }
}

async function readCapped(response: Response, host: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () => new Failure('too-large', t('core_presets_sub_too_large', host));
  if (Number.isFinite(declared) && declared > MAX_PACK_BYTES) throw tooLarge();
  const reader = response.body?.getReader();
  if (!reader) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_PACK_BYTES) throw tooLarge();
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_PACK_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function httpFailure(status: number, host: string): Failure {
  if (status === 404 || status === 410)
    return new Failure('not-found', t('core_presets_sub_not_found', host, String(status)));
  if (status === 401 || status === 403)
    return new Failure('http', t('core_presets_sub_refused', host, String(status)));
  if (status >= 500) return new Failure('http', t('core_presets_sub_server_error', host, String(status)));
  return new Failure('http', t('core_presets_sub_http_unexpected', host, String(status)));
}

function looksLikeHtml(bytes: Uint8Array, contentType: string): boolean {
  if (/text\/html/i.test(contentType)) return true;
  const head = new TextDecoder().decode(bytes.slice(0, 200)).trimStart().toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html') || head.startsWith('<');
}

function failureOf(error: unknown, host: string, timedOut: boolean): Failure {
  if (error instanceof Failure) return error;
  if (timedOut) return new Failure('timeout', t('core_presets_sub_timeout', host, FETCH_TIMEOUT_MS / 1000));
  // fetch rejects with a TypeError for DNS, offline, TLS and CORS failures alike: the browser does not say which.
  return new Failure('network', t('core_presets_sub_network', host));
}

/**
 * Fetches the pack once and returns the state to store. Never throws; never drops the copy in force. The caller
 * persists `result.state` and, when `changed`, replaces the subscription's presets (store.ts).
 */
export async function refreshSubscription(
  state: SubscriptionState,
  fetchFn: FetchFn,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const now = (options.now ?? Date.now)();
  const checked = checkPackUrl(state.url);
  const host = (() => {
    try {
      return new URL(state.url).host;
    } catch {
      return state.url;
    }
  })();
  const fail = (failure: Failure): RefreshResult => {
    const error = { code: failure.code, message: failure.message, at: now };
    return {
      state: { ...state, lastCheckedAt: now, lastError: error },
      outcome: 'failed',
      changed: false,
      error,
      ...(failure.issues ? { issues: failure.issues } : {}),
      warnings: [],
    };
  };
  if (!checked.ok) return fail(new Failure('bad-url', checked.message));

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? FETCH_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // Conditional headers only when there is a copy to keep: a 304 with nothing in hand would be useless.
    // They are not CORS-safelisted: without host access to the pack's site the server must allow them (preflight);
    // with host access (requested when subscribing) the extension is exempt from CORS.
    if (state.pack && state.etag) headers['If-None-Match'] = state.etag;
    else if (state.pack && state.lastModified) headers['If-Modified-Since'] = state.lastModified;
    const response = await fetchFn(checked.url, {
      method: 'GET',
      headers,
      signal: controller.signal,
      // no-store: the browser cache must not answer for the server, and our own validators decide.
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
    });
    if (response.url && response.url !== checked.url) {
      const final = checkPackUrl(response.url);
      if (!final.ok) throw new Failure('insecure-redirect', t('core_presets_sub_redirect', final.message));
    }
    if (response.status === 304) {
      if (!state.pack) throw new Failure('http', t('core_presets_sub_not_modified', host));
      return {
        state: { ...state, lastCheckedAt: now, lastSuccessAt: now, lastError: undefined },
        outcome: 'not-modified',
        changed: false,
        warnings: [],
      };
    }
    if (!response.ok) throw httpFailure(response.status, host);
    const bytes = await readCapped(response, host);
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = parsePack(bytes);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      if (first.code === 'too-large') throw new Failure('too-large', first.message);
      if (first.code === 'json-syntax' || first.code === 'not-utf8' || first.code === 'empty') {
        const hint = looksLikeHtml(bytes, contentType) ? t('core_presets_sub_html_hint') : first.message;
        throw new Failure('not-json', `${t('core_presets_sub_not_json', host)} ${hint}`);
      }
      throw new Failure(
        'invalid-pack',
        t('core_presets_sub_invalid_pack', host, parsed.errors.map((e) => e.message).join(' ')),
        parsed.errors,
      );
    }
    const changed = JSON.stringify(parsed.pack) !== JSON.stringify(state.pack ?? null);
    return {
      state: {
        ...state,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
        lastCheckedAt: now,
        lastSuccessAt: now,
        lastChangedAt: changed ? now : (state.lastChangedAt ?? now),
        lastError: undefined,
        pack: parsed.pack,
      },
      outcome: 'updated',
      changed,
      warnings: parsed.warnings,
    };
  } catch (error) {
    return fail(failureOf(error, host, timedOut));
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- status

export interface SubscriptionStatus {
  url: string;
  name?: string;
  /** Version of the copy in force. */
  version?: string;
  lastCheckedAt?: number;
  lastSuccessAt?: number;
  lastChangedAt?: number;
  lastError?: SubscriptionError;
  /** True when the latest check failed (the copy in force, if any, is older). */
  failing: boolean;
  nextRefreshAt: number;
}

/** What the options page shows per subscription. */
export function subscriptionStatus(state: SubscriptionState): SubscriptionStatus {
  return {
    url: state.url,
    name: state.pack?.name,
    version: state.pack?.version,
    lastCheckedAt: state.lastCheckedAt,
    lastSuccessAt: state.lastSuccessAt,
    lastChangedAt: state.lastChangedAt,
    lastError: state.lastError,
    failing: state.lastError !== undefined && state.lastError.at >= (state.lastSuccessAt ?? 0),
    nextRefreshAt: nextRefreshAt(state),
  };
}
