import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { API_KEY_SECRET_ID, db } from '../../utils/db';
import { PROVIDER_SETTINGS_KEY, type ProviderSettings } from '../../utils/settings';
import {
  buildTestRequest,
  hostPermissionPattern,
  loadApiKey,
  loadApiKeyHint,
  loadProviderSettings,
  maskedKeyHint,
  parseProviderForm,
  saveApiKey,
  saveProviderSettings,
  testProviderConnection,
  watchProviderSettings,
} from '../../utils/settings-store';

const SETTINGS: ProviderSettings = {
  baseURL: 'http://localhost:11434/v1',
  model: 'llama3.2',
  timeoutMs: 45_000,
};

/** Everything in every browser.storage area, as one string. */
async function allBrowserStorage(): Promise<string> {
  const areas = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.sync.get(null),
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.managed.get(null),
  ]);
  return JSON.stringify(areas);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db().secrets.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('provider settings', () => {
  it('load returns null and no warning when nothing is saved', async () => {
    expect(await loadProviderSettings()).toEqual({ settings: null });
  });

  it('round-trips through local:provider', async () => {
    await saveProviderSettings(SETTINGS);
    expect(await fakeBrowser.storage.local.get('provider')).toEqual({ provider: SETTINGS });
    expect(await loadProviderSettings()).toEqual({ settings: SETTINGS });
    expect(PROVIDER_SETTINGS_KEY).toBe('local:provider');
  });

  it('applies the schema default for a missing timeout', async () => {
    await fakeBrowser.storage.local.set({
      provider: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
    });
    expect((await loadProviderSettings()).settings?.timeoutMs).toBe(60_000);
  });

  it('ignores an invalid stored value with a warning instead of throwing', async () => {
    await fakeBrowser.storage.local.set({ provider: { baseURL: 'not a url', model: '', timeoutMs: 'soon' } });
    const loaded = await loadProviderSettings();
    expect(loaded.settings).toBeNull();
    expect(loaded.warning).toMatch(/^Saved provider settings were invalid and were ignored: /);
    expect(loaded.warning).toContain('baseURL');
    expect(loaded.warning).toContain('timeoutMs');
  });

  it('ignores a stored non-http(s) endpoint and non-object values', async () => {
    await fakeBrowser.storage.local.set({ provider: { baseURL: 'javascript:alert(1)', model: 'm' } });
    expect((await loadProviderSettings()).warning).toContain('http:// or https://');
    await fakeBrowser.storage.local.set({ provider: 'garbage' });
    const loaded = await loadProviderSettings();
    expect(loaded.settings).toBeNull();
    expect(loaded.warning).toBeDefined();
  });

  it('reports a storage failure as a warning', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('disk on fire'));
    const loaded = await loadProviderSettings();
    expect(loaded).toEqual({
      settings: null,
      warning: 'Saved provider settings could not be read and were ignored: disk on fire',
    });
  });

  it('refuses to save invalid settings', async () => {
    await expect(saveProviderSettings({ ...SETTINGS, baseURL: 'ftp://example.com' })).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('watch reports validated changes and stops after unwatch', async () => {
    const seen: unknown[] = [];
    const unwatch = watchProviderSettings((result) => seen.push(result));
    // Before the list exists, the single provider of earlier versions is what is read.
    await fakeBrowser.storage.local.set({ provider: SETTINGS });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ settings: SETTINGS }));
    await fakeBrowser.storage.local.set({ providers: { providers: 'nope', defaultId: null } });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({ settings: null, warning: expect.stringContaining('invalid') }),
    );
    unwatch();
    const count = seen.length;
    await saveProviderSettings({ ...SETTINGS, model: 'after-unwatch' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(count);
  });
});

describe('API key', () => {
  it('is stored in IndexedDB (Dexie secrets) and in no browser.storage area', async () => {
    const key = 'sk-test-0123456789abcdef';
    await saveProviderSettings(SETTINGS);
    await saveApiKey(key);
    expect(await loadApiKey()).toBe(key);
    expect(await db().secrets.get(API_KEY_SECRET_ID)).toEqual({ id: API_KEY_SECRET_ID, value: key });
    const everything = await allBrowserStorage();
    expect(everything).not.toContain(key);
    expect(everything).not.toContain('sk-test');
  });

  it('is removed by null or a blank string', async () => {
    await saveApiKey('sk-1');
    await saveApiKey(null);
    expect(await loadApiKey()).toBeNull();
    await saveApiKey('sk-2');
    await saveApiKey('   ');
    expect(await loadApiKey()).toBeNull();
    expect(await db().secrets.count()).toBe(0);
  });

  it('is trimmed', async () => {
    await saveApiKey('  sk-3\n');
    expect(await loadApiKey()).toBe('sk-3');
  });

  it('is shown to the options page only as a hint with at most its last 4 characters', async () => {
    expect(await loadApiKeyHint()).toBeNull();
    await saveApiKey('sk-test-SECRET-4b1d9e2f7a60c3');
    expect(await loadApiKeyHint()).toBe('A key is stored (…60c3)');
    // A short key shows no characters: four would be too large a share of it.
    await saveApiKey('sk-short');
    expect(await loadApiKeyHint()).toBe('A key is stored');
    expect(maskedKeyHint('123456789012')).toBe('A key is stored (…9012)');
    expect(maskedKeyHint('12345678901')).toBe('A key is stored');
  });
});

