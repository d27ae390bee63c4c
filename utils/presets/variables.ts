import type { MessageRole, Ticket, TicketMessage } from '../ticket/ticket';
import type { Preset } from './preset';
import type { VariableValues } from './template';

// Values for a preset's variables, built from the ticket the panel shows and the agent's own settings.
// Ticket-derived values are returned raw: renderTemplate keeps them out of the instruction (see template.ts) and
// prompts.ts neutralises them when it places them inside the nonce-tagged data block.

export interface VariableContext {
  agentName?: string;
  agentSignature?: string;
  teamName?: string;
  /** The draft in the side panel (rewrite presets). */
  draft?: string;
  /** The preset being rendered: gives {{tone}} and its custom variables' defaults. */
  preset?: Pick<Preset, 'tone' | 'variables'>;
  /** Values the agent typed for custom variables; they win over the defaults. */
  custom?: Readonly<Record<string, string>>;
  /** Now, for {{today}}; injectable for tests. */
  now?: Date;
  /** IANA zone for {{today}} and message times; the agent's own zone when absent. */
  timeZone?: string;
  /** Cap on the {{conversation}} value (characters); the middle of long threads is left out, and it says so. */
  maxConversationChars?: number;
}

const DEFAULT_MAX_CONVERSATION = 40_000;

const ROLE_LABEL: Record<MessageRole, string> = {
  customer: 'customer',
  agent: 'agent',
  internal: 'internal note, agents only',
  system: 'helpdesk event',
};

/** YYYY-MM-DD of `now` in the zone: no month names, no locale order, so every model reads it the same way. */
export function isoDate(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "2030-01-01 10:00" in the zone; unparseable helpdesk times are shown as given (clipped). */
export function messageTime(createdAt: string | undefined, timeZone?: string): string | undefined {
  if (!createdAt) return undefined;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt.replace(/\s+/g, ' ').trim().slice(0, 40) || undefined;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${isoDate(date, timeZone)} ${get('hour')}:${get('minute')}`;
}

function messageBlock(m: TicketMessage, timeZone?: string): string {
  const time = messageTime(m.createdAt, timeZone);
  const who = m.author.name.replace(/\s+/g, ' ').trim() || 'unknown';
  const head = `${time ? `[${time}] ` : ''}${who} (${ROLE_LABEL[m.role]}):`;
  return `${head}\n${m.text.replace(/\r\n?/g, '\n').trim() || '(empty message)'}`;
}

/**
 * The conversation, oldest first, one block per message with its time, author and role. When it is longer than
 * `max`, the first message and the newest ones are kept and one line says how many were left out between them.
 */
export function formatConversation(
  messages: readonly TicketMessage[],
  max: number,
  timeZone?: string,
): string {
  if (messages.length === 0) return '(no messages)';
  const blocks = messages.map((m) => messageBlock(m, timeZone));
  const sep = '\n\n';
  const full = blocks.join(sep);
  if (full.length <= max) return full;
  const first = blocks[0]!;
  const tail: string[] = [];
  let room = max - first.length - 80;
  for (let i = blocks.length - 1; i > 0; i--) {
    const cost = blocks[i]!.length + sep.length;
    if (cost <= room) {
      tail.unshift(blocks[i]!);
      room -= cost;
      continue;
    }
    // The newest message alone does not fit: keep its beginning rather than nothing, if there is real room.
    if (tail.length === 0 && room > 200) tail.unshift(`${blocks[i]!.slice(0, room - 1)}…`);
    break;
  }
  const left = blocks.length - 1 - tail.length;
  const note = left > 0 ? [`[… ${left} earlier ${left === 1 ? 'message' : 'messages'} left out …]`] : [];
  return [first.length > max ? `${first.slice(0, max)}…` : first, ...note, ...tail].join(sep);
}

/** A BCP 47-looking tag or "unknown": the language goes into the instruction, so nothing else may pass. */
export function safeLanguageTag(language: string | undefined): string {
  const tag = language?.trim() ?? '';
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(tag) ? tag : 'unknown';
}

/** The helpdesk id is an adapter id (lower-case word) by construction; anything else is not trusted. */
function safeHelpdesk(helpdesk: string): string {
  return /^[a-z0-9-]{1,40}$/.test(helpdesk) ? helpdesk : 'unknown';
}

/** Builds every variable's value for one ticket. Keys are the variable names used in templates. */
export function presetVariables(ticket: Ticket, context: VariableContext = {}): VariableValues {
  const latestCustomer = [...ticket.messages].reverse().find((m) => m.role === 'customer');
  const values: Record<string, string | undefined> = {
    'ticket.subject': ticket.subject.trim() || undefined,
    'ticket.requester.name': ticket.requester.name.trim() || undefined,
    'ticket.language': safeLanguageTag(ticket.language),
    'ticket.helpdesk': safeHelpdesk(ticket.helpdesk),
    'ticket.tags': ticket.tags.length ? ticket.tags.join(', ') : undefined,
    conversation: formatConversation(
      ticket.messages,
      context.maxConversationChars ?? DEFAULT_MAX_CONVERSATION,
      context.timeZone,
    ),
    latest_customer_message: latestCustomer?.text.trim() || undefined,
    'agent.name': context.agentName?.trim() || undefined,
    'agent.signature': context.agentSignature?.trim() || undefined,
    'team.name': context.teamName?.trim() || undefined,
    today: isoDate(context.now ?? new Date(), context.timeZone),
    tone: context.preset?.tone?.trim() || undefined,
    draft: context.draft?.trim() || undefined,
  };
  for (const v of context.preset?.variables ?? []) {
    const typed = context.custom?.[v.name];
    values[v.name] = typed?.trim() ? typed : v.default || undefined;
  }
  return values;
}
