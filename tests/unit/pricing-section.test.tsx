// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PricingSection } from '../../components/options/PricingSection';
import { loadPrices, savePrices } from '../../utils/llm/prices';

// The price table in a DOM: list prices shown, bad values rejected field by field with nothing stored and
// nothing typed lost, overrides and custom models stored, reset to list prices.

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

async function mount() {
  await act(async () => {
    root.render(<PricingSection />);
  });
  await settle();
}

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function fill(model: string, input: string, output: string) {
  await setValue(byTestId<HTMLInputElement>('price-model'), model);
  await setValue(byTestId<HTMLInputElement>('price-input'), input);
  await setValue(byTestId<HTMLInputElement>('price-output'), output);
  await click(byTestId('price-save'));
  await settle();
}

describe('PricingSection', () => {
  it('lists the known models with their list prices', async () => {
    await mount();
    const row = byTestId('price-row-gpt-4o-mini');
    expect(row.textContent).toContain('$0.15');
    expect(row.textContent).toContain('$0.6');
    expect(row.dataset.source).toBe('list');
    expect(container.querySelector('[data-testid="price-row-llama3.1 (ollama)"]')).toBeNull();
  });

  it('rejects bad values with a message per field; nothing is stored and the input is kept', async () => {
    await mount();
    await fill('my model', '-0.5', 'abc');
    expect(byTestId('price-model-error').textContent).toMatch(/no spaces or slashes/);
    expect(byTestId('price-input-error').textContent).toMatch(/plain number/);
    expect(byTestId('price-output-error').textContent).toMatch(/plain number/);
    expect(byTestId('price-status').textContent).toMatch(/Not saved/);
    expect(byTestId<HTMLInputElement>('price-model').value).toBe('my model');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('overrides a known model, adds a custom one, and resets to list prices', async () => {
    await mount();
    await fill('gpt-4o-mini', '1', '2');
    expect(byTestId('price-row-gpt-4o-mini').dataset.source).toBe('yours');
    expect(byTestId('price-row-gpt-4o-mini').textContent).toContain('$1');
    await fill('acme-support-llm', '0.5', '0.75');
    expect(byTestId('price-row-acme-support-llm').dataset.source).toBe('custom');
    expect((await loadPrices()).prices).toEqual({
      'gpt-4o-mini': { input: 1, output: 2 },
      'acme-support-llm': { input: 0.5, output: 0.75 },
    });
    await click(byTestId('price-remove-gpt-4o-mini'));
    await settle();
    expect(byTestId('price-row-gpt-4o-mini').dataset.source).toBe('list');
    await click(byTestId('price-reset-all'));
    await settle();
    expect((await loadPrices()).prices).toEqual({});
    expect(container.querySelector('[data-testid="price-row-acme-support-llm"]')).toBeNull();
  });

  it('Edit fills the form with the row', async () => {
    await savePrices({ 'acme-llm': { input: 3, output: 4 } });
    await mount();
    await click(byTestId('price-edit-acme-llm'));
    expect(byTestId<HTMLInputElement>('price-model').value).toBe('acme-llm');
    expect(byTestId<HTMLInputElement>('price-input').value).toBe('3');
  });
});
