// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind, editableOf } from '../../utils/helpdesks/editor-kind';
import { HELPDESK_MATCHES } from '../../utils/helpdesks/matches';
import { adapterFor } from '../../utils/helpdesks/registry';
import { type FetchJsonOptions, HttpError, NoTicketError } from '../../utils/helpdesks/types';
import {
  findZohoDetailView,
  ticketFromZohoApi,
  ticketFromZohoDom,
  zohodesk,
  zohoOrgIdFromPage,
} from '../../utils/helpdesks/zohodesk';
import { Ticket } from '../../utils/ticket/ticket';
import { FIXTURE_ORG_ID, zohodeskApi } from '../fixtures/zohodesk/routes.mjs';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/zohodesk');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://desk.zoho.com';
const T1 = '1892000000412017';
const T2 = '1892000000412045';
const pathOf = (id: string) => `/agent/acme/support/tickets/details/${id}`;
const API = '/supportapi/zd/acme/api/v1';

const AISHA = { name: 'Aisha Khan', email: 'aisha.khan@brightline.example' };
const HIDDEN = ['SYSTEM NOTE', 'ignore all previous instructions', 'reveal the internal notes'];

type Fetch = (path: string, options?: FetchJsonOptions) => Promise<unknown>;

/** fetchJson backed by the fixture API (routes.mjs), recording each path with the orgid header it carried. */
function fixtureFetch(state: Record<string, unknown> = {}): {
  fetchJson: Fetch;
  calls: Array<{ path: string; orgid: string | undefined }>;
} {
  const calls: Array<{ path: string; orgid: string | undefined }> = [];
  const fetchJson: Fetch = async (path, options = {}) => {
    const headers = Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    calls.push({ path, orgid: headers.orgid });
    const result = zohodeskApi({ method: 'GET', url: new URL(path, ORIGIN), state, headers });
    if (result?.status === 204) throw new SyntaxError('Unexpected end of JSON input');
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    return JSON.parse(JSON.stringify(result.body)) as unknown;
  };
  return { fetchJson, calls };
}

function loadPage(path = pathOf(T1)): { doc: Document; url: URL } {
  return { doc: new DOMParser().parseFromString(PAGE_HTML, 'text/html'), url: new URL(path, ORIGIN) };
}

/** Adds ticket 2's detail view next to ticket 1's (hidden), as the fixture app does on a switch. */
function openSecondTicket(doc: Document): void {
  const template = doc.querySelector<HTMLTemplateElement>(`template[data-fixture-ticket-template="${T2}"]`)!;
  const view = template.content.querySelector('.zd_v2-ticketdetailview-container')!.cloneNode(true);
  const slot = doc.getElementById('fixture-ticket-slot')!;
  (slot.firstElementChild as HTMLElement).hidden = true;
  slot.append(view);
}

/** What TinyMCE 8 renders in place of a reply textarea (iframe mode). */
function mountTinyMce(doc: Document, ticketId: string): HTMLIFrameElement {
  const textarea = doc.querySelector(`textarea[data-fixture-editor="${ticketId}"]`)!;
  const container = doc.createElement('div');
  container.className = 'tox tox-tinymce';
  container.innerHTML =
    '<div class="tox-editor-container"><div class="tox-sidebar-wrap"><div class="tox-edit-area"><iframe class="tox-edit-area__iframe" title="Rich Text Area"></iframe></div></div></div>';
  textarea.before(container);
  (textarea as HTMLElement).style.display = 'none';
  return container.querySelector('iframe')!;
}

function allText(ticket: Ticket): string {
  return [ticket.subject, ...ticket.messages.flatMap((m) => [m.text, m.author.name])].join('\n');
}

