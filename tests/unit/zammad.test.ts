// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import { adapterFor } from '../../utils/helpdesks/registry';
import { watchTicketId } from '../../utils/helpdesks/route-watcher';
import { HttpError, NoTicketError } from '../../utils/helpdesks/types';
import {
  findZammadZoom,
  isZammadHost,
  ticketFromZammadApi,
  ticketFromZammadDom,
  zammad,
} from '../../utils/helpdesks/zammad';
import { Ticket } from '../../utils/ticket/ticket';
import { zammadApi } from '../fixtures/zammad/routes.mjs';
import { showHashRoute } from '../fixtures/zammad/tasks';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/zammad');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const DESKTOP_HTML = readFileSync(join(FIXTURE, 'desktop.html'), 'utf8');
const ORIGIN = 'https://acme.zammad.com';

/** The classic-UI fixture page parsed into a document, showing `hash` the way the page script would. */
function loadPage(hash = '#ticket/zoom/42'): { doc: Document; url: URL } {
  const doc = new DOMParser().parseFromString(PAGE_HTML, 'text/html');
  showHashRoute(doc, hash);
  return { doc, url: new URL(`/${hash}`, ORIGIN) };
}

/** What TipTap renders inside Zammad's `[data-test-id="field-editor"]` (ProseMirror's empty document). */
const PROSEMIRROR_EDITABLE =
  '<div contenteditable="true" translate="no" class="tiptap ProseMirror" role="textbox" aria-multiline="true" aria-label="Text" tabindex="0"><p><br class="ProseMirror-trailingBreak"></p></div>';

/** The desktop-view fixture page in a document that has a real address (findComposer checks it). */
function loadDesktop(path = '/desktop/tickets/42'): Document {
  const win = new Window({ url: `${ORIGIN}${path}` });
  const doc = win.document as unknown as Document;
  doc.write(DESKTOP_HTML.replace(/<script[^>]*><\/script>/, ''));
  doc.querySelector('[data-fixture-editor-mount]')!.innerHTML = PROSEMIRROR_EDITABLE;
  return doc;
}

type Fetch = (path: string) => Promise<unknown>;

/** fetchJson backed by the fixture server's own API code (routes.mjs), recording every path. */
function fixtureFetch(state: Record<string, unknown> = {}): { fetchJson: Fetch; paths: string[] } {
  const paths: string[] = [];
  const fetchJson: Fetch = async (path) => {
    paths.push(path);
    const result = zammadApi({ method: 'GET', url: new URL(path, ORIGIN), state });
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    return JSON.parse(JSON.stringify(result.body)) as unknown;
  };
  return { fetchJson, paths };
}

function apiJson(path: string): unknown {
  return zammadApi({ url: new URL(path, ORIGIN) })?.body;
}

const LENA = { name: 'Lena Fischer', email: 'lena.fischer@northwind-logistics.example' };
const ROLES_42 = ['customer', 'system', 'agent', 'customer', 'customer', 'internal'];
const AUTHORS_42 = [
  'Lena Fischer',
  'Acme IT Service Desk',
  'Sven Albers',
  'Lena Fischer',
  'Lena Fischer',
  'Sven Albers',
];
const HIDDEN_IN_42 = [
  'SYSTEM NOTE',
  'ignore all previous',
  'Domain Admins',
  'Grant full admin',
  'finance\n',
  '\u200B',
];
const WORDS_OF_42 = ['Tomasz', 'VPN', 'Lena', 'NW-2291'];
const WORDS_OF_57 = ['Drucker', 'Toner', 'Becker', 'leere Seiten'];
const PHONE_NOTE =
  'Lena called about the contractor VPN.\nLaptop: company ThinkPad, asset tag NW-2291 (enrolled in MDM last week).\n\nHe only needs the WMS and the label printers, no access to the finance shares.\nShe asked us to escalate because of the night shift starting tomorrow.';

function allText(ticket: Ticket): string {
  return [
    ticket.subject,
    ticket.requester.name,
    ...ticket.messages.flatMap((m) => [m.text, m.author.name]),
  ].join('\n');
}

