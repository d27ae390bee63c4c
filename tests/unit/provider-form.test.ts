import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { panelProviderStatus } from '@/utils/panel/provider-status';
import {
  editorForPreset,
  editorFromConfig,
  idForNewProvider,
  parseProviderEditor,
} from '@/utils/providers/form';
import type { ProviderConfig } from '@/utils/providers/schema';

beforeEach(() => fakeBrowser.reset());

describe('provider editor', () => {
  it('a preset fills its defaults; Azure gets a dated api-version', () => {
    expect(editorForPreset('ollama')).toMatchObject({
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
    });
    expect(editorForPreset('azure-openai')).toMatchObject({ baseURL: '', azureApiVersion: '2024-10-21' });
  });

  it('parses an Azure provider: the deployment doubles as the model, the label defaults to the preset', () => {
    const result = parseProviderEditor(
      {
        ...editorForPreset('azure-openai'),
        baseURL: 'https://acme.openai.azure.com',
        azureDeployment: 'gpt4o-support',
        firstTokenSeconds: '20',
        timeoutSeconds: '90',
        contextWindow: '128,000',
      },
      'azure-1',
    );
    expect(result).toEqual({
      ok: true,
      apiKey: null,
      config: {
        id: 'azure-1',
        presetId: 'azure-openai',
        label: 'Azure OpenAI',
        baseURL: 'https://acme.openai.azure.com',
        model: 'gpt4o-support',
        timeoutMs: 90_000,
        firstTokenTimeoutMs: 20_000,
        contextWindow: 128_000,
        azure: { deployment: 'gpt4o-support', apiVersion: '2024-10-21' },
      },
    });
  });

  it('names each bad field', () => {
    const result = parseProviderEditor(
      {
        ...editorForPreset('azure-openai'),
        baseURL: 'acme.openai.azure.com',
        azureDeployment: 'bad/name',
        azureApiVersion: 'soon',
        firstTokenSeconds: '120',
        timeoutSeconds: '60',
        contextWindow: 'lots',
      },
      'x',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      ['azureApiVersion', 'azureDeployment', 'baseURL', 'contextWindow', 'firstTokenSeconds'].sort(),
    );
    expect(result.errors.firstTokenSeconds).toBe(
      'The first-token timeout cannot be longer than the total timeout.',
    );
  });

  it('round-trips a saved provider, the key field always empty', () => {
    const saved: ProviderConfig = {
      id: 'p',
      presetId: 'groq',
      label: 'Groq team',
      baseURL: 'https://api.groq.com/openai/v1',
      model: 'llama-3.1-8b-instant',
      timeoutMs: 30_000,
      firstTokenTimeoutMs: 10_000,
    };
    const values = editorFromConfig(saved);
    expect(values.apiKey).toBe('');
    expect(parseProviderEditor({ ...values, apiKey: ' gsk_new ' }, 'p')).toEqual({
      ok: true,
      config: saved,
      apiKey: 'gsk_new',
    });
  });

  it('the first provider gets the id of earlier versions', () => {
    expect(idForNewProvider({ providers: [], defaultId: null }, () => 'new-id')).toBe('default');
  });
});

describe('the side panel provider status', () => {
  const none = { chromeAi: async () => 'unavailable' as const, ollama: async () => false };
  const empty = { state: { providers: [], defaultId: null }, migrated: false };

  it('shows the default provider', async () => {
    const provider: ProviderConfig = {
      id: 'a',
      presetId: 'openai',
      label: 'OpenAI',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 60_000,
      firstTokenTimeoutMs: 60_000,
    };
    expect(
      await panelProviderStatus({ state: { providers: [provider], defaultId: 'a' }, migrated: false }, none),
    ).toEqual({ configured: true, label: 'OpenAI', endpoint: 'api.openai.com (gpt-4o-mini)' });
  });

  it('nothing configured: the automatic choice, or the onboarding card', async () => {
    expect(await panelProviderStatus(empty, { ...none, ollama: async () => true })).toMatchObject({
      configured: true,
      automatic: 'ollama',
    });
    expect(await panelProviderStatus(empty, { ...none, chromeAi: async () => 'available' })).toMatchObject({
      configured: true,
      automatic: 'chrome-ai',
    });
    expect(await panelProviderStatus(empty, { ...none, chromeAi: async () => 'downloadable' })).toEqual({
      configured: false,
      chromeAi: 'downloadable',
    });
    expect(await panelProviderStatus({ ...empty, warning: 'bad' }, none)).toEqual({
      configured: false,
      chromeAi: 'unavailable',
      warning: 'bad',
    });
  });
});
