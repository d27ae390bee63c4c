import type { Ticket } from '@/utils/ticket/ticket';

/**
 * The Zendesk fixture's ticket 123 as the background stores it: Maria's one customer message is `customerText`.
 * For tests of what happens after reading (prompts, generation, runners), not of reading itself.
 */
export function sampleTicket(customerText: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: '123',
    url: 'https://acme.zendesk.com/agent/tickets/123',
    helpdesk: 'zendesk',
    subject: 'Charged twice for my March invoice',
    requester: { name: 'Maria Svensson', email: 'maria@example.com' },
    messages: [{ id: '1', author: { name: 'Maria Svensson' }, role: 'customer', text: customerText }],
    tags: ['billing'],
    source: { adapter: 'zendesk', method: 'api' },
    warnings: [],
    ...overrides,
  };
}
