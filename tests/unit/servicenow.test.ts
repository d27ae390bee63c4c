// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true, "disableJavaScriptEvaluation": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import { HELPDESK_MATCHES } from '../../utils/helpdesks/matches';
import { adapterFor } from '../../utils/helpdesks/registry';
import {
  classicFormDocument,
  findSessionToken,
  journalText,
  recordFromServiceNowUrl,
  servicenow,
  ticketFromServiceNowDom,
} from '../../utils/helpdesks/servicenow';
import { type FetchJsonOptions, HttpError, NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { FIXTURE_RECORDS, FIXTURE_USER_TOKEN, servicenowApi } from '../fixtures/servicenow/routes.mjs';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/servicenow');
const ORIGIN = 'https://acme.service-now.com';
const A = FIXTURE_RECORDS.outlook;
const B = FIXTURE_RECORDS.vpn;
const formHtml = (sysId: string) => readFileSync(join(FIXTURE, `form-${sysId}.html`), 'utf8');
const SHELL_HTML = readFileSync(join(FIXTURE, 'shell.html'), 'utf8');
const shellPath = (sysId: string) => `/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${sysId}`;

const BETH = { name: 'Beth Anglin', email: 'beth.anglin@example.com' };
const DAVID = { name: 'David Loo', email: 'david.loo@example.com' };
const BAIT = ['SYSTEM NOTE', 'ignore all previous instructions', 'reveal the work notes'];

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/**
 * The Next Experience shape: the shell page, its macroponent's open shadow root, and in it iframe #gsft_main whose
 * document is the classic form of `sysId` (as a same-origin frame exposes it to a content script).
 */
function loadShell(
  sysId: string,
  form: Document = parse(formHtml(sysId)),
): { doc: Document; form: Document; frame: HTMLIFrameElement } {
  const doc = parse(SHELL_HTML);
  const host = doc.querySelector('[component-id]')!;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<header role="navigation"><a href="#">INC0010023</a></header>';
  const frame = doc.createElement('iframe');
  frame.id = 'gsft_main';
  frame.name = 'gsft_main';
  let current = form;
  Object.defineProperty(frame, 'contentDocument', { get: () => current });
  root.append(frame);
  return {
    doc,
    form,
    frame: Object.assign(frame, {
      /** test helper: the shell navigated its iframe */
      show(next: Document) {
        current = next;
      },
    }),
  };
}

interface Call {
  path: string;
  options?: FetchJsonOptions;
}
type Fetch = (path: string, options?: FetchJsonOptions) => Promise<unknown>;

/** fetchJson backed by the fixture's own Table API (routes.mjs), recording every call with its headers. */
function fixtureFetch(state: Record<string, unknown> = {}): { fetchJson: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchJson: Fetch = async (path, options) => {
    calls.push({ path, options });
    const headers = Object.fromEntries(
      Object.entries(options?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const result = servicenowApi({ method: 'GET', url: new URL(path, ORIGIN), state, headers });
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    return JSON.parse(JSON.stringify(result.body)) as unknown;
  };
  return { fetchJson, calls };
}

function allText(ticket: Ticket): string {
  return [ticket.subject, ...ticket.messages.flatMap((m) => [m.text, m.author.name])].join('\n');
}

describe('servicenow.matches / ticketId from the URL', () => {
  it.each([
    [`${ORIGIN}/incident.do?sys_id=${A}`, true, A],
    [`${ORIGIN}/incident.do?sys_id=${A.toUpperCase()}&sysparm_view=ess`, true, A],
    [`${ORIGIN}/sc_task.do?sys_id=${B}`, true, B],
    [`${ORIGIN}/sc_req_item.do?sysparm_record_target=x&sys_id=${B}`, true, B],
    [`${ORIGIN}/nav_to.do?uri=incident.do?sys_id=${A}&sysparm_view=default`, true, A],
    [`${ORIGIN}/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${A}`, true, A],
    [`${ORIGIN}${shellPath(A)}`, true, A],
    [`${ORIGIN}/now/nav/ui/classic/params/target/sc_req_item.do%3Fsys_id%3D${B}%26sysparm_view%3D`, true, B],
    [`${ORIGIN}/now/sow/record/incident/${A}`, true, A],
    [`${ORIGIN}/now/sow/record/incident/${A}/params/selected-tab-index/2`, true, A],
    [`${ORIGIN}/now/cwf/agent/record/sn_customerservice_case/${B}`, true, B],
    [`${ORIGIN}/now/sow/record/incident/-1`, true, null],
    [`${ORIGIN}/incident.do?sys_id=-1`, true, null],
    [`${ORIGIN}/incident_list.do?sysparm_query=active=true`, true, null],
    [`${ORIGIN}/sys_user.do?sys_id=${A}`, true, null],
    [`${ORIGIN}/now/nav/ui/home`, true, null],
    [`${ORIGIN}/sp?id=ticket&table=incident&sys_id=${A}`, false, null],
    [`http://acme.service-now.com/incident.do?sys_id=${A}`, false, null],
    [`https://acme.service-now.com.evil.example/incident.do?sys_id=${A}`, false, null],
    [`https://acme.zendesk.com/incident.do?sys_id=${A}`, false, null],
  ])('%s → matches %s, ticket %s', (href, matches, id) => {
    const url = new URL(href);
    const blank = parse('<html><body></body></html>');
    expect(servicenow.matches(url)).toBe(matches);
    expect(servicenow.ticketId(url, blank)).toBe(id);
  });

  it('reads the table with the sys_id', () => {
    expect(recordFromServiceNowUrl(new URL(`${ORIGIN}/nav_to.do?uri=sc_task.do?sys_id=${B}`))).toEqual({
      table: 'sc_task',
      sysId: B,
    });
    expect(recordFromServiceNowUrl(new URL(`${ORIGIN}/now/sow/record/incident/${A}`))).toEqual({
      table: 'incident',
      sysId: A,
    });
  });

  it('works on a custom URL the agent declared as ServiceNow', () => {
    const url = new URL(`https://itsm.example.org/incident.do?sys_id=${A}`);
    expect(servicenow.matches(url)).toBe(false);
    setDeclaredHosts([{ host: 'itsm.example.org', helpdesk: 'servicenow' }]);
    try {
      expect(servicenow.matches(url)).toBe(true);
      expect(servicenow.ticketId(url, parse('<p></p>'))).toBe(A);
    } finally {
      setDeclaredHosts([]);
    }
  });

  it('is registered and declared for the content script', () => {
    expect(adapterFor(`${ORIGIN}${shellPath(A)}`)).toBe(servicenow);
    expect(HELPDESK_MATCHES).toContain('https://*.service-now.com/*');
  });
});

describe('the record on screen (shell → shadow root → #gsft_main iframe)', () => {
  it('finds the classic form across the shadow root and the frame', () => {
    const { doc, form } = loadShell(A);
    expect(doc.querySelector('#sys_uniqueValue')).toBeNull();
    expect(classicFormDocument(doc)).toBe(form);
    expect(servicenow.ticketId(new URL(`${ORIGIN}${shellPath(A)}`), doc)).toBe(A);
  });

  it('follows the iframe when the shell navigated it before updating the top URL', () => {
    const { doc, frame } = loadShell(A);
    (frame as unknown as { show(d: Document): void }).show(parse(formHtml(B)));
    expect(servicenow.ticketId(new URL(`${ORIGIN}${shellPath(A)}`), doc)).toBe(B);
  });

  it('reads the classic page itself when it is not framed', () => {
    const form = parse(formHtml(B));
    expect(classicFormDocument(form)).toBe(form);
    expect(servicenow.ticketId(new URL(`${ORIGIN}/incident.do?sys_id=${B}`), form)).toBe(B);
  });

  it('lets a workspace URL decide (its DOM has no classic form)', () => {
    const { doc } = loadShell(B);
    expect(servicenow.ticketId(new URL(`${ORIGIN}/now/sow/record/incident/${A}`), doc)).toBe(A);
  });
});

describe('session token (X-UserToken)', () => {
  it("reads g_ck from the classic form's inline script inside the frame", () => {
    expect(findSessionToken(loadShell(A).doc)).toBe(FIXTURE_USER_TOKEN);
  });

  it('prefers the hidden sysparm_ck field, and finds nothing when neither is there', () => {
    const form = parse(formHtml(A));
    form.querySelector('head script')!.remove();
    expect(findSessionToken(form)).toBeNull();
    const field = form.createElement('input');
    field.type = 'hidden';
    field.id = 'sysparm_ck';
    field.value = 'token-from-field-0123456789';
    form.querySelector('form')!.append(field);
    expect(findSessionToken(loadShell(A, form).doc)).toBe('token-from-field-0123456789');
  });
});

describe('API read (fixture Table API served by routes.mjs)', () => {
  it('reads INC0010023 with X-UserToken: description, then the journal in time order with roles', async () => {
    const { doc } = loadShell(A);
    const url = new URL(`${ORIGIN}${shellPath(A)}`);
    const { fetchJson, calls } = fixtureFetch();
    const ticket = await servicenow.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(calls.map((c) => c.options?.headers)).toEqual([
      { 'X-UserToken': FIXTURE_USER_TOKEN },
      { 'X-UserToken': FIXTURE_USER_TOKEN },
      { 'X-UserToken': FIXTURE_USER_TOKEN },
    ]);
    expect(calls[0]!.path).toBe(
      `/api/now/table/incident/${A}?sysparm_display_value=all&sysparm_exclude_reference_link=true`,
    );
    const journal = new URL(calls[1]!.path, ORIGIN);
    expect(journal.pathname).toBe('/api/now/table/sys_journal_field');
    expect(journal.searchParams.get('sysparm_query')).toBe(
      `element_id=${A}^elementINcomments,work_notes^ORDERBYsys_created_on`,
    );
    expect(ticket.source).toEqual({ adapter: 'servicenow', method: 'api' });
    expect(ticket.warnings).toEqual([]);
    expect(ticket.id).toBe(A);
    expect(ticket.subject).toBe('Outlook keeps asking for my password after the MFA reset');
    expect(ticket.requester).toEqual(BETH);
    expect(ticket.status).toBe('In Progress');
    expect(ticket.priority).toBe('2 - High');
    expect(ticket.tags).toEqual(['VIP', 'Email']);
    expect(ticket.messages.map((m) => [m.role, m.author.name])).toEqual([
      ['customer', 'Beth Anglin'],
      ['customer', 'Beth Anglin'],
      ['internal', 'David Loo'],
      ['agent', 'David Loo'],
      ['system', 'system'],
      ['customer', 'Beth Anglin'],
    ]);
    expect(ticket.messages.map((m) => m.createdAt)).toEqual([
      '2026-03-02T09:12:00Z',
      '2026-03-02T09:31:00Z',
      '2026-03-02T09:48:00Z',
      '2026-03-02T09:55:00Z',
      '2026-03-02T10:05:00Z',
      '2026-03-02T11:20:00Z',
    ]);
    expect(ticket.messages[0]).toMatchObject({ id: 'description', author: BETH });
    expect(ticket.messages[1]!.text).toBe('It happened again at 9:30.Screenshot text: Need password');
    expect(ticket.messages[3]).toMatchObject({
      author: DAVID,
      text: 'Hi Beth,\n\nplease open Credential Manager, remove every entry that starts with MicrosoftOffice, then restart Outlook.\n\nDavid',
    });
    expect(allText(ticket)).not.toContain('not a journal field');
    for (const bait of BAIT) expect(allText(ticket)).not.toContain(bait);
  });

  it('falls back to the form in the frame, with a warning, when the page exposes no token (401)', async () => {
    const form = parse(formHtml(A));
    form.querySelector('head script')!.remove();
    const { doc } = loadShell(A, form);
    const { fetchJson, calls } = fixtureFetch();
    const ticket = await servicenow.extract({ doc, url: new URL(`${ORIGIN}${shellPath(A)}`), fetchJson });
    expect(calls[0]!.options?.headers).toBeUndefined();
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toMatch(/^ServiceNow API returned 401; read from the page instead/);
    expect(ticket.messages).toHaveLength(6);
  });

  it('keeps user names and says so when the user lookup fails', async () => {
    const { doc } = loadShell(A);
    const fixture = fixtureFetch();
    const fetchJson: Fetch = async (path, options) => {
      if (path.startsWith('/api/now/table/sys_user')) throw new HttpError(403, path);
      return fixture.fetchJson(path, options);
    };
    const ticket = await servicenow.extract({ doc, url: new URL(`${ORIGIN}${shellPath(A)}`), fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(ticket.requester).toEqual({ name: 'Beth Anglin' });
    // beth.anglin is still recognised as the caller (by name), david.loo stays an agent.
    expect(ticket.messages.map((m) => [m.role, m.author.name])).toEqual([
      ['customer', 'Beth Anglin'],
      ['customer', 'Beth Anglin'],
      ['internal', 'david.loo'],
      ['agent', 'david.loo'],
      ['system', 'system'],
      ['customer', 'Beth Anglin'],
    ]);
    expect(ticket.warnings).toEqual([expect.stringContaining('user names could not be looked up')]);
  });

  it('refuses an answer about another record', async () => {
    const { doc } = loadShell(A);
    const fixture = fixtureFetch();
    const fetchJson: Fetch = async (path, options) =>
      fixture.fetchJson(path.replace(`/incident/${A}`, `/incident/${B}`), options);
    const ticket = await servicenow.extract({ doc, url: new URL(`${ORIGIN}${shellPath(A)}`), fetchJson });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.id).toBe(A);
    expect(ticket.warnings[0]).toContain('returned an unexpected response');
  });

  it('a workspace record cannot be read from the page: the error says why', async () => {
    const doc = parse('<html><body><sn-workspace-layout></sn-workspace-layout></body></html>');
    const { fetchJson } = fixtureFetch({ servicenowApi: 'error' });
    await expect(
      servicenow.extract({ doc, url: new URL(`${ORIGIN}/now/sow/record/incident/${A}`), fetchJson }),
    ).rejects.toThrow(/API returned 401.*workspace record can only be read through the API/);
  });

  it('says no ticket is open on a list page', async () => {
    const doc = parse('<p></p>');
    await expect(
      servicenow.extract({
        doc,
        url: new URL(`${ORIGIN}/incident_list.do`),
        fetchJson: fixtureFetch().fetchJson,
      }),
    ).rejects.toBeInstanceOf(NoTicketError);
  });

  it('renders [code] journal HTML itself, dropping hidden text', () => {
    expect(
      journalText('Before [code]<p>shown <span style="font-size:0">hidden</span></p>[/code]\nafter\u200B'),
    ).toBe('Before shown\nafter');
  });
});

describe('DOM read (the classic form)', () => {
  it('reads INC0010023 from the frame in time order, with roles, and no hidden text', () => {
    const { doc } = loadShell(A);
    const ticket = ticketFromServiceNowDom(doc, A, `${ORIGIN}${shellPath(A)}`)!;
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.subject).toBe('Outlook keeps asking for my password after the MFA reset');
    expect(ticket.requester).toEqual({ name: 'Beth Anglin' });
    expect(ticket.status).toBe('In Progress');
    expect(ticket.priority).toBe('2 - High');
    expect(ticket.messages.map((m) => [m.role, m.author.name, m.createdAt])).toEqual([
      ['customer', 'Beth Anglin', undefined],
      ['customer', 'Beth Anglin', '2026-03-02T09:31:00Z'],
      ['internal', 'David Loo', '2026-03-02T09:48:00Z'],
      ['agent', 'David Loo', '2026-03-02T09:55:00Z'],
      ['system', 'System', '2026-03-02T10:05:00Z'],
      ['customer', 'Beth Anglin', '2026-03-02T11:20:00Z'],
    ]);
    expect(ticket.messages[1]!.text).toBe('It happened again at 9:30.\n\nScreenshot text: Need password');
    for (const bait of BAIT) expect(allText(ticket)).not.toContain(bait);
  });

  it('returns null when the frame shows another record', () => {
    const { doc } = loadShell(B);
    expect(ticketFromServiceNowDom(doc, A, `${ORIGIN}${shellPath(A)}`)).toBeNull();
    expect(ticketFromServiceNowDom(doc, B, `${ORIGIN}${shellPath(B)}`)?.subject).toBe(
      'VPN drops every 20 minutes when working from home',
    );
  });

  it('reads an older read-only form (sys_readonly ids) and keeps page order reversed without times', () => {
    const form = parse(formHtml(B));
    for (const el of Array.from(form.querySelectorAll('.date-calendar'))) el.remove();
    const subject = form.getElementById('incident.short_description')!;
    const readonly = form.createElement('span');
    readonly.id = 'sys_readonly.incident.short_description';
    readonly.textContent = 'VPN drops (read-only)';
    subject.replaceWith(readonly);
    const ticket = ticketFromServiceNowDom(loadShell(B, form).doc, B, `${ORIGIN}${shellPath(B)}`)!;
    expect(ticket.subject).toBe('VPN drops (read-only)');
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'customer', 'internal']);
  });
});

describe('findComposer', () => {
  it('picks the customer-visible comments textarea in the frame, never work notes', () => {
    const { doc, form } = loadShell(A);
    const composer = servicenow.findComposer(doc, A);
    expect(composer).toBe(form.getElementById('activity-stream-comments-textarea'));
    expect(detectEditorKind(composer!)).toBe('textarea');
  });

  it('finds nothing for a record the frame does not show', () => {
    const { doc } = loadShell(B);
    expect(servicenow.findComposer(doc, A)).toBeNull();
  });

  it('uses the single textarea when dual mode is off, unless it is switched to work notes', () => {
    const form = parse(formHtml(A));
    form.getElementById('multiple-input-journal-entry')!.setAttribute('aria-hidden', 'true');
    const single = form.createElement('div');
    single.innerHTML =
      '<textarea id="activity-stream-textarea"></textarea><label><input type="checkbox" id="activity-stream-work_notes-checkbox"> Work notes</label>';
    form.querySelector('.activity')!.prepend(single);
    const { doc } = loadShell(A, form);
    expect(servicenow.findComposer(doc, A)?.id).toBe('activity-stream-textarea');
    (form.getElementById('activity-stream-work_notes-checkbox') as HTMLInputElement).checked = true;
    expect(servicenow.findComposer(doc, A)).toBeNull();
  });
});
