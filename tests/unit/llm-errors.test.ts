// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, NO_KEY_PLACEHOLDER } from '../../utils/llm/client';
import { LlmCallError, retryAfterSeconds, toLlmError } from '../../utils/llm/errors';
import type { LlmError } from '../../utils/messaging/protocol';
import type { ProviderSettings } from '../../utils/settings';

const OPENAI = { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini' };
const OLLAMA = { baseURL: 'http://localhost:11434/v1', model: 'llama3.2' };

function headers(init: Record<string, string> = {}): Headers {
  return new Headers(init);
}

describe('toLlmError: SDK error classes', () => {
  it('401 → auth, with the message the agent can act on and no key in it', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';
    const err = new AuthenticationError(
      401,
      {
        message: `Incorrect API key provided: ${key}.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
      undefined,
      headers(),
    );
    const out = toLlmError(err, { ...OPENAI, secrets: [key] });
    expect(out.code).toBe('auth');
    expect(out.status).toBe(401);
    expect(out.message).toContain('401');
    expect(out.message).toMatch(/key/i);
    expect(out.message).toMatch(/settings/i);
    expect(out.message).not.toContain(key);
  });

  it('401 without a configured key says a key is needed', () => {
    const err = APIError.generate(401, { error: { message: 'Unauthorized' } }, undefined, headers());
    expect(err).toBeInstanceOf(AuthenticationError);
    const out = toLlmError(err, { ...OPENAI, keyMissing: true });
    expect(out.code).toBe('auth');
    expect(out.message).toMatch(/requires an API key/i);
  });

  it('403 → forbidden; mentions OLLAMA_ORIGINS only for Ollama-looking endpoints', () => {
    const err = new PermissionDeniedError(403, undefined, undefined, headers());
    const ollama = toLlmError(err, OLLAMA);
    expect(ollama.code).toBe('forbidden');
    expect(ollama.status).toBe(403);
    expect(ollama.message).toContain('OLLAMA_ORIGINS');

    const byName = toLlmError(err, { baseURL: 'http://ollama.internal:8080/v1', model: 'x' });
    expect(byName.message).toContain('OLLAMA_ORIGINS');

    const other = toLlmError(err, OPENAI);
    expect(other.code).toBe('forbidden');
    expect(other.message).not.toContain('OLLAMA_ORIGINS');
    expect(other.message).toContain('api.example.test');
  });

  it('404 with an OpenAI error body → model-not-found naming the model and host', () => {
    const err = APIError.generate(
      404,
      {
        error: {
          message: 'The model `gpt-9` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
      undefined,
      headers(),
    );
    expect(err).toBeInstanceOf(NotFoundError);
    const out = toLlmError(err, { ...OPENAI, model: 'gpt-9' });
    expect(out.code).toBe('model-not-found');
    expect(out.status).toBe(404);
    expect(out.message).toContain('“gpt-9”');
    expect(out.message).toContain('api.example.test');
  });

  it('404 with a plain-text body → the base URL path is wrong, not the model', () => {
    // What the SDK builds for a non-JSON body: no error object, the text in the message.
    const err = APIError.generate(404, undefined, '404 page not found', headers());
    const out = toLlmError(err, { baseURL: 'http://127.0.0.1:11434/api', model: 'llama3.2' });
    expect(out.code).toBe('bad-request');
    expect(out.status).toBe(404);
    expect(out.message).toMatch(/base URL/i);
    expect(out.message).toContain('/api');
    expect(out.message).not.toMatch(/Model “llama3.2” was not found/);
  });

  it('404 "Invalid URL" from OpenAI itself is a path problem too', () => {
    const err = APIError.generate(
      404,
      { error: { message: 'Invalid URL (POST /v1/chat/completion)', type: 'invalid_request_error' } },
      undefined,
      headers(),
    );
    expect(toLlmError(err, OPENAI).code).toBe('bad-request');
  });

  it('429 → rate-limit, honouring Retry-After seconds in the message', () => {
    const err = new RateLimitError(
      429,
      { message: 'Rate limit reached' },
      undefined,
      headers({ 'retry-after': '17' }),
    );
    const out = toLlmError(err, OPENAI);
    expect(out.code).toBe('rate-limit');
    expect(out.status).toBe(429);
    expect(out.retryAfterSeconds).toBe(17);
    expect(out.message).toMatch(/try again in 17 s/);
  });

  it('429 without any hint has no retryAfterSeconds and still says what to do', () => {
    const out = toLlmError(new RateLimitError(429, undefined, undefined, headers()), OPENAI);
    expect(out.code).toBe('rate-limit');
    expect(out.retryAfterSeconds).toBeUndefined();
    expect(out.message).toMatch(/try again/i);
  });

  it('429 insufficient_quota is about billing, not waiting', () => {
    const err = new RateLimitError(
      429,
      { message: 'You exceeded your current quota', code: 'insufficient_quota', type: 'insufficient_quota' },
      undefined,
      headers(),
    );
    const out = toLlmError(err, OPENAI);
    expect(out.code).toBe('rate-limit');
    expect(out.message).toMatch(/quota|credits/i);
    expect(out.message).not.toMatch(/try again in/);
  });

  it.each([500, 502, 503])('%i → server with the status', (status) => {
    const err = APIError.generate(status, { error: { message: 'upstream broke' } }, undefined, headers());
    expect(err).toBeInstanceOf(InternalServerError);
    const out = toLlmError(err, OPENAI);
    expect(out.code).toBe('server');
    expect(out.status).toBe(status);
    expect(out.message).toContain(String(status));
  });

  it('400 context length → bad-request that says the ticket is too long', () => {
    const err = APIError.generate(
      400,
      {
        error: {
          message: "This model's maximum context length is 8192 tokens.",
          code: 'context_length_exceeded',
        },
      },
      undefined,
      headers(),
    );
    const out = toLlmError(err, OPENAI);
    expect(out.code).toBe('bad-request');
    expect(out.message).toMatch(/too long/i);
  });

  it('never repeats a key that a provider echoes back', () => {
    const secret = 'my-very-private-gateway-key-123456';
    const err = APIError.generate(
      400,
      { error: { message: `bad header Authorization: Bearer ${secret} and key=${secret}` } },
      undefined,
      headers(),
    );
    const withSecret = toLlmError(err, { ...OPENAI, secrets: [secret] });
    expect(withSecret.message).not.toContain(secret);
    // Even without being told the key, Bearer tokens and key= values are masked.
    const withoutSecret = toLlmError(err, OPENAI);
    expect(withoutSecret.message).not.toContain(secret);
  });

  it('timeout, connection, abort and parse failures', () => {
    expect(toLlmError(new APIConnectionTimeoutError(), { ...OPENAI, timeoutMs: 20_000 })).toMatchObject({
      code: 'timeout',
    });
    expect(toLlmError(new APIConnectionTimeoutError(), { ...OPENAI, timeoutMs: 20_000 }).message).toContain(
      '20 s',
    );

    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), {
      code: 'ECONNREFUSED',
    });
    const conn = new APIConnectionError({ cause: new TypeError('fetch failed', { cause: refused }) });
    const net = toLlmError(conn, OLLAMA);
    expect(net.code).toBe('network');
    expect(net.message).toContain('localhost:11434');
    expect(net.message).toMatch(/refused/i);

    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    const dnsOut = toLlmError(
      new APIConnectionError({ cause: new TypeError('fetch failed', { cause: dns }) }),
      {
        baseURL: 'https://nope.invalid/v1',
        model: 'x',
      },
    );
    expect(dnsOut.code).toBe('network');
    expect(dnsOut.message).toMatch(/online/i);

    expect(toLlmError(new TypeError('Failed to fetch'), OPENAI).code).toBe('network');
    expect(toLlmError(new TypeError('NetworkError when attempting to fetch resource.'), OPENAI).code).toBe(
      'network',
    );
    expect(toLlmError(new APIUserAbortError(), OPENAI).code).toBe('aborted');
    expect(toLlmError(new DOMException('The operation was aborted.', 'AbortError'), OPENAI).code).toBe(
      'aborted',
    );
    expect(toLlmError(new SyntaxError('Unexpected token < in JSON'), OPENAI).code).toBe('bad-response');
    expect(toLlmError(new Error('something odd'), OPENAI).code).toBe('unknown');
  });

  it('an error event inside a stream (APIError without status) → server with the provider text', () => {
    const err = new APIError(undefined, { message: 'Model is overloaded' }, undefined, undefined);
    const out = toLlmError(err, OPENAI);
    expect(out.code).toBe('server');
    expect(out.message).toContain('Model is overloaded');
  });

  it('passes an LlmCallError through unchanged', () => {
    const known: LlmError = { code: 'timeout', message: 'custom' };
    expect(toLlmError(new LlmCallError(known), OPENAI)).toEqual(known);
  });
});

describe('retryAfterSeconds', () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);

  it('reads delta-seconds, an HTTP date, and retry-after-ms (which wins, like the SDK)', () => {
    expect(retryAfterSeconds(headers({ 'retry-after': '120' }), now)).toBe(120);
    expect(retryAfterSeconds(headers({ 'retry-after': new Date(now + 45_000).toUTCString() }), now)).toBe(45);
    expect(retryAfterSeconds(headers({ 'retry-after': new Date(now - 5_000).toUTCString() }), now)).toBe(0);
    expect(retryAfterSeconds(headers({ 'retry-after-ms': '2500' }), now)).toBe(3);
    expect(retryAfterSeconds(headers({ 'retry-after-ms': '2500', 'retry-after': '60' }), now)).toBe(3);
  });

  it('falls back to OpenAI x-ratelimit-reset-* for the exhausted limit; ignores junk', () => {
    expect(
      retryAfterSeconds(
        headers({
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '1m30s',
          'x-ratelimit-remaining-tokens': '5000',
          'x-ratelimit-reset-tokens': '10m0s',
        }),
        now,
      ),
    ).toBe(90);
    expect(retryAfterSeconds(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterSeconds(headers(), now)).toBeUndefined();
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
  });
});

// ------------------------------------------------------------------ real round trips

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Seen {
  path: string;
  authorization: string | undefined;
}

describe('toLlmError: real HTTP round trips through the SDK', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  const json = (res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...extra });
    res.end(JSON.stringify(body));
  };
  const retryDate = new Date(Date.now() + 90_000).toUTCString();

  const routes: Record<string, Handler> = {
    ok: (_req, res) =>
      json(res, 200, {
        id: 'x',
        object: 'chat.completion',
        created: 0,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      }),
    auth: (_req, res) =>
      json(res, 401, {
        error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' },
      }),
    model: (_req, res) =>
      json(res, 404, {
        error: { message: 'model "nope" not found, try pulling it first', type: 'api_error' },
      }),
    route: (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    },
    limit: (_req, res) => json(res, 429, { error: { message: 'Slow down' } }, { 'retry-after': '12' }),
    'limit-ms': (_req, res) =>
      json(res, 429, { error: { message: 'Slow down' } }, { 'retry-after-ms': '2500' }),
    'limit-date': (_req, res) =>
      json(res, 429, { error: { message: 'Slow down' } }, { 'retry-after': retryDate }),
    boom: (_req, res) => json(res, 500, { error: { message: 'Internal error' } }),
    garbage: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [ this is not json');
    },
    drop: (req) => req.socket.destroy(),
    hang: () => {
      /* never answers */
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      seen.push({ path, authorization: req.headers.authorization });
      const scenario = path.split('/')[1] ?? '';
      const route = routes[scenario];
      if (route) route(req, res);
      else json(res, 500, { error: { message: `no scenario ${scenario}` } });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const settingsFor = (scenario: string, timeoutMs = 5_000): ProviderSettings => ({
    baseURL: `${base}/${scenario}/v1`,
    model: 'nope',
    timeoutMs,
  });

  async function callAndMap(
    scenario: string,
    apiKey: string | null = 'sk-test-key-0000000000',
    timeoutMs?: number,
  ) {
    const settings = settingsFor(scenario, timeoutMs);
    const client = createClient(settings, apiKey);
    try {
      await client.chat.completions.create({
        model: settings.model,
        messages: [{ role: 'user', content: 'hi' }],
      });
    } catch (err) {
      return { err, mapped: toLlmError(err, { ...settings, secrets: apiKey ? [apiKey] : [] }) };
    }
    throw new Error(`scenario ${scenario} did not fail`);
  }

  const count = (scenario: string) => seen.filter((s) => s.path.startsWith(`/${scenario}/`)).length;

  it('sanity: the ok route succeeds, sending the key or the placeholder as the bearer', async () => {
    const withKey = createClient(settingsFor('ok'), 'sk-real');
    const reply = await withKey.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.choices[0]?.message.content).toBe('hi');
    expect(seen.at(-1)?.authorization).toBe('Bearer sk-real');

    const noKey = createClient(settingsFor('ok'), '  ');
    await noKey.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${NO_KEY_PLACEHOLDER}`);
  });

  it('401 → auth, and the key is not in the message', async () => {
    const { mapped } = await callAndMap('auth', 'sk-test-secret-abcdef123456');
    expect(mapped.code).toBe('auth');
    expect(mapped.status).toBe(401);
    expect(mapped.message).not.toContain('sk-test-secret-abcdef123456');
  });

  it('404 JSON → model-not-found; 404 text → wrong base URL', async () => {
    const model = await callAndMap('model');
    expect(model.mapped.code).toBe('model-not-found');
    expect(model.mapped.message).toContain('“nope”');
    expect(model.mapped.message).toContain('127.0.0.1');

    const route = await callAndMap('route');
    expect(route.mapped.code).toBe('bad-request');
    expect(route.mapped.message).toMatch(/base URL/i);
  });

  it('429 with Retry-After seconds, retry-after-ms and an HTTP date; no silent retries', async () => {
    const before = count('limit');
    const secs = await callAndMap('limit');
    expect(secs.mapped).toMatchObject({ code: 'rate-limit', status: 429, retryAfterSeconds: 12 });
    expect(secs.mapped.message).toContain('try again in 12 s');
    expect(count('limit') - before).toBe(1); // maxRetries 0: exactly one request

    const ms = await callAndMap('limit-ms');
    expect(ms.mapped.retryAfterSeconds).toBe(3);

    const date = await callAndMap('limit-date');
    // HTTP dates have one-second resolution and the clock moves during the test.
    expect(date.mapped.retryAfterSeconds).toBeGreaterThanOrEqual(85);
    expect(date.mapped.retryAfterSeconds).toBeLessThanOrEqual(91);
  });

  it('500 → server, tried once', async () => {
    const before = count('boom');
    const { mapped } = await callAndMap('boom');
    expect(mapped).toMatchObject({ code: 'server', status: 500 });
    expect(count('boom') - before).toBe(1);
  });

  it('invalid JSON in a 200 → bad-response', async () => {
    const { err, mapped } = await callAndMap('garbage');
    expect(err).toBeInstanceOf(SyntaxError);
    expect(mapped.code).toBe('bad-response');
  });

  it('a dropped socket → network', async () => {
    const { err, mapped } = await callAndMap('drop');
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(mapped.code).toBe('network');
    expect(mapped.message).toContain('127.0.0.1');
  });

  it('no answer within the client timeout → timeout', async () => {
    const started = Date.now();
    const { err, mapped } = await callAndMap('hang', 'k', 300);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(mapped.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('connection refused → network that says so', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const settings: ProviderSettings = {
      baseURL: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      timeoutMs: 5_000,
    };
    const client = createClient(settings, null);
    const err = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(APIConnectionError);
    const mapped = toLlmError(err, settings);
    expect(mapped.code).toBe('network');
    expect(mapped.message).toMatch(/refused/i);
  });

  it('the caller aborting → aborted', async () => {
    const client = createClient(settingsFor('hang'), 'k');
    const controller = new AbortController();
    const pending = client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal })
      .then(
        () => null,
        (e: unknown) => e,
      );
    setTimeout(() => controller.abort(), 50);
    const err = await pending;
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(toLlmError(err, OPENAI).code).toBe('aborted');
  });
});