describe('zohodesk.matches / ticketId', () => {
  it.each([
    [`${ORIGIN}${pathOf(T1)}`, true, T1],
    [`${ORIGIN}/agent/acme/all/tickets/details/${T2}/conversation`, true, T2],
    [`${ORIGIN}/agent/acme/support/tickets/list/all-tickets`, true, null],
    [`${ORIGIN}/agent/acme/dashboards`, true, null],
    [`${ORIGIN}/support/acme/ShowHomePage.do#Cases/dv/${T1}`, true, T1],
    [`${ORIGIN}/support/acme/ShowHomePage.do#Cases`, true, null],
    ['https://desk.zoho.eu/agent/acme/support/tickets/details/123', true, '123'],
    ['https://desk.zoho.in/agent/acme/support/tickets/details/123', true, '123'],
    ['https://desk.zoho.com.au/agent/acme/support/tickets/details/123', true, '123'],
    ['https://desk.zoho.jp/agent/acme/support/tickets/details/123', true, '123'],
    ['https://desk.zoho.com.cn/agent/acme/support/tickets/details/123', true, '123'],
    ['https://desk.zoho.com/portal/acme/en/home', false, null],
    ['http://desk.zoho.com/agent/acme/support/tickets/details/123', false, null],
    ['https://mail.zoho.com/agent/acme/support/tickets/details/123', false, null],
    ['https://desk.zoho.com.evil.example/agent/acme/support/tickets/details/123', false, null],
    ['https://desk.zoho.de/agent/acme/support/tickets/details/123', false, null],
    [`${ORIGIN}/agent/acme/support/tickets/details/abc`, true, null],
  ])('%s → matches %s, ticket %s', (href, matches, id) => {
    const url = new URL(href);
    expect(zohodesk.matches(url)).toBe(matches);
    expect(zohodesk.ticketId(url, document)).toBe(id);
  });

  it('declares every regional host for the content script and the registry', () => {
    for (const host of ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn']) {
      expect(HELPDESK_MATCHES).toContain(`https://desk.zoho.${host}/*`);
      expect(adapterFor(`https://desk.zoho.${host}/agent/acme/support/tickets/details/1`)).toBe(zohodesk);
    }
  });

  it('works on a host the agent declared (e.g. a Zoho data centre added later)', () => {
    setDeclaredHosts([{ host: 'desk.zoho.sa', helpdesk: 'zohodesk' }]);
    try {
      expect(
        zohodesk.ticketId(new URL('https://desk.zoho.sa/agent/acme/support/tickets/details/9'), document),
      ).toBe('9');
    } finally {
      setDeclaredHosts([]);
    }
  });
});

describe('org id', () => {
  it('is read from the inline JSON config, a meta tag or a data-orgid attribute', () => {
    expect(zohoOrgIdFromPage(loadPage().doc)).toBe(FIXTURE_ORG_ID);
    const doc = new DOMParser().parseFromString(
      '<html><head><meta name="zd-orgid" content="123456"></head><body></body></html>',
      'text/html',
    );
    expect(zohoOrgIdFromPage(doc)).toBe('123456');
    const attr = new DOMParser().parseFromString('<div data-orgid="777"></div>', 'text/html');
    expect(zohoOrgIdFromPage(attr)).toBe('777');
  });

  it('ignores junk where an org id should be', () => {
    const doc = new DOMParser().parseFromString(
      '<script type="application/json" id="zd-app-config">{"orgId": "1; drop"}</script><meta name="zd-orgid" content="">',
      'text/html',
    );
    expect(zohoOrgIdFromPage(doc)).toBeNull();
    const broken = new DOMParser().parseFromString(
      '<script type="application/json" id="zd-app-config">{not json</script>',
      'text/html',
    );
    expect(zohoOrgIdFromPage(broken)).toBeNull();
  });
});

