import { z } from 'zod';

// The vocabulary follows the Zendesk Apps Framework (ticket.subject, ticket.requester.name,
// ticket.comments[]) so presets written against it read naturally in every helpdesk.

export const MessageRole = z.enum(['customer', 'agent', 'internal', 'system']);
export type MessageRole = z.infer<typeof MessageRole>;

export const Person = z.object({
  name: z.string().max(500),
  email: z.string().max(500).optional(),
});
export type Person = z.infer<typeof Person>;

export const TicketMessage = z.object({
  id: z.string().max(200).optional(),
  author: Person,
  role: MessageRole,
  // Plain text is what prompts use; html is kept only for display decisions, never rendered raw.
  text: z.string().max(200_000),
  html: z.string().max(400_000).optional(),
  createdAt: z.string().max(100).optional(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const ReadMethod = z.enum(['api', 'dom', 'generic', 'selection']);
export type ReadMethod = z.infer<typeof ReadMethod>;

export const Ticket = z.object({
  id: z.string().min(1).max(200),
  url: z.string().max(4000),
  helpdesk: z.string().min(1).max(100),
  subject: z.string().max(2000),
  requester: Person,
  messages: z.array(TicketMessage).max(5000),
  status: z.string().max(100).optional(),
  priority: z.string().max(100).optional(),
  tags: z.array(z.string().max(200)).max(500),
  language: z.string().max(35).optional(),
  source: z.object({
    adapter: z.string().min(1).max(100),
    method: ReadMethod,
  }),
  warnings: z.array(z.string().max(1000)).max(100),
  /** Characters of hidden text (hidden elements, comments, invisible characters) the reader left out. */
  hiddenTextChars: z.number().int().nonnegative().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** Stable key for everything stored per ticket (drafts, generations): helpdesk + host + id. */
export function ticketKey(ticket: Pick<Ticket, 'helpdesk' | 'url' | 'id'>): string {
  let host = '';
  try {
    host = new URL(ticket.url).host;
  } catch {
    host = 'unknown-host';
  }
  return `${ticket.helpdesk}:${host}:${ticket.id}`;
}
