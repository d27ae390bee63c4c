import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '@/utils/db';
import { azureBaseURL, createClientFor } from '@/utils/llm/client';
import { chooseDefaultProvider, probeOllama } from '@/utils/providers/default-choice';
import { guessPresetId, PRESET_IDS, PRESETS, pickablePresets, presetById } from '@/utils/providers/presets';
import { AUTO_OLLAMA_ID, resolveProvider } from '@/utils/providers/resolve';
import {
  apiKeySecretId,
  newProviderId,
  ProviderConfig,
  type ProvidersState,
  parseStoredProviders,
  type ResolvedProvider,
} from '@/utils/providers/schema';
import {
  deleteProvider,
  loadProviders,
  saveProviderKey,
  setDefaultProvider,
  upsertProvider,
} from '@/utils/providers/store';
import { loadApiKey, saveApiKey } from '@/utils/settings-store';

beforeEach(async () => {
  fakeBrowser.reset();
  await db().secrets.clear();
});
afterEach(() => vi.restoreAllMocks());

const OPENAI: ProviderConfig = {
  id: 'openai-a1b2',
  presetId: 'openai',
  label: 'OpenAI',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  timeoutMs: 60_000,
  firstTokenTimeoutMs: 20_000,
};
const AZURE: ProviderConfig = {
  id: 'azure-x',
  presetId: 'azure-openai',
  label: 'Company Azure',
  baseURL: 'https://acme.openai.azure.com',
  model: 'support-gpt4o',
  timeoutMs: 90_000,
  firstTokenTimeoutMs: 30_000,
  contextWindow: 64_000,
  azure: { deployment: 'support-gpt4o', apiVersion: '2024-10-21' },
};

describe('presets', () => {
  it('cover every preset id once, with the facts each needs', () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual([...PRESET_IDS].sort());
    for (const preset of PRESETS) {
      expect(preset.docsUrl).toMatch(/^https:\/\//);
      expect(preset.setupNote.length).toBeGreaterThan(10);
      if (!preset.onDevice && preset.baseURL) expect(new URL(preset.baseURL).protocol).toMatch(/^https?:$/);
    }
    expect(presetById('ollama')?.setupNote).toContain('OLLAMA_ORIGINS=chrome-extension://*');
    expect(presetById('anthropic')?.baseURL).toBe('https://api.anthropic.com/v1/');
    expect(presetById('anthropic')?.structuredOutput).toBe('none');
    expect(presetById('gemini')?.baseURL).toBe('https://generativelanguage.googleapis.com/v1beta/openai/');
    expect(presetById('azure-openai')?.modelList).toBe(false);
    expect(presetById('openai')?.apiKey).toBe('required');
    expect(presetById('ollama')?.apiKey).toBe('none');
  });

  it('offer Chrome on-device AI only when the probe says it is there', () => {
    expect(pickablePresets(false).some((p) => p.id === 'chrome-ai')).toBe(false);
    expect(pickablePresets(true).some((p) => p.id === 'chrome-ai')).toBe(true);
  });

  it('guess the preset of an endpoint from its host or port', () => {
    expect(guessPresetId('https://api.openai.com/v1')).toBe('openai');
    expect(guessPresetId('http://localhost:11434/v1')).toBe('ollama');
    expect(guessPresetId('http://127.0.0.1:1234/v1')).toBe('lm-studio');
    expect(guessPresetId('https://x.openai.azure.com/openai/v1')).toBe('azure-openai');
    expect(guessPresetId('https://api.groq.com/openai/v1')).toBe('groq');
    expect(guessPresetId('https://llm.example.com/v1')).toBe('custom');
    expect(guessPresetId('nonsense')).toBe('custom');
  });
});

