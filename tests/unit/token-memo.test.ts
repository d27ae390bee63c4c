// @vitest-environment node
// Long texts are counted line by line and each line's count is remembered (issue #9, click → request): the
// total must equal the tokenizer's count of the whole text, whatever the line breaks, spaces and markers.
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { describe, expect, it } from 'vitest';
import { countTokens, installO200kRanks } from '../../utils/llm/tokens';
import { textMemo } from '../../utils/text-memo';
import corpus from '../fixtures/tokens/corpus.json';

installO200kRanks(o200kRanks);
const whole = GptEncoding.getEncodingApi('o200k_base', () => o200kRanks);
const reference = (text: string) => whole.countTokens(text, { disallowedSpecial: new Set<string>() });

const texts = (corpus as { text: string }[]).map((c) => c.text);
const SEPARATORS = [
  '\n',
  '\n\n',
  ' \n',
  '\r\n',
  '\n  ',
  '\n\t',
  '.\n',
  '\n\n\n',
  '\u00a0\n',
  '\n\u3000',
  '\n-',
];

/** A long prompt-like text: corpus texts joined by every kind of line break, with markers and odd characters. */
function longText(seed: number): string {
  let out = 'System: reply to the customer.\n<<<TICKET DATA 0123456789abcdef>>>\n';
  let i = seed;
  while (out.length < 40_000) {
    const separator = SEPARATORS[i % SEPARATORS.length]!;
    out += `${texts[i % texts.length]}${separator}`;
    if (i % 7 === 0) out += `<|endoftext|>\n[EMAIL_${i}] 12345678901234\n`;
    if (i % 5 === 0) out += '   \n\n   ';
    i += 3;
  }
  return `${out}<<<END TICKET DATA 0123456789abcdef>>>`;
}

describe('o200k counts of long texts', () => {
  it('equal the count of the whole text', () => {
    for (const seed of [0, 1, 2, 5, 11]) {
      const text = longText(seed);
      expect(countTokens(text, 'gpt-4o')).toBe(reference(text));
    }
    for (const text of texts) expect(countTokens(text.repeat(30), 'gpt-4o')).toBe(reference(text.repeat(30)));
  });

  it('stay the same when counted again, and when one line changes only that line differs', () => {
    const text = longText(3);
    const first = countTokens(text, 'gpt-4o');
    expect(countTokens(text, 'gpt-4o')).toBe(first);
    const changed = text.replace('0123456789abcdef>>>\n', 'fedcba9876543210ffff>>>\n');
    expect(countTokens(changed, 'gpt-4o')).toBe(reference(changed));
  });
});

describe('textMemo', () => {
  it('computes once per text and forgets the least recently used texts beyond its size', () => {
    const memo = textMemo<number>({ maxChars: 300, minChars: 10 });
    let calls = 0;
    const length = (t: string) => {
      calls += 1;
      return t.length;
    };
    const a = 'a'.repeat(100);
    const b = 'b'.repeat(100);
    const c = 'c'.repeat(100);
    expect([memo.get(a, length), memo.get(b, length), memo.get(c, length)]).toEqual([100, 100, 100]);
    expect(calls).toBe(3);
    memo.get(a, length); // a is now the most recent
    expect(calls).toBe(3);
    memo.get('d'.repeat(100), length); // over 300 characters: b (least recent) goes
    memo.get(a, length);
    memo.get(c, length);
    expect(calls).toBe(4);
    memo.get(b, length);
    expect(calls).toBe(5);
    memo.get('short', length);
    memo.get('short', length);
    expect(calls).toBe(7); // below minChars: never remembered
  });

  it('keeps at most maxEntries texts', () => {
    const memo = textMemo<number>({ minChars: 1, maxEntries: 3 });
    let calls = 0;
    const length = (t: string) => {
      calls += 1;
      return t.length;
    };
    for (const t of ['a', 'b', 'c', 'd']) memo.get(t, length);
    memo.get('d', length);
    memo.get('b', length);
    expect(calls).toBe(4);
    memo.get('a', length); // the oldest, dropped when 'd' came
    expect(calls).toBe(5);
  });
});
