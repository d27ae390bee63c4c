import { describe, expect, it } from 'vitest';
import { personOf, TICKET_LIMITS, tagList } from '@/utils/helpdesks/adapter-kit';

describe('tagList', () => {
  it('keeps non-blank strings within the length limit, each once, in first-seen order', () => {
    const tooLong = 'x'.repeat(TICKET_LIMITS.tag + 1);
    expect(tagList(['billing', '', '  ', 42, null, 'vip', 'billing', tooLong, 'refund'])).toEqual([
      'billing',
      'vip',
      'refund',
    ]);
  });
  it('stops at the model’s tag count', () => {
    const many = Array.from({ length: TICKET_LIMITS.tags + 20 }, (_, i) => `t${i}`);
    const tags = tagList(many);
    expect(tags).toHaveLength(TICKET_LIMITS.tags);
    expect(tags.at(-1)).toBe(`t${TICKET_LIMITS.tags - 1}`);
  });
});

describe('personOf', () => {
  it('tidies the name and keeps an e-mail only when it looks like one', () => {
    expect(personOf('  Maria\u200b Svensson ', ' maria@example.com ')).toEqual({
      name: 'Maria Svensson',
      email: 'maria@example.com',
    });
    expect(personOf('Maria', 'not an address')).toEqual({ name: 'Maria' });
    expect(personOf(undefined)).toEqual({ name: '' });
  });
  it('uses the e-mail as the name when there is none', () => {
    expect(personOf('', 'noreply@shop.example')).toEqual({
      name: 'noreply@shop.example',
      email: 'noreply@shop.example',
    });
  });
});
