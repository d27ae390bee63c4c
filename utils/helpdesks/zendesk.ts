import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
  collapsedPageNote,
  idOf,
  isDigits,
  isObject,
  type JsonObject,
  readApiThenPage,
  selfOrDescendant,
  stringOf,
  TICKET_LIMITS,
  tagList,
  ticketOf,
} from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import { cleanText, fillSelectors, queryAllFirst, queryFirst, textFromHtml, visibleText } from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Zendesk Support, Agent Workspace. Facts come from ../../shared/research/helpdesks.md ("Zendesk
// Support"): they are data below; the mechanisms live in ./dom.ts. Runs in the content script: no zod.

export const zendeskPatterns = {
  /** Tenants live on `<sub>.zendesk.com`. */
  host: /^[a-z0-9][a-z0-9-]*\.zendesk\.com$/i,
  /** The agent interface (the help center lives under /hc and is not ours). */
  agentPath: /^\/agent(?:\/|$)/,
  ticketPath: /^\/agent\/tickets\/(\d+)(?:\/|$)/,
  /** `data-test-id="ticket-<id>-custom-layout"` and similar per-ticket test ids. */
  ticketTestId: /^ticket-(\d+)-/,
} as const;

export const zendeskSelectors = {
  /** A whole ticket pane (header, conversation log, composer). Every open ticket tab keeps one in the DOM. */
  pane: ['.ticket-panes-grid-layout', 'div[data-test-id^="ticket-"][data-is-active]'],
  activePane: [
    '.ticket-panes-grid-layout[data-is-active="true"]',
    'div[data-test-id^="ticket-"][data-is-active="true"]',
  ],
  /** Elements naming one ticket; `{id}` is the ticket id. Used when no pane container is recognised. */
  ticketRoot: [
    '[data-test-id="ticket-{id}-custom-layout"]',
    'div[data-side-conversations-anchor-id="{id}"]',
    '[data-channel-switcher-trigger-for-ticket-id="{id}"]',
  ],
  /** Anything inside a pane that names the pane's ticket (id attributes, per-ticket test ids). */
  ticketMarker: [
    '[data-side-conversations-anchor-id]',
    '[data-channel-switcher-trigger-for-ticket-id]',
    '[data-test-id^="ticket-"]',
  ],
  /** The selected tab in the tab bar; `data-entity-id` is the ticket id. */
  selectedTab: ['header div[data-selected="true"][data-entity-id]'],
  subject: ['input[data-test-id="omni-header-subject"]', 'input[data-test-id="ticket-pane-subject"]'],
  log: ['[data-test-id="omni-log-container"]'],
  /** One per conversation event, relative to the log (old UI: `div[data-comment-id]`). */
  logItem: ['article', 'div[data-comment-id]'],
  sender: ['[data-test-id="omni-log-item-sender"]'],
  time: ['time[datetime]'],
  body: ['[data-test-id="omni-log-message-content"]', '.zd-comment'],
  /** Its `type` attribute is `end-user`, `agent` or `internal`. */
  messageType: ['[data-test-id="omni-log-item-message"][type]'],
  /** Present while older messages are collapsed. */
  showMore: ['button[data-test-id="convolog-show-more-button"]'],
  /** Requester avatar in the composer header: `alt` = email, next sibling = name. */
  requesterAvatar: ['[data-garden-id="tags.avatar"]'],
  composer: [
    '[contenteditable="true"][data-test-id="omnicomposer-rich-text-ckeditor"]',
    '.ck-editor__editable[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** Attributes whose value is the ticket id of the pane they sit in. */
const TICKET_ID_ATTRIBUTES = [
  'data-side-conversations-anchor-id',
  'data-channel-switcher-trigger-for-ticket-id',
];

/** `type` of `omni-log-item-message` → role. */
const DOM_MESSAGE_ROLES: Readonly<Record<string, MessageRole>> = {
  'end-user': 'customer',
  agent: 'agent',
  internal: 'internal',
};

/** Zendesk user `role` → role of what they write in public. */
const API_USER_ROLES: Readonly<Record<string, MessageRole>> = {
  'end-user': 'customer',
  agent: 'agent',
  admin: 'agent',
};

/** Zendesk's own user id for system-made comments. */
const SYSTEM_AUTHOR_ID = '-1';
const MAX_COMMENT_PAGES = 20;

const api = {
  ticket: (id: string) => `/api/v2/tickets/${id}.json?include=users`,
  comments: (id: string) => `/api/v2/tickets/${id}/comments.json?include=users`,
  commentsPath: (id: string) => `/api/v2/tickets/${id}/comments.json`,
};

// ---------- active ticket scoping ----------

/** Ticket ids the element or anything inside it declares. */
function declaredTicketIds(pane: Element): Set<string> {
  const ids = new Set<string>();
  const consider = (el: Element): void => {
    for (const attribute of TICKET_ID_ATTRIBUTES) {
      const value = el.getAttribute(attribute);
      if (isDigits(value)) ids.add(value);
    }
    const testId = zendeskPatterns.ticketTestId.exec(el.getAttribute('data-test-id') ?? '');
    if (testId?.[1]) ids.add(testId[1]);
  };
  consider(pane);
  for (const selector of zendeskSelectors.ticketMarker) {
    for (const el of Array.from(pane.querySelectorAll(selector))) consider(el);
  }
  return ids;
}

function declaresOnly(pane: Element, ticketId: string): boolean {
  const ids = declaredTicketIds(pane);
  return ids.size === 1 && ids.has(ticketId);
}

function selectedTabTicketId(doc: Document): string | null {
  return queryFirst(doc, zendeskSelectors.selectedTab)?.getAttribute('data-entity-id') ?? null;
}

/**
 * The pane of ticket `ticketId`, never another ticket's: several ticket tabs live in one DOM and
 * hidden ones still have layout, so the scope is chosen by id, then by active-pane attributes
 * (only when nothing on the page names a different ticket).
 */
export function findZendeskPane(doc: Document, ticketId: string): Element | null {
  if (!isDigits(ticketId)) return null;
  const own = queryAllFirst(doc, zendeskSelectors.pane).filter((pane) => declaresOnly(pane, ticketId));
  if (own.length > 0) return own.find((pane) => pane.getAttribute('data-is-active') === 'true') ?? own[0]!;

  const root = queryFirst(doc, fillSelectors(zendeskSelectors.ticketRoot, { id: ticketId }));
  if (root) return root;

  const active = queryFirst(doc, zendeskSelectors.activePane);
  if (!active) return null;
  if (declaredTicketIds(active).size > 0) return null; // it names some other ticket
  const tabId = selectedTabTicketId(doc);
  return tabId === null || tabId === ticketId ? active : null;
}

/** The reply editor in the pane of `ticketId`, provided that pane is the one on screen. */
function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  const pane = findZendeskPane(doc, ticketId);
  if (!pane || pane.getAttribute('data-is-active') === 'false') return null;
  const tabId = selectedTabTicketId(doc);
  if (tabId !== null && tabId !== ticketId) return null;
  return queryFirst<HTMLElement>(pane, zendeskSelectors.composer);
}

// ---------- DOM read ----------

function fieldValue(el: Element): string {
  const value = (el as Partial<HTMLInputElement>).value;
  return typeof value === 'string' ? value : visibleText(el);
}

function messageFromLogItem(item: Element): TicketMessage | null {
  const body = queryFirst(item, zendeskSelectors.body);
  if (!body) return null; // status changes, channel dividers, other events
  const text = visibleText(body);
  if (text === '') return null;
  const type = selfOrDescendant(item, zendeskSelectors.messageType)?.getAttribute('type') ?? '';
  const role = DOM_MESSAGE_ROLES[type] ?? 'system';
  const senderEl = queryFirst(item, zendeskSelectors.sender);
  const name = senderEl ? visibleText(senderEl) : '';
  const message: TicketMessage = {
    author: { name: name || (role === 'system' ? 'Zendesk' : '') },
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const html = body.innerHTML.trim();
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = queryFirst(item, zendeskSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

function requesterFromComposer(pane: Element): Person | null {
  const avatar = queryFirst(pane, zendeskSelectors.requesterAvatar);
  if (!avatar) return null;
  const email = (
    avatar.getAttribute('alt') ??
    avatar.querySelector('img[alt]')?.getAttribute('alt') ??
    ''
  ).trim();
  const sibling = avatar.nextElementSibling;
  const name = sibling ? visibleText(sibling) : '';
  if (!name && !email) return null;
  return email.includes('@') ? { name: name || email, email } : { name: name || email };
}

/** Chronological order when every message has a readable time (the log may be newest-first). */
function sortByTime(messages: TicketMessage[]): TicketMessage[] {
  const times = messages.map((m) => (m.createdAt ? Date.parse(m.createdAt) : Number.NaN));
  if (times.some((t) => Number.isNaN(t))) return messages;
  return messages
    .map((message, index) => ({ message, time: times[index]!, index }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.message);
}

/** Reads ticket `ticketId` from the page (its own pane only), or null when the page does not show it. */
export function ticketFromZendeskDom(doc: Document, ticketId: string, url: string): Ticket | null {
  const pane = findZendeskPane(doc, ticketId);
  if (!pane) return null;
  const subjectEl = queryFirst(pane, zendeskSelectors.subject);
  const subject = subjectEl ? cleanText(fieldValue(subjectEl)) : '';
  const log = queryFirst(pane, zendeskSelectors.log);
  const items = log ? queryAllFirst(log, zendeskSelectors.logItem) : [];
  const messages = sortByTime(items.map(messageFromLogItem).filter((m): m is TicketMessage => m !== null));
  if (subject === '' && messages.length === 0) return null;

  const firstCustomer = messages.find((m) => m.role === 'customer');
  const requester =
    requesterFromComposer(pane) ?? (firstCustomer ? { ...firstCustomer.author } : { name: '' });
  if (requester.email) {
    for (const message of messages) {
      if (message.author.name === requester.name && !message.author.email)
        message.author.email = requester.email;
    }
  }
  const warnings: string[] = [];
  if (queryFirst(pane, zendeskSelectors.showMore)) {
    warnings.push(t('core_reader_collapsed_on_page', 'Show more'));
  }
  return ticketOf({
    id: ticketId,
    url,
    helpdesk: 'zendesk',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    tags: [],
    warnings,
  });
}

// ---------- API read ----------

interface ZendeskUser {
  name: string;
  email?: string;
  role?: string;
  locale?: string;
}

function collectUsers(source: unknown, into: Map<string, ZendeskUser>): void {
  if (!Array.isArray(source)) return;
  for (const raw of source) {
    if (!isObject(raw)) continue;
    const id = idOf(raw.id);
    if (id === null) continue;
    const user: ZendeskUser = { name: stringOf(raw.name) ?? '' };
    const email = stringOf(raw.email);
    if (email) user.email = email;
    const role = stringOf(raw.role);
    if (role) user.role = role;
    const locale = stringOf(raw.locale);
    if (locale) user.locale = locale;
    into.set(id, user);
  }
}

function personOf(user: ZendeskUser): Person {
  return user.email ? { name: user.name, email: user.email } : { name: user.name };
}

function commentText(comment: JsonObject): string {
  // html_body first: rendering it ourselves drops text the sender hid (display:none, zero-size fonts,
  // comments), which plain_body may still carry — hidden text is a prompt-injection channel.
  const html = stringOf(comment.html_body);
  let text = html ? textFromHtml(html) : '';
  if (text === '') {
    const plain = stringOf(comment.plain_body) ?? stringOf(comment.body);
    text = plain !== undefined ? cleanText(plain) : '';
  }
  const attachments = Array.isArray(comment.attachments) ? comment.attachments : [];
  const names = attachments.map((a) => (isObject(a) ? stringOf(a.file_name) : undefined)).filter(Boolean);
  const notes = names.map((name) => `[Attachment: ${name}]`).join('\n');
  return [text, notes].filter((part) => part !== '').join('\n\n');
}

function messageFromComment(
  raw: unknown,
  users: ReadonlyMap<string, ZendeskUser>,
  requesterId: string | null,
): TicketMessage | null {
  if (!isObject(raw)) return null;
  const text = commentText(raw);
  if (text === '') return null;
  const authorId = idOf(raw.author_id);
  const user = authorId !== null && authorId !== SYSTEM_AUTHOR_ID ? users.get(authorId) : undefined;
  let role: MessageRole;
  if (raw.public === false) role = 'internal';
  else if (!user) role = 'system';
  else role = API_USER_ROLES[user.role ?? ''] ?? (authorId === requesterId ? 'customer' : 'system');

  const message: TicketMessage = {
    author: user
      ? personOf(user)
      : { name: authorId === SYSTEM_AUTHOR_ID || authorId === null ? 'Zendesk' : '' },
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = idOf(raw.id);
  if (id !== null) message.id = id;
  const html = stringOf(raw.html_body);
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = stringOf(raw.created_at);
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/**
 * Maps `GET /api/v2/tickets/{id}.json` (optionally with side-loaded `users`) and the pages of
 * `GET /api/v2/tickets/{id}/comments.json?include=users` to a Ticket. Throws on an unknown shape.
 */
export function ticketFromZendeskApi(
  ticketJson: unknown,
  commentPages: readonly unknown[],
  url: string,
): Ticket {
  if (!isObject(ticketJson) || !isObject(ticketJson.ticket))
    throw new ApiShapeError('Zendesk', 'no "ticket" object');
  const raw = ticketJson.ticket;
  const id = idOf(raw.id);
  if (id === null) throw new ApiShapeError('Zendesk', 'the ticket has no id');

  const users = new Map<string, ZendeskUser>();
  collectUsers(ticketJson.users, users);
  for (const page of commentPages) {
    if (!isObject(page) || !Array.isArray(page.comments))
      throw new ApiShapeError('Zendesk', 'no "comments" list');
    collectUsers(page.users, users);
  }
  const requesterId = idOf(raw.requester_id);
  const messages: TicketMessage[] = [];
  for (const page of commentPages) {
    for (const comment of (page as { comments: unknown[] }).comments) {
      const message = messageFromComment(comment, users, requesterId);
      if (message) messages.push(message);
    }
  }

  const requesterUser = requesterId !== null ? users.get(requesterId) : undefined;
  const firstCustomer = messages.find((m) => m.role === 'customer');
  const requester = requesterUser
    ? personOf(requesterUser)
    : firstCustomer
      ? { ...firstCustomer.author }
      : { name: '' };
  const tags = tagList(Array.isArray(raw.tags) ? raw.tags : []);

  const ticket = ticketOf({
    id,
    url,
    helpdesk: 'zendesk',
    method: 'api',
    subject: cleanText(stringOf(raw.subject) ?? stringOf(raw.raw_subject) ?? ''),
    requester,
    messages,
    tags: tags,
  });
  const status = stringOf(raw.status);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = stringOf(raw.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  const language = requesterUser?.locale;
  if (language && language.length <= 35) ticket.language = language;
  return ticket;
}

/** Path + query of the next comments page, if it is one (only that endpoint is ever followed). */
function nextCommentsPath(page: JsonObject, ticketId: string): string | null {
  let next = stringOf(page.next_page);
  if (!next && isObject(page.meta) && page.meta.has_more === true && isObject(page.links)) {
    next = stringOf(page.links.next); // cursor pagination
  }
  if (!next) return null;
  try {
    const parsed = new URL(next, 'https://zendesk.invalid');
    return parsed.pathname === api.commentsPath(ticketId) ? parsed.pathname + parsed.search : null;
  } catch {
    return null;
  }
}

/**
 * Paths of pages 2…N of an offset-paginated comments list, when the first page says how many comments there
 * are (`count`) and its `next_page` asks for page 2: they can then be requested all at once instead of one
 * round trip after the other (10 pages for 1,000 comments). Null when the answer does not allow it (cursor
 * pagination, no count): the pages are then followed one by one.
 */
function remainingPagePaths(first: JsonObject, next: string, limit: number): string[] | null {
  const count = typeof first.count === 'number' ? first.count : null;
  const url = new URL(next, 'https://zendesk.invalid');
  if (count === null || url.searchParams.get('page') !== '2') return null;
  const perPage =
    Number.parseInt(url.searchParams.get('per_page') ?? '', 10) || (first.comments as unknown[]).length;
  if (!(perPage > 0)) return null;
  const last = Math.min(Math.ceil(count / perPage), limit);
  const paths: string[] = [];
  for (let n = 2; n <= last; n++) {
    url.searchParams.set('page', String(n));
    paths.push(url.pathname + url.search);
  }
  return paths.length > 0 ? paths : null;
}

async function fetchCommentPages(
  ctx: ExtractContext,
  ticketId: string,
  first: Promise<unknown>,
): Promise<{ pages: unknown[]; complete: boolean }> {
  const pages: JsonObject[] = [];
  const seen = new Set<string>([api.comments(ticketId)]);
  let batch: { path: string; answer: Promise<unknown> }[] = [{ path: api.comments(ticketId), answer: first }];
  while (batch.length > 0) {
    const settled = await Promise.allSettled(batch.map((b) => b.answer));
    // Pages are taken in order, each only if the previous page's next_page names it: exactly the pages a
    // one-by-one read follows (a count that overstates the thread only costs an unused request).
    let next: string | null = null;
    for (let i = 0; i < settled.length; i++) {
      const answer = settled[i] as PromiseSettledResult<unknown>;
      if (answer.status === 'rejected') throw answer.reason;
      const page = answer.value;
      if (!isObject(page) || !Array.isArray(page.comments))
        throw new ApiShapeError('Zendesk', 'no "comments" list');
      pages.push(page);
      next = nextCommentsPath(page, ticketId);
      if (next === null || seen.has(next)) return { pages, complete: true };
      if (pages.length >= MAX_COMMENT_PAGES) return { pages, complete: false };
      seen.add(next);
      if (batch[i + 1]?.path !== next) break;
      next = null; // already fetched: the next answer of this batch
    }
    if (next === null) break;
    // After the first page, the rest at once when its count allows; otherwise (cursor pagination, no count, or
    // a page appeared while reading) one page at a time.
    const paths = (pages.length === 1 &&
      remainingPagePaths(pages[0] as JsonObject, next, MAX_COMMENT_PAGES)) || [next];
    batch = paths.map((path) => ({ path, answer: ctx.fetchJson(path) }));
  }
  return { pages, complete: true };
}

async function ticketFromApi(ctx: ExtractContext, ticketId: string): Promise<Ticket> {
  const ticketRequest = ctx.fetchJson(api.ticket(ticketId));
  const firstComments = ctx.fetchJson(api.comments(ticketId));
  // Both run at once; keep a rejection of the second from going unhandled while awaiting the first.
  firstComments.catch(() => undefined);
  const ticketJson = await ticketRequest;
  const { pages, complete } = await fetchCommentPages(ctx, ticketId, firstComments);
  const ticket = ticketFromZendeskApi(ticketJson, pages, ctx.url.href);
  if (ticket.id !== ticketId)
    throw new ApiShapeError('Zendesk', `asked for ticket ${ticketId}, got ${ticket.id}`);
  if (!complete) {
    ticket.warnings.push(t('core_reader_limit_comment_pages_more', MAX_COMMENT_PAGES));
  }
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const ticketId = zendesk.ticketId(ctx.url, ctx.doc);
  if (ticketId === null) {
    throw new NoTicketError(t('error_no_ticket_open', 'Zendesk', '/agent/tickets/<number>'));
  }
  return readApiThenPage({
    name: 'Zendesk',
    ticketId,
    readApi: () => ticketFromApi(ctx, ticketId),
    readPage: () => ticketFromZendeskDom(ctx.doc, ticketId, ctx.url.href),
    pageNote: () => collapsedPageNote(['status', 'priority', 'tags']),
  });
}

export const zendesk: HelpdeskAdapter = {
  id: 'zendesk',
  name: 'Zendesk',
  matches(url) {
    return (
      isHelpdeskHost(url, 'zendesk', zendeskPatterns.host) && zendeskPatterns.agentPath.test(url.pathname)
    );
  },
  ticketId(url) {
    if (!zendesk.matches(url)) return null;
    return zendeskPatterns.ticketPath.exec(url.pathname)?.[1] ?? null;
  },
  extract,
  findComposer,
  selectors: zendeskSelectors,
};