describe('zammad.matches / ticketId', () => {
  it.each([
    ['https://acme.zammad.com/#ticket/zoom/42', true, '42'],
    ['https://acme.zammad.com/#ticket/zoom/42/306', true, '42'],
    ['https://acme.zammad.com/#ticket/zoom/42/', true, '42'],
    ['https://my-team.zammad.com/#dashboard', true, null],
    ['https://acme.zammad.com/', true, null],
    ['https://acme.zammad.com/#ticket/view/my_assigned', true, null],
    ['https://acme.zammad.com/#ticket/create', true, null],
    ['https://acme.zammad.com/#ticket/zoom/abc', true, null],
    ['https://acme.zammad.com/#ticket/zoom/42x', true, null],
    ['https://acme.zammad.com/desktop/tickets/57', true, '57'],
    ['https://acme.zammad.com/desktop/tickets/57/', true, '57'],
    ['https://acme.zammad.com/desktop/tickets/57#ticket/zoom/42', true, '57'],
    ['https://acme.zammad.com/desktop/tickets/create', true, null],
    ['https://acme.zammad.com/desktop/dashboard', true, null],
    ['https://acme.zammad.com/desktop/#ticket/zoom/42', true, null],
    ['https://acme.zammad.com/mobile/tickets/42', true, null],
    ['https://acme.zammad.com/help/en-us/1-getting-started', false, null],
    ['https://acme.zammad.com/api/v1/tickets/42', false, null],
    ['http://acme.zammad.com/#ticket/zoom/42', false, null],
    ['https://zammad.com/#ticket/zoom/42', false, null],
    ['https://acme.zammad.com.evil.example/#ticket/zoom/42', false, null],
    ['https://evil.example/acme.zammad.com/#ticket/zoom/42', false, null],
    ['https://evil.example/#ticket/zoom/42', false, null],
  ])('%s → matches %s, ticket %s', (href, matches, id) => {
    const url = new URL(href);
    expect(zammad.matches(url)).toBe(matches);
    expect(zammad.ticketId(url, document)).toBe(id);
  });

  it('checks the host in one place (where self-hosted domains will be added)', () => {
    expect(isZammadHost('acme.zammad.com')).toBe(true);
    expect(isZammadHost('ACME.Zammad.com')).toBe(true);
    expect(isZammadHost('zammad.com')).toBe(false);
    expect(isZammadHost('helpdesk.example.org')).toBe(false);
  });

  it('is picked by the registry for Zammad URLs and leaves Zendesk URLs to Zendesk', () => {
    expect(adapterFor('https://acme.zammad.com/#ticket/zoom/42')?.id).toBe('zammad');
    expect(adapterFor('https://acme.zammad.com/desktop/tickets/42')?.id).toBe('zammad');
    expect(adapterFor('https://acme.zendesk.com/agent/tickets/123')?.id).toBe('zendesk');
  });

  it('follows hash-route ticket switches through the shared route watcher', () => {
    window.location.href = `${ORIGIN}/#ticket/zoom/42`;
    const seen: Array<[string | null, string | null]> = [];
    const stop = watchTicketId(
      () => zammad.ticketId(new URL(window.location.href), document),
      (id, previous) => seen.push([id, previous]),
      { intervalMs: 60_000 },
    );
    window.location.hash = '#ticket/zoom/57';
    window.dispatchEvent(new Event('hashchange'));
    window.location.hash = '#dashboard';
    window.dispatchEvent(new Event('hashchange'));
    stop();
    expect(seen).toEqual([
      ['57', '42'],
      [null, '57'],
    ]);
  });
});

