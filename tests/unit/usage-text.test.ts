// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatWindow, trimNote, usageLine, windowNote } from '../../utils/panel/usage-text';

const base = {
  model: 'gpt-4o-mini',
  promptTokens: 1234,
  tokenCountMethod: 'tokenizer' as const,
  contextWindow: { tokens: 128_000, source: 'known' as const },
};

describe('usage wording', () => {
  it('formats windows', () => {
    expect(formatWindow(128_000)).toBe('128k');
    expect(formatWindow(1_047_576)).toBe('1M');
    expect(formatWindow(8192)).toBe('8k');
    expect(formatWindow(16_385)).toBe('16k');
    expect(formatWindow(500)).toBe('500');
  });

  it('prompt tokens and cost; estimates are marked', () => {
    expect(usageLine({ ...base, costUsd: 0.0021 })).toBe('1,234 prompt tokens · ≈ $0.0021');
    expect(usageLine({ ...base, outputTokens: 210, costUsd: 0.0021 })).toBe(
      '1,234 prompt tokens · 210 answer tokens · ≈ $0.0021',
    );
    expect(usageLine({ ...base, tokenCountMethod: 'estimate', costUsd: null })).toBe(
      '≈ 1,234 prompt tokens · no price set for this model',
    );
    expect(usageLine({ model: 'x' })).toBeNull();
  });

  it('says calmly what was left out, with the model and its window', () => {
    expect(
      trimNote({
        ...base,
        trimmed: { omittedMessages: 12, shortenedMessages: 0, promptTokens: 1, budgetTokens: 2 },
      }),
    ).toBe(
      "12 middle messages were left out to fit gpt-4o-mini's 128k window; the first customer message and the latest ones were sent whole.",
    );
    expect(
      trimNote({
        ...base,
        trimmed: { omittedMessages: 0, shortenedMessages: 1, promptTokens: 1, budgetTokens: 2 },
      }),
    ).toBe("1 long message was shortened in the middle to fit gpt-4o-mini's 128k window.");
    expect(trimNote({ ...base, trimmed: null })).toBeNull();
  });

  it('tells the agent when the window was assumed', () => {
    expect(windowNote(base)).toBeNull();
    expect(
      windowNote({ ...base, model: 'acme-llm', contextWindow: { tokens: 8192, source: 'assumed' } }),
    ).toMatch(/does not know acme-llm's context window and assumed 8k tokens/);
  });
});