describe('ProviderConfig schema', () => {
  it('accepts a full provider and fills the timeouts by default', () => {
    expect(ProviderConfig.parse(AZURE)).toEqual(AZURE);
    const parsed = ProviderConfig.parse({
      id: 'x',
      presetId: 'custom',
      label: 'X',
      baseURL: 'http://h/v1',
      model: 'm',
    });
    expect(parsed.timeoutMs).toBe(60_000);
    expect(parsed.firstTokenTimeoutMs).toBe(60_000);
  });

  it('rejects what cannot work, naming the field', () => {
    const paths = (value: unknown) =>
      ProviderConfig.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths({ ...OPENAI, baseURL: 'javascript:alert(1)' })).toContain('baseURL');
    expect(paths({ ...OPENAI, id: 'Has Spaces' })).toContain('id');
    expect(paths({ ...OPENAI, firstTokenTimeoutMs: 120_000, timeoutMs: 60_000 })).toContain(
      'firstTokenTimeoutMs',
    );
    expect(paths({ ...AZURE, azure: undefined })).toContain('azure');
    expect(paths({ ...AZURE, azure: { deployment: 'a/b', apiVersion: '2024-10-21' } })).toContain(
      'azure.deployment',
    );
    expect(paths({ ...AZURE, azure: { deployment: 'd', apiVersion: 'tomorrow' } })).toContain(
      'azure.apiVersion',
    );
    expect(paths({ ...OPENAI, contextWindow: 10 })).toContain('contextWindow');
  });

  it('lets the on-device provider have no endpoint', () => {
    expect(
      ProviderConfig.safeParse({
        id: 'c',
        presetId: 'chrome-ai',
        label: 'Chrome',
        baseURL: '',
        model: 'gemini-nano',
      }).success,
    ).toBe(true);
  });

  it('makes new ids that are valid and unused', () => {
    expect(newProviderId([], 'ollama', () => 0)).toBe('ollama-0000');
    // A random source that repeats itself cannot loop forever.
    expect(newProviderId(['ollama-0000', 'ollama-1'], 'ollama', () => 0)).toBe('ollama-2');
    expect(ProviderConfig.safeParse({ ...OPENAI, id: newProviderId([], 'lm-studio') }).success).toBe(true);
  });
});

describe('migration from the single provider of earlier versions', () => {
  const LEGACY = { baseURL: 'http://localhost:11434/v1', model: 'llama3.2', timeoutMs: 45_000 };

  it('turns local:provider into the list entry "default", keeping endpoint, model and timeout', () => {
    const loaded = parseStoredProviders(undefined, LEGACY);
    expect(loaded).toEqual({
      migrated: true,
      state: {
        defaultId: 'default',
        providers: [
          {
            id: 'default',
            presetId: 'ollama',
            label: 'Ollama',
            baseURL: LEGACY.baseURL,
            model: 'llama3.2',
            timeoutMs: 45_000,
            firstTokenTimeoutMs: 45_000,
          },
        ],
      },
    });
  });

  it('keeps the stored key: provider:default:apiKey is the key of the migrated provider', async () => {
    await db().secrets.put({ id: 'provider:default:apiKey', value: 'sk-old-key-1234567890' });
    await fakeBrowser.storage.local.set({ provider: LEGACY });
    const { provider } = await resolveProvider();
    expect(provider).toMatchObject({
      id: 'default',
      baseURL: LEGACY.baseURL,
      apiKey: 'sk-old-key-1234567890',
    });
    expect(apiKeySecretId('default')).toBe('provider:default:apiKey');
  });

  it('keeps an Azure URL of earlier versions on the plain client (no deployment is invented)', () => {
    const loaded = parseStoredProviders(null, { ...LEGACY, baseURL: 'https://x.openai.azure.com/openai/v1' });
    expect(loaded.state.providers[0]).toMatchObject({ presetId: 'custom', label: 'x.openai.azure.com' });
  });

  it('reports an invalid legacy value as a warning and starts empty', () => {
    const loaded = parseStoredProviders(undefined, { baseURL: 'ftp://x', model: '' });
    expect(loaded.state).toEqual({ providers: [], defaultId: null });
    expect(loaded.warning).toMatch(/^Saved provider settings were invalid and were ignored: /);
  });

  it('prefers the list once it exists, and salvages the valid entries of a damaged list', () => {
    const state: ProvidersState = { providers: [OPENAI], defaultId: OPENAI.id };
    expect(parseStoredProviders(state, LEGACY)).toEqual({ state, migrated: false });
    const damaged = parseStoredProviders(
      { providers: [OPENAI, { id: 'broken', baseURL: 'javascript:1' }], defaultId: 'broken' },
      LEGACY,
    );
    expect(damaged.state).toEqual({ providers: [OPENAI], defaultId: OPENAI.id });
    expect(damaged.warning).toMatch(/^1 saved provider was invalid and ignored/);
    expect(parseStoredProviders('garbage', null)).toMatchObject({
      state: { providers: [], defaultId: null },
      warning: expect.stringContaining('invalid'),
    });
  });

  it('nothing stored: empty, no warning', () => {
    expect(parseStoredProviders(undefined, undefined)).toEqual({
      state: { providers: [], defaultId: null },
      migrated: false,
    });
  });
});

