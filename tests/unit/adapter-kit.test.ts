import { describe, expect, it } from 'vitest';
import { cappedMessages, personOf, TICKET_LIMITS, tagList, ticketOf } from '@/utils/helpdesks/adapter-kit';
import { Ticket, type TicketMessage } from '@/utils/ticket/ticket';

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

const message = (i: number, role: TicketMessage['role'] = 'agent'): TicketMessage => ({
  author: { name: `Person ${i}` },
  role,
  text: `message ${i}`,
});

describe('cappedMessages', () => {
  it('keeps a thread within the limit as it is', () => {
    const thread = [message(0, 'customer'), message(1)];
    expect(cappedMessages(thread)).toEqual({ messages: thread });
  });
  it('over the limit keeps the first customer message and the latest ones, and says so', () => {
    const thread = [message(0, 'system'), message(1, 'customer')];
    for (let i = 2; i < TICKET_LIMITS.messages + 50; i++) thread.push(message(i));
    const { messages, warning } = cappedMessages(thread);
    expect(messages).toHaveLength(TICKET_LIMITS.messages);
    expect(messages[0]?.text).toBe('message 1');
    expect(messages[1]?.text).toBe(`message ${thread.length - TICKET_LIMITS.messages + 1}`);
    expect(messages.at(-1)?.text).toBe(`message ${thread.length - 1}`);
    expect(warning).toContain(`${thread.length} messages`);
    expect(warning).toContain(`latest ${TICKET_LIMITS.messages - 1}`);
  });
  it('without a customer message keeps the latest ones only', () => {
    const thread = Array.from({ length: TICKET_LIMITS.messages + 3 }, (_, i) => message(i));
    const { messages } = cappedMessages(thread);
    expect(messages[0]?.text).toBe('message 3');
  });
});

describe('ticketOf', () => {
  it('assembles a Ticket that validates: clipped subject, tag list, source from the adapter id and method', () => {
    const ticket = ticketOf({
      id: '7',
      url: 'https://acme.example/tickets/7',
      helpdesk: 'zendesk',
      method: 'api',
      subject: `  Refund\u200b please ${'x'.repeat(TICKET_LIMITS.subject)}`,
      requester: { name: 'Ana' },
      messages: [message(0, 'customer')],
      tags: ['vip', '', 'vip', 3],
      status: 'open',
      language: 'de',
      warnings: ['read from the page'],
    });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.subject.startsWith('Refund please')).toBe(true);
    expect(ticket.subject).toHaveLength(TICKET_LIMITS.subject);
    expect(ticket.tags).toEqual(['vip']);
    expect(ticket.source).toEqual({ adapter: 'zendesk', method: 'api' });
    expect(ticket).toMatchObject({ status: 'open', language: 'de', warnings: ['read from the page'] });
    expect('priority' in ticket).toBe(false);
  });
});
