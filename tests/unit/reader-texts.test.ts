// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  cappedMessages,
  collapsedPageNote,
  readApiThenPage,
  TICKET_LIMITS,
} from '@/utils/helpdesks/adapter-kit';
import { gmail } from '@/utils/helpdesks/gmail';
import { HttpError, NoTicketError } from '@/utils/helpdesks/types';
import type { Ticket, TicketMessage } from '@/utils/ticket/ticket';
import { useTestLocale } from './i18n-fake';

// The texts the ticket readers give the agent come from the locale files: English by default, the browser's
// language otherwise, with the product name and per-site facts as substitutions.

afterEach(() => useTestLocale('en'));

function pageTicket(): Ticket {
  return {
    id: '7',
    url: 'https://acme.example/tickets/7',
    helpdesk: 'zendesk',
    subject: 'Printer offline',
    requester: { name: 'Maria' },
    messages: [{ id: 'm1', author: { name: 'Maria' }, role: 'customer', text: 'Hello' }],
    tags: [],
    source: { adapter: 'zendesk', method: 'dom' },
    warnings: [],
  };
}

function apiThenPage(overrides: { pageUnreadable?: string; page?: Ticket | null } = {}) {
  return readApiThenPage({
    name: 'Zendesk',
    ticketId: '7',
    readApi: () => Promise.reject(new HttpError(403, '/api/v2/tickets/7')),
    readPage: () => (overrides.page === undefined ? pageTicket() : overrides.page),
    pageNote: () => collapsedPageNote(['status', 'tags']),
    ...(overrides.pageUnreadable ? { pageUnreadable: overrides.pageUnreadable } : {}),
  });
}

describe('collapsedPageNote', () => {
  it('names the unknown fields as a list, with is/are by their number', () => {
    expect(collapsedPageNote([])).toBe('collapsed older messages may be missing');
    expect(collapsedPageNote(['tags'])).toBe('collapsed older messages may be missing, and tags is unknown');
    expect(collapsedPageNote(['status', 'tags'])).toBe(
      'collapsed older messages may be missing, and status and tags are unknown',
    );
    expect(collapsedPageNote(['status', 'priority', 'tags'])).toBe(
      'collapsed older messages may be missing, and status, priority and tags are unknown',
    );
  });

  it('in German and French, with the list joined the way those languages write it', () => {
    useTestLocale('de');
    expect(collapsedPageNote(['status', 'priority', 'tags'])).toBe(
      'eingeklappte ältere Nachrichten fehlen möglicherweise, und Angaben zu Status, Priorität und Tags fehlen',
    );
    useTestLocale('fr');
    expect(collapsedPageNote(['priority'])).toBe(
      'des messages plus anciens repliés peuvent manquer, et on ignore la priorité',
    );
  });
});

describe('readApiThenPage wording', () => {
  it('warns in English that the page was read, and why', async () => {
    const ticket = await apiThenPage();
    expect(ticket.warnings).toEqual([
      'Zendesk API returned 403; read from the page instead — collapsed older messages may be missing, and status and tags are unknown.',
    ]);
  });

  it('warns in German, the API failure and the page note translated too', async () => {
    useTestLocale('de');
    const ticket = await apiThenPage();
    expect(ticket.warnings).toEqual([
      'Zendesk-API antwortete mit 403; stattdessen von der Seite gelesen – eingeklappte ältere Nachrichten fehlen möglicherweise, und Angaben zu Status und Tags fehlen.',
    ]);
  });

  it('says why a view cannot be read at all, in the UI language', async () => {
    await expect(apiThenPage({ pageUnreadable: 'the page cannot be read.' })).rejects.toThrow(
      'Ticket #7 could not be read: the Zendesk API returned 403, and the page cannot be read.',
    );
    useTestLocale('es');
    const error = await apiThenPage({ pageUnreadable: 'x.', page: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoTicketError);
    expect((error as Error).message).toMatch(
      /^No se pudo leer el ticket #7: la API de Zendesk respondió 403, y/,
    );
  });
});

describe('other reader texts in the browser’s language', () => {
  it('the cut of a very long thread, in Swedish', () => {
    useTestLocale('sv');
    const thread: TicketMessage[] = Array.from({ length: TICKET_LIMITS.messages + 2 }, (_, i) => ({
      id: `m${i}`,
      author: { name: 'A' },
      role: i === 0 ? 'customer' : 'agent',
      text: `message ${i}`,
    }));
    expect(cappedMessages(thread).warning).toBe(
      `Den här tråden har ${thread.length} meddelanden; Deskmate läste kundens första meddelande och de senaste ${TICKET_LIMITS.messages - 1}.`,
    );
  });

  it('Gmail with no conversation open, in French', async () => {
    useTestLocale('fr');
    const doc = document.implementation.createHTMLDocument('Inbox');
    const url = new URL('https://mail.google.com/mail/u/0/#inbox');
    await expect(
      gmail.extract({ doc, url, fetchJson: () => Promise.reject(new Error('unused')) }),
    ).rejects.toThrow(
      "Aucune conversation Gmail n'est ouverte dans cet onglet. Ouvrez une conversation et réessayez.",
    );
  });
});
