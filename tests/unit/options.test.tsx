// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsApp } from '../../components/options/OptionsApp';
import { API_KEY_SECRET_ID, db } from '../../utils/db';
import type { TestConnectionResult } from '../../utils/messaging/protocol';
import { loadApiKey, saveApiKey, saveProviderSettings } from '../../utils/settings-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
}

/** Types into a React-controlled input the way a user does (the native setter, then an input event). */
async function typeInto(id: string, value: string) {
  const input = byTestId<HTMLInputElement>(id);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}

/** Lets effects and IndexedDB/storage promises settle until `check` passes. */
async function waitFor(check: () => void, timeoutMs = 2000) {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}

async function renderOptions() {
  await act(async () => {
    root.render(<OptionsApp />);
  });
  await waitFor(() => expect(byTestId<HTMLButtonElement>('provider-save').disabled).toBe(false));
}

function status(): string {
  return byTestId('provider-status').textContent ?? '';
}

async function fillForm(values: { baseURL: string; model: string; apiKey: string; timeout?: string }) {
  await typeInto('provider-base-url', values.baseURL);
  await typeInto('provider-model', values.model);
  await typeInto('provider-api-key', values.apiKey);
  if (values.timeout !== undefined) await typeInto('provider-timeout', values.timeout);
}

function stubPermissions(opts: { has: boolean; grant: boolean }) {
  const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(opts.has);
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(opts.grant);
  return { contains, request };
}

function stubBackground(answer: TestConnectionResult) {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(answer);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db().secrets.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('options page: Save', () => {
  it('stores the settings in local:providers (mirrored to local:provider) and the key in IndexedDB only', async () => {
    const { request } = stubPermissions({ has: false, grant: true });
    await renderOptions();
    await fillForm({
      baseURL: 'https://llm.example.com:8443/v1',
      model: 'gpt-4o-mini',
      apiKey: 'sk-secret-123',
      timeout: '30',
    });
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toContain('Saved.'));

    expect(request).toHaveBeenCalledWith({ origins: ['https://llm.example.com/*'] });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      providers: {
        defaultId: 'default',
        providers: [
          {
            id: 'default',
            presetId: 'custom',
            label: 'llm.example.com:8443',
            baseURL: 'https://llm.example.com:8443/v1',
            model: 'gpt-4o-mini',
            timeoutMs: 30_000,
            firstTokenTimeoutMs: 30_000,
          },
        ],
      },
      provider: { baseURL: 'https://llm.example.com:8443/v1', model: 'gpt-4o-mini', timeoutMs: 30_000 },
    });
    expect(await db().secrets.get(API_KEY_SECRET_ID)).toEqual({
      id: API_KEY_SECRET_ID,
      value: 'sk-secret-123',
    });
    const everywhere = JSON.stringify(
      await Promise.all([
        fakeBrowser.storage.local.get(null),
        fakeBrowser.storage.sync.get(null),
        fakeBrowser.storage.session.get(null),
      ]),
    );
    expect(everywhere).not.toContain('sk-secret-123');
  });

  it('does not ask for a host permission the extension already has', async () => {
    const { contains, request } = stubPermissions({ has: true, grant: true });
    await renderOptions();
    await fillForm({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: '' });
    await waitFor(() => expect(contains).toHaveBeenCalledWith({ origins: ['http://localhost/*'] }));
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toContain('Saved.'));
    expect(request).not.toHaveBeenCalled();
    expect(await loadApiKey()).toBeNull();
  });

  it('saves but says plainly that the endpoint cannot be reached when the permission is denied', async () => {
    stubPermissions({ has: false, grant: false });
    await renderOptions();
    await fillForm({ baseURL: 'https://llm.example.com/v1', model: 'm', apiKey: 'k' });
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toContain('cannot be reached without it'));
    expect(status()).toContain('https://llm.example.com');
    expect(await fakeBrowser.storage.local.get('provider')).toEqual({
      provider: { baseURL: 'https://llm.example.com/v1', model: 'm', timeoutMs: 60_000 },
    });
  });

  it('shows a field error for an invalid URL and stores nothing', async () => {
    const { request } = stubPermissions({ has: false, grant: true });
    await renderOptions();
    await fillForm({ baseURL: 'localhost:11434', model: 'llama3.2', apiKey: 'sk-nope' });
    await click(byTestId('provider-save'));

    const error = byTestId('provider-base-url-error');
    expect(error.textContent).toContain('http://');
    const input = byTestId<HTMLInputElement>('provider-base-url');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
    expect(document.activeElement).toBe(input);
    expect(status()).toContain('Nothing was saved');

    // Give any stray async work a chance to run, then check nothing was written anywhere.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await db().secrets.count()).toBe(0);
    expect(request).not.toHaveBeenCalled();

    // Typing in the field clears its error.
    await typeInto('provider-base-url', 'http://localhost:11434/v1');
    expect(container.querySelector('[data-testid="provider-base-url-error"]')).toBeNull();
  });

  it('shows field errors for a missing model and an out-of-range timeout', async () => {
    stubPermissions({ has: true, grant: true });
    await renderOptions();
    await fillForm({ baseURL: 'https://api.openai.com/v1', model: '', apiKey: '', timeout: '9999' });
    await click(byTestId('provider-save'));
    expect(byTestId('provider-model-error').textContent).toContain('model');
    expect(byTestId('provider-timeout-error').textContent).toContain('600');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});

