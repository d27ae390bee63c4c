// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import { intercom, ticketFromIntercomDom } from '../../utils/helpdesks/intercom';
import { adapterFor } from '../../utils/helpdesks/registry';
import { NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { showIntercomRoute } from '../fixtures/intercom/panes';
import { fakeBubbleLayout } from './fake-layout';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/intercom');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://app.intercom.com';
const LEGACY_ID = '215471';
const TAILWIND_ID = '215498';
const pathOf = (id: string) => `/a/inbox/k7x2p9qa/inbox/shared/all/conversation/${id}`;

interface LoadedPage {
  win: Window;
  doc: Document;
  url: URL;
  /** Switches the conversation the way the fixture's app does after a pushState. */
  go(id: string): URL;
}

/** The fixture page in a window with a real address, showing the conversations in `route` order. */
function loadPage(...route: string[]): LoadedPage {
  const win = new Window({ url: `${ORIGIN}${pathOf(route[0] ?? LEGACY_ID)}` });
  const doc = win.document as unknown as Document;
  doc.write(PAGE_HTML.replace(/<script[^>]*><\/script>/, ''));
  const go = (id: string) => {
    win.history.pushState({}, '', pathOf(id));
    showIntercomRoute(doc, pathOf(id));
    return new URL(pathOf(id), ORIGIN);
  };
  let url = new URL(pathOf(route[0] ?? LEGACY_ID), ORIGIN);
  for (const id of route) url = go(id);
  return { win, doc, url, go };
}

/** What ProseMirror renders into the mount (the real EditorView runs only in the browser fixture). */
function addProseMirror(doc: Document, conversationId: string): HTMLElement {
  const mount = doc.querySelector(
    `[data-conversation-id="${conversationId}"] [data-conversation-reply-composer]`,
  ) as HTMLElement;
  const editable = doc.createElement('div');
  editable.className = 'ProseMirror embercom-prosemirror-composer-editor';
  editable.setAttribute('contenteditable', 'true');
  editable.innerHTML = '<p><br class="ProseMirror-trailingBreak"></p>';
  mount.append(editable);
  return editable;
}

function read(page: LoadedPage, id: string): Ticket {
  const ticket = ticketFromIntercomDom(page.doc, id, page.url.href);
  if (!ticket) throw new Error(`conversation ${id} not read`);
  return Ticket.parse(ticket);
}

const HIDDEN_BAIT = ['5000 EUR', 'watch list', 'admin password', 'API keys'];

let restoreLayout: (() => void) | null = null;
afterEach(() => {
  restoreLayout?.();
  restoreLayout = null;
  setDeclaredHosts([]);
});

describe('Intercom URLs and conversation ids', () => {
  const id = (href: string) => intercom.ticketId(new URL(href), document);

  it('reads the id from the inbox route in every view form and from the legacy route', () => {
    expect(id(`${ORIGIN}/a/inbox/k7x2p9qa/inbox/shared/all/conversation/215471`)).toBe('215471');
    expect(id(`${ORIGIN}/a/inbox/_/inbox/conversation/215471`)).toBe('215471');
    expect(id(`${ORIGIN}/a/inbox/k7x2p9qa/inbox/admin/4471/conversation/9001?view=List`)).toBe('9001');
    expect(id(`${ORIGIN}/a/inbox/k7x2p9qa/inbox/search/conversation/77/`)).toBe('77');
    expect(id(`${ORIGIN}/a/apps/k7x2p9qa/inbox/inbox/all/conversations/215471`)).toBe('215471');
    expect(id(`${ORIGIN}/a/apps/k7x2p9qa/conversations/12`)).toBe('12');
  });

  it('has no id outside a conversation, and does not match other hosts or plain HTTP', () => {
    expect(id(`${ORIGIN}/a/inbox/k7x2p9qa/inbox/shared/all`)).toBeNull();
    expect(id(`${ORIGIN}/a/inbox/k7x2p9qa/inbox/shared/all/conversation/abc`)).toBeNull();
    expect(id(`${ORIGIN}/a/apps/k7x2p9qa/users/42`)).toBeNull();
    expect(intercom.matches(new URL(`${ORIGIN}/a/inbox/x/inbox`))).toBe(true);
    expect(intercom.matches(new URL(`${ORIGIN}/`))).toBe(false);
    expect(intercom.matches(new URL('https://www.intercom.com/a/inbox/x/inbox'))).toBe(false);
    expect(intercom.matches(new URL('http://app.intercom.com/a/inbox/x/inbox'))).toBe(false);
    expect(adapterFor(`${ORIGIN}${pathOf('1')}`)?.id).toBe('intercom');
  });

  it('works on a host the agent declared as Intercom (e.g. the EU data centre)', () => {
    const eu = 'https://app.eu.intercom.com/a/inbox/x/inbox/conversation/5';
    expect(id(eu)).toBeNull();
    setDeclaredHosts([{ host: 'app.eu.intercom.com', helpdesk: 'intercom' }]);
    expect(id(eu)).toBe('5');
  });
});

describe('Intercom conversation read from the page (legacy part markup)', () => {
  it('reads the stream inside the open shadow root, in order, with roles from data-part-group-category', () => {
    const page = loadPage(LEGACY_ID);
    // The stream really is in a shadow root: a plain query does not find it.
    expect(page.doc.querySelector('[data-testid="conversation-stream-scroll-container"]')).toBeNull();
    const ticket = read(page, LEGACY_ID);
    expect(ticket.subject).toBe('Refund for double charge on invoice INV-2291');
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'agent',
      'system',
      'internal',
      'agent',
      'customer',
    ]);
    expect(ticket.messages.map((m) => m.author.name)).toEqual([
      'Maya Okafor',
      'Fin',
      '',
      'Priya Raman',
      'Priya Raman',
      'Maya Okafor',
    ]);
    expect(ticket.messages.map((m) => m.id)).toEqual(['31001', '31002', '31003', '31004', '31005', '31006']);
    expect(ticket.messages[0]?.createdAt).toBe('2026-03-02T09:41:00Z');
    expect(ticket.messages[0]?.text).toBe(
      'Hi! I was charged twice for invoice INV-2291 this month.\n\nCan you refund one of the two payments?',
    );
    expect(ticket.messages[3]?.text).toContain('retry bug on our side');
    // Two consecutive messages of one author form one part group: both bodies are read, in order.
    expect(ticket.messages[4]?.text).toBe(
      'Hi Maya, you are right: we took the payment twice. I have started the refund of the second one.\n\nI will confirm here once the bank has processed it.',
    );
    expect(ticket.requester).toEqual({ name: 'Maya Okafor' });
    expect(ticket.status).toBe('Open');
    expect(ticket.tags).toEqual(['billing', 'refund']);
    expect(ticket.source).toEqual({ adapter: 'intercom', method: 'dom' });
    expect(ticket.warnings).toEqual([]);
  });

  it('never extracts hidden text, and role markers written inside a message body do not count', () => {
    const ticket = read(loadPage(LEGACY_ID), LEGACY_ID);
    const all = ticket.messages.map((m) => m.text).join('\n');
    for (const bait of ['5000 EUR', 'watch list', 'admin password']) expect(all).not.toContain(bait);
    // The last customer message carries `<span class="o__note" data-part-group-category="4">` in its body.
    const last = ticket.messages.at(-1);
    expect(last?.role).toBe('customer');
    expect(last?.text).toContain('Note to the AI');
    expect(ticket.messages.filter((m) => m.role === 'internal')).toHaveLength(1);
  });
});

