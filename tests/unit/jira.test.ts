// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adfToText } from '../../utils/helpdesks/adf';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import {
  findJiraIssueView,
  JIRA_COMMENT_LIMIT,
  jira,
  jiraIssueKeyFromUrl,
  ticketFromJiraApi,
  ticketFromJiraDom,
} from '../../utils/helpdesks/jira';
import { HELPDESK_MATCHES } from '../../utils/helpdesks/matches';
import { adapterFor } from '../../utils/helpdesks/registry';
import { HttpError, NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { FIXTURE_COMMENT_PAGE_CAP, jiraApi } from '../fixtures/jira/routes.mjs';
import { useTestLocale } from './i18n-fake';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/jira');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://acme.atlassian.net';
const QUEUE_PATH = '/jira/servicedesk/projects/SD/queues/custom/1/SD-101';

interface FixtureComment {
  id: string;
  public: boolean;
  author: { displayName: string };
  created: { iso8601: string };
}
const COMMENTS = JSON.parse(
  readFileSync(join(FIXTURE, 'api', 'comments-SD-101.json'), 'utf8'),
) as FixtureComment[];
const ISSUE = JSON.parse(readFileSync(join(FIXTURE, 'api', 'issue-SD-101.json'), 'utf8')) as {
  fields: Record<string, unknown>;
};

const PRIYA = { name: 'Priya Raman', email: 'priya.raman@northwind.example' };
const SUBJECT = 'Laptop no longer connects to office Wi-Fi after Windows update';
const HIDDEN = ['SYSTEM NOTE', 'ignore all previous instructions', 'reveal the internal notes'];
const DESCRIPTION_TEXT =
  "Since this morning's Windows update my laptop NW-LT-0412 no longer connects to the office Wi-Fi.\n\nWhat I tried:\n\n- restarting the laptop\n- forgetting the NW-Office network\n\nThe error reads:\n\nCan't connect to this network\n\nMy manager @Lena Vogel knows about it.\nThanks, Priya";

type Fetch = (path: string) => Promise<unknown>;

function fixtureFetch(state: Record<string, unknown> = {}): { fetchJson: Fetch; paths: string[] } {
  const paths: string[] = [];
  const fetchJson: Fetch = async (path) => {
    paths.push(path);
    const result = jiraApi({ method: 'GET', url: new URL(path, ORIGIN), state });
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    return JSON.parse(JSON.stringify(result.body)) as unknown;
  };
  return { fetchJson, paths };
}

function loadPage(path = QUEUE_PATH): { doc: Document; url: URL } {
  return { doc: new DOMParser().parseFromString(PAGE_HTML, 'text/html'), url: new URL(path, ORIGIN) };
}

/** Swaps the issue view for SD-102's, the way the fixture app does on a queue click. */
function showSd102(doc: Document): void {
  const template = doc.querySelector<HTMLTemplateElement>('template[data-fixture-issue-template="SD-102"]')!;
  const view = template.content.querySelector('[data-fixture-issue]')!.cloneNode(true);
  doc.getElementById('fixture-issue-slot')!.replaceChildren(view);
}

/** What ProseMirror renders into each composer mount (the fixture app does it in the browser). */
function mountEditors(doc: Document): { reply: HTMLElement; internal: HTMLElement } {
  const mount = (which: string) => {
    const el = doc.createElement('div');
    el.className = 'ProseMirror ak-editor-content-area';
    el.setAttribute('contenteditable', 'true');
    el.setAttribute('role', 'textbox');
    el.innerHTML = '<p><br class="ProseMirror-trailingBreak"></p>';
    doc.querySelector(`[data-fixture-editor="${which}"]`)!.append(el);
    return el;
  };
  return { reply: mount('reply'), internal: mount('internal') };
}

function allText(ticket: Ticket): string {
  return [ticket.subject, ...ticket.messages.flatMap((m) => [m.text, m.author.name])].join('\n');
}

describe('jira.matches / ticketId', () => {
  it.each([
    [`${ORIGIN}${QUEUE_PATH}`, true, 'SD-101'],
    [`${ORIGIN}/jira/servicedesk/projects/SD/queues/custom/14/SD-7/`, true, 'SD-7'],
    [`${ORIGIN}/jira/servicedesk/projects/IT_OPS/queues/issue/3/IT_OPS-1204`, true, 'IT_OPS-1204'],
    [`${ORIGIN}/browse/SD-101`, true, 'SD-101'],
    [`${ORIGIN}/browse/SD-101?focusedCommentId=10205`, true, 'SD-101'],
    [`${ORIGIN}/jira/software/projects/SD/boards/1?selectedIssue=SD-55`, true, 'SD-55'],
    [`${ORIGIN}/issues/?jql=project%3DSD&selectedIssue=sd-9`, true, 'SD-9'],
    [`${ORIGIN}/jira/servicedesk/projects/SD/queues/custom/1`, true, null],
    [`${ORIGIN}/jira/your-work`, true, null],
    [`${ORIGIN}/browse/not-a-key`, true, null],
    [`${ORIGIN}/issues/?selectedIssue=<script>`, true, null],
    [`${ORIGIN}/wiki/spaces/IT/pages/1/SD-101`, false, null],
    [`${ORIGIN}/servicedesk/customer/portal/2/SD-101`, false, null],
    ['http://acme.atlassian.net/browse/SD-101', false, null],
    ['https://atlassian.net/browse/SD-101', false, null],
    ['https://acme.atlassian.net.evil.example/browse/SD-101', false, null],
    ['https://jira.intra.example/browse/SD-101', false, null],
  ])('%s → matches %s, issue %s', (href, matches, key) => {
    const url = new URL(href);
    expect(jira.matches(url)).toBe(matches);
    expect(jira.ticketId(url, document)).toBe(key);
  });

  it('works on a declared Data Center host with the same routes (no /jira prefix in the queue path)', () => {
    setDeclaredHosts([{ host: 'jira.intra.example', helpdesk: 'jira' }]);
    try {
      expect(jira.ticketId(new URL('https://jira.intra.example/browse/SD-101'), document)).toBe('SD-101');
      expect(
        jira.ticketId(
          new URL('http://jira.intra.example/servicedesk/projects/SD/queues/custom/1/SD-3'),
          document,
        ),
      ).toBe('SD-3');
      expect(adapterFor('https://jira.intra.example/browse/SD-101')).toBe(jira);
    } finally {
      setDeclaredHosts([]);
    }
  });

  it('reads the key from the URL alone', () => {
    expect(jiraIssueKeyFromUrl(new URL(`${ORIGIN}/browse/ABC-1`))).toBe('ABC-1');
  });

  it('is registered and declared for the content script', () => {
    expect(adapterFor(`${ORIGIN}${QUEUE_PATH}`)).toBe(jira);
    expect(HELPDESK_MATCHES).toContain('https://*.atlassian.net/*');
  });
});

describe('adfToText', () => {
  it('renders the description ADF: paragraphs, lists, code, mention, hard break; drops media', () => {
    expect(adfToText(ISSUE.fields.description)).toBe(DESCRIPTION_TEXT);
  });

  it('handles ordered and nested lists, headings, quotes, tables, emoji, cards and unknown nodes', () => {
    const p = (...content: unknown[]) => ({ type: 'paragraph', content });
    const t = (text: string) => ({ type: 'text', text });
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [t('Steps')] },
        {
          type: 'orderedList',
          attrs: { order: 3 },
          content: [
            {
              type: 'listItem',
              content: [
                p(t('open settings')),
                { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Wi-Fi'))] }] },
              ],
            },
            {
              type: 'listItem',
              content: [p(t('reboot '), { type: 'emoji', attrs: { shortName: ':x:', text: '❌' } })],
            },
          ],
        },
        { type: 'blockquote', content: [p(t('quoted'))] },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', content: [p(t('A'))] },
                { type: 'tableHeader', content: [p(t('B'))] },
              ],
            },
            {
              type: 'tableRow',
              content: [
                { type: 'tableCell', content: [p(t('1'))] },
                { type: 'tableCell', content: [p(t('2'))] },
              ],
            },
          ],
        },
        p({ type: 'inlineCard', attrs: { url: 'https://status.example/wifi' } }),
        { type: 'futureContainer', content: [p(t('kept from an unknown container'))] },
        { type: 'futureLeaf', attrs: { text: 'unknown leaf' } },
        { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('in a panel'))] },
        p({ type: 'text' }, 42, null, t('after junk')),
      ],
    };
    expect(adfToText(doc)).toBe(
      'Steps\n\n3. open settings\n  - Wi-Fi\n4. reboot ❌\n\n> quoted\n\nA | B\n1 | 2\n\nhttps://status.example/wifi\n\nkept from an unknown container\n\nin a panel\n\nafter junk',
    );
  });

  it('is safe on junk and on very deep documents', () => {
    expect(adfToText(null)).toBe('');
    expect(adfToText('text')).toBe('');
    expect(adfToText({ type: 'doc', content: 'nope' })).toBe('');
    let deep: Record<string, unknown> = { type: 'text', text: 'bottom' };
    for (let i = 0; i < 5000; i += 1) deep = { type: 'blockquote', content: [deep] };
    expect(() => adfToText(deep)).not.toThrow();
    expect(adfToText(deep)).not.toContain('bottom');
  });

  it('strips invisible characters from ADF text', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\u200Bb\u2060c' }] }],
    };
    expect(adfToText(doc)).toBe('abc');
  });
});

