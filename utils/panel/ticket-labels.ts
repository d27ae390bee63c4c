import { formatDateTime, t } from '../i18n/t';
import type { InjectionFinding, InjectionKind } from '../ticket/injection';
import type { Ticket } from '../ticket/ticket';

// The ticket card's words in the UI language: who wrote a message, how the ticket was read, and what the
// instruction-like text found in it tries. utils/ticket/injection.ts keeps its English labels for the prompt.

type Role = Ticket['messages'][number]['role'];

const ROLE_KEYS = {
  customer: 'panel_role_customer',
  agent: 'panel_role_agent',
  internal: 'panel_role_internal',
  system: 'panel_role_system',
} as const satisfies Record<Role, string>;

/** Inside a sentence ("Message 4 (customer, Maria)"): lower case where the language writes it so. */
const ROLE_IN_TEXT_KEYS = {
  customer: 'panel_injection_role_customer',
  agent: 'panel_injection_role_agent',
  internal: 'panel_injection_role_internal',
  system: 'panel_injection_role_system',
} as const satisfies Record<Role, string>;

const READER_KEYS = {
  api: 'panel_reader_api',
  dom: 'panel_reader_dom',
  generic: 'panel_reader_generic',
  selection: 'panel_reader_selection',
} as const satisfies Record<Ticket['source']['method'], string>;

const INJECTION_KEYS = {
  override: 'panel_injection_override',
  'role-play': 'panel_injection_role_play',
  'prompt-leak': 'panel_injection_prompt_leak',
  'fake-message': 'panel_injection_fake_message',
  'fake-delimiter': 'panel_injection_fake_delimiter',
} as const satisfies Record<InjectionKind, string>;

const isRole = (role: string | undefined): role is Role =>
  role !== undefined && Object.hasOwn(ROLE_KEYS, role);

export const roleLabel = (role: Role): string => t(ROLE_KEYS[role]);

/** "Zendesk adapter, helpdesk API", or "generic page reader (generic-readability)". */
export function readerLabel(ticket: Ticket): string {
  const via = t(READER_KEYS[ticket.source.method]);
  const adapter = ticket.source.adapter.charAt(0).toUpperCase() + ticket.source.adapter.slice(1);
  return ticket.source.method === 'api' || ticket.source.method === 'dom'
    ? t('panel_reader_adapter', adapter, via)
    : `${via} (${ticket.source.adapter})`;
}

/** "Message 4 (customer, Maria Svensson): asks to ignore or replace the instructions; …". */
export function injectionFindingText(finding: InjectionFinding): string {
  const place =
    finding.where === 'subject' ? t('panel_injection_subject') : t('panel_injection_message', finding.where);
  const roleText = isRole(finding.role) ? t(ROLE_IN_TEXT_KEYS[finding.role]) : (finding.role ?? '');
  const by = finding.author ? ` ${t('panel_injection_author', roleText, finding.author)}` : '';
  return `${place}${by}: ${finding.kinds.map((kind) => t(INJECTION_KEYS[kind])).join('; ')}`;
}

/**
 * A message's time in the UI language. The reader's value is free text (a page may say "yesterday"): what does not
 * parse as a date is shown as read, since formatting an invalid date would throw.
 */
export function messageTime(createdAt: string): string {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? createdAt : formatDateTime(date);
}