describe('API read (extract)', () => {
  it('reads ticket 42 through the ticket and articles endpoints', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const { fetchJson, paths } = fixtureFetch();
    const ticket = await zammad.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(paths.sort()).toEqual(['/api/v1/ticket_articles/by_ticket/42', '/api/v1/tickets/42?all=true']);
    expect(ticket.source).toEqual({ adapter: 'zammad', method: 'api' });
    expect(ticket.id).toBe('42');
    expect(ticket.helpdesk).toBe('zammad');
    expect(ticket.url).toBe(`${ORIGIN}/#ticket/zoom/42`);
    expect(ticket.subject).toBe('VPN access for new contractor (starts Monday)');
    expect(ticket.requester).toEqual(LENA);
    expect(ticket.status).toBe('open');
    expect(ticket.priority).toBe('3 high');
    expect(ticket.tags).toEqual(['vpn', 'access-request', 'escalated']);
    expect(ticket.language).toBe('en-us');
    expect(ticket.warnings).toEqual([]);
    expect(ticket.messages.map((m) => m.role)).toEqual(ROLES_42);
    expect(ticket.messages.map((m) => m.author.name)).toEqual(AUTHORS_42);
    expect(ticket.messages.map((m) => m.id)).toEqual(['301', '302', '303', '304', '305', '306']);
    expect(ticket.messages[0]!.author).toEqual(LENA);
    expect(ticket.messages[0]!.createdAt).toBe('2026-03-09T08:02:11.000Z');
    for (const word of WORDS_OF_57) expect(allText(ticket)).not.toContain(word);
  });

  it('renders HTML bodies (dropping hidden text) and keeps plain bodies as they are', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const ticket = await zammad.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    const [first, , reply, , phone, note] = ticket.messages;
    expect(first!.text).toBe(
      'Hello IT team,\n\nour new contractor Tomasz Nowak starts in the warehouse on Monday, 16 March. He needs VPN access to the warehouse management system (WMS) and the label printers from his laptop.\n\nCan you set this up before Monday?\n\nThanks,\nLena Fischer\nOperations, Northwind Logistics',
    );
    expect(first!.html).toContain('display:none');
    for (const hidden of HIDDEN_IN_42) expect(allText(ticket)).not.toContain(hidden);
    expect(reply!.text).toContain(
      'first:\n1. the access request form signed by the responsible department manager\n2. the asset tag',
    );
    // text/plain: no HTML parsing, line breaks kept, no html copy.
    expect(phone!.text).toBe(PHONE_NOTE);
    expect(phone!.html).toBeUndefined();
    expect(note!.text).toMatch(/^Escalated to Network \(2nd level\)\./);
  });

  it('names the customer of a phone article (origin_by) and files, not inline images, as attachments', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const ticket = await zammad.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    expect(ticket.messages[4]!.author).toEqual(LENA); // created by Sven, on behalf of Lena
    expect(ticket.messages[5]!.author).toEqual({ name: 'Sven Albers', email: 'sven.albers@acme-it.example' });
    expect(ticket.messages[1]!.author).toEqual({
      name: 'Acme IT Service Desk',
      email: 'support@acme.zammad.com',
    });
    expect(ticket.messages[3]!.text).toMatch(/\n\n\[Attachment: VPN-request-Nowak-signed\.pdf\]$/);
    expect(allText(ticket)).not.toContain('image001.png');
  });

  it('reads ticket 57 (another requester, state and language)', async () => {
    const { doc, url } = loadPage('#ticket/zoom/57');
    const ticket = await zammad.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    expect(ticket.id).toBe('57');
    expect(ticket.subject).toBe('Drucker im 2. OG druckt nur leere Seiten');
    expect(ticket.requester).toEqual({ name: 'Jan Becker', email: 'jan.becker@northwind-logistics.example' });
    expect(ticket.status).toBe('new');
    expect(ticket.priority).toBe('2 normal');
    expect(ticket.language).toBe('de-de');
    expect(ticket.tags).toEqual(['printer']);
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer']);
    expect(ticket.messages[2]!.text).toBe(
      'Die Folie ist ab, der Toner ist neu. Es kommen weiterhin nur leere Seiten.\n\nGruß\nJan Becker',
    );
    for (const word of WORDS_OF_42) expect(allText(ticket)).not.toContain(word);
  });

  it('reads the desktop view through the same API', async () => {
    const doc = loadDesktop('/desktop/tickets/57');
    const url = new URL('/desktop/tickets/57', ORIGIN);
    const ticket = await zammad.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(ticket.id).toBe('57');
    expect(ticket.url).toBe(`${ORIGIN}/desktop/tickets/57`);
  });
});