describe('options page: loading and the key controls', () => {
  const STORED = 'sk-saved-key-4b1d9e2f9f3a';

  /** Everything the page holds in its markup and text (attributes included), and every input's live value. */
  function pageSurface(): string {
    const values = [...container.querySelectorAll('input')].map((input) => input.value);
    return [container.innerHTML, container.textContent ?? '', ...values].join('\n');
  }

  it('fills the form from saved settings but never loads the key: the field is empty, a masked hint says one is stored', async () => {
    stubPermissions({ has: true, grant: true });
    await saveProviderSettings({ baseURL: 'http://localhost:1234/v1', model: 'qwen2.5', timeoutMs: 90_000 });
    await saveApiKey(STORED);
    await renderOptions();
    expect(byTestId<HTMLInputElement>('provider-base-url').value).toBe('http://localhost:1234/v1');
    expect(byTestId<HTMLInputElement>('provider-model').value).toBe('qwen2.5');
    expect(byTestId<HTMLInputElement>('provider-timeout').value).toBe('90');
    await waitFor(() =>
      expect(byTestId('provider-api-key-stored').textContent).toContain('A key is stored (…9f3a)'),
    );
    const key = byTestId<HTMLInputElement>('provider-api-key');
    expect(key.value).toBe('');
    expect(key.placeholder).toContain('…9f3a');
    expect(key.getAttribute('aria-describedby')).toContain('provider-api-key-hint');
    expect(byTestId('provider-api-key-stored').textContent).toContain('Leave the field empty to keep it');
    expect(pageSurface()).not.toContain('sk-saved-key');
    expect(byTestId<HTMLButtonElement>('provider-api-key-remove').disabled).toBe(false);
  });

  it('says nothing is stored when there is no key, and Remove has nothing to remove', async () => {
    stubPermissions({ has: true, grant: true });
    await renderOptions();
    expect(container.querySelector('[data-testid="provider-api-key-stored"]')).toBeNull();
    expect(byTestId<HTMLInputElement>('provider-api-key').placeholder).toBe('Leave empty for local servers');
    expect(byTestId<HTMLButtonElement>('provider-api-key-remove').disabled).toBe(true);
  });

  it('Show/Hide applies to the key being typed', async () => {
    stubPermissions({ has: true, grant: true });
    await saveApiKey(STORED);
    await renderOptions();
    const key = byTestId<HTMLInputElement>('provider-api-key');
    expect(key.type).toBe('password');
    await click(byTestId('provider-api-key-toggle'));
    expect(key.type).toBe('text');
    expect(key.value).toBe(''); // showing reveals nothing stored
    expect(byTestId('provider-api-key-toggle').getAttribute('aria-pressed')).toBe('true');
    await typeInto('provider-api-key', 'sk-typed-now');
    expect(key.value).toBe('sk-typed-now');
    await click(byTestId('provider-api-key-toggle'));
    expect(key.type).toBe('password');
  });

  it('saving with the key field empty keeps the stored key', async () => {
    stubPermissions({ has: true, grant: true });
    await saveApiKey(STORED);
    await renderOptions();
    await fillForm({ baseURL: 'https://llm.example.com/v1', model: 'm', apiKey: '' });
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toContain('Saved.'));
    expect(await loadApiKey()).toBe(STORED);
    expect(byTestId('provider-api-key-stored').textContent).toContain('…9f3a');
    expect(pageSurface()).not.toContain('sk-saved-key');
  });

  it('typing a new key and saving replaces the stored one; the field empties and the hint follows', async () => {
    stubPermissions({ has: true, grant: true });
    await saveApiKey(STORED);
    await renderOptions();
    await fillForm({ baseURL: 'https://llm.example.com/v1', model: 'm', apiKey: 'sk-replacement-key-77aa' });
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toContain('Saved.'));
    expect(await loadApiKey()).toBe('sk-replacement-key-77aa');
    await waitFor(() => expect(byTestId('provider-api-key-stored').textContent).toContain('(…77aa)'));
    expect(byTestId<HTMLInputElement>('provider-api-key').value).toBe('');
    expect(pageSurface()).not.toContain('sk-replacement');
    expect(pageSurface()).not.toContain('sk-saved-key');
  });

  it('says when saved settings were invalid instead of crashing', async () => {
    stubPermissions({ has: true, grant: true });
    await fakeBrowser.storage.local.set({ provider: { baseURL: 42 } });
    await renderOptions();
    expect(byTestId('provider-load-warning').textContent).toContain(
      'Saved provider settings were invalid and were ignored',
    );
    expect(byTestId<HTMLInputElement>('provider-base-url').value).toBe('');
  });

  it('removes the key', async () => {
    stubPermissions({ has: true, grant: true });
    await saveApiKey(STORED);
    await renderOptions();
    await waitFor(() => expect(byTestId('provider-api-key-stored').textContent).toContain('…9f3a'));
    await click(byTestId('provider-api-key-remove'));
    await waitFor(() => expect(status()).toContain('removed'));
    expect(await loadApiKey()).toBeNull();
    expect(byTestId<HTMLInputElement>('provider-api-key').value).toBe('');
    expect(container.querySelector('[data-testid="provider-api-key-stored"]')).toBeNull();
    expect(byTestId<HTMLButtonElement>('provider-api-key-remove').disabled).toBe(true);
  });

  it('quick-fill buttons set the base URL and the key note is visible', async () => {
    stubPermissions({ has: true, grant: true });
    await renderOptions();
    const ollama = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Ollama (this computer)',
    );
    if (!ollama) throw new Error('no Ollama button');
    await click(ollama);
    expect(byTestId<HTMLInputElement>('provider-base-url').value).toBe('http://localhost:11434/v1');
    expect(container.textContent).toContain(
      "Stored only in this browser's extension storage; never shown again, never exported, never shared with web pages",
    );
    expect(container.textContent).toContain('OLLAMA_ORIGINS=chrome-extension://*');
    expect(container.textContent).toContain('moz-extension://*');
    for (const id of ['provider-base-url', 'provider-model', 'provider-api-key', 'provider-timeout']) {
      const input = byTestId(id);
      expect(container.querySelector(`label[for="${input.id}"]`), id).not.toBeNull();
    }
  });
});

