// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OptionsApp } from '../../components/options/OptionsApp';
import { db } from '../../utils/db';
import { apiKeySecretId } from '../../utils/providers/schema';
import { loadProviderKey, loadProviders, saveProviderKey, upsertProvider } from '../../utils/providers/store';

// The provider list of the options page: add from a preset, Azure fields, make default, two-click delete,
// and a provider marked "No access" when its host is not granted.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

function q<T extends HTMLElement = HTMLElement>(selector: string): T {
  const el = container.querySelector<T>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
}
const byTestId = <T extends HTMLElement = HTMLElement>(id: string, within = '') =>
  q<T>(`${within} [data-testid="${id}"]`.trim());
const rowOf = (label: string) => `[data-provider-label="${label}"]`;

async function typeInto(id: string, value: string) {
  const input = byTestId<HTMLInputElement>(id);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function choose(id: string, value: string) {
  const select = byTestId<HTMLSelectElement>(id);
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}
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
async function render() {
  await act(async () => {
    root.render(<OptionsApp />);
  });
  await waitFor(() => expect(byTestId<HTMLButtonElement>('provider-save').disabled).toBe(false));
}
const status = () => byTestId('provider-status').textContent ?? '';

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

const OPENAI = {
  id: 'default',
  presetId: 'openai' as const,
  label: 'OpenAI',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  timeoutMs: 60_000,
  firstTokenTimeoutMs: 60_000,
};

describe('options page: several providers', () => {
  it('adds an Azure provider next to the first one, keeps the first as default, then makes Azure the default', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await upsertProvider(OPENAI);
    await render();
    expect(byTestId<HTMLInputElement>('provider-base-url').value).toBe(OPENAI.baseURL);

    await choose('provider-add-preset', 'azure-openai');
    await click(byTestId('provider-add'));
    expect(byTestId<HTMLInputElement>('provider-azure-api-version').value).toBe('2024-10-21');
    await typeInto('provider-label', 'Company Azure');
    await typeInto('provider-base-url', 'https://acme.openai.azure.com');
    await typeInto('provider-azure-deployment', 'gpt4o-support');
    await typeInto('provider-api-key', 'azure-key-0123456789');
    await click(byTestId('provider-save'));
    await waitFor(() => expect(status()).toBe('Saved.'));

    const { state } = await loadProviders();
    expect(state.defaultId).toBe('default');
    const azure = state.providers.find((p) => p.label === 'Company Azure');
    expect(azure).toMatchObject({
      presetId: 'azure-openai',
      model: 'gpt4o-support',
      azure: { deployment: 'gpt4o-support', apiVersion: '2024-10-21' },
    });
    if (!azure) throw new Error('not saved');
    expect(await loadProviderKey(azure.id)).toBe('azure-key-0123456789');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('azure-key');

    await click(byTestId('provider-make-default', rowOf('Company Azure')));
    await waitFor(() =>
      expect(
        container.querySelector(`${rowOf('Company Azure')} [data-testid="provider-default-badge"]`),
      ).not.toBeNull(),
    );
    expect((await loadProviders()).state.defaultId).toBe(azure.id);
  });

  it('deletes on the second click, with the provider key', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await upsertProvider(OPENAI);
    await upsertProvider({
      ...OPENAI,
      id: 'groq-1',
      presetId: 'groq',
      label: 'Groq',
      baseURL: 'https://api.groq.com/openai/v1',
    });
    await saveProviderKey('groq-1', 'gsk_to_be_deleted');
    await render();
    const remove = byTestId('provider-delete', rowOf('Groq'));
    await click(remove);
    expect(remove.textContent).toBe('Confirm delete');
    expect((await loadProviders()).state.providers).toHaveLength(2);
    await click(remove);
    await waitFor(() => expect(status()).toBe('Provider deleted, with its key.'));
    expect((await loadProviders()).state.providers.map((p) => p.id)).toEqual(['default']);
    expect(await db().secrets.get(apiKeySecretId('groq-1'))).toBeUndefined();
  });

  it('marks a provider whose host is not granted, and Grant access asks for exactly that host', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await upsertProvider(OPENAI);
    await render();
    await waitFor(() => expect(container.querySelector('[data-testid="provider-no-access"]')).not.toBeNull());
    await click(byTestId('provider-grant', rowOf('OpenAI')));
    expect(request).toHaveBeenCalledWith({ origins: ['https://api.openai.com/*'] });
    await waitFor(() => expect(container.querySelector('[data-testid="provider-no-access"]')).toBeNull());
  });

  it('with nothing set up, the onboarding choices open the editor on the chosen preset', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await render();
    expect(byTestId('provider-onboarding').textContent).toContain('Keep tickets on your computer');
    await click(byTestId('provider-onboarding-ollama'));
    expect(byTestId<HTMLSelectElement>('provider-preset').value).toBe('ollama');
    expect(byTestId<HTMLInputElement>('provider-base-url').value).toBe('http://localhost:11434/v1');
    expect(byTestId('provider-setup-note').textContent).toContain('OLLAMA_ORIGINS=chrome-extension://*');
  });
});
