// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { HelpdesksSection } from '../../components/options/HelpdesksSection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
let granted: Set<string>;

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  granted = new Set(['https://*.freshdesk.com/*']);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) =>
    (p.origins ?? []).every((o) => granted.has(o)),
  );
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const toggle = (id: string) =>
  container.querySelector<HTMLInputElement>(`[data-testid="helpdesk-toggle-${id}"]`);
const status = () => container.querySelector('[data-testid="helpdesk-status"]')?.textContent ?? '';
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('options "Helpdesks"', () => {
  it('shows which helpdesks are on, and asks for exactly one helpdesk’s sites when one is turned on', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p) => {
      for (const o of p.origins ?? []) granted.add(o);
      return true;
    });
    act(() => root.render(<HelpdesksSection />));
    await settle();
    expect(toggle('freshdesk')?.checked).toBe(true);
    expect(toggle('hubspot')?.checked).toBe(false);
    expect(container.textContent).toContain('app.hubspot.com, app-eu1.hubspot.com');

    await act(async () => toggle('hubspot')?.click());
    await settle();
    expect(request).toHaveBeenCalledWith({
      origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
    });
    expect(toggle('hubspot')?.checked).toBe(true);
    expect(status()).toContain('HubSpot is on');
  });

  it('a refused prompt leaves the helpdesk off and says so', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    act(() => root.render(<HelpdesksSection />));
    await settle();
    await act(async () => toggle('zendesk')?.click());
    await settle();
    expect(toggle('zendesk')?.checked).toBe(false);
    expect(status()).toContain('Access to Zendesk was not granted, so it stays off.');
  });

  it('turning a helpdesk off gives its sites back', async () => {
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p) => {
      for (const o of p.origins ?? []) granted.delete(o);
      return true;
    });
    act(() => root.render(<HelpdesksSection />));
    await settle();
    await act(async () => toggle('freshdesk')?.click());
    await settle();
    expect(remove).toHaveBeenCalledWith({ origins: ['https://*.freshdesk.com/*'] });
    expect(toggle('freshdesk')?.checked).toBe(false);
    expect(status()).toContain('Freshdesk is off: Deskmate gave back its access');
  });
});
