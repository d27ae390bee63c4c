// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../utils/llm/client';
import { LlmCallError, toLlmError } from '../../utils/llm/errors';
import { streamChat } from '../../utils/llm/stream';
import { testConnection } from '../../utils/llm/test-connection';
import type { ProviderSettings } from '../../utils/settings';

// A tiny OpenAI-compatible server on 127.0.0.1. The first path segment picks the scenario:
// http://127.0.0.1:PORT/<scenario>/v1/chat/completions

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** The request body fields the tests look at. */
interface SentBody {
  model?: string;
  stream?: boolean;
  max_tokens?: number;
}

interface Seen {
  scenario: string;
  path: string;
  method: string;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const data = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(data)}\n\n`;
}

function sse(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const completion = {
  id: 'chatcmpl-2',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'O' }, finish_reason: 'length' }],
};

const TWELVE = Array.from({ length: 12 }, (_, i) => `model-${String(i + 1).padStart(2, '0')}`);

let server: Server;
let base: string;
const seen: Seen[] = [];
const closedByClient = new Map<string, Promise<void>>();

const routes: Record<string, Route> = {
  ok: async (_req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: '' }));
    for (const piece of ['Hel', 'lo', ', wor', 'ld']) {
      await sleep(10);
      res.write(chunk({ content: piece }));
    }
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  },
  'slow-first': (_req, res) => {
    sse(res); // headers, then silence
    res.write(chunk({ role: 'assistant', content: '' })); // a role-only chunk is not a token
  },
  'no-headers': () => {
    /* never answers at all */
  },
  idle: (_req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: 'Part' }));
    res.write(chunk({ content: 'ial' }));
    // …then nothing
  },
  drop: async (req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: 'Hel' }));
    res.write(chunk({ content: 'lo' }));
    await sleep(30);
    req.socket.destroy();
  },
  'end-early': async (_req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: 'Hel' }));
    res.write(chunk({ content: 'lo' }));
    await sleep(10);
    res.end(); // clean end, but no finish_reason and no [DONE]
  },
  slow: async (_req, res) => {
    sse(res);
    for (let i = 0; i < 100 && !res.destroyed; i++) {
      res.write(chunk({ content: `w${i} ` }));
      await sleep(50);
    }
    res.end();
  },
  reasoning: async (_req, res) => {
    sse(res);
    for (let i = 0; i < 6; i++) {
      res.write(chunk({ reasoning_content: 'thinking… ' }));
      await sleep(80);
    }
    res.write(chunk({ content: 'Answer' }));
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  },
  'error-event': (_req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: 'A' }));
    res.end(
      `data: ${JSON.stringify({ error: { message: 'Model is overloaded', type: 'server_error' } })}\n\n`,
    );
  },
  html: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body><h1>Open WebUI</h1></body></html>');
  },
  unauthorized: (_req, res) => json(res, 401, { error: { message: 'Invalid API key' } }),

  // A proxy that garbles some events: a truncated chunk, a plain-text ping, JSON without choices, an
  // empty data line, a comment, CRLF line ends. The good chunks still make "Hello, world".
  malformed: async (_req, res) => {
    sse(res);
    res.write(chunk({ role: 'assistant', content: 'Hel' }));
    res.write('data: {"id":"chatcmpl-1","choices":[{"delta":{"content":"xx\n\n');
    res.write('data: ping\n\n');
    res.write(chunk({ content: 'lo' }));
    res.write('data: {"object":"keepalive"}\r\n\r\n');
    res.write(': proxy comment\n\n');
    res.write('data:\n\n');
    await sleep(5);
    res.write(chunk({ content: ', wor' }).replace(/\n/g, '\r\n'));
    res.write('data: <html>502</html>\n\n');
    res.write(chunk({ content: 'ld' }));
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  },
  'only-malformed': (_req, res) => {
    sse(res);
    res.write('data: {"object":"keepalive"}\n\n');
    res.end('data: not json\n\n');
  },
  // Lively but endless: the idle timeout never fires, only the total one can.
  endless: async (_req, res) => {
    sse(res);
    for (let i = 0; i < 400 && !res.destroyed; i++) {
      res.write(chunk({ content: `w${i} ` }));
      await sleep(10);
    }
    res.end();
  },

  // ---- testConnection scenarios
  list: (req, res) => {
    if (req.url?.endsWith('/models')) json(res, 200, { object: 'list', data: TWELVE.map((id) => ({ id })) });
    else json(res, 500, { error: { message: 'chat should not be called' } });
  },
  'list-ollama': (_req, res) =>
    json(res, 200, { object: 'list', data: [{ id: 'llama3:latest' }, { id: 'qwen3:8b' }] }),
  'no-models': (req, res) => {
    if (req.url?.endsWith('/models')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    } else json(res, 200, completion);
  },
  'no-models-no-model': (req, res) => {
    if (req.url?.endsWith('/models')) json(res, 405, { error: { message: 'Method not allowed' } });
    else json(res, 404, { error: { message: 'model "ghost" not found, try pulling it first' } });
  },
  'models-html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Login</body></html>');
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const scenario = path.split('/')[1] ?? '';
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      seen.push({ scenario, path, method: req.method ?? '', body });
      closedByClient.set(
        scenario,
        new Promise<void>((resolve) => {
          res.on('close', () => resolve());
        }),
      );
      const route = routes[scenario];
      if (route) route(req, res, body);
      else json(res, 500, { error: { message: `no scenario ${scenario}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const settingsFor = (scenario: string, model = 'm'): ProviderSettings => ({
  baseURL: `${base}/${scenario}/v1`,
  model,
  timeoutMs: 10_000,
});