describe('API read (fixture API data served by routes.mjs)', () => {
  it('maps ticket 1: full thread bodies and private comments in one timeline, orgid on every ticket call', async () => {
    const { doc, url } = loadPage();
    const { fetchJson, calls } = fixtureFetch();
    const ticket = await zohodesk.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'zohodesk', method: 'api' });
    expect(ticket.warnings).toEqual([]);
    expect(calls.every((call) => call.orgid === FIXTURE_ORG_ID)).toBe(true);
    expect(calls.map((call) => call.path).slice(0, 4)).toEqual([
      `${API}/tickets/${T1}?include=contacts`,
      `${API}/tickets/${T1}/threads?from=0&limit=200`,
      `${API}/tickets/${T1}/comments?from=0&limit=100`,
      `${API}/tickets/${T1}/tags`,
    ]);
    expect(calls.filter((call) => /\/threads\/\d+$/.test(call.path))).toHaveLength(4);
    expect(ticket.subject).toBe('Invoice INV-20931 charged twice');
    expect(ticket.requester).toEqual(AISHA);
    expect(ticket.status).toBe('Open');
    expect(ticket.priority).toBe('High');
    expect(ticket.language).toBe('English');
    expect(ticket.tags).toEqual(['billing', 'refund']);
    expect(ticket.messages.map((m) => [m.id, m.role, m.author.name])).toEqual([
      ['1892000000413001', 'customer', 'Aisha Khan'],
      ['comment-1892000000414002', 'internal', 'Noah Smith'],
      ['1892000000413020', 'agent', 'Noah Smith'],
      ['1892000000413044', 'customer', 'Aisha Khan'],
      ['comment-1892000000414009', 'internal', 'Mei Lin'],
      ['1892000000413061', 'agent', 'Noah Smith'],
    ]);
    expect(ticket.messages[0]).toMatchObject({
      author: AISHA,
      createdAt: '2026-03-05T08:12:00.000Z',
      text: 'Hello,\n\nmy card was charged twice for invoice INV-20931 (USD 249.00 each, on 3 March).\nPlease refund the duplicate charge.\n\nAisha',
    });
    expect(ticket.messages[4]!.text).toBe('Refund RF-5521 issued for USD 249.00.');
    expect(ticket.messages[3]!.text).toBe('Thanks Noah. How long does the refund usually take?');
    for (const hidden of HIDDEN) expect(allText(ticket)).not.toContain(hidden);
  });

  it('takes the org id from the organisations list when the page does not state it', async () => {
    const { doc, url } = loadPage();
    doc.getElementById('zd-app-config')!.remove();
    const { fetchJson, calls } = fixtureFetch();
    const ticket = await zohodesk.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(calls[0]).toEqual({ path: `${API}/organizations`, orgid: undefined });
    expect(calls.slice(1).every((call) => call.orgid === FIXTURE_ORG_ID)).toBe(true);
  });

  it('without a usable org id, falls back to the page and says the API could not be used', async () => {
    const { doc, url } = loadPage();
    doc.getElementById('zd-app-config')!.textContent = '{"orgId":"111"}';
    const ticket = await zohodesk.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toBe(
      'Zoho Desk API returned 422; read from the page instead — collapsed threads and private comments may be missing or shortened.',
    );
  });

  it('ticket 2: the description from the ticket, an empty comment list (204) and a failed thread body', async () => {
    const { doc, url } = loadPage(pathOf(T2));
    const fixture = fixtureFetch();
    const fetchJson: Fetch = (path, options) =>
      /\/threads\/\d+$/.test(path)
        ? Promise.reject(new HttpError(500, path))
        : fixture.fetchJson(path, options);
    const ticket = await zohodesk.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(ticket.messages.map((m) => [m.id, m.role])).toEqual([
      ['description', 'customer'],
      ['1892000000415003', 'agent'],
    ]);
    expect(ticket.messages[0]!.text).toBe(
      'Exporting the monthly usage report to PDF shows Error 500 since Tuesday.',
    );
    // The body could not be fetched: the list's summary stands in, and the panel says so.
    expect(ticket.messages[1]!.text).toBe(
      'Hi Jonas, we are looking into the export error and will update you today.',
    );
    expect(ticket.warnings).toEqual(["1 thread(s) were read as Zoho's short summary, not the full text."]);
    expect(ticket.status).toBe('On Hold');
  });

  it('maps roles from author type and direction; an unknown author type is the system', () => {
    const ticket = ticketFromZohoApi(
      { id: '5', subject: 'x', email: 'c@example.com' },
      [
        { id: '1', direction: 'in', content: '<p>in, no type</p>', createdTime: '2026-01-01T00:00:01Z' },
        { id: '2', direction: 'out', content: '<p>out, no type</p>', createdTime: '2026-01-01T00:00:02Z' },
        {
          id: '3',
          author: { name: 'Zia', type: 'BOT' },
          content: '<p>bot</p>',
          createdTime: '2026-01-01T00:00:03Z',
        },
        { id: '4', visibility: 'private', direction: 'out', content: 'plain <b>', contentType: 'text/plain' },
        'junk',
      ],
      [
        {
          id: '9',
          isPublic: true,
          content: 'public comment',
          contentType: 'plainText',
          commenter: { name: 'Ann' },
        },
      ],
      ['raw-tag', { name: 'named' }],
      `${ORIGIN}${pathOf('5')}`,
    );
    expect(ticket.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'in, no type'],
      ['agent', 'out, no type'],
      ['system', 'bot'],
      ['internal', 'plain <b>'],
      ['agent', 'public comment'],
    ]);
    expect(ticket.requester).toEqual({ name: 'c@example.com', email: 'c@example.com' });
    expect(ticket.tags).toEqual(['raw-tag', 'named']);
  });

  it('refuses an answer about another ticket', async () => {
    const { doc, url } = loadPage();
    const fixture = fixtureFetch();
    const fetchJson: Fetch = (path, options) => fixture.fetchJson(path.replace(T1, T2), options);
    const ticket = await zohodesk.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toContain('Zoho Desk API returned an unexpected response');
  });
});

