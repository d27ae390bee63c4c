import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from '@/utils/text/diff';

const side = (parts: ReturnType<typeof diffWords>, op: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === op)
    .map((p) => p.text)
    .join('');

describe('tokenize', () => {
  it('splits words, whitespace and punctuation, and joins back to the same text', () => {
    const text = "We’ve refunded €42.50 — it isn't instant.\n\nKind regards, Ana";
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens).toContain('We’ve');
    expect(tokens).toContain("isn't");
  });
  it('keeps non-Latin words whole', () => {
    expect(tokenize('Спасибо за ожидание')).toEqual(['Спасибо', ' ', 'за', ' ', 'ожидание']);
  });
});

describe('diffWords', () => {
  it('identical texts are one equal run', () => {
    expect(diffWords('Hello Ana,', 'Hello Ana,')).toEqual([{ op: 'equal', text: 'Hello Ana,' }]);
  });
  it('a replaced word shows the old word deleted, then the new one inserted', () => {
    expect(diffWords('We will refund you today.', 'We will refund you tomorrow.')).toEqual([
      { op: 'equal', text: 'We will refund you ' },
      { op: 'delete', text: 'today' },
      { op: 'insert', text: 'tomorrow' },
      { op: 'equal', text: '.' },
    ]);
  });
  it('reconstructs both sides exactly for arbitrary edits', () => {
    const before =
      'Hi Maria,\n\nThanks for waiting. Your order 1042 shipped on Monday and should arrive by Friday.\n\nBest, Tom';
    const after =
      'Hello Maria,\n\nSorry for the wait! Your order 1042 shipped on Tuesday; it should arrive by Friday at the latest.\n\nTom';
    const parts = diffWords(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
    expect(parts.some((p) => p.op === 'equal' && p.text.includes('Your order 1042 shipped on'))).toBe(true);
  });
  it('handles an empty side', () => {
    expect(diffWords('', 'New text')).toEqual([{ op: 'insert', text: 'New text' }]);
    expect(diffWords('Old text', '')).toEqual([{ op: 'delete', text: 'Old text' }]);
  });
  it('finds a minimal script: one inserted sentence in a long text is one insertion', () => {
    const base = Array.from({ length: 300 }, (_, i) => `Sentence number ${i}.`).join(' ');
    const edited = base.replace('Sentence number 150.', 'Sentence number 150. An added remark.');
    const parts = diffWords(base, edited);
    const changes = parts.filter((p) => p.op !== 'equal');
    // Where the inserted words sit among equal spaces is a free choice; the script is one insertion either way.
    expect(changes).toHaveLength(1);
    expect(changes[0]?.op).toBe('insert');
    expect(changes[0]?.text.trim()).toBe('An added remark.');
    expect(side(parts, 'insert')).toBe(edited);
  });
  it('two unrelated long texts fall back to replace-all without exhausting memory', () => {
    const a = Array.from({ length: 4000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 4000 }, (_, i) => `b${i}`).join(' ');
    const parts = diffWords(a, b);
    expect(side(parts, 'delete')).toBe(a);
    expect(side(parts, 'insert')).toBe(b);
  });
});
