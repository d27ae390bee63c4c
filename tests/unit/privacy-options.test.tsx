// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PrivacySection } from '../../components/options/PrivacySection';
import { loadPrivacySettings } from '../../utils/privacy/store';

// The Privacy section of the options page: toggles reach storage, a bad team pattern is refused with the line
// and the reason, and nothing invalid is saved.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

async function setValue(el: HTMLTextAreaElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  await act(async () => {
    setter?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
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
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('Privacy settings', () => {
  it('starts on with every detector; toggles, team patterns and the allow-list are saved validated', async () => {
    await act(async () => root.render(<PrivacySection />));
    await settle();
    expect(byTestId<HTMLInputElement>('privacy-enabled').checked).toBe(true);
    expect(byTestId<HTMLInputElement>('privacy-detector-email').checked).toBe(true);
    expect(byTestId<HTMLInputElement>('privacy-require-preview').checked).toBe(false);

    await click(byTestId('privacy-detector-ip'));
    await click(byTestId('privacy-helpdesk-gmail'));
    await click(byTestId('privacy-require-preview'));
    await setValue(byTestId('privacy-team-patterns'), 'ORDER: ORD-\\d{6}');
    await setValue(byTestId('privacy-allow-list'), 'support@acme.example');
    await click(byTestId('privacy-save'));
    await settle();
    expect(byTestId('privacy-status').textContent).toBe('Privacy settings saved.');
    const { settings } = await loadPrivacySettings();
    expect(settings).toMatchObject({
      enabled: true,
      disabledDetectors: ['ip'],
      disabledHelpdesks: ['gmail'],
      requirePreview: true,
      teamPatterns: [{ label: 'ORDER', pattern: 'ORD-\\d{6}' }],
      allowList: ['support@acme.example'],
    });
  });

  it('an invalid team regex is refused with its line and the reason, and nothing is saved', async () => {
    await act(async () => root.render(<PrivacySection />));
    await settle();
    await setValue(byTestId('privacy-team-patterns'), 'ORDER: ORD-\\d{6}\nCUST: cust_[a-z');
    await click(byTestId('privacy-save'));
    await settle();
    expect(byTestId('privacy-status').textContent).toMatch(
      /^Not saved: Line 2: .*invalid regular expression/,
    );
    expect((await loadPrivacySettings()).settings.teamPatterns).toEqual([]);
  });
});
