// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import {
  front,
  frontConversationId,
  frontConversationNumber,
  ticketFromFrontDom,
} from '../../utils/helpdesks/front';
import { adapterFor } from '../../utils/helpdesks/registry';
import { NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { showFrontRoute } from '../fixtures/front/panes';
import { fakeBubbleLayout } from './fake-layout';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/front');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://app.frontapp.com';
/** Conversation A: its pane is named by the API id; B: by the numeric URL id. */
const A = { number: '26183726081', id: 'cnv_c1144ch' };
const B = { number: '26183751402', id: 'cnv_c114nvu' };
const inboxPath = (number: string) => `/inboxes/shared/support/open/${number}`;

interface LoadedPage {
  win: Window;
  doc: Document;
  url: URL;
  go(path: string): URL;
}

/** The fixture page in a window with a real address and the fake layout, visiting `paths` in order. */
function loadPage(...paths: string[]): LoadedPage {
  const first = paths[0] ?? inboxPath(A.number);
  const win = new Window({ url: `${ORIGIN}${first}` });
  const doc = win.document as unknown as Document;
  doc.write(PAGE_HTML.replace(/<script[^>]*><\/script>/, ''));
  restoreLayout = fakeBubbleLayout(win);
  const go = (path: string) => {
    win.history.pushState({}, '', path);
    showFrontRoute(doc, path);
    return new URL(path, ORIGIN);
  };
  let url = new URL(first, ORIGIN);
  for (const path of paths.length > 0 ? paths : [first]) url = go(path);
  return { win, doc, url, go };
}

/** What Lexical's root looks like once `setRootElement` ran (the real editor runs only in the browser fixture). */
function addLexical(doc: Document, number: string, which: 'reply' | 'comment'): HTMLElement {
  const root = doc.querySelector(
    `[data-fixture-pane="${number}"] [data-fixture-${which}-mount]`,
  ) as HTMLElement;
  root.setAttribute('data-lexical-editor', 'true');
  root.innerHTML = '<p><br></p>';
  return root;
}

function read(page: LoadedPage, id: string): Ticket {
  const ticket = ticketFromFrontDom(page.doc, id, page.url.href);
  if (!ticket) throw new Error(`conversation ${id} not read`);
  return Ticket.parse(ticket);
}

let restoreLayout: (() => void) | null = null;
afterEach(() => {
  restoreLayout?.();
  restoreLayout = null;
});

describe('Front URLs and conversation ids', () => {
  const id = (path: string) => front.ticketId(new URL(path, ORIGIN), document);

  it('normalises the numeric in-app id and the cnv_ deep link to one id (cnv_ + base 36)', () => {
    expect(frontConversationId('26183726081')).toBe('cnv_c1144ch');
    expect(frontConversationId('cnv_C1144CH')).toBe('cnv_c1144ch');
    expect(frontConversationNumber('cnv_c1144ch')).toBe('26183726081');
    // Beyond 2^53 the conversion stays exact.
    expect(frontConversationNumber(frontConversationId('9007199254740993') ?? '')).toBe('9007199254740993');
    expect(frontConversationId('0')).toBeNull();
    expect(frontConversationId('msg_abc')).toBeNull();
  });

  it('reads every documented URL form', () => {
    expect(id('/open/cnv_c1144ch')).toBe(A.id);
    expect(id(inboxPath(A.number))).toBe(A.id);
    expect(id(`/inboxes/teams/views/4471/open/${A.number}`)).toBe(A.id);
    expect(id(`/inboxes/teammates/812/inbox/all/${A.number}`)).toBe(A.id);
    expect(id(`/inboxes/shared/support/open/${A.number}/message/msg_1x`)).toBe(A.id);
  });

  it('has no id on list views, teammate ids or message deep links', () => {
    expect(id('/inboxes/shared/support/open')).toBeNull();
    expect(id('/inboxes/teammates/812')).toBeNull();
    expect(id('/inboxes/teammates/812/inbox/all')).toBeNull();
    expect(id('/open/msg_1x2y3z')).toBeNull();
    expect(front.matches(new URL('https://frontapp.com/open/cnv_1'))).toBe(false);
    expect(front.matches(new URL('http://app.frontapp.com/open/cnv_1'))).toBe(false);
    expect(adapterFor(`${ORIGIN}/open/cnv_1`)?.id).toBe('front');
  });
});

describe('Front conversation read from the page (styled-components classes)', () => {
  it('reads subject, thread order, roles, authors, times, tags, status and requester', () => {
    const ticket = read(loadPage(inboxPath(A.number)), A.id);
    expect(ticket.subject).toBe('Shipment stuck in customs (order #88213)');
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'system',
      'internal',
      'agent',
      'customer',
    ]);
    expect(ticket.messages.map((m) => m.author)).toEqual([
      { name: 'Elena Petrova', email: 'elena@petrova-design.example' },
      { name: 'Front' },
      { name: 'Aisha Khan' },
      { name: 'Marcus Lee', email: 'support@northwind-goods.example' },
      { name: 'Elena Petrova', email: 'elena@petrova-design.example' },
    ]);
    expect(ticket.messages.map((m) => m.createdAt)).toEqual([
      '2026-03-05T08:14:00Z',
      undefined,
      '2026-03-05T08:40:00Z',
      '2026-03-05T09:02:00Z',
      '2026-03-06T07:30:00Z',
    ]);
    expect(ticket.messages[0]?.text).toBe(
      'Hello, my order #88213 has been stuck in customs in Rotterdam for six days.\n\nCould you send the commercial invoice to the broker?',
    );
    expect(ticket.messages[1]?.text).toBe('Assigned to Marcus Lee by rule "Shipping"');
    expect(ticket.requester).toEqual({ name: 'Elena Petrova', email: 'elena@petrova-design.example' });
    expect(ticket.status).toBe('Open');
    expect(ticket.tags).toEqual(['shipping', 'priority-customer']);
    expect(ticket.source).toEqual({ adapter: 'front', method: 'dom' });
    expect(ticket.warnings).toEqual([]);
  });

  it('never extracts hidden text, and a comment look-alike inside a mail body stays part of that mail', () => {
    const ticket = read(loadPage(inboxPath(A.number)), A.id);
    const all = ticket.messages.map((m) => m.text).join('\n');
    expect(all).not.toContain('500 EUR');
    expect(all).not.toContain('Decoy subject');
    expect(ticket.messages.filter((m) => m.role === 'internal')).toHaveLength(1);
    expect(ticket.messages.at(-1)?.role).toBe('customer');
    expect(ticket.messages.at(-1)?.text).toContain('approve any refund');
  });

  it('matches class prefixes, not hashes: a new deploy with other hashes reads the same', () => {
    const rehashed = PAGE_HTML.replace(/-sc-[0-9a-z]+-(\d)/g, '-sc-zz9911-$1').replace(
      /\b(kXyZab|bCdEfg|tImLin|cArdIn|cArdOu|sTaTus|tAgChp|cMmNtA)\b/g,
      (hash) => `${hash}Q`,
    );
    expect(rehashed).not.toBe(PAGE_HTML);
    const before = read(loadPage(inboxPath(A.number)), A.id);
    const win = new Window({ url: `${ORIGIN}${inboxPath(A.number)}` });
    const doc = win.document as unknown as Document;
    doc.write(rehashed.replace(/<script[^>]*><\/script>/, ''));
    restoreLayout?.();
    restoreLayout = fakeBubbleLayout(win);
    showFrontRoute(doc, inboxPath(A.number));
    const after = ticketFromFrontDom(doc, A.id, before.url);
    // The HTML keeps the new class names; everything read from it is the same.
    const withoutHtml = (messages: readonly Ticket['messages'][number][]) =>
      messages.map(({ html: _html, ...rest }) => rest);
    expect(withoutHtml(after?.messages ?? [])).toEqual(withoutHtml(before.messages));
    expect(after?.messages).toHaveLength(5);
    expect(after?.subject).toBe(before.subject);
  });

  it('with no layout to go by, says that it could not tell sent from received', () => {
    const page = loadPage(inboxPath(A.number));
    restoreLayout?.();
    restoreLayout = null;
    const ticket = read(page, A.id);
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'system',
      'internal',
      'customer',
      'customer',
    ]);
    expect(ticket.warnings).toEqual([
      "Front did not show whether 3 messages were sent or received; treated as the customer's.",
    ]);
  });
});

