import { describe, expect, it } from 'vitest';
import { Ticket, ticketKey } from '@/utils/ticket/ticket';

const valid = {
  id: '123',
  url: 'https://acme.zendesk.com/agent/tickets/123',
  helpdesk: 'zendesk',
  subject: 'Charged twice',
  requester: { name: 'Maria Svensson', email: 'maria@example.com' },
  messages: [
    {
      id: '1',
      author: { name: 'Maria Svensson' },
      role: 'customer',
      text: 'Hi',
      createdAt: '2026-03-02T10:00:00Z',
    },
    { author: { name: 'Sam' }, role: 'internal', text: 'Check Stripe' },
  ],
  tags: ['billing'],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
};

describe('Ticket schema', () => {
  it('accepts a complete ticket and keeps optional fields optional', () => {
    const parsed = Ticket.parse(valid);
    expect(parsed.messages[1]?.id).toBeUndefined();
    expect(parsed.status).toBeUndefined();
  });

  it.each([
    ['an unknown role', { messages: [{ author: { name: 'x' }, role: 'bot', text: 'hi' }] }],
    ['an unknown read method', { source: { adapter: 'zendesk', method: 'telepathy' } }],
    ['an empty id', { id: '' }],
    ['a missing requester', { requester: undefined }],
    ['tags that are not strings', { tags: [1, 2] }],
  ])('rejects %s', (_label, patch) => {
    expect(Ticket.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('keys tickets by helpdesk, host and id so equal ids on two tenants never collide', () => {
    const a = ticketKey(Ticket.parse(valid));
    const b = ticketKey(Ticket.parse({ ...valid, url: 'https://other.zendesk.com/agent/tickets/123' }));
    expect(a).toBe('zendesk:acme.zendesk.com:123');
    expect(b).not.toBe(a);
  });
});
