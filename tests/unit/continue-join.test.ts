import { describe, expect, it } from 'vitest';
import {
  CONTINUE_INSTRUCTION,
  ContinuationJoiner,
  continuationMessages,
  joinContinuation,
  MAX_HOLD,
} from '../../utils/llm/continue';

const PARTIAL =
  'Hi Maria,\n\nThank you for flagging the double charge on your March invoice. I have asked our bil';

function streamJoin(partial: string, deltas: string[]): string {
  const joiner = new ContinuationJoiner(partial);
  let out = partial;
  for (const d of deltas) out += joiner.push(d);
  return out + joiner.flush();
}

describe('joinContinuation', () => {
  it('appends a continuation that picks up mid-word', () => {
    expect(joinContinuation(PARTIAL, 'ling team to refund it.')).toBe(`${PARTIAL}ling team to refund it.`);
  });

  it('drops the words the model repeated from the end of the partial text', () => {
    expect(joinContinuation(PARTIAL, 'I have asked our billing team to refund it.')).toBe(
      `${PARTIAL}ling team to refund it.`,
    );
  });

  it('drops a repeat that starts with different leading whitespace', () => {
    expect(joinContinuation('We will refund it. ', '\nWe will refund it. Allow 3 days.')).toBe(
      'We will refund it. Allow 3 days.',
    );
  });

  it('keeps short coincidental repeats (a space, "the")', () => {
    expect(joinContinuation('Pay the ', 'the invoice')).toBe('Pay the the invoice');
  });

  it('a continuation that only repeats the end adds nothing', () => {
    expect(joinContinuation(PARTIAL, 'I have asked our bil')).toBe(PARTIAL);
  });
});

describe('ContinuationJoiner (streaming)', () => {
  it('gives the same result as the one-shot join, however the deltas are split', () => {
    const continuation = 'I have asked our billing team to refund it. It will show in 3–5 days.\n\nSam';
    const expected = joinContinuation(PARTIAL, continuation);
    for (const size of [1, 3, 7, 50]) {
      const deltas: string[] = [];
      for (let i = 0; i < continuation.length; i += size) deltas.push(continuation.slice(i, i + size));
      expect(streamJoin(PARTIAL, deltas)).toBe(expected);
    }
  });

  it('passes new text straight through once it cannot be an echo', () => {
    const joiner = new ContinuationJoiner(PARTIAL);
    expect(joiner.push(' our bil')).toBe(''); // the end of the partial text: may be an echo, held
    expect(joiner.push('ling team')).toBe('ling team'); // it was: the echo is dropped
    expect(joiner.push(' more')).toBe(' more');
    expect(joiner.flush()).toBe('');
  });

  it('never holds more than MAX_HOLD characters', () => {
    const partial = 'x'.repeat(MAX_HOLD * 2);
    const joiner = new ContinuationJoiner(partial);
    let emitted = '';
    for (let i = 0; i < MAX_HOLD + 10; i++) emitted += joiner.push('x');
    expect(emitted.length).toBeGreaterThan(0);
  });
});

describe('continuationMessages', () => {
  it('sends the same messages, then the partial answer as the assistant, then the instruction', () => {
    const messages = [
      { role: 'system' as const, content: 'S' },
      { role: 'user' as const, content: 'U' },
    ];
    expect(continuationMessages(messages, 'partial')).toEqual([
      { role: 'system', content: 'S' },
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: CONTINUE_INSTRUCTION },
    ]);
  });
});