describe('provider store', () => {
  it('keeps several providers, one default, keys per provider and never in storage', async () => {
    await upsertProvider(OPENAI);
    await upsertProvider(AZURE);
    await saveProviderKey(OPENAI.id, 'sk-openai-0000000001');
    await saveProviderKey(AZURE.id, 'azure-key-0000000002');
    expect((await loadProviders()).state.defaultId).toBe(OPENAI.id);
    await setDefaultProvider(AZURE.id);
    expect(await loadApiKey()).toBe('azure-key-0000000002');
    const everywhere = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(everywhere).not.toContain('sk-openai');
    expect(everywhere).not.toContain('azure-key');
    // The default is mirrored to the single-provider key for older readers.
    expect(await fakeBrowser.storage.local.get('provider')).toEqual({
      provider: { baseURL: AZURE.baseURL, model: AZURE.model, timeoutMs: AZURE.timeoutMs },
    });

    await deleteProvider(AZURE.id);
    expect((await loadProviders()).state).toEqual({ providers: [OPENAI], defaultId: OPENAI.id });
    expect(await db().secrets.get(apiKeySecretId(AZURE.id))).toBeUndefined();
    await expect(setDefaultProvider('nope')).rejects.toThrow('There is no provider');
  });

  it('saveApiKey of earlier code writes the default provider key', async () => {
    await upsertProvider(OPENAI);
    await saveApiKey('sk-through-legacy-api');
    expect(await db().secrets.get(apiKeySecretId(OPENAI.id))).toEqual({
      id: apiKeySecretId(OPENAI.id),
      value: 'sk-through-legacy-api',
    });
  });
});

describe('resolveProvider', () => {
  const noProbes = { chromeAi: async () => 'unavailable' as const, ollama: async () => false };

  it('resolves the default or a named provider with its key and preset facts', async () => {
    await upsertProvider(OPENAI);
    await upsertProvider(AZURE);
    await saveProviderKey(AZURE.id, 'azure-key-1');
    expect((await resolveProvider(undefined, { probes: noProbes })).provider).toEqual({
      id: OPENAI.id,
      presetId: 'openai',
      label: 'OpenAI',
      baseURL: OPENAI.baseURL,
      model: OPENAI.model,
      apiKey: null,
      timeoutMs: 60_000,
      firstTokenTimeoutMs: 20_000,
      structuredOutput: 'json_schema',
    } satisfies ResolvedProvider);
    expect((await resolveProvider(AZURE.id)).provider).toMatchObject({
      apiKey: 'azure-key-1',
      contextWindowOverride: 64_000,
      azure: { deployment: 'support-gpt4o', apiVersion: '2024-10-21' },
    });
    expect(await resolveProvider('gone')).toEqual({
      provider: null,
      warning: 'The provider “gone” is no longer configured. Choose another one in Deskmate settings.',
    });
  });

  it('passes a storage warning along', async () => {
    await fakeBrowser.storage.local.set({
      providers: { providers: [OPENAI, { id: 'x' }], defaultId: OPENAI.id },
    });
    const result = await resolveProvider(undefined, { probes: noProbes });
    expect(result.provider?.id).toBe(OPENAI.id);
    expect(result.warning).toContain('invalid');
  });

  it('nothing configured: a local Ollama that answers is used with its first model', async () => {
    const fetchImpl = vi.fn(async () =>
      Response.json({ models: [{ name: 'qwen2.5:7b' }, { name: 'llama3.2' }] }),
    );
    const result = await resolveProvider(undefined, {
      probes: { chromeAi: async () => 'unavailable', ollama: async () => true },
      fetchImpl,
    });
    expect(result.provider).toMatchObject({
      id: AUTO_OLLAMA_ID,
      presetId: 'ollama',
      baseURL: 'http://localhost:11434/v1',
      model: 'qwen2.5:7b',
    });
    expect(fetchImpl).toHaveBeenCalledWith('http://localhost:11434/api/tags', expect.anything());
  });

  it('nothing configured and nothing found: no provider, no warning (the onboarding card explains)', async () => {
    expect(await resolveProvider(undefined, { probes: noProbes })).toEqual({ provider: null });
  });

  it('nothing configured and Chrome AI ready: the on-device provider', async () => {
    const result = await resolveProvider(undefined, {
      probes: { chromeAi: async () => 'available', ollama: async () => true },
    });
    expect(result.provider).toMatchObject({ presetId: 'chrome-ai', baseURL: '', apiKey: null });
  });
});

