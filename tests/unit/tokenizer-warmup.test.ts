import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { warmTokenizerSoon } from '@/utils/background/budgeted-payload';
import { setRanksLoader, tokenCountMethod } from '@/utils/llm/tokens';
import { saveProviderSettings } from '@/utils/settings-store';

// A panel opening warms the tokenizer (after a delay) only when the configured model uses it.

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('warmTokenizerSoon', () => {
  beforeEach(() => fakeBrowser.reset());

  it('does not load the ranks for a model that is estimated, loads them for an OpenAI model', async () => {
    const loader = vi.fn(async () => (await import('gpt-tokenizer/bpeRanks/o200k_base')).default);
    setRanksLoader(loader);
    await saveProviderSettings({
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
      timeoutMs: 10_000,
    });
    warmTokenizerSoon(1);
    await wait(50);
    expect(loader).not.toHaveBeenCalled();

    await saveProviderSettings({
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 10_000,
    });
    warmTokenizerSoon(1);
    await vi.waitFor(() => expect(tokenCountMethod('gpt-4o-mini')).toBe('tokenizer'), { timeout: 5000 });
    expect(loader).toHaveBeenCalledTimes(1);
  });
});
