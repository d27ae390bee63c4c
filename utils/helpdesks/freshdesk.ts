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
  personOf,
  readApiThenPage,
  stringOf,
  TICKET_LIMITS,
  tagList,
  ticketOf,
  unknownFieldsOf,
} from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  cleanText,
  closestFirst,
  deepQueryAll,
  deepQueryFirst,
  isHiddenInPage,
  matchesAny,
  queryAllFirst,
  queryFirst,
  textFromHtml,
  visibleText,
} from './dom';
import {
  type ExtractContext,
  type HelpdeskAdapter,
  HttpError,
  NoTicketError,
  type SelectorList,
} from './types';

// Freshdesk (agent UI under /a/). Facts come from ../../shared/research/helpdesks.md ("Freshdesk"): they are
// data below; the mechanisms live in ./dom.ts. Runs in the content script: no zod.
// Marked "inferred" below: selectors no source showed; verify them on a live tenant first.

export const freshdeskPatterns = {
  /** Tenants live on `<sub>.freshdesk.com`. */
  host: /^[a-z0-9][a-z0-9-]*\.freshdesk\.com$/i,
  /** The agent interface (the customer portal lives under /support and is not ours). */
  agentPath: /^\/a(?:\/|$)/,
  ticketPath: /^\/a\/tickets\/(\d+)(?:\/|$)/,
  /** The active breadcrumb item reads `#4521`. */
  breadcrumbNumber: /^#\s*(\d+)$/,
  /** `document.title` reads `[#4521] Subject : Company`. */
  titleNumber: /^\s*\[#(\d+)\]\s*/,
  titleCompany: /\s+:\s+[^:]*$/,
} as const;

export const freshdeskSelectors = {
  /** The ticket number on screen (the breadcrumb's other items name the view the agent came from). */
  ticketNumber: ['.breadcrumb__item.active'],
  subject: ['.ticket-subject-heading', '.sentiment-ticket-heading'],
  /** Controls inside the subject heading that are not part of the subject (edit button, sentiment icon). */
  subjectControls: ['button', '[role="button"]', '[role="img"]', 'svg'],
  /** One per message, the description included; legacy "mint" items carry `data-album`. */
  item: ['.ticket-details__item', '[data-album]'],
  /** The reply box is a `.ticket-details__item` too. */
  notAMessage: ['.rich-editor'],
  description: ['[data-test-id="ticket-description"]', '.ticket-description'],
  body: ['.text__content', '[data-test-conversation="conversation-text"]', '.ticket_note'],
  /** Private notes, and replies of external (non-agent) users to a forwarded note, carry this class. */
  privateNote: ['.ticket-details__privatenote'],
  /** Messages written by a non-agent (the requester or another contact). */
  requesterItem: ['.ticket-details__requestor'],
  author: ['[data-test-id="user-name"]'],
  /** Inferred: the page shows "(Mon, 2 Mar 2026 at 9:41 AM)"; a machine-readable time is not confirmed. */
  time: ['time[datetime]'],
  /** "+N conversations": older messages not rendered until clicked. */
  loadMore: ['[data-test-button="load-more"]'],
  status: ['[data-test-id="ticket-status"]'],
  /** Inferred from the status field's test id. */
  priority: ['[data-test-id="ticket-priority"]'],
  /** The chosen value inside a property field (an Ember power-select); inferred. */
  propertyValue: ['.ember-power-select-selected-item'],
  tag: ['.ticket-tags ul li .tag-options'],
  /** The contact card is a web component with an open shadow root. */
  contactCard: ['fw-unified-mfe--contact-info'],
  /** Inside the contact card's shadow root; inferred. */
  contactName: ['[data-test-id="contact-name"]', '.contact-name'],
  contactEmail: ['a[href^="mailto:"]'],
  /** Froala's editable, preferably the one in the reply box. Exists only while a reply or note is open. */
  composer: [
    '.rich-editor .fr-element.fr-view[contenteditable="true"]',
    '.fr-element.fr-view[contenteditable="true"]',
    '.fr-element[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** Freshdesk's built-in status and priority numbers (custom statuses have other numbers and are left out). */
const STATUS_WORDS: Readonly<Record<number, string>> = {
  2: 'open',
  3: 'pending',
  4: 'resolved',
  5: 'closed',
};
const PRIORITY_WORDS: Readonly<Record<number, string>> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };
/** `source` of a ticket created by an agent writing to the customer. */
const SOURCE_OUTBOUND_EMAIL = 10;

/** Conversations per page when no per_page is sent; a shorter page is the last one. */
export const FRESHDESK_PAGE_SIZE = 30;
const MAX_CONVERSATION_PAGES = 20;
/** At most this many agents' names are looked up per read (each is one API call, then cached). */
const MAX_AGENT_LOOKUPS = 5;

const api = {
  ticket: (id: string) => `/api/v2/tickets/${id}?include=requester`,
  conversations: (id: string, page: number) => `/api/v2/tickets/${id}/conversations?page=${page}`,
  agent: (id: string) => `/api/v2/agents/${id}`,
};

// ---------- small helpers ----------

// ---------- which ticket is on screen ----------

/** The ticket number the page shows (breadcrumb, then the tab title), or null when it names none. */
export function displayedFreshdeskTicketId(doc: Document): string | null {
  const crumb = queryFirst(doc, freshdeskSelectors.ticketNumber);
  if (crumb) {
    const number = freshdeskPatterns.breadcrumbNumber.exec(cleanText(crumb.textContent ?? ''))?.[1];
    if (number) return number;
  }
  return freshdeskPatterns.titleNumber.exec(doc.title)?.[1] ?? null;
}

function showsTicket(doc: Document, ticketId: string): boolean {
  const shown = displayedFreshdeskTicketId(doc);
  return shown === null || shown === ticketId;
}

/**
 * The open reply (or note) editor of ticket `ticketId`, provided the page shows that ticket. Null when no
 * editor is open: Deskmate never clicks "Reply" for the agent.
 */
function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  if (!isDigits(ticketId) || !showsTicket(doc, ticketId)) return null;
  for (const selector of freshdeskSelectors.composer) {
    const open = queryAllFirst<HTMLElement>(doc, [selector]).find((el) => !isHiddenInPage(el));
    if (open) return open;
  }
  return null;
}

// ---------- DOM read ----------

function subjectFromPage(doc: Document, ticketId: string): string {
  const heading = queryFirst(doc, freshdeskSelectors.subject);
  if (heading) {
    const copy = heading.cloneNode(true) as Element;
    for (const control of queryAllFirst(copy, [freshdeskSelectors.subjectControls.join(', ')]))
      control.remove();
    const subject = visibleText(copy);
    if (subject) return subject;
  }
  const title = freshdeskPatterns.titleNumber.exec(doc.title);
  if (title?.[1] !== ticketId) return '';
  return cleanText(doc.title.slice(title[0].length).replace(freshdeskPatterns.titleCompany, ''));
}

/** The chosen value of a property field, without its label. */
function propertyValue(field: Element | null): string | undefined {
  if (!field) return undefined;
  const chosen = queryFirst(field, freshdeskSelectors.propertyValue);
  let value: string;
  if (chosen) {
    value = visibleText(chosen);
  } else {
    const copy = field.cloneNode(true) as Element;
    for (const label of Array.from(copy.querySelectorAll('label'))) label.remove();
    value = visibleText(copy);
  }
  return value ? clip(value, TICKET_LIMITS.short) : undefined;
}

function requesterFromContactCard(doc: Document): Person | null {
  const card = deepQueryFirst(doc, freshdeskSelectors.contactCard);
  if (!card) return null;
  const nameEl = deepQueryFirst(card, freshdeskSelectors.contactName);
  const emailEl = deepQueryFirst(card, freshdeskSelectors.contactEmail);
  const name = nameEl ? visibleText(nameEl) : '';
  const email =
    emailEl
      ?.getAttribute('href')
      ?.replace(/^mailto:/i, '')
      .split('?')[0] ?? '';
  if (!name && !email.includes('@')) return null;
  return personOf(name, email);
}

function messageFromItem(item: Element): TicketMessage | null {
  const body = queryFirst(item, freshdeskSelectors.body);
  if (!body) return null;
  const text = visibleText(body);
  if (text === '') return null;
  let role: MessageRole;
  if (matchesAny(item, freshdeskSelectors.privateNote)) role = 'internal';
  else if (
    matchesAny(item, freshdeskSelectors.description) ||
    matchesAny(item, freshdeskSelectors.requesterItem)
  )
    role = 'customer';
  else role = 'agent';
  const authorEl = queryFirst(item, freshdeskSelectors.author);
  const message: TicketMessage = {
    author: personOf(authorEl ? visibleText(authorEl) : ''),
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const html = body.innerHTML.trim();
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = queryFirst(item, freshdeskSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/** The conversation items in page order, description first, without the reply box. */
function messageItems(doc: Document): Element[] {
  const items = queryAllFirst(doc, freshdeskSelectors.item).filter(
    (item) => closestFirst(item, freshdeskSelectors.notAMessage) === null,
  );
  const description = queryFirst(doc, freshdeskSelectors.description);
  if (description && !items.some((item) => item === description || item.contains(description))) {
    items.unshift(description);
  }
  return items;
}

/**
 * Reads ticket `ticketId` from the page, or null when the page shows another ticket or none. Messages
 * behind "+N conversations" are not on the page; a warning says so.
 */
export function ticketFromFreshdeskDom(doc: Document, ticketId: string, url: string): Ticket | null {
  if (!isDigits(ticketId) || !showsTicket(doc, ticketId)) return null;
  const subject = subjectFromPage(doc, ticketId);
  const messages = messageItems(doc)
    .map(messageFromItem)
    .filter((m): m is TicketMessage => m !== null);
  if (subject === '' && messages.length === 0) return null;

  const firstCustomer = messages.find((m) => m.role === 'customer' && m.author.name !== '');
  const requester =
    requesterFromContactCard(doc) ?? (firstCustomer ? { ...firstCustomer.author } : { name: '' });
  if (requester.email) {
    for (const message of messages) {
      if (message.author.name === requester.name && !message.author.email)
        message.author.email = requester.email;
    }
  }
  const tags = deepQueryAll(doc, freshdeskSelectors.tag.join(', ')).map((el) => visibleText(el));

  const ticket = ticketOf({
    id: ticketId,
    url,
    helpdesk: 'freshdesk',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    tags: tags,
  });
  const status = propertyValue(deepQueryFirst(doc, freshdeskSelectors.status));
  if (status) ticket.status = status;
  const priority = propertyValue(deepQueryFirst(doc, freshdeskSelectors.priority));
  if (priority) ticket.priority = priority;
  if (queryFirst(doc, freshdeskSelectors.loadMore)) {
    ticket.warnings.push(t('core_reader_collapsed_on_page', '+N conversations'));
  }
  return ticket;
}

// ---------- API read ----------

/** `"Helena Marsh <helena@example.net>"` or a bare address. */
function personFromAddress(value: unknown): Person | null {
  const raw = stringOf(value);
  if (!raw) return null;
  const angled = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw);
  if (angled) return personOf(angled[1] ?? '', angled[2]);
  return raw.includes('@') ? personOf('', raw.trim()) : null;
}

function attachmentNotes(raw: JsonObject): string {
  const attachments = Array.isArray(raw.attachments) ? raw.attachments : [];
  return attachments
    .map((a) => (isObject(a) ? stringOf(a.name) : undefined))
    .filter((name): name is string => name !== undefined)
    .map((name) => `[Attachment: ${cleanText(name)}]`)
    .join('\n');
}

/**
 * Text of an HTML body, falling back to the plain-text field. The HTML goes first: rendering it ourselves drops
 * text the sender hid (display:none, zero-size fonts), which the plain-text field still carries.
 */
function bodyText(raw: JsonObject, htmlKey: string, textKey: string): string {
  const html = stringOf(raw[htmlKey]);
  let text = html ? textFromHtml(html) : '';
  if (text === '') {
    const plain = stringOf(raw[textKey]);
    text = plain !== undefined ? cleanText(plain) : '';
  }
  return [text, attachmentNotes(raw)].filter((part) => part !== '').join('\n\n');
}

function withDetails(message: TicketMessage, raw: JsonObject, htmlKey: string): TicketMessage {
  const html = stringOf(raw[htmlKey]);
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = stringOf(raw.created_at);
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

interface Authors {
  requesterId: string | null;
  requester: Person | null;
  agents: ReadonlyMap<string, Person>;
}

function messageFromConversation(raw: unknown, authors: Authors): TicketMessage | null {
  if (!isObject(raw)) return null;
  const text = bodyText(raw, 'body', 'body_text');
  if (text === '') return null;
  const userId = idOf(raw.user_id);
  const byRequester = userId !== null && userId === authors.requesterId;
  let role: MessageRole;
  if (raw.private === true) role = 'internal';
  else if (raw.incoming === true || byRequester) role = 'customer';
  else role = 'agent';

  const known = byRequester ? authors.requester : userId !== null ? authors.agents.get(userId) : undefined;
  const fromEmail = raw.incoming === true ? personFromAddress(raw.from_email) : null;
  const message: TicketMessage = {
    author: known ? { ...known } : (fromEmail ?? { name: '' }),
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = idOf(raw.id);
  if (id !== null) message.id = id;
  return withDetails(message, raw, 'body');
}

function descriptionMessage(raw: JsonObject, authors: Authors): TicketMessage | null {
  const text = bodyText(raw, 'description', 'description_text');
  if (text === '') return null;
  // An outbound ticket starts with the agent's message to the customer.
  const outbound = raw.source === SOURCE_OUTBOUND_EMAIL;
  const agentId = idOf(raw.responder_id);
  const agent = agentId !== null ? authors.agents.get(agentId) : undefined;
  const author = outbound ? agent : authors.requester;
  return withDetails(
    {
      id: 'description',
      author: author ? { ...author } : { name: '' },
      role: outbound ? 'agent' : 'customer',
      text: clip(text, TICKET_LIMITS.text),
    },
    raw,
    'description',
  );
}

function requesterOf(raw: JsonObject): Person | null {
  if (!isObject(raw.requester)) return null;
  const name = stringOf(raw.requester.name) ?? '';
  const email = stringOf(raw.requester.email);
  if (!name && !email) return null;
  return personOf(name, email);
}

function wordFor(words: Readonly<Record<number, string>>, value: unknown): string | undefined {
  return typeof value === 'number' ? words[value] : undefined;
}

/**
 * Maps `GET /api/v2/tickets/{id}?include=requester` and the pages of `GET /api/v2/tickets/{id}/conversations`
 * (bare arrays) to a Ticket. The ticket's description is the first message (it is not a conversation).
 * `agents` names the agents by user id where they were looked up. Throws on an unknown shape.
 */
export function ticketFromFreshdeskApi(
  ticketJson: unknown,
  conversationPages: readonly unknown[],
  url: string,
  agents: ReadonlyMap<string, Person> = new Map(),
): Ticket {
  if (!isObject(ticketJson)) throw new ApiShapeError('Freshdesk', 'the ticket is not an object');
  const id = idOf(ticketJson.id);
  if (id === null) throw new ApiShapeError('Freshdesk', 'the ticket has no id');
  for (const page of conversationPages) {
    if (!Array.isArray(page)) throw new ApiShapeError('Freshdesk', 'a conversations page is not a list');
  }
  const requester = requesterOf(ticketJson);
  const authors: Authors = { requesterId: idOf(ticketJson.requester_id), requester, agents };

  const messages: TicketMessage[] = [];
  const description = descriptionMessage(ticketJson, authors);
  if (description) messages.push(description);
  const seen = new Set<string>();
  for (const page of conversationPages as unknown[][]) {
    for (const raw of page) {
      const conversationId = isObject(raw) ? idOf(raw.id) : null;
      if (conversationId !== null) {
        if (seen.has(conversationId)) continue; // a page served twice
        seen.add(conversationId);
      }
      const message = messageFromConversation(raw, authors);
      if (message) messages.push(message);
    }
  }

  const firstCustomer = messages.find((m) => m.role === 'customer' && m.author.name !== '');
  const tags = tagList(Array.isArray(ticketJson.tags) ? ticketJson.tags : []);
  const ticket = ticketOf({
    id,
    url,
    helpdesk: 'freshdesk',
    method: 'api',
    subject: cleanText(stringOf(ticketJson.subject) ?? ''),
    requester: requester ?? (firstCustomer ? { ...firstCustomer.author } : { name: '' }),
    messages,
    tags: tags,
  });
  const status = wordFor(STATUS_WORDS, ticketJson.status);
  if (status) ticket.status = status;
  const priority = wordFor(PRIORITY_WORDS, ticketJson.priority);
  if (priority) ticket.priority = priority;
  const language = isObject(ticketJson.requester) ? stringOf(ticketJson.requester.language) : undefined;
  if (language && language.length <= 35) ticket.language = language;
  return ticket;
}

/**
 * Agent names per page document (so for the life of the content script), by user id; null = looked up and not
 * available (no access, deleted). Keeps repeated reads from spending the account's API rate limit on names.
 */
const agentCaches = new WeakMap<Document, Map<string, Person | null>>();

/** Names of the agents who wrote in the conversation (best effort: a failed lookup leaves the name empty). */
async function lookUpAgents(
  ctx: ExtractContext,
  ticketJson: unknown,
  pages: readonly unknown[][],
): Promise<Map<string, Person>> {
  const requesterId = isObject(ticketJson) ? idOf(ticketJson.requester_id) : null;
  const wanted = new Set<string>();
  if (isObject(ticketJson) && ticketJson.source === SOURCE_OUTBOUND_EMAIL) {
    const responder = idOf(ticketJson.responder_id);
    if (responder !== null) wanted.add(responder);
  }
  for (const page of pages) {
    for (const raw of page) {
      if (!isObject(raw) || raw.incoming === true) continue;
      const userId = idOf(raw.user_id);
      if (userId !== null && userId !== requesterId) wanted.add(userId);
    }
  }
  let cache = agentCaches.get(ctx.doc);
  if (!cache) {
    cache = new Map();
    agentCaches.set(ctx.doc, cache);
  }
  const agents = new Map<string, Person>();
  const toFetch: string[] = [];
  for (const userId of wanted) {
    if (!cache.has(userId)) {
      if (toFetch.length < MAX_AGENT_LOOKUPS) toFetch.push(userId);
      continue;
    }
    const cached = cache.get(userId);
    if (cached) agents.set(userId, cached);
  }
  await Promise.all(
    toFetch.map(async (userId) => {
      let found: Person | null = null;
      try {
        const raw = await ctx.fetchJson(api.agent(userId));
        const contact = isObject(raw) && isObject(raw.contact) ? raw.contact : null;
        const name = contact ? (stringOf(contact.name) ?? '') : '';
        if (name) found = personOf(name, stringOf(contact?.email));
      } catch (error) {
        // No access to agent records, or the agent was deleted: the name stays empty. A network hiccup is
        // not remembered, so the next read asks again.
        if (!(error instanceof HttpError)) return;
      }
      cache.set(userId, found);
      if (found) agents.set(userId, found);
    }),
  );
  return agents;
}

async function fetchConversationPages(
  ctx: ExtractContext,
  ticketId: string,
  first: Promise<unknown>,
): Promise<{ pages: unknown[][]; complete: boolean }> {
  const pages: unknown[][] = [];
  const seen = new Set<string>();
  let pending = first;
  for (;;) {
    const page = await pending;
    if (!Array.isArray(page)) throw new ApiShapeError('Freshdesk', 'the conversations are not a list');
    pages.push(page);
    // fetchJson gives no `link` header: a short page is the last one.
    if (page.length < FRESHDESK_PAGE_SIZE) return { pages, complete: true };
    const ids = page.map((raw) => (isObject(raw) ? idOf(raw.id) : null));
    if (ids.every((id) => id !== null && seen.has(id))) return { pages, complete: true }; // no progress
    for (const id of ids) if (id !== null) seen.add(id);
    if (pages.length >= MAX_CONVERSATION_PAGES) return { pages, complete: false };
    pending = ctx.fetchJson(api.conversations(ticketId, pages.length + 1));
  }
}

async function ticketFromApi(ctx: ExtractContext, ticketId: string): Promise<Ticket> {
  const ticketRequest = ctx.fetchJson(api.ticket(ticketId));
  const firstConversations = ctx.fetchJson(api.conversations(ticketId, 1));
  // Both run at once; keep a rejection of the second from going unhandled while awaiting the first.
  firstConversations.catch(() => undefined);
  const ticketJson = await ticketRequest;
  // Checked before paging and name lookups, so a wrong answer costs no further calls.
  const answeredId = isObject(ticketJson) ? idOf(ticketJson.id) : null;
  if (answeredId !== null && answeredId !== ticketId)
    throw new ApiShapeError('Freshdesk', `asked for ticket ${ticketId}, got ${answeredId}`);
  const { pages, complete } = await fetchConversationPages(ctx, ticketId, firstConversations);
  const agents = await lookUpAgents(ctx, ticketJson, pages);
  const ticket = ticketFromFreshdeskApi(ticketJson, pages, ctx.url.href, agents);
  if (ticket.id !== ticketId)
    throw new ApiShapeError('Freshdesk', `asked for ticket ${ticketId}, got ${ticket.id}`);
  if (!complete) {
    ticket.warnings.push(t('core_reader_limit_conversations', MAX_CONVERSATION_PAGES * FRESHDESK_PAGE_SIZE));
  }
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const ticketId = freshdesk.ticketId(ctx.url, ctx.doc);
  if (ticketId === null) {
    throw new NoTicketError(t('error_no_ticket_open', 'Freshdesk', '/a/tickets/<number>'));
  }
  return readApiThenPage({
    name: 'Freshdesk',
    ticketId,
    readApi: () => ticketFromApi(ctx, ticketId),
    readPage: () => ticketFromFreshdeskDom(ctx.doc, ticketId, ctx.url.href),
    pageNote: (ticket) => collapsedPageNote(unknownFieldsOf(ticket)),
  });
}

export const freshdesk: HelpdeskAdapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  matches(url) {
    return (
      isHelpdeskHost(url, 'freshdesk', freshdeskPatterns.host) &&
      freshdeskPatterns.agentPath.test(url.pathname)
    );
  },
  ticketId(url) {
    if (!freshdesk.matches(url)) return null;
    return freshdeskPatterns.ticketPath.exec(url.pathname)?.[1] ?? null;
  },
  extract,
  findComposer,
  selectors: freshdeskSelectors,
};