interface Run {
  deltas: string[];
  result?: { text: string; finishReason: string | null };
  error?: unknown;
  ms: number;
}

async function run(
  scenario: string,
  opts: {
    firstTokenTimeoutMs?: number;
    idleTimeoutMs?: number;
    totalTimeoutMs?: number;
    signal?: AbortSignal;
    onDelta?: () => void;
  } = {},
): Promise<Run> {
  const settings = settingsFor(scenario);
  const deltas: string[] = [];
  const started = Date.now();
  try {
    const result = await streamChat({
      client: createClient(settings, 'sk-test'),
      model: settings.model,
      messages: [{ role: 'user', content: 'hi' }],
      signal: opts.signal ?? new AbortController().signal,
      onDelta: (t) => {
        deltas.push(t);
        opts.onDelta?.();
      },
      firstTokenTimeoutMs: opts.firstTokenTimeoutMs,
      idleTimeoutMs: opts.idleTimeoutMs,
      totalTimeoutMs: opts.totalTimeoutMs,
    });
    return { deltas, result, ms: Date.now() - started };
  } catch (error) {
    return { deltas, error, ms: Date.now() - started };
  }
}

const mapped = (r: Run, scenario: string) => toLlmError(r.error, settingsFor(scenario));

describe('streamChat', () => {
  it('delivers deltas in order and returns the text and finish reason', async () => {
    const r = await run('ok');
    expect(r.error).toBeUndefined();
    expect(r.deltas).toEqual(['Hel', 'lo', ', wor', 'ld']);
    expect(r.result).toEqual({ text: 'Hello, world', finishReason: 'stop', malformedChunks: 0 });
    const request: SentBody = JSON.parse(seen.filter((s) => s.scenario === 'ok').at(-1)?.body ?? '{}');
    expect(request.stream).toBe(true);
    expect(request.model).toBe('m');
  });

  it('first-token timeout fires when only headers (and a role chunk) arrive', async () => {
    const r = await run('slow-first', { firstTokenTimeoutMs: 200 });
    expect(mapped(r, 'slow-first').code).toBe('timeout');
    expect(r.ms).toBeGreaterThanOrEqual(150);
    expect(r.ms).toBeLessThan(3_000);
    expect(r.deltas).toEqual([]);
    await closedByClient.get('slow-first'); // the request was really cancelled
  });

  it('first-token timeout also covers a server that never sends headers', async () => {
    const r = await run('no-headers', { firstTokenTimeoutMs: 200 });
    expect(mapped(r, 'no-headers').code).toBe('timeout');
    expect(r.ms).toBeLessThan(3_000);
  });

  it('idle timeout fires between chunks and keeps the partial text', async () => {
    const r = await run('idle', { firstTokenTimeoutMs: 5_000, idleTimeoutMs: 200 });
    const e = mapped(r, 'idle');
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/partial/i);
    expect(r.deltas.join('')).toBe('Partial');
    expect(r.error).toBeInstanceOf(LlmCallError);
    expect((r.error as LlmCallError).partialText).toBe('Partial');
    expect(r.ms).toBeLessThan(3_000);
  });

  it('reasoning chunks count as life: no first-token timeout while the model thinks', async () => {
    const r = await run('reasoning', { firstTokenTimeoutMs: 250, idleTimeoutMs: 250 });
    expect(r.error).toBeUndefined();
    expect(r.result?.text).toBe('Answer');
    expect(r.ms).toBeGreaterThan(400); // longer than the first-token limit
  });

  it('the abort signal stops the stream and the request', async () => {
    const controller = new AbortController();
    const r = await run('slow', {
      signal: controller.signal,
      onDelta: () => {
        if (!controller.signal.aborted) setTimeout(() => controller.abort(), 120);
      },
    });
    expect(mapped(r, 'slow').code).toBe('aborted');
    expect(r.deltas.length).toBeGreaterThan(0);
    expect(r.deltas.length).toBeLessThan(20);
    await closedByClient.get('slow');
  });

  it('an already-aborted signal sends nothing', async () => {
    const before = seen.filter((s) => s.scenario === 'ok').length;
    const controller = new AbortController();
    controller.abort();
    const r = await run('ok', { signal: controller.signal });
    expect(mapped(r, 'ok').code).toBe('aborted');
    await sleep(50);
    expect(seen.filter((s) => s.scenario === 'ok').length).toBe(before);
  });

  it('a socket dropped mid-stream → network, partial text kept', async () => {
    const r = await run('drop');
    const e = mapped(r, 'drop');
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/dropped mid-answer/i);
    expect(e.message).toMatch(/partial/i);
    expect(r.deltas.join('')).toBe('Hello');
  });

  it('a stream that ends without a finish_reason → network, partial text kept', async () => {
    const r = await run('end-early');
    const e = mapped(r, 'end-early');
    expect(e.code).toBe('network');
    expect(r.deltas.join('')).toBe('Hello');
  });

  it('an error event inside the stream → server, with the provider text', async () => {
    const r = await run('error-event');
    const e = mapped(r, 'error-event');
    expect(e.code).toBe('server');
    expect(e.message).toContain('Model is overloaded');
    expect(r.deltas).toEqual(['A']);
  });

  it('a 200 that is a web page, not a stream → bad-response', async () => {
    const r = await run('html');
    expect(mapped(r, 'html').code).toBe('bad-response');
  });

  it('HTTP errors before the stream come through as SDK errors', async () => {
    const r = await run('unauthorized');
    expect(mapped(r, 'unauthorized')).toMatchObject({ code: 'auth', status: 401 });
  });
});