describe('ticketFromZammadApi (pure mapping)', () => {
  const ticketJson = () => apiJson('/api/v1/tickets/42?all=true') as Record<string, unknown>;
  const articles = () => apiJson('/api/v1/ticket_articles/by_ticket/42') as Array<Record<string, unknown>>;
  const url = `${ORIGIN}/#ticket/zoom/42`;

  it('maps sender names to roles and lets internal win over the sender', () => {
    const list = articles();
    list[0]!.internal = true; // a customer article made internal by an agent
    list[2]!.sender = 'Carrier pigeon'; // unknown sender
    const ticket = ticketFromZammadApi(ticketJson(), list, url);
    expect(ticket.messages[0]!.role).toBe('internal');
    expect(ticket.messages[2]!.role).toBe('system');
  });

  it('treats content types case-insensitively and falls back to plain text', () => {
    const list = articles();
    list[0]!.content_type = 'TEXT/HTML; charset=utf-8';
    list[2]!.content_type = undefined;
    list[2]!.body = '<b>not markup</b>';
    const ticket = ticketFromZammadApi(ticketJson(), list, url);
    expect(ticket.messages[0]!.text).not.toContain('SYSTEM NOTE');
    expect(ticket.messages[2]!.text).toBe('<b>not markup</b>');
    expect(ticket.messages[2]!.html).toBeUndefined();
  });

  it('accepts the Ruby spelling of lookup assets and a bare ticket with state names', () => {
    const json = ticketJson();
    const assets = json.assets as Record<string, unknown>;
    assets['Ticket::State'] = assets.TicketState;
    assets['Ticket::Priority'] = assets.TicketPriority;
    delete assets.TicketState;
    delete assets.TicketPriority;
    expect(ticketFromZammadApi(json, articles(), url)).toMatchObject({ status: 'open', priority: '3 high' });

    const bare = {
      ...(apiJson('/api/v1/tickets/42') as Record<string, unknown>),
      state: 'open',
      priority: '3 high',
    };
    const ticket = ticketFromZammadApi(bare, articles(), url);
    expect(ticket).toMatchObject({ id: '42', status: 'open', priority: '3 high', tags: [] });
    // No users in the assets: authors come from the article address lines, the requester from the first customer.
    expect(ticket.requester).toEqual(LENA);
    expect(ticket.messages[2]!.author).toEqual({ name: 'Sven Albers' });
    expect(ticket.messages[4]!.author).toEqual({ name: 'Lena Fischer' });
  });

  it('drops empty articles and keeps the result valid', () => {
    const list = articles();
    list[1]!.body = '<div style="display:none">only hidden</div>';
    const ticket = ticketFromZammadApi(ticketJson(), list, url);
    expect(ticket.messages).toHaveLength(5);
    expect(Ticket.parse(ticket)).toEqual(ticket);
  });

  it('throws on shapes it does not know', () => {
    expect(() => ticketFromZammadApi(null, [], url)).toThrow(/Unexpected Zammad API response/);
    expect(() => ticketFromZammadApi({ ticket_id: 42, assets: {} }, [], url)).toThrow(
      /missing from the assets/,
    );
    expect(() => ticketFromZammadApi(ticketJson(), { articles: [] }, url)).toThrow(/not a list/);
  });
});

