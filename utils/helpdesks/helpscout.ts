import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, inTimeOrder, isDigits, rootShowingTicket, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  cleanText,
  documentUrl,
  matchesAny,
  queryAllFirst,
  queryFirst,
  queryFirstShown,
  shownText,
  visibleText,
  visibleTextExcept,
} from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Help Scout (the agent app on secure.helpscout.net). Facts come from ../../shared/research/helpdesks.md
// ("Help Scout"); they are data below, the mechanisms live in ./dom.ts and ./adapter-kit.ts. Runs in the content
// script: no zod.
//
// Read from the page only: no same-origin API on the agent's session is known (the Mailbox API v2 needs an
// OAuth app), and the `window.appData` page global is out of a content script's reach. Two markups are read:
// the newer one (`li > div[id^="thread-"]`, `data-cy` attributes) and the legacy one (`article.thread`,
// `section.messageBody`). Selectors marked "inferred" were not seen in any source: verify on a live tenant.

export const helpscoutPatterns = {
  /** The agent app lives on one host for every account. */
  host: /^secure\.helpscout\.net$/i,
  /** `/conversation/{conversationId}/{number}` (research: `/conversations?\/\d+\/(\d+)/`); the number may be absent. */
  conversationPath: /^\/conversations?\/(\d+)(?:\/(\d+))?\/?$/,
  /** The conversation number as shown in the header: `#4817`. */
  shownNumber: /^#?\s*(\d+)$/,
  /** Thread elements carry `id="thread-{threadId}"`. */
  threadId: /^thread-(\d+)$/,
} as const;

