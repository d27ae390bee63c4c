import { afterEach, describe, expect, it, vi } from 'vitest';
import { testResolvedConnection } from '@/utils/llm/test-connection';
import type { ResolvedProvider } from '@/utils/providers/schema';

// "Test connection" against stubbed fetch answers: one test per diagnosis.

afterEach(() => vi.restoreAllMocks());

function provider(overrides: Partial<ResolvedProvider> = {}): ResolvedProvider {
  return {
    id: 'p',
    presetId: 'custom',
    label: 'P',
    baseURL: 'https://llm.example.com/v1',
    model: 'gpt-4o-mini',
    apiKey: 'sk-test-000000000000',
    timeoutMs: 5000,
    firstTokenTimeoutMs: 5000,
    structuredOutput: 'none',
    ...overrides,
  };
}

type Answer = (url: string, init?: RequestInit) => Response | Promise<Response>;

function stubFetch(answer: Answer) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const impl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, ...(init ? { init } : {}) });
    return answer(url, init);
  });
  vi.spyOn(globalThis, 'fetch').mockImplementation(impl);
  return seen;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function errorOf(p: ResolvedProvider, options = {}) {
  const result = await testResolvedConnection(p, options);
  if (result.ok) throw new Error(`expected a failure, got ${result.detail}`);
  return result.error;
}