describe('DOM read of the classic-UI fixture page', () => {
  it('reads ticket 42 from its own zoom', () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const ticket = ticketFromZammadDom(doc, '42', url.href)!;
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'zammad', method: 'dom' });
    expect(ticket.subject).toBe('VPN access for new contractor (starts Monday)');
    expect(ticket.requester).toEqual(LENA);
    expect(ticket.messages.map((m) => m.role)).toEqual(ROLES_42);
    expect(ticket.messages.map((m) => m.author.name)).toEqual(AUTHORS_42);
    expect(ticket.messages.map((m) => m.id)).toEqual(['301', '302', '303', '304', '305', '306']);
    expect(ticket.messages[2]!.author).toEqual({ name: 'Sven Albers' }); // "… via <system address>"
    expect(ticket.messages[0]!.createdAt).toBe('2026-03-09T08:02:11.000Z');
    expect(ticket.status).toBe('open');
    expect(ticket.priority).toBe('3 high');
    expect(ticket.tags).toEqual(['vpn', 'access-request', 'escalated']);
    expect(ticket.warnings).toEqual([]);
    for (const word of WORDS_OF_57) expect(allText(ticket)).not.toContain(word);
  });

  it('reads the same text as the API: hidden text, comments and zero-width characters dropped', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const fromDom = ticketFromZammadDom(doc, '42', url.href)!;
    const fromApi = await zammad.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    expect(fromDom.messages.map((m) => m.text)).toEqual(fromApi.messages.map((m) => m.text));
    for (const hidden of [...HIDDEN_IN_42, 'internal routing'])
      expect(allText(fromDom)).not.toContain(hidden);
    expect(fromDom.messages[4]!.text).toBe(PHONE_NOTE);
  });

  it('reads a folded ("See more") body in full: the fold is only a CSS height', () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    expect(
      doc.querySelector('#article-304 .textBubble-overflowContainer:not(.hide) .js-toggleFold'),
    ).not.toBeNull();
    const folded = ticketFromZammadDom(doc, '42', url.href)!.messages[3]!;
    expect(folded.text).toContain('Is that possible? I can be reached on +49 40 555 0172 all day.');
    expect(folded.text).toContain('On 09.03.2026 09:41, Sven Albers wrote:');
  });

  it('reads each ticket from its own zoom whichever task is shown', () => {
    const { doc } = loadPage('#ticket/zoom/57');
    const ticket57 = ticketFromZammadDom(doc, '57', `${ORIGIN}/#ticket/zoom/57`)!;
    expect(ticket57.subject).toBe('Drucker im 2. OG druckt nur leere Seiten');
    expect(ticket57.requester).toEqual({
      name: 'Jan Becker',
      email: 'jan.becker@northwind-logistics.example',
    });
    expect(ticket57.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer']);
    for (const word of WORDS_OF_42) expect(allText(ticket57)).not.toContain(word);
    // 42's zoom is hidden now but still in the DOM: reading by id never mixes the two.
    const ticket42 = ticketFromZammadDom(doc, '42', `${ORIGIN}/#ticket/zoom/42`)!;
    expect(ticket42.subject).toBe('VPN access for new contractor (starts Monday)');
    for (const word of WORDS_OF_57) expect(allText(ticket42)).not.toContain(word);
  });

  it('without task ids, uses the zoom on screen only when it names the same ticket', () => {
    const { doc } = loadPage('#ticket/zoom/57');
    for (const task of Array.from(doc.querySelectorAll('[id^="content_permanent_"]')))
      task.removeAttribute('id');
    expect(findZammadZoom(doc, '57')?.getAttribute('data-fixture-ticket')).toBe('57');
    expect(findZammadZoom(doc, '42')).toBeNull();
    expect(ticketFromZammadDom(doc, '42', `${ORIGIN}/#ticket/zoom/42`)).toBeNull();
    expect(ticketFromZammadDom(doc, '57', `${ORIGIN}/#ticket/zoom/57`)?.subject).toBe(
      'Drucker im 2. OG druckt nur leere Seiten',
    );
  });

  it('judges the zoom on screen by its article permalinks, not by links inside messages', () => {
    const { doc } = loadPage('#ticket/zoom/57');
    for (const task of Array.from(doc.querySelectorAll('[id^="content_permanent_"]')))
      task.removeAttribute('id');
    doc
      .querySelector('#article-401 .richtext-content')!
      .insertAdjacentHTML(
        'beforeend',
        '<div><a href="https://acme.zammad.com/#ticket/zoom/42">Ticket 42</a></div>',
      );
    expect(findZammadZoom(doc, '57')?.getAttribute('data-fixture-ticket')).toBe('57');
    expect(findZammadZoom(doc, '42')).toBeNull();
  });

  it('returns null for tickets the page does not hold', () => {
    const { doc } = loadPage('#dashboard');
    expect(ticketFromZammadDom(doc, '99', `${ORIGIN}/#ticket/zoom/99`)).toBeNull();
    expect(ticketFromZammadDom(doc, 'x', `${ORIGIN}/#ticket/zoom/x`)).toBeNull();
    expect(findZammadZoom(doc, '99')).toBeNull();
  });
});

