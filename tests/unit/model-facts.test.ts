import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  contextWindowOf,
  DEFAULT_CONTEXT_WINDOW,
  MODEL_FACTS,
  modelFactFor,
} from '../../utils/llm/model-facts';
import {
  costUsd,
  formatUsd,
  loadPrices,
  PRICES_KEY,
  parsePriceForm,
  priceFor,
  savePrices,
} from '../../utils/llm/prices';

describe('model facts: matching ids', () => {
  it.each([
    ['gpt-4o', 'gpt-4o', 128_000],
    ['gpt-4o-2024-08-06', 'gpt-4o', 128_000],
    ['openai/gpt-4o', 'gpt-4o', 128_000],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 128_000],
    ['gpt-4.1-mini', 'gpt-4.1-mini', 1_047_576],
    ['gpt-4.1', 'gpt-4.1', 1_047_576],
    ['o3', 'o3', 200_000],
    ['o3-2025-04-16', 'o3', 200_000],
    ['o3-mini', 'o3-mini', 200_000],
    ['o4-mini', 'o4-mini', 200_000],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini', 400_000],
    ['gpt-5', 'gpt-5', 400_000],
    ['claude-sonnet-4-5', 'claude-sonnet-4', 200_000],
    ['anthropic/claude-3-5-haiku-20241022', 'claude-3-5-haiku', 200_000],
    ['claude-opus-4-1-20250805', 'claude-opus-4', 200_000],
    ['claude-opus-4-5', 'claude-opus-4-5', 200_000],
    ['gemini-2.5-flash', 'gemini-2.5-flash', 1_048_576],
    ['models/gemini-2.5-flash-lite', 'gemini-2.5-flash-lite', 1_048_576],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash', 1_048_576],
    ['mistral-large-latest', 'mistral-large', 131_072],
    ['mistral-small-2503', 'mistral-small', 131_072],
    ['llama-3.3-70b-versatile', 'llama-3.3-70b-versatile', 131_072],
    ['llama3.1:8b', 'llama3.1 (Ollama)', 4096],
    ['llama3.2', 'llama3.2 (Ollama)', 4096],
    ['qwen2.5:14b-instruct-q4_K_M', 'qwen2.5 (Ollama)', 4096],
    ['mistral', 'mistral (Ollama)', 4096],
    ['mistral:7b', 'mistral (Ollama)', 4096],
    ['gemma3:12b', 'gemma3 (Ollama)', 4096],
    ['gpt-oss:20b', 'gpt-oss (Ollama)', 4096],
    ['gpt-oss-120b', 'gpt-oss', 131_072],
  ])('%s → %s', (model, id, window) => {
    const fact = modelFactFor(model);
    expect(fact?.id).toBe(id);
    expect(contextWindowOf(model)).toEqual({ tokens: window, source: 'known' });
  });

  it('local models cost nothing; hosted open weights have no list price', () => {
    expect(modelFactFor('llama3.1:8b')?.price).toEqual({ input: 0, output: 0 });
    expect(modelFactFor('meta-llama/Llama-3.1-8B-Instruct')?.price).toBeNull();
  });

  it('unknown models get a conservative assumed window; an override wins', () => {
    expect(contextWindowOf('acme-support-llm')).toEqual({
      tokens: DEFAULT_CONTEXT_WINDOW,
      source: 'assumed',
    });
    expect(contextWindowOf('')).toEqual({ tokens: DEFAULT_CONTEXT_WINDOW, source: 'assumed' });
    expect(contextWindowOf('gpt-4o', 32_000)).toEqual({ tokens: 32_000, source: 'override' });
    expect(contextWindowOf('gpt-4o', 0)).toEqual({ tokens: 128_000, source: 'known' });
    expect(contextWindowOf('gpt-4o', null)).toEqual({ tokens: 128_000, source: 'known' });
  });

  it('the table is sane: unique ids, positive windows, non-negative prices', () => {
    const ids = MODEL_FACTS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of MODEL_FACTS) {
      expect(f.contextWindow).toBeGreaterThan(1000);
      if (f.price) {
        expect(f.price.input).toBeGreaterThanOrEqual(0);
        expect(f.price.output).toBeGreaterThanOrEqual(f.price.input);
      }
    }
  });
});

describe('prices and cost', () => {
  beforeEach(() => fakeBrowser.reset());

  it('cost = prompt × input price + output × output price, per million', () => {
    expect(costUsd({ input: 0.15, output: 0.6 }, 1_000_000, 0)).toBeCloseTo(0.15, 10);
    expect(costUsd({ input: 0.15, output: 0.6 }, 1234, 500)).toBeCloseTo(0.0001851 + 0.0003, 10);
    expect(costUsd({ input: 2.5, output: 10 }, 10_000, 1_000)).toBeCloseTo(0.035, 10);
  });

  it('formats small and large amounts readably', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.00002)).toBe('< $0.0001');
    expect(formatUsd(0.0021)).toBe('$0.0021');
    expect(formatUsd(0.035)).toBe('$0.035');
    expect(formatUsd(12.345)).toBe('$12.35');
  });

  it('resolves: the agent’s exact row, then their override of the family, then the list price', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18', {})).toEqual({
      price: { input: 0.15, output: 0.6 },
      source: 'list',
      key: 'gpt-4o-mini',
    });
    expect(priceFor('openai/gpt-4o-mini', { 'gpt-4o-mini': { input: 1, output: 2 } })).toMatchObject({
      price: { input: 1, output: 2 },
      source: 'override',
    });
    expect(priceFor('acme-llm', { 'acme-llm': { input: 0.5, output: 0.5 } })).toMatchObject({
      source: 'custom',
    });
    expect(priceFor('acme-llm', {})).toBeNull();
    expect(priceFor('meta-llama/llama-3.1-8b-instruct', {})).toBeNull();
  });

  it('validates typed rows with a message per field', () => {
    expect(parsePriceForm({ model: ' GPT-4o ', input: '2.5', output: '$10' })).toEqual({
      ok: true,
      key: 'gpt-4o',
      price: { input: 2.5, output: 10 },
    });
    const bad = parsePriceForm({ model: 'my model/with slash', input: '-1', output: '' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.model).toMatch(/no spaces or slashes/);
    expect(bad.errors.input).toMatch(/plain number/);
    expect(bad.errors.output).toMatch(/Enter a price/);
    const huge = parsePriceForm({ model: 'x', input: '20000', output: '1e3' });
    expect(huge.ok).toBe(false);
    if (huge.ok) return;
    expect(huge.errors.input).toMatch(/10,000/);
    expect(huge.errors.output).toMatch(/plain number/);
  });

  it('stores validated tables; a bad stored value is ignored with a warning', async () => {
    await savePrices({ 'gpt-4o': { input: 1, output: 4 } });
    expect(await loadPrices()).toEqual({ prices: { 'gpt-4o': { input: 1, output: 4 } } });
    await expect(savePrices({ 'gpt-4o': { input: -1, output: 4 } })).rejects.toThrow();
    await fakeBrowser.storage.local.set({ prices: { 'gpt-4o': { input: 'free' } } });
    const loaded = await loadPrices();
    expect(loaded.prices).toEqual({});
    expect(loaded.warning).toMatch(/invalid/);
    expect(PRICES_KEY).toBe('local:prices');
  });
});