describe('parseProviderForm', () => {
  it('turns form values into settings (timeout in seconds) and a key', () => {
    expect(
      parseProviderForm({
        baseURL: ' https://api.openai.com/v1 ',
        model: 'gpt-4o-mini',
        apiKey: ' sk-x ',
        timeoutSeconds: '30',
      }),
    ).toEqual({
      ok: true,
      settings: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 30_000 },
      apiKey: 'sk-x',
    });
    expect(
      parseProviderForm({
        baseURL: 'http://localhost:11434/v1',
        model: 'llama3.2',
        apiKey: '',
        timeoutSeconds: '',
      }),
    ).toMatchObject({ ok: true, settings: { timeoutMs: 60_000 }, apiKey: null });
  });

  it('gives one message per bad field', () => {
    const result = parseProviderForm({
      baseURL: 'localhost:11434',
      model: ' ',
      apiKey: 'sk x',
      timeoutSeconds: 'abc',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['apiKey', 'baseURL', 'model', 'timeoutSeconds']);
    expect(result.errors.baseURL).toContain('http://');
  });

  it('rejects timeouts outside 1–600 s', () => {
    for (const timeoutSeconds of ['0', '0.5', '601', '-5']) {
      const result = parseProviderForm({
        baseURL: 'https://x.example/v1',
        model: 'm',
        apiKey: '',
        timeoutSeconds,
      });
      expect(result.ok, timeoutSeconds).toBe(false);
    }
  });
});

describe('hostPermissionPattern', () => {
  it('drops the port and path (Firefox rejects ports in match patterns)', () => {
    expect(hostPermissionPattern('http://localhost:11434/v1')).toBe('http://localhost/*');
    expect(hostPermissionPattern('https://api.openai.com/v1')).toBe('https://api.openai.com/*');
    expect(hostPermissionPattern('https://llm.corp.example:8443/openai/v1')).toBe(
      'https://llm.corp.example/*',
    );
  });

  it('is null for anything but http(s)', () => {
    expect(hostPermissionPattern('javascript:alert(1)')).toBeNull();
    expect(hostPermissionPattern('not a url')).toBeNull();
  });
});

describe('testProviderConnection', () => {
  it('sends the candidate, leaving out an empty URL or model; an empty key field means the stored key', async () => {
    expect(buildTestRequest({ baseURL: ' http://localhost:1234/v1 ', model: '', apiKey: '  ' })).toEqual({
      type: 'provider/test',
      baseURL: 'http://localhost:1234/v1',
      useStoredKey: true,
    });
    const send = vi.fn(async () => ({ ok: true, models: ['a'], detail: 'Connected' }));
    const result = await testProviderConnection(
      { baseURL: 'https://x.example/v1', model: 'm', apiKey: 'k' },
      send,
    );
    expect(send).toHaveBeenCalledWith({
      type: 'provider/test',
      baseURL: 'https://x.example/v1',
      model: 'm',
      apiKey: 'k',
    });
    expect(result).toEqual({ ok: true, models: ['a'], detail: 'Connected' });
  });

  it('turns a malformed answer or a failed send into an error result', async () => {
    const bad = await testProviderConnection({ baseURL: '', model: '', apiKey: '' }, async () => ({
      ok: 'yes',
    }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    const none = await testProviderConnection({ baseURL: '', model: '', apiKey: '' }, async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'unknown', message: expect.stringContaining('Receiving end') },
    });
  });

  it('uses browser.runtime.sendMessage by default', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: false,
      error: { code: 'auth', message: 'The API key was rejected.', status: 401 },
    });
    const result = await testProviderConnection({
      baseURL: 'https://x.example/v1',
      model: '',
      apiKey: 'bad',
    });
    expect(spy).toHaveBeenCalledOnce();
    expect(result).toEqual({
      ok: false,
      error: { code: 'auth', message: 'The API key was rejected.', status: 401 },
    });
  });
});