describe('Intercom conversation read from the page (Tailwind markup, no role attribute)', () => {
  it('tells roles from where each bubble is laid out: start = customer, end = team, centre = event', () => {
    const page = loadPage(TAILWIND_ID);
    restoreLayout = fakeBubbleLayout(page.win);
    const ticket = read(page, TAILWIND_ID);
    expect(ticket.subject).toBe('Webhook retries flood our endpoint');
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'system',
      'agent',
      'internal',
      'customer',
    ]);
    expect(ticket.messages.map((m) => m.author.name)).toEqual([
      'Jonas Berg',
      '',
      'Lea Novak',
      'Lea Novak',
      'Jonas Berg',
    ]);
    expect(ticket.messages[2]?.text).toBe(
      'Sorry about that, Jonas. Retries back off exponentially from the next deploy.',
    );
    expect(ticket.messages[4]?.createdAt).toBe('2026-03-04T15:02:00Z');
    expect(ticket.requester).toEqual({ name: 'Jonas Berg' });
    expect(ticket.status).toBe('Snoozed');
    expect(ticket.tags).toEqual(['api']);
    expect(ticket.messages.map((m) => m.text).join('\n')).not.toContain('API keys');
    expect(ticket.warnings).toEqual([]);
  });

  it('with no layout to go by, says how many messages had no known author role', () => {
    const ticket = read(loadPage(TAILWIND_ID), TAILWIND_ID);
    // The note is still a note (its marker is in the markup); the rest cannot be told apart.
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'customer',
      'customer',
      'internal',
      'customer',
    ]);
    expect(ticket.warnings).toEqual([
      "Intercom did not show who wrote 4 messages; they are treated as the customer's.",
    ]);
  });

  it('reads row alignment classes where Intercom still puts them', () => {
    const page = loadPage(TAILWIND_ID);
    const stream = page.doc
      .querySelector(`[data-conversation-id="${TAILWIND_ID}"] [data-fixture-shadow-stream]`)
      ?.shadowRoot?.querySelector('[data-testid="conversation-stream-scroll-container"]');
    const rows = Array.from(stream?.children ?? []);
    rows[0]?.classList.add('justify-start');
    rows[2]?.classList.add('justify-end');
    const ticket = read(page, TAILWIND_ID);
    expect(ticket.messages[0]?.role).toBe('customer');
    expect(ticket.messages[2]?.role).toBe('agent');
    expect(ticket.warnings[0]).toContain('2 messages');
  });
});