describe('streamChat: malformed events, total timeout, extra request fields', () => {
  it('skips events that are not JSON or have no choices, counts them, and still completes', async () => {
    const r = await run('malformed');
    expect(r.error).toBeUndefined();
    expect(r.deltas).toEqual(['Hel', 'lo', ', wor', 'ld']);
    expect(r.result).toEqual({ text: 'Hello, world', finishReason: 'stop', malformedChunks: 5 });
  });

  it('a stream of nothing but malformed events → bad-response that says so', async () => {
    const r = await run('only-malformed');
    const error = mapped(r, 'only-malformed');
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('2 events Deskmate could not read');
  });

  it('the total timeout stops a lively stream that never finishes, keeping the partial text', async () => {
    const r = await run('endless', { totalTimeoutMs: 300, idleTimeoutMs: 5_000 });
    const error = mapped(r, 'endless');
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('did not finish within 1 s');
    expect(r.deltas.length).toBeGreaterThan(0);
    expect(r.error).toBeInstanceOf(LlmCallError);
    expect((r.error as LlmCallError).partialText).toBe(r.deltas.join(''));
    await closedByClient.get('endless');
  });

  it('the total timeout before any text reads as "no answer"', async () => {
    const r = await run('no-headers', { totalTimeoutMs: 200, firstTokenTimeoutMs: 5_000 });
    const error = mapped(r, 'no-headers');
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/^No answer from “m”/);
  });

  it('passes responseFormat and extra body fields through, never overriding model/messages/stream', async () => {
    const settings = settingsFor('ok');
    await streamChat({
      client: createClient(settings, 'sk-test'),
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      signal: new AbortController().signal,
      onDelta: () => {},
      responseFormat: { type: 'json_object' },
      extraBody: { options: { num_ctx: 8192 }, model: 'evil', stream: false },
    });
    const request = JSON.parse(seen.filter((s) => s.scenario === 'ok').at(-1)?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(request.response_format).toEqual({ type: 'json_object' });
    expect(request.options).toEqual({ num_ctx: 8192 });
    expect(request.model).toBe('m');
    expect(request.stream).toBe(true);
  });
});

