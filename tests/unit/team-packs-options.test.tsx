// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ManagedPolicyNotice } from '../../components/options/ManagedPolicyNotice';
import { ProviderPolicyNotice } from '../../components/options/ProviderPolicyNotice';
import { TeamPacksSection } from '../../components/options/presets/TeamPacksSection';
import { readPolicy } from '../../utils/presets/policy';

// The Team packs section and the policy notices in a DOM: bad links are refused with their own message before
// anything is asked or fetched; a good one asks for exactly that site inside the click and then the background;
// the policy notice lists what the administrator set and what had to be ignored.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

async function setValue(el: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  await act(async () => {
    setter?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function settle() {
  for (let i = 0; i < 5; i += 1)
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
}

async function submit(form: HTMLFormElement) {
  await act(async () => {
    form.requestSubmit();
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('Team packs: subscribe', () => {
  it.each([
    ['http://packs.acme.test/p.json', 'Pack links must start with https://'],
    ['packs.acme.test/p.json', 'is not a web address'],
    ['ftp://packs.acme.test/p.json', 'Only https:// links can be subscribed to'],
    ['https://dana:secret@packs.acme.test/p.json', 'Remove the user name and password'],
  ])('refuses %s with its own message, keeps the text, asks nothing', async (link, message) => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await act(async () => root.render(<TeamPacksSection />));
    await setValue(byTestId<HTMLInputElement>('pack-url'), link);
    await submit(byTestId<HTMLFormElement>('pack-subscribe-form'));
    expect(byTestId('pack-url-error').textContent).toContain(message);
    expect(byTestId<HTMLInputElement>('pack-url').value).toBe(link);
    expect(request).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('a good link: asks for that site in the click, then the background subscribes', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const send = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, outcome: 'updated', name: 'Acme', version: '1.2.0', presetCount: 4 });
    await act(async () => root.render(<TeamPacksSection />));
    await setValue(byTestId<HTMLInputElement>('pack-url'), ' https://packs.acme.test/support.json#top ');
    await submit(byTestId<HTMLFormElement>('pack-subscribe-form'));
    await settle();
    expect(request).toHaveBeenCalledWith({ origins: ['https://packs.acme.test/*'] });
    expect(send).toHaveBeenCalledWith({
      type: 'packs/subscribe',
      url: 'https://packs.acme.test/support.json',
      intervalHours: 12,
    });
    expect(byTestId('pack-status').textContent).toBe('Subscribed to Acme 1.2.0 (4 presets).');
    expect(byTestId<HTMLInputElement>('pack-url').value).toBe('');
  });
});

describe('policy notices', () => {
  it('"Managed by your organisation" lists what the policy sets and names what it ignored', async () => {
    await fakeBrowser.storage.managed.set({
      packUrls: ['https://intranet.acme.test/pack.json'],
      allowedBaseUrls: ['https://llm.acme.test/v1'],
      disablePresetSync: true,
      packRefreshHours: 'often',
    });
    await act(async () => root.render(<ManagedPolicyNotice />));
    await settle();
    const settings = byTestId('managed-settings').textContent ?? '';
    expect(settings).toContain('cannot remove: https://intranet.acme.test/pack.json');
    expect(settings).toContain('Allowed model endpoints: https://llm.acme.test/v1.');
    expect(settings).toContain('not copied to browser sync');
    expect(byTestId('managed-warnings').textContent).toContain('packRefreshHours must be a whole number');
  });

  it('no policy: no notice', async () => {
    await act(async () => root.render(<ManagedPolicyNotice />));
    await settle();
    expect(container.querySelector('[data-testid="managed-notice"]')).toBeNull();
  });

  it('the provider lock names the providers the policy refuses', async () => {
    const { policy } = readPolicy({
      requiredProvider: { baseURL: 'https://llm.acme.test/v1', model: 'acme' },
    });
    const providers = [
      {
        id: 'openai',
        presetId: 'openai' as const,
        label: 'OpenAI',
        baseURL: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        timeoutMs: 60_000,
        firstTokenTimeoutMs: 60_000,
      },
    ];
    const onUse = vi.fn();
    await act(async () =>
      root.render(<ProviderPolicyNotice policy={policy} providers={providers} onUseRequired={onUse} />),
    );
    expect(byTestId('provider-locked').textContent).toContain(
      'may only use the model endpoint https://llm.acme.test/v1 with the model “acme”',
    );
    expect(byTestId('provider-refused').textContent).toContain(
      '“OpenAI” (https://api.openai.com/v1) cannot be used: Your administrator requires the model endpoint',
    );
    await act(async () => byTestId('provider-use-required').click());
    expect(onUse).toHaveBeenCalledOnce();
  });
});