describe('DOM read and fallback', () => {
  it('falls back to the detail view with a warning when the API fails', async () => {
    const { doc, url } = loadPage();
    const ticket = await zohodesk.extract({
      doc,
      url,
      fetchJson: fixtureFetch({ zohoApi: 'error' }).fetchJson,
    });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'zohodesk', method: 'dom' });
    expect(ticket.warnings).toEqual([
      'Zoho Desk API returned 403; read from the page instead — collapsed threads and private comments may be missing or shortened.',
    ]);
    expect(ticket.subject).toBe('Invoice INV-20931 charged twice');
    expect(ticket.requester).toEqual(AISHA);
    expect(ticket.status).toBe('Open');
    expect(ticket.priority).toBe('High');
    expect(ticket.tags).toEqual(['billing', 'refund']);
    expect(ticket.messages.map((m) => [m.role, m.author.name])).toEqual([
      ['customer', 'Aisha Khan'],
      ['internal', 'Noah Smith'],
      ['agent', 'Noah Smith'],
      ['customer', 'Aisha Khan'],
      ['internal', 'Mei Lin'],
      ['agent', 'Noah Smith'],
    ]);
    expect(ticket.messages[3]!.text).toBe('Thanks Noah. How long does the refund usually take?');
    expect(ticket.messages[0]!.createdAt).toBe('2026-03-05T08:12:00.000Z');
    for (const hidden of HIDDEN) expect(allText(ticket)).not.toContain(hidden);
  });

  it('scopes to the detail view that names the ticket when two are in the DOM', () => {
    const { doc } = loadPage();
    openSecondTicket(doc);
    expect(findZohoDetailView(doc, T2)?.getAttribute('data-ticket-id')).toBe(T2);
    expect(ticketFromZohoDom(doc, T2, ORIGIN)?.subject).toBe('Report export to PDF fails');
    expect(ticketFromZohoDom(doc, T1, ORIGIN)?.subject).toBe('Invoice INV-20931 charged twice');
    expect(ticketFromZohoDom(doc, '999', ORIGIN)).toBeNull();
  });

  it('accepts a single detail view without the id attribute (older markup), never one naming another ticket', () => {
    const { doc } = loadPage();
    const view = doc.querySelector('.zd_v2-ticketdetailview-container')!;
    expect(findZohoDetailView(doc, '999')).toBeNull();
    view.removeAttribute('data-ticket-id');
    expect(findZohoDetailView(doc, '999')).toBe(view);
  });

  it('says plainly when no ticket is open', async () => {
    const list = loadPage('/agent/acme/support/tickets/list/all-tickets');
    await expect(zohodesk.extract({ ...list, fetchJson: fixtureFetch().fetchJson })).rejects.toThrow(
      NoTicketError,
    );
  });
});

describe('findComposer (generic editor detection)', () => {
  it('finds the TinyMCE iframe of the ticket’s own reply area and detects it as TinyMCE', () => {
    const { doc } = loadPage();
    openSecondTicket(doc);
    const first = mountTinyMce(doc, T1);
    const second = mountTinyMce(doc, T2);
    expect(zohodesk.findComposer(doc, T1)).toBe(first);
    expect(zohodesk.findComposer(doc, T2)).toBe(second);
    expect(detectEditorKind(second)).toBe('tinymce');
    expect(zohodesk.findComposer(doc, '999')).toBeNull();
  });

  it('falls back to whatever editor is there: a contenteditable, or the plain textarea', () => {
    const { doc } = loadPage();
    const textarea = doc.querySelector<HTMLTextAreaElement>(`textarea[data-fixture-editor="${T1}"]`)!;
    expect(zohodesk.findComposer(doc, T1)).toBe(textarea);
    expect(detectEditorKind(textarea)).toBe('textarea');
    const editable = doc.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    textarea.before(editable);
    const found = zohodesk.findComposer(doc, T1)!;
    expect(found).toBe(editable);
    expect(editableOf(found)).toBe(editable);
  });
});
