import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { t } from '../i18n/t';
import type { LlmError, LlmErrorCode } from '../messaging/protocol';
import { LlmCallError } from './call-error';

export { LlmCallError };

export interface LlmErrorContext {
  baseURL: string;
  model: string;
  /** The request timeout in force, for the timeout message. */
  timeoutMs?: number;
  /** True when no API key was configured (the placeholder was sent). Changes the 401 advice. */
  keyMissing?: boolean;
  /** Strings that must never appear in a message (the API key). Common key shapes are masked anyway. */
  secrets?: readonly string[];
  /** The endpoint is an Ollama (its preset), whatever its port: a 403 then means OLLAMA_ORIGINS. */
  ollama?: boolean;
}

const MAX_PROVIDER_TEXT = 240;

/** `host[:port]` of the base URL, without credentials, path or query. */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host || baseURL;
  } catch {
    return t('error_configured_endpoint');
  }
}

/** Ollama listens on 11434 by default; a host or path naming it is also a strong hint. */
export function looksLikeOllama(baseURL: string): boolean {
  try {
    const url = new URL(baseURL);
    return url.port === '11434' || /ollama/i.test(url.hostname) || /ollama/i.test(url.pathname);
  } catch {
    return /ollama|:11434/i.test(baseURL);
  }
}

/**
 * Seconds to wait, from `retry-after-ms` (milliseconds, the SDK's own non-standard header, checked
 * first like the SDK does), `retry-after` (delta-seconds or an HTTP date), or, failing those,
 * OpenAI's `x-ratelimit-reset-*` durations ("1s", "6m0s", "250ms") for the limit that is exhausted.
 */
export function retryAfterSeconds(headers: Headers | undefined | null, now = Date.now()): number | undefined {
  if (!headers) return undefined;

  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms) / 1000);

  const ra = headers.get('retry-after')?.trim();
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra));
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }

  let best: number | undefined;
  for (const kind of ['requests', 'tokens'] as const) {
    if (headers.get(`x-ratelimit-remaining-${kind}`)?.trim() !== '0') continue;
    const reset = parseDuration(headers.get(`x-ratelimit-reset-${kind}`));
    if (reset !== undefined) best = Math.max(best ?? 0, Math.ceil(reset));
  }
  return best;
}

/** "6m0s" / "1h2m3.5s" / "250ms" / "20s" → seconds. */
function parseDuration(value: string | null): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) {
    const n = Number(m[1]);
    const unit = m[2];
    seconds += unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : unit === 's' ? n : n / 1000;
  }
  return seconds;
}

