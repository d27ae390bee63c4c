// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CustomDomainsSection } from '../../components/options/CustomDomainsSection';
import { SelectorOverridesSection } from '../../components/options/SelectorOverridesSection';

// The two new options sections in a DOM: what the agent sees when they type something wrong (and that nothing
// they typed is lost), the permission asked for in the click, and what reaches storage / the background.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

/** Sets a React-controlled field the way typing does (the native setter, then the event React listens to). */
async function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  await act(async () => {
    setter?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}

async function settle() {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
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

describe('Your helpdesk’s own domain', () => {
  it('explains a bad address, keeps it, and asks for nothing', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await act(async () => root.render(<CustomDomainsSection />));
    await setValue(byTestId('domain-origin'), 'support.acme.test/agent');
    await click(byTestId('domain-add'));
    expect(byTestId('domain-origin-error').textContent).toContain('Start with https:// or http://');
    expect(byTestId('domain-helpdesk-error').textContent).toBe('Choose which helpdesk runs on this domain.');
    expect(byTestId<HTMLInputElement>('domain-origin').value).toBe('support.acme.test/agent');
    expect(request).not.toHaveBeenCalled();
  });

  it('asks for exactly that site in the click, then lets the background add it', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: true,
      state: {
        domains: [{ origin: 'http://zammad.intra:8080', helpdesk: 'zammad', addedAt: 1 }],
        revoked: [],
      },
      message: 'http://zammad.intra:8080 is read as Zammad.',
    });
    await act(async () => root.render(<CustomDomainsSection />));
    await setValue(byTestId('domain-origin'), 'http://Zammad.intra:8080/');
    await setValue(byTestId<HTMLSelectElement>('domain-helpdesk'), 'zammad');
    await click(byTestId('domain-add'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://zammad.intra/*'] }); // synchronously, in the click
    await settle();
    expect(send).toHaveBeenCalledWith({
      type: 'domains/add',
      origin: 'http://zammad.intra:8080',
      helpdesk: 'zammad',
    });
    expect(byTestId('domain-status').textContent).toBe('http://zammad.intra:8080 is read as Zammad.');
    expect(byTestId('domain-row').textContent).toContain('http://zammad.intra:8080 — Zammad');
    expect(byTestId<HTMLInputElement>('domain-origin').value).toBe('');
  });

  it('adds nothing when the browser refuses the site', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    await act(async () => root.render(<CustomDomainsSection />));
    await setValue(byTestId('domain-origin'), 'https://support.acme.test');
    await setValue(byTestId<HTMLSelectElement>('domain-helpdesk'), 'zendesk');
    await click(byTestId('domain-add'));
    await settle();
    expect(byTestId('domain-status').textContent).toContain('was not granted, so nothing was added');
    expect(send).not.toHaveBeenCalled();
  });

  it('names the domains whose access was taken away in the browser', async () => {
    await fakeBrowser.storage.local.set({
      customDomains: {
        domains: [],
        revoked: [{ origin: 'https://a.test', helpdesk: 'zammad', revokedAt: 1 }],
      },
    });
    await act(async () => root.render(<CustomDomainsSection />));
    await settle();
    expect(byTestId('domain-revoked').textContent).toContain(
      'no longer reads these as helpdesks: https://a.test (Zammad)',
    );
  });
});

describe('Advanced: selector overrides', () => {
  it('lists the problems, keeps the text, and stores nothing; a valid override is stored for the pack format', async () => {
    await act(async () => root.render(<SelectorOverridesSection />));
    await settle();
    const box = byTestId<HTMLTextAreaElement>('overrides-text-zendesk');
    const typed = '{ "subject": ["h1..x"], "nope": ["a"] }';
    await setValue(box, typed);
    await click(byTestId('overrides-save-zendesk'));
    const errors = byTestId('overrides-errors-zendesk').querySelectorAll('li');
    expect([...errors].map((li) => li.textContent)).toEqual([
      'subject[0]: "h1..x" is not a valid CSS selector.',
      expect.stringContaining('"nope" is not a Zendesk selector field.'),
    ]);
    expect(box.value).toBe(typed);
    expect((await fakeBrowser.storage.local.get('selectorOverrides')).selectorOverrides).toBeUndefined();

    await setValue(box, '{ "subject": ["h1.title"] }');
    await click(byTestId('overrides-save-zendesk'));
    await settle();
    expect((await fakeBrowser.storage.local.get('selectorOverrides')).selectorOverrides).toEqual({
      schemaVersion: 1,
      adapters: { zendesk: { subject: ['h1.title'] } },
    });
    expect(byTestId('overrides-status-zendesk').textContent).toContain('Saved.');

    await click(byTestId('overrides-reset-zendesk'));
    await settle();
    expect((await fakeBrowser.storage.local.get('selectorOverrides')).selectorOverrides).toEqual({
      schemaVersion: 1,
      adapters: {},
    });
    expect(byTestId<HTMLTextAreaElement>('overrides-text-zendesk').value).toBe('');
  });
});