describe('testConnection', () => {
  it('lists models and confirms the configured one', async () => {
    const result = await testConnection(settingsFor('list', 'model-07'), 'sk-test');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.models).toEqual(TWELVE);
    expect(result.detail).toContain('127.0.0.1');
    expect(result.detail).toContain('12 models');
    expect(result.detail).toContain('“model-07”');
    expect(seen.filter((s) => s.scenario === 'list' && s.path.includes('chat'))).toHaveLength(0);
  });

  it('with no model chosen yet, returns the list so the agent can pick one', async () => {
    const listed = await testConnection(settingsFor('list', ''), 'sk-test');
    expect(listed.ok).toBe(true);
    if (listed.ok) {
      expect(listed.models).toContain('model-07');
      expect(listed.detail).toMatch(/Choose one/);
    }
    const noList = await testConnection(settingsFor('no-models', ''), null);
    expect(noList.ok).toBe(false);
    if (!noList.ok) expect(noList.error.message).toMatch(/Type the model name/);
  });

  it('reports a missing model with (at most ten of) the available ids', async () => {
    const result = await testConnection(settingsFor('list', 'gpt-nope'), 'sk-test');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('model-not-found');
    expect(result.error.message).toContain('“gpt-nope”');
    const named = TWELVE.filter((id) => result.error.message.includes(`“${id}”`));
    expect(named.length).toBe(10);
    expect(result.error.message).toMatch(/2 more/);
  });

  it('treats Ollama’s "name:latest" as the same model', async () => {
    const result = await testConnection(settingsFor('list-ollama', 'llama3'), null);
    expect(result.ok).toBe(true);
  });

  it('falls back to a one-token chat when /models is 404', async () => {
    const result = await testConnection(settingsFor('no-models', 'local-model'), null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.models).toEqual([]);
    expect(result.detail).toContain('“local-model”');
    const chat = seen.filter((s) => s.scenario === 'no-models' && s.path.endsWith('/chat/completions'));
    expect(chat).toHaveLength(1);
    const body: SentBody = JSON.parse(chat[0]?.body ?? '{}');
    expect(body.model).toBe('local-model');
    expect(body.max_tokens).toBe(1);
    expect(body.stream).toBeFalsy();
  });

  it('fallback chat with an unknown model → model-not-found', async () => {
    const result = await testConnection(settingsFor('no-models-no-model', 'ghost'), null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('model-not-found');
    expect(result.error.message).toContain('“ghost”');
  });

  it('maps failures: 401 → auth, an HTML page → bad-response, nothing listening → network', async () => {
    const auth = await testConnection(settingsFor('unauthorized'), 'sk-wrong-000000000');
    expect(auth.ok).toBe(false);
    if (!auth.ok) {
      expect(auth.error.code).toBe('auth');
      expect(auth.error.message).not.toContain('sk-wrong-000000000');
    }

    const html = await testConnection(settingsFor('models-html'), null);
    expect(html.ok ? 'ok' : html.error.code).toBe('bad-response');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await testConnection(
      { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 5_000 },
      null,
    );
    expect(down.ok ? 'ok' : down.error.code).toBe('network');
  });
});