describe('options page: Test connection', () => {
  it('shows the error message and code for an auth failure', async () => {
    stubPermissions({ has: true, grant: true });
    const send = stubBackground({
      ok: false,
      error: {
        code: 'auth',
        message: 'The API key was rejected (401). Check it in the settings.',
        status: 401,
      },
    });
    await renderOptions();
    await fillForm({ baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKey: 'sk-wrong' });
    await click(byTestId('provider-test'));
    await waitFor(() => expect(status()).toContain('The API key was rejected'));
    expect(status()).toContain('auth');
    expect(status()).toContain('401');
    expect(byTestId('provider-status').querySelector('.status-error')).not.toBeNull();
    expect(send).toHaveBeenCalledWith({
      type: 'provider/test',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      apiKey: 'sk-wrong',
      providerId: 'default',
      presetId: 'custom',
    });
    // Testing does not save.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('lists the models on success; choosing one fills the model field', async () => {
    stubPermissions({ has: true, grant: true });
    stubBackground({
      ok: true,
      detail: 'Connected to Ollama; 2 models.',
      models: ['llama3.2', 'qwen2.5:7b'],
    });
    await renderOptions();
    await fillForm({ baseURL: 'http://localhost:11434/v1', model: '', apiKey: '' });
    await click(byTestId('provider-test'));
    await waitFor(() => expect(status()).toContain('Connected to Ollama'));
    const buttons = [...byTestId('provider-models').querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['llama3.2', 'qwen2.5:7b']);
    await click(buttons[1] as HTMLButtonElement);
    expect(byTestId<HTMLInputElement>('provider-model').value).toBe('qwen2.5:7b');
    expect(buttons[1]?.getAttribute('aria-pressed')).toBe('true');
  });

  it('with the key field empty, asks the background to test with the stored key without sending it', async () => {
    stubPermissions({ has: true, grant: true });
    await saveApiKey('sk-stored-for-test-0042');
    const send = stubBackground({ ok: true, detail: 'Connected.', models: ['m'] });
    await renderOptions();
    await fillForm({ baseURL: 'https://llm.example.com/v1', model: 'm', apiKey: '' });
    await click(byTestId('provider-test'));
    await waitFor(() => expect(status()).toContain('Connected.'));
    expect(send).toHaveBeenCalledWith({
      type: 'provider/test',
      baseURL: 'https://llm.example.com/v1',
      model: 'm',
      useStoredKey: true,
      // The first provider is saved as 'default': the key stored for it is the one tested.
      providerId: 'default',
      presetId: 'custom',
    });
  });

  it('treats a malformed answer from the background as an error', async () => {
    stubPermissions({ has: true, grant: true });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true });
    await renderOptions();
    await fillForm({ baseURL: 'http://localhost:11434/v1', model: 'x', apiKey: '' });
    await click(byTestId('provider-test'));
    await waitFor(() => expect(status()).toContain('bad-response'));
  });

  it('asks for the host permission first and does not send when it is denied', async () => {
    const { request } = stubPermissions({ has: false, grant: false });
    const send = stubBackground({ ok: true, detail: 'ok', models: [] });
    await renderOptions();
    await fillForm({ baseURL: 'https://llm.example.com/v1', model: 'm', apiKey: '' });
    await click(byTestId('provider-test'));
    await waitFor(() => expect(status()).toContain('cannot be reached without it'));
    expect(request).toHaveBeenCalledWith({ origins: ['https://llm.example.com/*'] });
    expect(send).not.toHaveBeenCalled();
  });
});