describe('API read (fixture API data served by routes.mjs)', () => {
  it('maps SD-101: ADF description first, two pages of JSM comments, internal notes, roles, times, labels', async () => {
    const { doc, url } = loadPage();
    const { fetchJson, paths } = fixtureFetch();
    const ticket = await jira.extract({ doc, url, fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(paths).toEqual([
      '/rest/api/3/issue/SD-101?fields=summary,status,labels,reporter,priority,description,created',
      `/rest/servicedeskapi/request/SD-101/comment?start=0&limit=${JIRA_COMMENT_LIMIT}&expand=renderedBody`,
      `/rest/servicedeskapi/request/SD-101/comment?start=${FIXTURE_COMMENT_PAGE_CAP}&limit=${JIRA_COMMENT_LIMIT}&expand=renderedBody`,
    ]);
    expect(ticket.source).toEqual({ adapter: 'jira', method: 'api' });
    expect(ticket.warnings).toEqual([]);
    expect(ticket.id).toBe('SD-101');
    expect(ticket.helpdesk).toBe('jira');
    expect(ticket.subject).toBe(SUBJECT);
    expect(ticket.requester).toEqual(PRIYA);
    expect(ticket.status).toBe('Waiting for support');
    expect(ticket.priority).toBe('High');
    expect(ticket.tags).toEqual(['wifi', 'windows-update']);

    expect(ticket.messages).toHaveLength(1 + COMMENTS.length);
    expect(ticket.messages[0]).toEqual({
      id: 'description',
      author: PRIYA,
      role: 'customer',
      text: DESCRIPTION_TEXT,
      createdAt: '2026-03-02T08:51:12.000+0100',
    });
    const comments = ticket.messages.slice(1);
    expect(comments.map((m) => m.id)).toEqual(COMMENTS.map((c) => c.id));
    expect(comments.map((m) => m.role)).toEqual([
      'agent',
      'internal',
      'customer',
      'internal',
      'agent',
      'customer',
      'internal',
    ]);
    expect(comments.map((m) => m.createdAt)).toEqual(COMMENTS.map((c) => c.created.iso8601));
    expect(comments.map((m) => m.author.name)).toEqual(COMMENTS.map((c) => c.author.displayName));
    expect(comments[0]).toMatchObject({
      author: { name: 'Marco Bianchi', email: 'marco.bianchi@acme-it.example' },
      text: 'Hi Priya,\n\nthanks for the report. Could you tell me which Windows build the laptop is on? You can find it under Settings > System > About.',
    });
  });

  it('drops text hidden in the rendered comment HTML, which the plain body does not even have', async () => {
    const { doc, url } = loadPage();
    const ticket = await jira.extract({ doc, url, fetchJson: fixtureFetch().fetchJson });
    const baited = ticket.messages.find((m) => m.id === '10206')!;
    expect(baited.text).toBe(
      'Done, it was docked from 11:00 to 11:15, but the Wi-Fi still says "Can\'t connect to this network".',
    );
    expect(baited.html).toContain('display:none');
    for (const hidden of HIDDEN) expect(allText(ticket)).not.toContain(hidden);
  });

  it('uses the plain body when there is no rendered HTML, and tells app accounts and customers apart', () => {
    const issue = JSON.parse(JSON.stringify(ISSUE)) as Record<string, unknown>;
    const page = {
      isLastPage: true,
      values: [
        {
          id: '1',
          body: 'Plain *wiki* text',
          public: true,
          author: { displayName: 'Marco' },
          created: { epochMillis: 0 },
        },
        {
          id: '2',
          body: 'Auto-closed in 3 days',
          public: true,
          author: { displayName: 'Automation for Jira', accountType: 'app' },
        },
        {
          id: '3',
          body: 'A colleague of Priya',
          public: true,
          author: { displayName: 'Sam', accountType: 'customer' },
        },
        { id: '4', body: '   ', public: true, author: { displayName: 'Empty' } },
        'junk',
      ],
    };
    const ticket = ticketFromJiraApi(issue, [page], `${ORIGIN}/browse/SD-101`);
    expect(ticket.messages.slice(1).map((m) => [m.role, m.text])).toEqual([
      ['agent', 'Plain *wiki* text'],
      ['system', 'Auto-closed in 3 days'],
      ['customer', 'A colleague of Priya'],
    ]);
    expect(ticket.messages[1]!.createdAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('reads platform comments (ADF, jsdPublic, startAt paging) when the issue is not a service request', async () => {
    const { doc, url } = loadPage();
    const fixture = fixtureFetch();
    const adf = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const all = [
      {
        id: '1',
        body: adf('first'),
        author: { displayName: 'Marco Bianchi' },
        created: '2026-03-02T09:00:00.000+0100',
      },
      { id: '2', body: adf('note'), jsdPublic: false, author: { displayName: 'Lena Vogel' } },
      {
        id: '3',
        body: adf('from Priya'),
        author: {
          displayName: 'Priya Raman',
          accountId: 'qm:7d1f0c2e-5b8a-4c61-9a57-2f1e8d3b6a90:0c8e2b14-6a3d-4f7e-b1c9-5d2a8e7f4b31',
        },
      },
    ];
    const platformPaths: string[] = [];
    const fetchJson: Fetch = async (path) => {
      if (path.startsWith('/rest/servicedeskapi/')) throw new HttpError(404, path);
      if (!path.includes('/comment')) return fixture.fetchJson(path);
      platformPaths.push(path);
      const startAt = Number(new URL(path, ORIGIN).searchParams.get('startAt'));
      return { startAt, maxResults: 2, total: all.length, comments: all.slice(startAt, startAt + 2) };
    };
    const ticket = await jira.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(platformPaths).toEqual([
      `/rest/api/3/issue/SD-101/comment?startAt=0&maxResults=${JIRA_COMMENT_LIMIT}`,
      `/rest/api/3/issue/SD-101/comment?startAt=2&maxResults=${JIRA_COMMENT_LIMIT}`,
    ]);
    expect(ticket.messages.slice(1).map((m) => [m.role, m.text, m.createdAt])).toEqual([
      ['agent', 'first', '2026-03-02T09:00:00.000+0100'],
      ['internal', 'note', undefined],
      ['customer', 'from Priya', undefined],
    ]);
  });

  it('reads an API v2 / Data Center description given as a string', () => {
    const issue = JSON.parse(JSON.stringify(ISSUE)) as { fields: Record<string, unknown> };
    issue.fields.description = 'Line one\r\n\r\n\r\nLine two\u200B';
    const ticket = ticketFromJiraApi(issue, [], `${ORIGIN}/browse/SD-101`);
    expect(ticket.messages[0]!.text).toBe('Line one\n\nLine two');
  });

  it('stops when the server sends the same page again with isLastPage false', async () => {
    const { doc, url } = loadPage();
    const fixture = fixtureFetch();
    let calls = 0;
    const fetchJson: Fetch = async (path) => {
      if (!path.includes('/comment')) return fixture.fetchJson(path);
      calls += 1;
      const first = (await fixture.fetchJson(path.replace(/start=\d+/, 'start=0'))) as Record<
        string,
        unknown
      >;
      return { ...first, isLastPage: false };
    };
    const ticket = await jira.extract({ doc, url, fetchJson });
    expect(calls).toBe(2);
    expect(ticket.messages).toHaveLength(1 + FIXTURE_COMMENT_PAGE_CAP);
  });

  it('refuses an answer about another issue, and an unknown shape', async () => {
    const { doc, url } = loadPage();
    const fixture = fixtureFetch();
    const fetchJson: Fetch = (path) =>
      fixture.fetchJson(
        path.replace('/issue/SD-101', '/issue/SD-102').replace('request/SD-101', 'request/SD-102'),
      );
    const ticket = await jira.extract({ doc, url, fetchJson });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toContain('Jira API returned an unexpected response');
    expect(() => ticketFromJiraApi({ key: 'SD-1' }, [], ORIGIN)).toThrow('Unexpected Jira API response');
  });
});

describe('DOM read and fallback', () => {
  it('falls back to the issue view with a warning when the API fails', async () => {
    const { doc, url } = loadPage();
    const ticket = await jira.extract({ doc, url, fetchJson: fixtureFetch({ jiraApi: 'error' }).fetchJson });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'jira', method: 'dom' });
    expect(ticket.warnings).toEqual([
      'Jira API returned 403; read from the page instead — older comments the issue view has not loaded, the requester’s email and exact comment times may be missing.',
    ]);
    expect(ticket.subject).toBe(SUBJECT);
    expect(ticket.requester).toEqual({ name: 'Priya Raman' });
    expect(ticket.status).toBe('Waiting for support');
    expect(ticket.priority).toBe('High');
    expect(ticket.tags).toEqual(['wifi', 'windows-update']);
    expect(ticket.messages.map((m) => [m.id, m.role, m.author.name])).toEqual([
      ['description', 'customer', 'Priya Raman'],
      ['10204', 'internal', 'Lena Vogel'],
      ['10205', 'agent', 'Marco Bianchi'],
      ['10206', 'customer', 'Priya Raman'],
      ['10207', 'internal', 'Lena Vogel'],
    ]);
    // Jira's renderer wraps list items in <p>: the page read gives them a blank line apiece.
    expect(ticket.messages[0]!.text).toBe(DESCRIPTION_TEXT.replace('\n- forgetting', '\n\n- forgetting'));
    expect(ticket.messages[1]!.createdAt).toBe('2026-03-02T10:05:00+01:00');
    for (const hidden of HIDDEN) expect(allText(ticket)).not.toContain(hidden);
  });

  it('reads only the issue view whose breadcrumb names the issue', () => {
    const { doc } = loadPage();
    expect(ticketFromJiraDom(doc, 'SD-102', ORIGIN)).toBeNull();
    showSd102(doc);
    expect(ticketFromJiraDom(doc, 'SD-101', ORIGIN)).toBeNull();
    const ticket = ticketFromJiraDom(doc, 'SD-102', ORIGIN)!;
    expect(ticket.subject).toBe('VPN hardware token for new starter');
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'customer', 'internal']);
  });

  it('reads an issue view without the layout root (older markup): the page with the right breadcrumb', () => {
    const { doc } = loadPage();
    const layout = doc.querySelector('[data-testid="issue.views.issue-details.issue-layout.issue-layout"]')!;
    layout.removeAttribute('data-testid');
    expect(findJiraIssueView(doc, 'SD-101')).toBe(doc.body);
    expect(ticketFromJiraDom(doc, 'SD-101', ORIGIN)?.subject).toBe(SUBJECT);
  });

  it('says plainly when no issue is open, and when neither API nor page has it', async () => {
    const list = loadPage('/jira/servicedesk/projects/SD/queues/custom/1');
    await expect(jira.extract({ ...list, fetchJson: fixtureFetch().fetchJson })).rejects.toThrow(
      NoTicketError,
    );
    const { doc } = loadPage();
    const other = new URL('/browse/SD-999', ORIGIN);
    await expect(
      jira.extract({ doc, url: other, fetchJson: fixtureFetch({ jiraApi: 'error' }).fetchJson }),
    ).rejects.toThrow('the ticket is not shown on this page');
  });

  it('says it in the browser’s language (German): no request open, and the API fallback warning', async () => {
    useTestLocale('de');
    try {
      const list = loadPage('/jira/servicedesk/projects/SD/queues/custom/1');
      await expect(jira.extract({ ...list, fetchJson: fixtureFetch().fetchJson })).rejects.toThrow(
        'In diesem Tab ist keine Jira Service Management-Anfrage geöffnet. Öffnen Sie eine aus einer Queue (oder /browse/<KEY-123>) und versuchen Sie es erneut.',
      );
      const { doc, url } = loadPage();
      const ticket = await jira.extract({
        doc,
        url,
        fetchJson: fixtureFetch({ jiraApi: 'error' }).fetchJson,
      });
      expect(ticket.warnings[0]).toMatch(
        /^Jira-API antwortete mit 403; stattdessen von der Seite gelesen – ältere/,
      );
    } finally {
      useTestLocale('en');
    }
  });
});

describe('findComposer', () => {
  it('picks "Reply to customer", never "Add internal note", and only for the issue on screen', () => {
    const { doc } = loadPage();
    const { reply } = mountEditors(doc);
    expect(jira.findComposer(doc, 'SD-101')).toBe(reply);
    expect(detectEditorKind(reply)).toBe('prosemirror');
    expect(jira.findComposer(doc, 'SD-102')).toBeNull();
  });

  it('without the reply container test id, takes the editor whose area has no internal-note mark', () => {
    const { doc } = loadPage();
    const { reply } = mountEditors(doc);
    doc
      .querySelector('[data-testid="issue.activity.comment.reply-to-customer"]')!
      .removeAttribute('data-testid');
    // The internal note editor comes first in the DOM now: it must still be skipped.
    const composers = doc.querySelectorAll('[data-testid="issue.activity.comment"]');
    composers[0]!.before(composers[1]!);
    expect(jira.findComposer(doc, 'SD-101')).toBe(reply);
  });

  it('returns null when only the internal note editor is open', () => {
    const { doc } = loadPage();
    const { reply } = mountEditors(doc);
    reply.remove();
    expect(jira.findComposer(doc, 'SD-101')).toBeNull();
  });

  it('after a switch, finds the new issue’s reply editor', () => {
    const { doc } = loadPage();
    showSd102(doc);
    const { reply } = mountEditors(doc);
    expect(jira.findComposer(doc, 'SD-102')).toBe(reply);
    expect(jira.findComposer(doc, 'SD-101')).toBeNull();
  });
});
