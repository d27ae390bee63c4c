import type { GenerationRecord } from '../db';
import type { Ticket } from '../ticket/ticket';

// A generation names its ticket in words (subject, helpdesk, page) so the history page can show "Refund for
// order 1234 · Zendesk" instead of a key. These are plain fields on the record, written when it starts, so they
// leave with it on retention and delete-all.

/** Long subjects are cut: the label is for finding a ticket, not for keeping its text. */
export const SUBJECT_MAX = 300;
/** Longer addresses are not kept (a link the agent could not sensibly open anyway). */
export const URL_MAX = 2000;

export type TicketLabelFields = Pick<GenerationRecord, 'ticketSubject' | 'helpdesk' | 'ticketUrl'>;

/** The fields to store on a generation of `ticket`. Only http(s) addresses are kept as links. */
export function ticketLabelFields(ticket: Pick<Ticket, 'subject' | 'helpdesk' | 'url'>): TicketLabelFields {
  const subject = ticket.subject.replace(/\s+/g, ' ').trim();
  return {
    ...(subject ? { ticketSubject: [...subject].slice(0, SUBJECT_MAX).join('') } : {}),
    helpdesk: ticket.helpdesk,
    ...(safeTicketUrl(ticket.url) ? { ticketUrl: ticket.url } : {}),
  };
}

/** The address when it is an http(s) URL short enough to keep; null otherwise (never a javascript: link). */
export function safeTicketUrl(url: string | undefined): string | null {
  if (!url || url.length > URL_MAX) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The helpdesk of a record: its own field, else the first part of its key (`zendesk:host:id`). */
export function helpdeskOf(record: Pick<GenerationRecord, 'helpdesk' | 'ticketKey'>): string {
  return record.helpdesk ?? (record.ticketKey.split(':')[0] || 'unknown');
}

/** What to call a ticket: its subject, else "host #id" from the key (records written before labels existed). */
export function ticketTitleOf(record: Pick<GenerationRecord, 'ticketSubject' | 'ticketKey'>): string {
  if (record.ticketSubject) return record.ticketSubject;
  const [, host, ...id] = record.ticketKey.split(':');
  return host && id.length > 0 ? `${host} #${id.join(':')}` : record.ticketKey;
}