/** Masks key-like strings so a provider that echoes the key cannot put it on screen. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\b(sk|rk|pk)-[A-Za-z0-9_-]{6,}/g, '[redacted]')
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]{6,}/gi, 'Bearer [redacted]')
    .replace(
      /\b(api[-_]?key|key|token|secret)(["']?\s*[:=]\s*["']?)[A-Za-z0-9._~+/=-]{8,}/gi,
      '$1$2[redacted]',
    );
}

/** The provider's own error text, if the body was an OpenAI-style error or a plain string. */
function providerText(err: APIError): string | undefined {
  const body: unknown = err.error;
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && 'message' in body) {
    const message: unknown = body.message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** True when the body was an OpenAI-shaped `{ error: {...} }` (or `{ error: "..." }`). */
function isOpenAIErrorBody(err: APIError): boolean {
  return typeof err.error === 'string' || (typeof err.error === 'object' && err.error !== null);
}

/** The raw body when it was not JSON (the SDK puts it in the message after the status). */
function rawBodyText(err: APIError): string | undefined {
  if (isOpenAIErrorBody(err)) return undefined;
  const prefix = err.status ? `${err.status} ` : '';
  const text = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  if (/status code \(no body\)$|^\(no status code or body\)$/.test(text)) return undefined;
  return text;
}

function providerCode(err: APIError): string {
  return `${err.code ?? ''} ${err.type ?? ''}`.toLowerCase();
}

function clean(text: string | undefined, ctx: LlmErrorContext): string | undefined {
  if (!text) return undefined;
  if (/<\s*(!doctype|html|head|body)\b/i.test(text)) return undefined; // an HTML page says nothing useful
  const flat = redactSecrets(text.replace(/\s+/g, ' ').trim(), ctx.secrets);
  if (!flat) return undefined;
  return flat.length > MAX_PROVIDER_TEXT ? `${flat.slice(0, MAX_PROVIDER_TEXT - 1)}…` : flat;
}

/** The sentences of a message, the provider's own words last (when there are any). */
function sentences(...parts: Array<string | undefined>): string {
  return parts.filter((part): part is string => !!part).join(' ');
}

function saidBy(text: string | undefined): string | undefined {
  return text ? t('error_provider_said', text) : undefined;
}

function make(code: LlmErrorCode, message: string, status?: number, retryAfter?: number): LlmError {
  const out: LlmError = { code, message };
  if (status !== undefined) out.status = status;
  if (retryAfter !== undefined) out.retryAfterSeconds = retryAfter;
  return out;
}

const MODEL_MISSING =
  /model.{0,80}(not found|does not exist|not exist|unknown|not available|no such)|unknown model|no such model|invalid model|model_not_found/i;
const TOO_LONG =
  /context length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|num_ctx|context_length_exceeded/i;
const BAD_ROUTE = /invalid url|no route|unknown (url|path|endpoint|route)|not a valid (url|endpoint)/i;

function fromStatus(err: APIError, ctx: LlmErrorContext): LlmError {
  const status = err.status ?? 0;
  const host = hostOf(ctx.baseURL);
  const said = clean(providerText(err), ctx);
  const code = providerCode(err);
  const model = ctx.model;

  if (err instanceof AuthenticationError || status === 401) {
    return make('auth', ctx.keyMissing ? t('error_auth_key_missing', host) : t('error_auth_rejected'), 401);
  }

  if (err instanceof PermissionDeniedError || status === 403) {
    const hint =
      ctx.ollama || looksLikeOllama(ctx.baseURL)
        ? t('error_forbidden_ollama')
        : t('error_forbidden_model', model);
    return make('forbidden', sentences(t('error_forbidden', host), hint, saidBy(said)), 403);
  }

  if (err instanceof NotFoundError || status === 404) {
    const path = safePath(ctx.baseURL);
    const ollama = looksLikeOllama(ctx.baseURL);
    if (isOpenAIErrorBody(err) && !(said && BAD_ROUTE.test(said) && !MODEL_MISSING.test(said))) {
      return make(
        'model-not-found',
        sentences(
          t(ollama ? 'error_model_not_found_ollama' : 'error_model_not_found', model, host),
          saidBy(said),
        ),
        404,
      );
    }
    if (rawBodyText(err) !== undefined || (said && BAD_ROUTE.test(said))) {
      // A text/HTML 404 ("404 page not found") or "Invalid URL": the path is not an OpenAI API.
      return make('bad-request', t('error_no_api_at_path', host, path), 404);
    }
    // Empty body, or JSON the SDK does not recognise as an error (some servers put the message at
    // the top level, which the SDK drops): it may be either.
    return make(
      'model-not-found',
      t(ollama ? 'error_not_found_either_ollama' : 'error_not_found_either', host, model, path),
      404,
    );
  }

  if (err instanceof RateLimitError || status === 429) {
    const wait = retryAfterSeconds(err.headers);
    if (code.includes('insufficient_quota') || /quota|billing|credit/i.test(said ?? '')) {
      return make('rate-limit', t('error_quota', host), 429, wait);
    }
    const message =
      wait === undefined ? t('error_rate_limited', host) : t('error_rate_limited_wait', host, wait);
    return make('rate-limit', message, 429, wait);
  }

  if (status === 408) {
    return make('timeout', t('error_request_timeout', host), 408);
  }

  if (err instanceof InternalServerError || status >= 500) {
    const wait = retryAfterSeconds(err.headers);
    const text = said ?? clean(rawBodyText(err), ctx);
    const statusText = `${status}${statusName(status)}`;
    return make(
      'server',
      sentences(
        wait === undefined
          ? t('error_server', host, statusText)
          : t('error_server_wait', host, statusText, wait),
        saidBy(text),
      ),
      status,
      wait,
    );
  }

  // 400, 413, 422 and the other 4xx: something about this request.
  if (MODEL_MISSING.test(`${said ?? ''} ${code}`)) {
    return make('model-not-found', sentences(t('error_model_not_found', model, host), saidBy(said)), status);
  }
  if (status === 413 || TOO_LONG.test(`${said ?? ''} ${code}`)) {
    return make('bad-request', sentences(t('error_too_long', model, String(status)), saidBy(said)), status);
  }
  return make(
    'bad-request',
    sentences(
      t('error_rejected', host, `${status}${statusName(status)}`),
      saidBy(said ?? clean(rawBodyText(err), ctx)),
    ),
    status || undefined,
  );
}

function statusName(status: number): string {
  const names: Record<number, string> = {
    400: ' Bad Request',
    405: ' Method Not Allowed',
    409: ' Conflict',
    413: ' Payload Too Large',
    415: ' Unsupported Media Type',
    422: ' Unprocessable Entity',
    500: ' Internal Server Error',
    501: ' Not Implemented',
    502: ' Bad Gateway',
    503: ' Service Unavailable',
    504: ' Gateway Timeout',
  };
  return names[status] ?? '';
}

function safePath(baseURL: string): string {
  try {
    return new URL(baseURL).pathname || '/';
  } catch {
    return '/';
  }
}

/** Error codes along the cause chain (node's undici nests them: TypeError → cause → code). */
function causeCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') codes.push(current.code);
    if ('errors' in current && Array.isArray(current.errors)) {
      for (const inner of current.errors) {
        if (inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string') {
          codes.push(inner.code);
        }
      }
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return codes;
}

function networkError(err: unknown, ctx: LlmErrorContext): LlmError {
  const host = hostOf(ctx.baseURL);
  const codes = causeCodes(err).join(' ');
  if (/ECONNREFUSED/.test(codes)) {
    return make(
      'network',
      t(looksLikeOllama(ctx.baseURL) ? 'error_network_refused_ollama' : 'error_network_refused', host),
    );
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(codes)) return make('network', t('error_network_dns', host));
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(codes)) {
    return make('network', t('error_network_tls', host));
  }
  return make('network', t('error_network', host));
}