export const helpscoutSelectors = {
  /**
   * One conversation view. Inferred: no source names the container; the app may keep an earlier conversation's
   * view mounted (hidden) during a switch, so the view is chosen by the number its header shows.
   */
  conversation: ['[data-cy="ConversationView"]', '#js-convo', '#conversation'],
  /** The conversation number in the header actions (research: `[data-cy="Text"]` there). */
  number: ['[data-cy="ConversationHeader.Actions"] [data-cy="Text"]'],
  subject: ['[data-cy="EditableTextarea"]', '[aria-label="Conversation Subject"]', '#subjectLine'],
  tag: ['[data-cy="Tag"]', '.tag-list .tag'],
  /** Inferred: the status button in the header (Active / Pending / Closed). */
  status: ['[data-cy="ConversationHeader.Status"]', '[data-cy="StatusButton"]'],
  /** The customer sidebar. Inferred. */
  customerName: ['[data-cy="CustomerProfile.Name"]', '.customer-profile .name'],
  customerEmail: ['[data-cy="CustomerProfile.Email"]', '[data-cy="CustomerProfile"] a[href^="mailto:"]'],
  /** Newer markup first, then the legacy `article.thread` (research). */
  thread: ['li > div[id^="thread-"]', 'article.thread[id^="thread-"]', 'article.thread'],
  /** Newer markup: research names `span[data-nocollapse="true"]`; legacy `.thread-header .name` is inferred. */
  author: ['span[data-nocollapse="true"]', '.thread-header .name', 'header .name'],
  /** Newer body container inferred; legacy `section.js-thread-content section.messageBody` (research). */
  body: [
    '[data-cy="ThreadBody"]',
    'section.js-thread-content section.messageBody',
    'section.messageBody',
    '.thread-content',
  ],
  time: ['time[datetime]', 'abbr.timestamp[title]'],
  /**
   * Thread kinds. Help Scout's thread types are customer / message (agent reply) / note / lineitem. The
   * `data-thread-type` attribute of the newer markup is inferred; the legacy classes follow `article.thread.customer`.
   */
  noteThread: ['[data-thread-type="note"]', '.thread.note'],
  lineItem: ['[data-thread-type="lineitem"]', '.thread.lineitem', '.lineitem'],
  customerThread: ['[data-thread-type="customer"]', '.thread.customer'],
  /**
   * The reply editor: Slate in `[data-cy="ConvoEditor"]` (one source; its editor family is still detected from
   * the DOM by ./editor-kind.ts), legacy Redactor.
   */
  composer: [
    '[data-cy="ConvoEditor"] [data-slate-editor="true"]',
    '[data-cy="ConvoEditor"] [contenteditable="true"]',
    '[data-slate-editor="true"]',
    '.redactor_editor[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

// ---------- which conversation ----------

interface Route {
  conversationId: string;
  number: string | null;
}

function routeOf(url: URL): Route | null {
  const match = helpscoutPatterns.conversationPath.exec(url.pathname);
  if (!match) return null;
  return { conversationId: match[1]!, number: match[2] ?? null };
}

function shownNumber(root: Element): string | null {
  const el = queryFirst(root, helpscoutSelectors.number);
  return el ? (helpscoutPatterns.shownNumber.exec(shownText(el))?.[1] ?? null) : null;
}

/**
 * The view of the conversation the URL names: the shown view whose header shows the URL's number. Without a
 * recognised view container the whole document counts, provided its header shows no other number.
 */
function conversationRoot(doc: Document, route: Route): Element | null {
  const roots = queryAllFirst(doc, helpscoutSelectors.conversation);
  if (roots.length > 0) return rootShowingTicket(roots, route.number, shownNumber);
  const number = shownNumber(doc.documentElement);
  return route.number === null || number === null || number === route.number ? doc.body : null;
}

/** The conversation `conversationId`'s view, when the page (at `url`) shows it. */
export function findHelpscoutConversation(doc: Document, url: URL, conversationId: string): Element | null {
  const route = routeOf(url);
  if (!route || route.conversationId !== conversationId) return null;
  return conversationRoot(doc, route);
}

// ---------- DOM read ----------

function roleOfThread(thread: Element): MessageRole {
  if (matchesAny(thread, helpscoutSelectors.noteThread)) return 'internal';
  if (matchesAny(thread, helpscoutSelectors.lineItem)) return 'system';
  if (matchesAny(thread, helpscoutSelectors.customerThread)) return 'customer';
  return 'agent';
}

function timeOf(thread: Element): string | undefined {
  const el = queryFirst(thread, helpscoutSelectors.time);
  const value = el?.getAttribute('datetime') ?? el?.getAttribute('title') ?? '';
  return value !== '' && !Number.isNaN(Date.parse(value)) ? clip(value, TICKET_LIMITS.short) : undefined;
}

function messageFromThread(thread: Element): TicketMessage | null {
  const role = roleOfThread(thread);
  // A line item ("Maria changed the status to Pending") has no body: its own text, without its time, is the message.
  const bodyEl = queryFirst(thread, helpscoutSelectors.body);
  if (!bodyEl && role !== 'system') return null;
  const text = bodyEl ? visibleText(bodyEl) : visibleTextExcept(thread, helpscoutSelectors.time);
  if (text === '') return null;
  const authorEl = role === 'system' ? null : queryFirst(thread, helpscoutSelectors.author);
  const name = authorEl ? visibleText(authorEl) : role === 'system' ? 'Help Scout' : '';
  const message: TicketMessage = {
    author: { name: clip(name, TICKET_LIMITS.name) },
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = helpscoutPatterns.threadId.exec(thread.id)?.[1];
  if (id) message.id = id;
  if (bodyEl) {
    const html = bodyEl.innerHTML.trim();
    if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  }
  const createdAt = timeOf(thread);
  if (createdAt) message.createdAt = createdAt;
  return message;
}

function requesterOf(root: Element, doc: Document, messages: readonly TicketMessage[]): Person {
  // The customer sidebar may sit outside the conversation view (and one per conversation may be mounted).
  const nameEl =
    queryFirstShown(root, helpscoutSelectors.customerName) ??
    queryFirstShown(doc, helpscoutSelectors.customerName);
  const emailEl =
    queryFirstShown(root, helpscoutSelectors.customerEmail) ??
    queryFirstShown(doc, helpscoutSelectors.customerEmail);
  const name = nameEl ? visibleText(nameEl) : '';
  const emailText = emailEl
    ? (emailEl.getAttribute('href')?.replace(/^mailto:/i, '') ?? visibleText(emailEl))
    : '';
  const email = /^[^\s@]+@[^\s@]+$/.test(emailText.trim()) ? emailText.trim() : '';
  const fallback = messages.find((m) => m.role === 'customer')?.author.name ?? '';
  const person: Person = { name: clip(name || fallback || email, TICKET_LIMITS.name) };
  if (email) person.email = clip(email, TICKET_LIMITS.name);
  return person;
}

/**
 * Reads conversation `conversationId` from the page at `url` (its own view only), or null when the page does
 * not show it.
 */
export function ticketFromHelpscoutDom(doc: Document, url: URL, conversationId: string): Ticket | null {
  const root = findHelpscoutConversation(doc, url, conversationId);
  if (!root) return null;
  const subjectEl = queryFirst(root, helpscoutSelectors.subject);
  const subject = subjectEl ? shownText(subjectEl) : '';
  const threads = queryAllFirst(root, helpscoutSelectors.thread);
  const messages = inTimeOrder(threads.map(messageFromThread).filter((m): m is TicketMessage => m !== null));
  if (subject === '' && messages.length === 0) return null;
  const tags = queryAllFirst(root, helpscoutSelectors.tag).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: conversationId,
    url: url.href,
    helpdesk: 'helpscout',
    method: 'dom',
    subject: subject,
    requester: requesterOf(root, doc, messages),
    messages,
    tags: tags,
  });
  const statusEl = queryFirst(root, helpscoutSelectors.status);
  const status = statusEl ? cleanText(shownText(statusEl)) : '';
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const conversationId = helpscout.matches(ctx.url) ? (routeOf(ctx.url)?.conversationId ?? null) : null;
  if (conversationId === null) {
    throw new NoTicketError(
      t('core_reader_no_conversation_open_contains', 'Help Scout', '/conversation/<id>/<number>'),
    );
  }
  const ticket = ticketFromHelpscoutDom(ctx.doc, ctx.url, conversationId);
  if (!ticket) {
    throw new NoTicketError(t('error_conversation_not_shown_yet', 'Help Scout', conversationId));
  }
  return ticket;
}

/** The reply editor inside the conversation's own view; null when the page shows another conversation. */
function findComposer(doc: Document, conversationId: string): HTMLElement | null {
  if (!isDigits(conversationId)) return null;
  const url = documentUrl(doc);
  const root = url ? findHelpscoutConversation(doc, url, conversationId) : null;
  return root ? queryFirstShown<HTMLElement>(root, helpscoutSelectors.composer) : null;
}

export const helpscout: HelpdeskAdapter = {
  id: 'helpscout',
  name: 'Help Scout',
  matches(url) {
    return isHelpdeskHost(url, 'helpscout', helpscoutPatterns.host);
  },
  ticketId(url, doc) {
    if (!helpscout.matches(url)) return null;
    const route = routeOf(url);
    if (!route) return null;
    // Help Scout changes the URL first and shows the conversation once it has loaded it. While the previous
    // conversation's view is still the one on screen, none counts as open: the route watcher reports the switch
    // (and the panel reads) when the page shows the new one, and Insert never aims at the old view meanwhile.
    const views = queryAllFirst(doc, helpscoutSelectors.conversation);
    if (views.length > 0 && !rootShowingTicket(views, route.number, shownNumber)) return null;
    return route.conversationId;
  },
  extract,
  findComposer,
  selectors: helpscoutSelectors,
};