describe('Test connection diagnoses', () => {
  it('success: the model is in the list', async () => {
    stubFetch(() => json({ object: 'list', data: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] }));
    expect(await testResolvedConnection(provider())).toEqual({
      ok: true,
      models: ['gpt-4o-mini', 'gpt-4o'],
      detail: 'Connected to llm.example.com: 2 models; “gpt-4o-mini” is available.',
    });
  });

  it('model missing from the list: says which models exist', async () => {
    stubFetch(() => json({ data: [{ id: 'llama3.2' }, { id: 'qwen2.5' }] }));
    const error = await errorOf(provider({ model: 'gpt-5' }));
    expect(error.code).toBe('model-not-found');
    expect(error.message).toContain('“gpt-5” is not among its 2 models. Available: “llama3.2”, “qwen2.5”.');
  });

  it('401: the key was rejected; without a key: one is needed', async () => {
    stubFetch(() => json({ error: { message: 'Incorrect API key provided' } }, 401));
    expect((await errorOf(provider())).message).toBe(
      'The API key was rejected (401). Check the key in Deskmate settings.',
    );
    expect((await errorOf(provider({ apiKey: null }))).message).toContain('requires an API key (401)');
  });

  it('403 with an empty body from an Ollama preset (any port): the OLLAMA_ORIGINS fix', async () => {
    stubFetch(() => new Response(null, { status: 403 }));
    const error = await errorOf(
      provider({ presetId: 'ollama', baseURL: 'http://127.0.0.1:5555/v1', apiKey: null }),
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('OLLAMA_ORIGINS=chrome-extension://*');
  });

  it('403 elsewhere: the key may not use the model', async () => {
    stubFetch(() => json({ error: { message: 'no access' } }, 403));
    const error = await errorOf(provider());
    expect(error.message).toContain('Check that this key may use the model “gpt-4o-mini”');
    expect(error.message).not.toContain('OLLAMA_ORIGINS');
  });

  it('429 with Retry-After, and 5xx', async () => {
    stubFetch(() => json({ error: { message: 'slow down' } }, 429, { 'retry-after': '7' }));
    const limited = await errorOf(provider());
    expect(limited).toMatchObject({ code: 'rate-limit', retryAfterSeconds: 7 });
    expect(limited.message).toContain('try again in 7 s');
    vi.restoreAllMocks();
    stubFetch(() => json({ error: { message: 'upstream down' } }, 502));
    const server = await errorOf(provider());
    expect(server.code).toBe('server');
    expect(server.message).toContain('(502 Bad Gateway)');
  });

  it('an HTML page, plain text, or JSON that is not a model list', async () => {
    stubFetch(
      () =>
        new Response('<!doctype html><html><body>Sign in</body></html>', {
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect((await errorOf(provider())).message).toContain('answered with a web page (HTML), not the API');
    vi.restoreAllMocks();
    stubFetch(() => new Response('hello', { headers: { 'content-type': 'text/plain' } }));
    expect((await errorOf(provider())).message).toContain('answered with text that is not JSON');
    vi.restoreAllMocks();
    stubFetch(() => json({ models: ['a'] }));
    const error = await errorOf(provider());
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('answered with JSON, but not a model list');
  });

  it('no model list (404): one test message to the model; a 404 there says the model is missing', async () => {
    const seen = stubFetch((url) =>
      url.endsWith('/models')
        ? json({ error: { message: 'Not found' } }, 404)
        : json({ error: { message: 'The model `x` does not exist', code: 'model_not_found' } }, 404),
    );
    const error = await errorOf(provider({ model: 'x' }));
    expect(error.code).toBe('model-not-found');
    expect(seen.map((s) => s.url)).toEqual([
      'https://llm.example.com/v1/models',
      'https://llm.example.com/v1/chat/completions',
    ]);
  });

  describe('network failures (a TypeError in the browser)', () => {
    const failed = () => {
      throw new TypeError('Failed to fetch');
    };

    it('no host permission: says so first', async () => {
      stubFetch(failed);
      const error = await errorOf(provider(), { hasPermission: async () => false });
      expect(error.message).toBe(
        "Deskmate is not allowed to access llm.example.com yet. Click “Grant access” (or Save) and accept the browser's prompt.",
      );
    });

    it('the origin answers a no-cors probe: the API request was blocked (CORS)', async () => {
      stubFetch(failed);
      const probe = vi.fn(async () => new Response(null, { status: 200 }));
      const error = await errorOf(provider(), { hasPermission: async () => true, fetchImpl: probe });
      expect(probe).toHaveBeenCalledWith(
        'https://llm.example.com/',
        expect.objectContaining({ mode: 'no-cors' }),
      );
      expect(error.message).toContain('is reachable, but the API request was blocked');
    });

    it('localhost that does not answer: refused, is the server running', async () => {
      stubFetch(failed);
      const error = await errorOf(provider({ baseURL: 'http://localhost:11434/v1', presetId: 'ollama' }), {
        hasPermission: async () => true,
        fetchImpl: failed,
      });
      expect(error.message).toBe(
        'Nothing answers at localhost:11434: the connection was refused. Is the server running on this computer (ollama serve), and is the port right?',
      );
    });

    it('a remote https host that does not answer: DNS, down, or TLS, worded as likely causes', async () => {
      stubFetch(failed);
      const error = await errorOf(provider(), { hasPermission: async () => true, fetchImpl: failed });
      expect(error.code).toBe('network');
      expect(error.message).toContain('only resolves on a company network or VPN');
      expect(error.message).toContain('TLS certificate is not trusted');
    });

    it('a remote http host: mentions that it may only accept https', async () => {
      stubFetch(failed);
      const error = await errorOf(provider({ baseURL: 'http://gpu.internal:8000/v1' }), {
        hasPermission: async () => true,
        fetchImpl: failed,
      });
      expect(error.message).toContain('the server only accepts https');
    });
  });

  it('Azure: no model list, a test message to the deployment; an unknown deployment is named', async () => {
    const seen = stubFetch(() =>
      json(
        {
          error: {
            code: 'DeploymentNotFound',
            message: 'The API deployment for this resource does not exist.',
          },
        },
        404,
      ),
    );
    const azure = provider({
      presetId: 'azure-openai',
      baseURL: 'https://acme.openai.azure.com',
      model: 'gpt4o-prod',
      azure: { deployment: 'gpt4o-prod', apiVersion: '2024-10-21' },
    });
    const error = await errorOf(azure);
    expect(seen.map((s) => s.url)).toEqual([
      'https://acme.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21',
    ]);
    expect(error.message).toContain('has no deployment “gpt4o-prod” (404)');
    vi.restoreAllMocks();
    stubFetch(() => json({ id: 'x', object: 'chat.completion', choices: [{ index: 0 }] }));
    expect(await testResolvedConnection(azure)).toEqual({
      ok: true,
      models: [],
      detail: 'Connected to acme.openai.azure.com: deployment “gpt4o-prod” answered a test message.',
    });
  });
});

describe('Ollama without OLLAMA_ORIGINS', () => {
  it('the model list answers, the test message gets a bare 403: the fix is shown', async () => {
    const seen = stubFetch((url) =>
      url.endsWith('/models')
        ? json({ data: [{ id: 'llama3.2:latest' }] })
        : new Response(null, { status: 403 }),
    );
    const error = await errorOf(
      provider({ presetId: 'ollama', baseURL: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: null }),
    );
    expect(seen.map((s) => s.url)).toEqual([
      'http://localhost:11434/v1/models',
      'http://localhost:11434/v1/chat/completions',
    ]);
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*');
  });
});
