import { t } from '../i18n/t';
import type { Ticket } from '../ticket/ticket';

// "Use my selection": the agent's selected text as a one-message ticket. Kept apart from generic.ts so the
// background does not bundle Readability just for this.

/** Short stable id for page and selection tickets (FNV-1a). */
export function hashOf(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export function readSelectionTicket(selected: string, title: string, href: string): Ticket {
  const url = new URL(href);
  const text = selected.replace(/\r\n?/g, '\n').trim();
  return {
    id: `selection-${hashOf(url.origin + url.pathname + text)}`,
    url: href,
    helpdesk: 'generic',
    subject: title.trim().slice(0, 2000) || url.hostname,
    requester: { name: 'Customer' },
    messages: [{ id: 'm1', author: { name: 'Customer' }, role: 'customer', text: text.slice(0, 200_000) }],
    tags: [],
    source: { adapter: 'selection', method: 'selection' },
    warnings: [t('core_reader_selection_only')],
  };
}