describe('extract fallbacks', () => {
  it('falls back to the page when the API refuses, and says so', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const { fetchJson, paths } = fixtureFetch({ zammadApi: 'error' });
    const ticket = await zammad.extract({ doc, url, fetchJson });
    expect(paths.length).toBeGreaterThan(0);
    expect(ticket.source).toEqual({ adapter: 'zammad', method: 'dom' });
    expect(ticket.warnings[0]).toMatch(/^Zammad API returned 401; read from the page instead/);
    expect(ticket.messages.map((m) => m.role)).toEqual(ROLES_42);
    expect(Ticket.parse(ticket)).toEqual(ticket);
  });

  it('falls back when the API answers with something unexpected', async () => {
    const { doc, url } = loadPage('#ticket/zoom/42');
    const ticket = await zammad.extract({ doc, url, fetchJson: async () => ({ hello: 'world' }) });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toMatch(/^Zammad API returned an unexpected response;/);
  });

  it('says plainly when there is no ticket, or neither the API nor the page has it', async () => {
    const { doc } = loadPage('#dashboard');
    const fetchJson = fixtureFetch({ zammadApi: 'error' }).fetchJson;
    await expect(zammad.extract({ doc, url: new URL(`${ORIGIN}/#dashboard`), fetchJson })).rejects.toThrow(
      NoTicketError,
    );
    await expect(
      zammad.extract({ doc, url: new URL(`${ORIGIN}/#ticket/zoom/99`), fetchJson }),
    ).rejects.toThrow(/Ticket #99 could not be read: the Zammad API returned 401/);
  });

  it('does not guess from the desktop view when its API read fails', async () => {
    const doc = loadDesktop('/desktop/tickets/42');
    const fetchJson = fixtureFetch({ zammadApi: 'error' }).fetchJson;
    await expect(
      zammad.extract({ doc, url: new URL(`${ORIGIN}/desktop/tickets/42`), fetchJson }),
    ).rejects.toThrow(/desktop view can only be read through the API/);
  });
});

describe('findComposer', () => {
  it('classic UI: the reply box inside the shown ticket zoom, detected as a plain contenteditable', () => {
    const { doc } = loadPage('#ticket/zoom/42');
    const composer = zammad.findComposer(doc, '42')!;
    expect(composer.matches('[data-name="body"][contenteditable="true"]')).toBe(true);
    expect(composer.closest('.ticketZoom')?.getAttribute('data-fixture-ticket')).toBe('42');
    expect(detectEditorKind(composer)).toBe('contenteditable');
    // The other zoom is hidden: its reply box is not offered.
    expect(zammad.findComposer(doc, '57')).toBeNull();
    showHashRoute(doc, '#ticket/zoom/57');
    expect(zammad.findComposer(doc, '57')?.closest('.ticketZoom')?.getAttribute('data-fixture-ticket')).toBe(
      '57',
    );
    expect(zammad.findComposer(doc, '42')).toBeNull();
  });

  it('classic UI: no reply box for unknown tickets or when the form is gone', () => {
    const { doc } = loadPage('#ticket/zoom/42');
    expect(zammad.findComposer(doc, '99')).toBeNull();
    doc.querySelector('#content_permanent_Ticket-42 .ticket-edit')?.remove();
    expect(zammad.findComposer(doc, '42')).toBeNull();
  });

  it('desktop view: the ProseMirror editable of the ticket on screen', () => {
    const doc = loadDesktop('/desktop/tickets/42');
    const composer = zammad.findComposer(doc, '42')!;
    expect(composer.classList.contains('ProseMirror')).toBe(true);
    expect(composer.closest('#ticketArticleReplyForm')).not.toBeNull();
    expect(detectEditorKind(composer)).toBe('prosemirror');
    // The route shows 42: a stale request for 57 gets nothing.
    expect(zammad.findComposer(doc, '57')).toBeNull();
  });

  it('desktop view: falls back to any ProseMirror textbox when the reply form id is gone', () => {
    const doc = loadDesktop('/desktop/tickets/42');
    doc.getElementById('ticketArticleReplyForm')?.removeAttribute('id');
    expect(zammad.findComposer(doc, '42')?.getAttribute('role')).toBe('textbox');
    doc.querySelector('[data-test-id="field-editor"]')?.removeAttribute('data-test-id');
    expect(zammad.findComposer(doc, '42')?.getAttribute('role')).toBe('textbox');
  });
});