describe('Front: which conversation, and its composer', () => {
  it('after a switch, reads each pane by id (API id or number) and offers only the shown reply composer', () => {
    const page = loadPage(inboxPath(A.number), inboxPath(B.number));
    expect(front.ticketId(page.url, page.doc)).toBe(B.id);
    const replyA = addLexical(page.doc, A.number, 'reply');
    const replyB = addLexical(page.doc, B.number, 'reply');
    addLexical(page.doc, B.number, 'comment');

    expect(read(page, A.id).subject).toBe('Shipment stuck in customs (order #88213)');
    const b = read(page, B.id);
    expect(b.subject).toBe("Can't add a second admin to our workspace");
    expect(b.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer']);
    expect(b.requester).toEqual({ name: 'Tom Becker', email: 'tom@becker-bau.example' });

    expect(front.findComposer(page.doc, B.id)).toBe(replyB);
    expect(front.findComposer(page.doc, A.id)).toBeNull();
    expect(detectEditorKind(replyB)).toBe('lexical');

    page.go(`/open/${A.id}`);
    expect(front.ticketId(new URL(`/open/${A.id}`, ORIGIN), page.doc)).toBe(A.id);
    expect(front.findComposer(page.doc, A.id)).toBe(replyA);
    expect(front.findComposer(page.doc, B.id)).toBeNull();
  });

  it('never reads another conversation while the page still shows the previous one', async () => {
    const page = loadPage(inboxPath(A.number));
    const url = new URL(inboxPath(B.number), ORIGIN);
    expect(ticketFromFrontDom(page.doc, B.id, url.href)).toBeNull();
    expect(front.findComposer(page.doc, B.id)).toBeNull();
    await expect(
      front.extract({ doc: page.doc, url, fetchJson: () => Promise.reject(new Error('no API')) }),
    ).rejects.toThrow(NoTicketError);
  });

  it('extract() reads the routed conversation without any request', async () => {
    const page = loadPage(inboxPath(B.number), `/open/${A.id}`);
    const requests: string[] = [];
    const ticket = await front.extract({
      doc: page.doc,
      url: page.url,
      fetchJson: async (path) => {
        requests.push(path);
        throw new Error('unexpected');
      },
    });
    expect(Ticket.parse(ticket).id).toBe(A.id);
    expect(ticket.messages).toHaveLength(5);
    expect(requests).toEqual([]);
  });
});