/**
 * True for the network error that says nothing specific ("Could not reach host. Is the server running…"): the
 * browser gives one TypeError for many causes, and the connection test then looks closer (network-diagnosis.ts).
 */
export function isUnexplainedNetworkError(error: LlmError, baseURL: string): boolean {
  return error.code === 'network' && error.message === t('error_network', hostOf(baseURL));
}

function timeoutError(ctx: LlmErrorContext): LlmError {
  const host = hostOf(ctx.baseURL);
  return make(
    'timeout',
    ctx.timeoutMs
      ? t('error_timeout_seconds', host, Math.round(ctx.timeoutMs / 1000))
      : t('error_timeout', host),
  );
}

function nameOf(err: unknown): string {
  return err && typeof err === 'object' && 'name' in err && typeof err.name === 'string' ? err.name : '';
}

/** Maps anything a provider call can throw to a sentence the agent can act on. */
export function toLlmError(err: unknown, ctx: LlmErrorContext): LlmError {
  if (err instanceof LlmCallError) return { ...err.llmError };

  // Order matters: the abort and connection classes extend APIError (with no status).
  if (err instanceof APIUserAbortError) return make('aborted', t('error_stopped'));
  if (err instanceof APIConnectionTimeoutError) return timeoutError(ctx);
  if (err instanceof APIConnectionError) return networkError(err.cause ?? err, ctx);

  if (err instanceof APIError) {
    if (typeof err.status === 'number') return fromStatus(err, ctx);
    // No status: an `error` event inside an otherwise healthy stream.
    const said = clean(providerText(err) ?? err.message, ctx);
    const code = providerCode(err);
    if (/rate_limit|rate limit/i.test(`${code} ${said ?? ''}`)) {
      return make('rate-limit', t('error_rate_limited_stream', hostOf(ctx.baseURL)));
    }
    if (TOO_LONG.test(`${code} ${said ?? ''}`)) {
      return make('bad-request', sentences(t('error_too_long_stream', ctx.model), saidBy(said)));
    }
    return make('server', sentences(t('error_stream_failed'), saidBy(said)));
  }

  // Unparseable bodies: invalid JSON in a JSON response or an SSE event, or a body the SDK could
  // not iterate.
  if (
    err instanceof SyntaxError ||
    (err instanceof OpenAIError && /response|body|stream/i.test(err.message))
  ) {
    return make('bad-response', t('error_unreadable_response', hostOf(ctx.baseURL)));
  }

  const name = nameOf(err);
  if (name === 'AbortError') return make('aborted', t('error_stopped'));
  if (name === 'TimeoutError') return timeoutError(ctx);
  // fetch's own failures: "Failed to fetch" (Chromium), "NetworkError when attempting to fetch
  // resource." (Firefox), "fetch failed" / "terminated" (node undici).
  if (err instanceof TypeError && /fetch|network|terminated|socket|connection/i.test(err.message)) {
    return networkError(err, ctx);
  }

  const text = clean(err instanceof Error ? err.message : typeof err === 'string' ? err : undefined, ctx);
  const host = hostOf(ctx.baseURL);
  return make('unknown', text ? t('error_unknown_detail', host, text) : t('error_unknown', host));
}