describe('Intercom: which conversation, and its composer', () => {
  it('after a switch, reads each conversation from its own pane, and only the shown one has a composer', () => {
    const page = loadPage(LEGACY_ID, TAILWIND_ID);
    expect(intercom.ticketId(page.url, page.doc)).toBe(TAILWIND_ID);
    const legacyComposer = addProseMirror(page.doc, LEGACY_ID);
    const tailwindComposer = addProseMirror(page.doc, TAILWIND_ID);
    // Both panes are in the DOM; the legacy one is hidden.
    expect(read(page, LEGACY_ID).subject).toBe('Refund for double charge on invoice INV-2291');
    expect(read(page, TAILWIND_ID).subject).toBe('Webhook retries flood our endpoint');
    expect(intercom.findComposer(page.doc, TAILWIND_ID)).toBe(tailwindComposer);
    expect(intercom.findComposer(page.doc, LEGACY_ID)).toBeNull();
    expect(detectEditorKind(tailwindComposer)).toBe('prosemirror');

    page.go(LEGACY_ID);
    expect(intercom.findComposer(page.doc, LEGACY_ID)).toBe(legacyComposer);
    expect(intercom.findComposer(page.doc, TAILWIND_ID)).toBeNull();
  });

  it('never reads another conversation while the page still shows the previous one', async () => {
    const page = loadPage(LEGACY_ID);
    // The route already names 215498; the app has not rendered it yet.
    page.win.history.pushState({}, '', pathOf(TAILWIND_ID));
    const url = new URL(pathOf(TAILWIND_ID), ORIGIN);
    expect(ticketFromIntercomDom(page.doc, TAILWIND_ID, url.href)).toBeNull();
    expect(intercom.findComposer(page.doc, TAILWIND_ID)).toBeNull();
    await expect(
      intercom.extract({ doc: page.doc, url, fetchJson: () => Promise.reject(new Error('no API')) }),
    ).rejects.toThrow(NoTicketError);
  });

  it('without id markers on the page, reads the one pane on screen, and refuses when two are', () => {
    const page = loadPage(LEGACY_ID, TAILWIND_ID);
    for (const pane of Array.from(page.doc.querySelectorAll('[data-conversation-id]'))) {
      pane.removeAttribute('data-conversation-id');
    }
    expect(read(page, TAILWIND_ID).subject).toBe('Webhook retries flood our endpoint');
    for (const pane of Array.from(page.doc.querySelectorAll<HTMLElement>('.conversation')))
      pane.hidden = false;
    expect(ticketFromIntercomDom(page.doc, TAILWIND_ID, page.url.href)).toBeNull();
  });

  it('with no pane recognised at all, reads the page as one conversation when it has exactly one stream', () => {
    const page = loadPage(TAILWIND_ID);
    const pane = page.doc.querySelector('[data-conversation-id]')!;
    pane.removeAttribute('data-conversation-id');
    pane.classList.remove('conversation');
    expect(read(page, TAILWIND_ID).messages).toHaveLength(5);
    // A second stream on the page: which one is the conversation is unknown, so nothing is read.
    page.go(LEGACY_ID);
    const second = page.doc.querySelector('[data-conversation-id]')!;
    second.removeAttribute('data-conversation-id');
    second.classList.remove('conversation');
    expect(ticketFromIntercomDom(page.doc, LEGACY_ID, page.url.href)).toBeNull();
  });

  it('has nothing to read on a conversation-less inbox view', async () => {
    const page = loadPage(LEGACY_ID);
    const url = new URL('/a/inbox/k7x2p9qa/inbox/shared/all', ORIGIN);
    await expect(
      intercom.extract({ doc: page.doc, url, fetchJson: () => Promise.reject(new Error('no API')) }),
    ).rejects.toThrow('No Intercom conversation is open');
  });

  it('extract() gives the validated ticket of the routed conversation without any request', async () => {
    const page = loadPage(TAILWIND_ID, LEGACY_ID);
    const requests: string[] = [];
    const ticket = await intercom.extract({
      doc: page.doc,
      url: page.url,
      fetchJson: async (path) => {
        requests.push(path);
        throw new Error('unexpected');
      },
    });
    expect(Ticket.parse(ticket).id).toBe(LEGACY_ID);
    expect(ticket.messages).toHaveLength(6);
    expect(requests).toEqual([]);
    expect(ticket.messages.map((m) => m.text).join('\n')).not.toMatch(new RegExp(HIDDEN_BAIT.join('|')));
  });
});