describe('chooseDefaultProvider', () => {
  it('Chrome AI first, then Ollama, else onboarding; a throwing probe counts as absent', async () => {
    const ollama = vi.fn(async () => true);
    expect(await chooseDefaultProvider({ chromeAi: async () => 'available', ollama })).toEqual({
      kind: 'chrome-ai',
    });
    expect(ollama).not.toHaveBeenCalled();
    expect(await chooseDefaultProvider({ chromeAi: async () => 'downloadable', ollama })).toEqual({
      kind: 'ollama',
      baseURL: 'http://localhost:11434/v1',
    });
    expect(
      await chooseDefaultProvider({ chromeAi: async () => 'downloading', ollama: async () => false }),
    ).toEqual({ kind: 'onboarding', chromeAi: 'downloading' });
    expect(
      await chooseDefaultProvider({
        chromeAi: () => Promise.reject(new Error('no')),
        ollama: () => Promise.reject(new Error('no')),
      }),
    ).toEqual({ kind: 'onboarding', chromeAi: 'unavailable' });
  });

  it('the Ollama probe wants a real /api/version answer', async () => {
    const answer = (body: unknown, status = 200) => vi.fn(async () => Response.json(body, { status }));
    expect(await probeOllama('http://o', answer({ version: '0.6.1' }))).toBe(true);
    expect(await probeOllama('http://o', answer({ version: '0.6.1' }, 403))).toBe(false);
    expect(await probeOllama('http://o', answer({ hello: 1 }))).toBe(false);
    expect(
      await probeOllama('http://o', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBe(false);
  });
});

describe('createClientFor', () => {
  function recordingFetch() {
    const calls: { url: string; headers: Headers }[] = [];
    const impl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), headers: new Headers(init?.headers) });
      return Response.json({ id: 'c', object: 'chat.completion', choices: [] });
    });
    return { calls, impl };
  }

  it('Azure: deployment path, api-version query, api-key header and no Bearer', async () => {
    const { calls, impl } = recordingFetch();
    vi.spyOn(globalThis, 'fetch').mockImplementation(impl);
    const resolved: ResolvedProvider = {
      id: AZURE.id,
      presetId: 'azure-openai',
      label: 'Azure',
      baseURL: 'https://acme.openai.azure.com/',
      model: 'ignored-by-azure',
      apiKey: 'azure-secret',
      timeoutMs: 10_000,
      firstTokenTimeoutMs: 10_000,
      structuredOutput: 'json_schema',
      azure: { deployment: 'support-gpt4o', apiVersion: '2024-10-21' },
    };
    await createClientFor(resolved).chat.completions.create({
      model: resolved.model,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      'https://acme.openai.azure.com/openai/deployments/support-gpt4o/chat/completions?api-version=2024-10-21',
    );
    expect(calls[0]?.headers.get('api-key')).toBe('azure-secret');
    expect(calls[0]?.headers.get('authorization')).toBeNull();
  });

  it('every other preset: the OpenAI-compatible client with a Bearer key', async () => {
    const { calls, impl } = recordingFetch();
    vi.spyOn(globalThis, 'fetch').mockImplementation(impl);
    await createClientFor({
      id: 'g',
      presetId: 'groq',
      label: 'Groq',
      baseURL: 'https://api.groq.com/openai/v1',
      model: 'llama-3.1-8b-instant',
      apiKey: 'gsk_123',
      timeoutMs: 10_000,
      firstTokenTimeoutMs: 10_000,
      structuredOutput: 'json_object',
    }).chat.completions.create({
      model: 'llama-3.1-8b-instant',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(calls[0]?.url).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer gsk_123');
  });

  it('azureBaseURL accepts the resource endpoint with or without /openai', () => {
    expect(azureBaseURL('https://r.openai.azure.com')).toBe('https://r.openai.azure.com/openai');
    expect(azureBaseURL('https://r.openai.azure.com/openai/')).toBe('https://r.openai.azure.com/openai');
  });
});

describe('provider/test in the background', () => {
  it('uses the saved provider’s key, preset and model; "Load models" asks for the list only', async () => {
    const { runProviderTest } = await import('@/utils/providers/test-request');
    await upsertProvider({
      ...OPENAI,
      id: 'default',
      baseURL: 'https://llm.example.com/v1',
      model: 'gone-model',
    });
    await saveProviderKey('default', 'sk-stored-for-default');
    const seen: { url: string; auth: string | null }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return Response.json({ object: 'list', data: [{ id: 'gpt-4o-mini' }] });
    });
    const listed = await runProviderTest({ type: 'provider/test', useStoredKey: true, listModels: true });
    expect(listed).toMatchObject({ ok: true, models: ['gpt-4o-mini'] });
    expect(seen).toEqual([
      { url: 'https://llm.example.com/v1/models', auth: 'Bearer sk-stored-for-default' },
    ]);

    const tested = await runProviderTest({ type: 'provider/test', useStoredKey: true });
    expect(tested).toMatchObject({ ok: false, error: { code: 'model-not-found' } });

    // A provider that is not saved yet has no stored key: nothing is sent in its name.
    seen.length = 0;
    await runProviderTest({
      type: 'provider/test',
      useStoredKey: true,
      providerId: 'unsaved',
      baseURL: 'https://other.example.com/v1',
      listModels: true,
    });
    expect(seen[0]?.auth).toBe('Bearer not-needed');
  });

  it('refuses an Azure test without deployment, and a non-http endpoint', async () => {
    const { runProviderTest } = await import('@/utils/providers/test-request');
    expect(
      await runProviderTest({
        type: 'provider/test',
        presetId: 'azure-openai',
        baseURL: 'https://a.openai.azure.com',
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('deployment name and api-version') },
    });
    expect(await runProviderTest({ type: 'provider/test', baseURL: 'ftp://x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
