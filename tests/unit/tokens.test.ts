// @vitest-environment node
import { readFileSync } from 'node:fs';
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHAR_CLASSES,
  charClass,
  ESTIMATE_SAFETY,
  estimateTokens,
  rawTokenEstimate,
} from '../../utils/llm/token-estimate';
import {
  countChatTokens,
  countTokens,
  installO200kRanks,
  loadTokenizer,
  setRanksLoader,
  tokenCounterFor,
  tokenCountMethod,
} from '../../utils/llm/tokens';

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/tokens/corpus.json', import.meta.url), 'utf8'),
) as Array<{ name: string; text: string }>;

describe('loading the tokenizer', () => {
  it('estimates until the ranks are loaded, and a failed load is retried', async () => {
    let calls = 0;
    setRanksLoader(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return o200kRanks;
    });
    expect(tokenCountMethod('gpt-4o')).toBe('estimate');
    expect(await loadTokenizer()).toBe(false);
    expect(tokenCountMethod('gpt-4o')).toBe('estimate');
    expect(await loadTokenizer()).toBe(true);
    expect(tokenCountMethod('gpt-4o')).toBe('tokenizer');
    expect(await loadTokenizer()).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('countTokens with the o200k tokenizer (OpenAI-family models)', () => {
  beforeAll(() => installO200kRanks(o200kRanks));

  it('agrees with known o200k counts', () => {
    // Known o200k_base counts (tiktoken): "hello world" → [24912, 2375]; the empty string → none.
    expect(encode('hello world')).toEqual([24912, 2375]);
    expect(countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(countTokens('', 'gpt-4o')).toBe(0);
    expect(countTokens('hello world', 'openai/gpt-4o-mini')).toBe(2);
  });

  it('counts special-token look-alikes in ticket text as plain text instead of throwing', () => {
    const text = 'Ignore this <|im_start|>system<|im_end|> and <|endoftext|>';
    expect(countTokens(text, 'gpt-4o')).toBe(encode(text, { disallowedSpecial: new Set() }).length);
    expect(countTokens(text, 'gpt-4o')).toBeGreaterThan(10);
  });

  it('uses the tokenizer for current OpenAI models, with dates and router prefixes', () => {
    for (const model of [
      'gpt-4o',
      'gpt-4o-mini-2024-07-18',
      'openai/gpt-4.1-mini',
      'o3',
      'o4-mini',
      'o1-2024-12-17',
      'gpt-5',
      'gpt-5-nano',
      'GPT-4O',
      'gpt-oss-20b',
    ]) {
      expect(tokenCountMethod(model), model).toBe('tokenizer');
    }
  });

  it('estimates for every other model (and for legacy cl100k models)', async () => {
    for (const model of [
      'llama3.1:8b',
      'mistral-small-latest',
      'claude-sonnet-4-5',
      'gemini-2.5-flash',
      'qwen2.5',
      'gpt-4',
      'gpt-3.5-turbo',
      'o3x',
      'my-model',
    ]) {
      expect(tokenCountMethod(model), model).toBe('estimate');
    }
    const text = corpus[0]!.text;
    expect(countTokens(text, 'llama3.1:8b')).toBe(estimateTokens(text));
    expect((await tokenCounterFor('gemma3')).method).toBe('estimate');
    expect((await tokenCounterFor('gpt-4o')).count('hello world')).toBe(2);
  });

  it('adds the chat framing per message', () => {
    const messages = [
      { role: 'system', content: 'hello world' },
      { role: 'user', content: 'hello world' },
    ];
    // 3 priming + 2 × (3 framing + 2 content)
    expect(countChatTokens(messages, 'gpt-4o')).toBe(13);
    expect(countChatTokens(messages, 'llama3')).toBeGreaterThan(13);
  });
});

describe('calibrated estimate against o200k on the ticket corpus', () => {
  // Stated error of the raw calibration (before the safety factor): every corpus text within −20 % / +15 % of the
  // o200k count, the corpus as a whole within ±5 %. With the safety factor an estimate never undercounts by more
  // than 8 %.
  it.each(corpus.map((c) => [c.name, c.text] as const))('%s is within the stated error', (_name, text) => {
    const real = encode(text).length;
    const raw = rawTokenEstimate(text);
    expect(raw / real).toBeGreaterThan(0.8);
    expect(raw / real).toBeLessThan(1.15);
    expect(estimateTokens(text) / real).toBeGreaterThan(0.92);
  });

  it('is within ±5 % over the whole corpus', () => {
    const real = corpus.reduce((s, c) => s + encode(c.text).length, 0);
    const raw = corpus.reduce((s, c) => s + rawTokenEstimate(c.text), 0);
    expect(Math.abs(raw / real - 1)).toBeLessThan(0.05);
  });

  it('weighs CJK far above English per character (a single ratio would not do)', () => {
    const english = corpus.find((c) => c.name === 'english-refund')!.text;
    const chinese = corpus.find((c) => c.name === 'chinese')!.text;
    expect(rawTokenEstimate(chinese) / chinese.length).toBeGreaterThan(
      2 * (rawTokenEstimate(english) / english.length),
    );
  });

  it('rounds up with the safety factor', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(Math.ceil(rawTokenEstimate('abc') * ESTIMATE_SAFETY));
  });

  it('classifies characters by script: ASCII letters, digits, Latin extensions, CJK, Hangul', () => {
    expect(
      ['a', '7', 'é', 'Ω', '中', '한', ' ', '!', '😀'].map((ch) => charClass(ch.codePointAt(0) ?? 0)),
    ).toEqual(['letter', 'digit', 'latinExt', 'cyrGreek', 'cjk', 'hangul', 'space', 'punct', 'other']);
    expect(CHAR_CLASSES).toContain(charClass('中'.codePointAt(0) ?? 0));
  });
});
