// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import {
  findGorgiasTicketView,
  gorgias,
  ticketFromGorgiasApi,
  ticketFromGorgiasDom,
} from '../../utils/helpdesks/gorgias';
import { adapterFor } from '../../utils/helpdesks/registry';
import { HttpError, NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { gorgiasApi } from '../fixtures/gorgias/routes.mjs';
import { showTicketForPath } from '../fixtures/gorgias/views';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/gorgias');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://northpeak.gorgias.com';
const LEA = '880412';
const OMAR = '880519';
const HIDDEN_BAIT = ['SYSTEM NOTE', 'ignore all previous', 'full refund', 'paste the internal notes'];
/** What Draft.js renders for an empty editor (trimmed): the editable is `.public-DraftEditor-content`. */
const DRAFT_EDITABLE =
  '<div class="DraftEditor-root"><div class="DraftEditor-editorContainer"><div aria-label="Reply" class="notranslate public-DraftEditor-content" contenteditable="true" role="textbox" spellcheck="false" style="outline: none; white-space: pre-wrap;"><div data-contents="true"><div data-block="true" data-editor="e1" data-offset-key="a-0-0"><div data-offset-key="a-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr"><span data-offset-key="a-0-0"><br data-text="true"></span></div></div></div></div></div></div>';

function loadPage(path = `/app/ticket/${LEA}`): { doc: Document; url: URL } {
  const doc = new DOMParser().parseFromString(PAGE_HTML, 'text/html');
  showTicketForPath(doc, path);
  return { doc, url: new URL(path, ORIGIN) };
}

function loadLivePage(path = `/app/ticket/${LEA}`): Document {
  const win = new Window({ url: `${ORIGIN}${path}` });
  const doc = win.document as unknown as Document;
  doc.write(PAGE_HTML.replace(/<script[^>]*><\/script>/, ''));
  for (const mount of Array.from(doc.querySelectorAll('[data-fixture-editor-mount]'))) {
    mount.innerHTML = DRAFT_EDITABLE;
  }
  showTicketForPath(doc, path);
  return doc;
}

type Fetch = (path: string) => Promise<unknown>;

/**
 * fetchJson backed by the fixture server's own API code (routes.mjs), recording every path. `pageSize` rewrites
 * the `limit` the adapter asks for, so the cursor pagination runs over the small fixture thread.
 */
function fixtureFetch(
  state: Record<string, unknown> = {},
  pageSize?: number,
): { fetchJson: Fetch; paths: string[] } {
  const paths: string[] = [];
  const fetchJson: Fetch = async (path) => {
    paths.push(path);
    const url = new URL(path, ORIGIN);
    if (pageSize !== undefined && url.searchParams.has('limit'))
      url.searchParams.set('limit', String(pageSize));
    const result = gorgiasApi({ method: 'GET', url, state });
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    return JSON.parse(JSON.stringify(result.body)) as unknown;
  };
  return { fetchJson, paths };
}

function messagesOf(id: string): unknown[] {
  const body = gorgiasApi({ url: new URL(`/api/tickets/${id}/messages?limit=100`, ORIGIN) })?.body as {
    data: unknown[];
  };
  return body.data;
}

function allText(ticket: Ticket): string {
  return [ticket.subject, ...ticket.messages.flatMap((m) => [m.text, m.author.name])].join('\n');
}

describe('gorgias.matches / ticketId', () => {
  it.each([
    [`${ORIGIN}/app/ticket/880412`, true, LEA],
    [`${ORIGIN}/app/ticket/880412/`, true, LEA],
    [`${ORIGIN}/app/views/1203/880412`, true, LEA],
    [`${ORIGIN}/app/views/1203/880412?sort=updated`, true, LEA],
    [`${ORIGIN}/app/views/1203`, true, null],
    [`${ORIGIN}/app/tickets`, true, null],
    [`${ORIGIN}/app/customer/51022`, true, null],
    [`${ORIGIN}/app/ticket/new`, true, null],
    [`${ORIGIN}/app/ticket/880412/print`, true, null],
    [`${ORIGIN}/api/tickets/880412`, true, null],
    ['http://northpeak.gorgias.com/app/ticket/880412', false, null],
    ['https://gorgias.com/app/ticket/880412', false, null],
    ['https://northpeak.gorgias.help/app/ticket/880412', false, null],
    ['https://northpeak.gorgias.com.evil.example/app/ticket/880412', false, null],
  ])('%s → matches %s, ticket %s', (href, matches, id) => {
    const url = new URL(href);
    expect(gorgias.matches(url)).toBe(matches);
    expect(gorgias.ticketId(url, document)).toBe(id);
  });

  it('names no ticket while the app still shows the previous one after the URL changed', () => {
    const { doc } = loadPage(`/app/views/1203/${LEA}`);
    const switched = new URL(`/app/views/1203/${OMAR}`, ORIGIN);
    expect(gorgias.ticketId(switched, doc)).toBeNull();
    showTicketForPath(doc, switched.pathname);
    expect(gorgias.ticketId(switched, doc)).toBe(OMAR);
  });

  it('does not read (even through the API) a ticket the page does not show yet', async () => {
    const { doc } = loadPage(`/app/views/1203/${LEA}`);
    const { fetchJson, paths } = fixtureFetch();
    const url = new URL(`/app/views/1203/${OMAR}`, ORIGIN);
    await expect(gorgias.extract({ doc, url, fetchJson })).rejects.toThrow(/still opening ticket #880519/);
    expect(paths).toEqual([]);
  });

  it('is picked by the registry', () => {
    expect(adapterFor(`${ORIGIN}/app/views/1203/${LEA}`)?.id).toBe('gorgias');
  });
});

describe('API read', () => {
  it('reads the ticket and its messages on the session, oldest first, with roles, authors and times', async () => {
    const { doc, url } = loadPage();
    const { fetchJson, paths } = fixtureFetch();
    const ticket = await gorgias.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(paths.sort()).toEqual([`/api/tickets/${LEA}`, `/api/tickets/${LEA}/messages?limit=100`]);
    expect(ticket.source).toEqual({ adapter: 'gorgias', method: 'api' });
    expect(ticket.id).toBe(LEA);
    expect(ticket.helpdesk).toBe('gorgias');
    expect(ticket.subject).toBe('Order #GR-55231: wrong size delivered');
    expect(ticket.requester).toEqual({ name: 'Lea Martin', email: 'lea.martin@example.com' });
    expect(ticket.status).toBe('open');
    expect(ticket.priority).toBe('normal');
    expect(ticket.language).toBe('en');
    expect(ticket.tags).toEqual(['exchange', 'shipping']);
    expect(ticket.warnings).toEqual([]);
    expect(ticket.messages.map((m) => [m.id, m.role, m.author.name])).toEqual([
      ['30117702', 'customer', 'Lea Martin'],
      // The rule's auto-reply (from_agent, no sender, rule_id) is the system speaking.
      ['30117703', 'system', 'Northpeak Outdoor'],
      ['30118450', 'agent', 'Sam Porter'],
      // public: false is an internal note.
      ['30118466', 'internal', 'Sam Porter'],
      ['30121977', 'customer', 'Lea Martin'],
    ]);
    expect(ticket.messages[0]!.author).toEqual({ name: 'Lea Martin', email: 'lea.martin@example.com' });
    expect(ticket.messages[0]!.createdAt).toBe('2026-11-20T08:14:00.000000+00:00');
    expect(ticket.messages[0]!.text).toBe(
      'Hi,\n\nI ordered the Ridge hiking boots in 39 but received a 41. Can I exchange them? I need them for a trip on the 30th.\n\nLea\n\n[Attachment: label-photo.jpg]',
    );
    expect(ticket.messages[2]!.text).toBe(
      'Hi Lea,\n\nSorry about the mix-up! Could you send a photo of the size label so I can start the exchange?\n\nSam',
    );
  });

  it('renders stripped_html / body_html without hidden text (the text versions have it) and falls back to body_text', () => {
    const ticket = ticketFromGorgiasApi(
      gorgiasApi({ url: new URL(`/api/tickets/${LEA}`, ORIGIN) })?.body,
      messagesOf(LEA),
      `${ORIGIN}/app/ticket/${LEA}`,
    );
    const last = ticket.messages.at(-1)!;
    expect(last.text).toBe(
      'Photo attached earlier. Will the new pair arrive before the 30th?\n\nThanks, Lea',
    );
    expect(last.html).toContain('display:none');
    // The quoted earlier reply under it is left out (stripped_html), not read twice.
    expect(last.html).not.toContain('gmail_quote');
    expect(allText(ticket).match(/Sorry about the mix-up/g)).toHaveLength(1);
    for (const bait of HIDDEN_BAIT) expect(allText(ticket)).not.toContain(bait);
    // A chat message has only body_text.
    const chat = ticketFromGorgiasApi(
      gorgiasApi({ url: new URL(`/api/tickets/${OMAR}`, ORIGIN) })?.body,
      messagesOf(OMAR),
      `${ORIGIN}/app/ticket/${OMAR}`,
    );
    expect(chat.messages[0]!.text).toBe(
      'Bonjour, je viens de déménager. Pouvez-vous envoyer la commande #GR-55302 au 12 rue des Lilas, 69003 Lyon ?',
    );
    expect(chat.messages[0]!.html).toBeUndefined();
    expect(chat.messages.map((m) => m.role)).toEqual(['customer', 'internal']);
    expect(chat.language).toBe('fr');
    expect(chat.priority).toBe('high');
  });

  it('follows meta.next_cursor through every page of messages', async () => {
    const { doc, url } = loadPage();
    const { fetchJson, paths } = fixtureFetch({}, 2);
    const ticket = await gorgias.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(ticket.messages).toHaveLength(5);
    const pages = paths.filter((p) => p.includes('/messages'));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBe(`/api/tickets/${LEA}/messages?limit=100`);
    expect(pages[1]).toMatch(/&cursor=/);
  });

  it('rejects an unknown shape and a ticket other than the one asked for', async () => {
    expect(() => ticketFromGorgiasApi({ subject: 'x' }, [], ORIGIN)).toThrow(/no id/);
    const { doc, url } = loadPage();
    const wrongTicket: Fetch = async (path) =>
      path.includes('/messages') ? { data: [], meta: {} } : { id: 1, subject: 'Other' };
    const ticket = await gorgias.extract({ doc, url, fetchJson: wrongTicket });
    // Read from the page instead, saying why.
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toMatch(/^Gorgias API returned an unexpected response; read from the page/);
  });
});

describe('DOM read (fallback)', () => {
  it('reads the page with a warning when the API refuses: roles from CSS-module classes, the event as system', async () => {
    const { doc, url } = loadPage(`/app/views/1203/${LEA}`);
    const { fetchJson } = fixtureFetch({ gorgiasApi: 'error' });
    const ticket = await gorgias.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'gorgias', method: 'dom' });
    expect(ticket.warnings[0]).toBe(
      'Gorgias API returned 401; read from the page instead — Gorgias draws the thread as you scroll, so older messages not yet shown on the page may be missing.',
    );
    expect(ticket.subject).toBe('Order #GR-55231: wrong size delivered');
    expect(ticket.status).toBe('open');
    expect(ticket.tags).toEqual(['exchange', 'shipping']);
    expect(ticket.requester).toEqual({ name: 'Lea Martin' });
    // Bubbles only (not their `MessageBubble--messageBubbleHeader--` parts) and the event between them.
    expect(ticket.messages.map((m) => [m.role, m.author.name])).toEqual([
      ['customer', 'Lea Martin'],
      ['agent', 'Northpeak Outdoor'],
      ['system', 'Gorgias'],
      ['agent', 'Sam Porter'],
      ['internal', 'Sam Porter'],
      ['customer', 'Lea Martin'],
    ]);
    expect(ticket.messages[2]!.text).toBe('Ticket assigned to Sam Porter');
    expect(ticket.messages[2]!.createdAt).toBe('2026-11-20T09:58:12.000Z');
    expect(ticket.messages[0]!.text).toBe(
      'Hi,\n\nI ordered the Ridge hiking boots in 39 but received a 41. Can I exchange them? I need them for a trip on the 30th.\n\nLea\n\n[Attachment: label-photo.jpg]',
    );
    for (const bait of HIDDEN_BAIT) expect(allText(ticket)).not.toContain(bait);
  });

  it("reads the shown ticket's view only, though the other stays mounted", () => {
    const { doc } = loadPage(`/app/views/1203/${OMAR}`);
    const ticket = ticketFromGorgiasDom(doc, OMAR, `${ORIGIN}/app/views/1203/${OMAR}`)!;
    expect(ticket.subject).toBe("Changer l'adresse de livraison");
    expect(ticket.requester).toEqual({ name: 'Omar Haddad' });
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'internal']);
    expect(allText(ticket)).not.toContain('Lea');
    // Lea's view is hidden: not read for her id either.
    expect(ticketFromGorgiasDom(doc, LEA, `${ORIGIN}/app/ticket/${LEA}`)).toBeNull();
  });

  it('scopes by the ticket the breadcrumbs link to, not by visibility alone', () => {
    const { doc } = loadPage(`/app/ticket/${LEA}`);
    // Mid-switch: the URL already names Omar's ticket while Lea's view is still the one shown.
    expect(findGorgiasTicketView(doc, OMAR)).toBeNull();
    const leaView = findGorgiasTicketView(doc, LEA)!;
    expect(leaView.getAttribute('data-fixture-ticket')).toBe(LEA);
  });

  it('says the ticket is not readable when neither the API nor the page has it', async () => {
    const { doc, url } = loadPage('/app/views/1203');
    const { fetchJson } = fixtureFetch({ gorgiasApi: 'error' });
    await expect(gorgias.extract({ doc, url, fetchJson })).rejects.toThrow(NoTicketError);
    const blank = new DOMParser().parseFromString('<html><body></body></html>', 'text/html');
    await expect(
      gorgias.extract({ doc: blank, url: new URL(`/app/ticket/${LEA}`, ORIGIN), fetchJson }),
    ).rejects.toThrow(/could not be read: the Gorgias API returned 401, and the ticket is not shown/);
  });
});

describe('findComposer', () => {
  it("returns the ticket's own Draft.js editable (detected as Draft.js), never the hidden one", () => {
    const doc = loadLivePage(`/app/views/1203/${OMAR}`);
    const composer = gorgias.findComposer(doc, OMAR)!;
    expect(composer.classList.contains('public-DraftEditor-content')).toBe(true);
    expect(composer.closest('[data-fixture-editor-mount]')?.getAttribute('data-fixture-editor-mount')).toBe(
      OMAR,
    );
    expect(detectEditorKind(composer)).toBe('draftjs');
    expect(gorgias.findComposer(doc, LEA)).toBeNull();
    expect(gorgias.findComposer(doc, 'x')).toBeNull();
  });

  it('finds other editor families generically in the reply area', () => {
    const doc = loadLivePage(`/app/ticket/${LEA}`);
    const mount = doc.querySelector(`[data-fixture-editor-mount="${LEA}"]`)!;
    mount.innerHTML =
      '<div contenteditable="true" data-lexical-editor="true" role="textbox"><p><br></p></div>';
    const composer = gorgias.findComposer(doc, LEA)!;
    expect(detectEditorKind(composer)).toBe('lexical');
  });
});
