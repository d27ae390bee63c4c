import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
  idOf,
  isDigits,
  isObject,
  type JsonObject,
  personOf,
  readApiThenPage,
  stringOf,
  TICKET_LIMITS,
  ticketOf,
} from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import { cleanText, fillSelectors, queryAllFirst, queryFirst, textFromHtml, visibleText } from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Zoho Desk (the agent UI at desk.zoho.<region>/agent/…). Facts come from ../../shared/research/helpdesks.md
// ("Zoho Desk"); they are data below, the mechanisms live in ./dom.ts and ./adapter-kit.ts. Runs in the content
// script: no zod. Marked "inferred" below: facts no source showed; verify them on a live portal first.
//
// Reply editor: the research found no evidence of which editor Zoho Desk uses, so none is assumed: the composer
// is found by generic signatures (TinyMCE / CKEditor 4 iframes, any contenteditable, a textarea) and the
// insertion ladder is picked by ./editor-kind.ts from what is actually there.

export const zohodeskPatterns = {
  /** Zoho Desk's data centres (research: US, EU, IN, AU, JP, CN). */
  host: /^desk\.zoho\.(?:com|eu|in|com\.au|jp|com\.cn)$/i,
  /** `/agent/{portal}/{department}/tickets/details/{ticketId}` (research); the department may be `all`. */
  ticketPath: /^\/agent\/([^/]+)\/[^/]+\/tickets\/details\/(\d+)(?:\/|$)/,
  /** The agent UI of a portal (lists, dashboards, a ticket). */
  agentPath: /^\/agent\/([^/]+)(?:\/|$)/,
  /** The classic UI: `/support/{portal}/ShowHomePage.do#Cases/dv/{ticketId}` (research). */
  classicPath: /^\/support\/([^/]+)\/ShowHomePage\.do$/,
  classicHash: /^#Cases\/dv\/(\d+)(?:\/|$)/,
  /** An org id is a number. */
  orgId: /^\d{1,30}$/,
} as const;

export const zohodeskSelectors = {
  /**
   * Where the page states the org id. Content scripts cannot read the app's JS variables, so the id must be in the
   * markup; which element carries it on a live portal is inferred (the research only saw the `orgid` header on
   * the app's own requests). Read in order: a `<meta>` content, an inline JSON config's `orgId`, a `data-orgid`.
   */
  orgId: ['meta[name="zd-orgid"]', 'script[type="application/json"]#zd-app-config', '[data-orgid]'],
  /** One ticket's detail view (research); the `data-ticket-id` attribute naming it is inferred. */
  detailView: ['.zd_v2-ticketdetailview-container[data-ticket-id="{id}"]'],
  anyDetailView: ['.zd_v2-ticketdetailview-container'],
  /** Ticket number shown as `#123` (research); it is the number, not the id in the URL. */
  ticketNumber: ['.zd_v2-ticketsubject-ticketIdText'],
  subject: ['[data-id="caseSubjectText"]'],
  /** Thread list items and their parts (inferred). */
  thread: ['[data-id="threadItem"]'],
  threadAuthor: ['[data-id="threadAuthorName"]'],
  threadBody: ['[data-id="threadContent"]'],
  threadTime: ['time[datetime]'],
  /** A private comment / private thread carries this label (inferred). */
  privateMark: ['[data-id="privateLabel"]'],
  /** An incoming (customer) thread carries this marker (inferred). */
  incomingMark: ['[data-direction="in"]'],
  /** Right panel fields (inferred). */
  status: ['[data-id="statusText"]'],
  priority: ['[data-id="priorityText"]'],
  contactName: ['[data-id="contactName"]'],
  contactEmail: ['[data-id="contactEmail"]'],
  tag: ['[data-id="tagName"]'],
  /**
   * The reply editor, found generically (no evidence of Zoho's editor): the reply area (inferred) first, then
   * any editor family's signature inside the detail view.
   */
  composer: [
    '[data-id="replyEditor"] .tox-edit-area iframe',
    '[data-id="replyEditor"] iframe.cke_wysiwyg_frame',
    '[data-id="replyEditor"] [contenteditable="true"]',
    '[data-id="replyEditor"] textarea',
    '.tox-edit-area iframe',
    'iframe.cke_wysiwyg_frame',
    '[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

const THREAD_LIMIT = 200;
const COMMENT_LIMIT = 100;
/** Thread bodies are one request each (the list has summaries only); beyond this the summary is used. */
const MAX_THREAD_BODIES = 60;
const THREAD_BODY_CONCURRENCY = 4;

const apiBase = (portal: string) => `/supportapi/zd/${encodeURIComponent(portal)}/api/v1`;
const api = {
  ticket: (p: string, id: string) => `${apiBase(p)}/tickets/${id}?include=contacts`,
  threads: (p: string, id: string) => `${apiBase(p)}/tickets/${id}/threads?from=0&limit=${THREAD_LIMIT}`,
  thread: (p: string, id: string, threadId: string) => `${apiBase(p)}/tickets/${id}/threads/${threadId}`,
  comments: (p: string, id: string) => `${apiBase(p)}/tickets/${id}/comments?from=0&limit=${COMMENT_LIMIT}`,
  tags: (p: string, id: string) => `${apiBase(p)}/tickets/${id}/tags`,
  /** Lists the agent's organisations; needs no orgid header (public v1 API; the supportapi prefix is inferred). */
  organizations: (p: string) => `${apiBase(p)}/organizations`,
};

// ---------- which ticket, which portal, which org ----------

interface ZohoRoute {
  portal: string;
  ticketId: string | null;
}

function routeOf(url: URL): ZohoRoute | null {
  const ticket = zohodeskPatterns.ticketPath.exec(url.pathname);
  if (ticket) return { portal: decodeURIComponent(ticket[1]!), ticketId: ticket[2]! };
  const agent = zohodeskPatterns.agentPath.exec(url.pathname);
  if (agent) return { portal: decodeURIComponent(agent[1]!), ticketId: null };
  const classic = zohodeskPatterns.classicPath.exec(url.pathname);
  if (classic) {
    return {
      portal: decodeURIComponent(classic[1]!),
      ticketId: zohodeskPatterns.classicHash.exec(url.hash)?.[1] ?? null,
    };
  }
  return null;
}

function orgIdFrom(el: Element): string | null {
  let value: unknown;
  if (el.tagName === 'META') value = el.getAttribute('content');
  else if (el.tagName === 'SCRIPT') {
    try {
      const config: unknown = JSON.parse(el.textContent ?? '');
      value = isObject(config) ? (config.orgId ?? config.orgid) : null;
    } catch {
      value = null;
    }
  } else value = el.getAttribute('data-orgid');
  const id = idOf(value);
  return id !== null && zohodeskPatterns.orgId.test(id) ? id : null;
}

/** The org id the page states (see `zohodeskSelectors.orgId`), or null. */
export function zohoOrgIdFromPage(doc: Document): string | null {
  for (const selector of zohodeskSelectors.orgId) {
    for (const el of queryAllFirst(doc, [selector])) {
      const id = orgIdFrom(el);
      if (id) return id;
    }
  }
  return null;
}

/** The org whose portal name is `portal`, from the organisations list (when the page states no org id). */
async function orgIdFromApi(ctx: ExtractContext, portal: string): Promise<string | null> {
  const raw = await ctx.fetchJson(api.organizations(portal));
  const orgs = isObject(raw) && Array.isArray(raw.data) ? raw.data : [];
  const mine = orgs.filter(isObject);
  const match = mine.find((org) => stringOf(org.portalName)?.toLowerCase() === portal.toLowerCase());
  const chosen = match ?? (mine.length === 1 ? mine[0] : undefined);
  const id = chosen ? idOf(chosen.id) : null;
  return id !== null && zohodeskPatterns.orgId.test(id) ? id : null;
}

/**
 * The detail view of ticket `ticketId`: the one that names it, else the only one on the page when it names no
 * other ticket. Zoho can keep several views in the DOM; scoped by id, not by visibility.
 */
export function findZohoDetailView(doc: Document, ticketId: string): Element | null {
  if (!isDigits(ticketId)) return null;
  const named = queryFirst(doc, fillSelectors(zohodeskSelectors.detailView, { id: ticketId }));
  if (named) return named;
  const all = queryAllFirst(doc, zohodeskSelectors.anyDetailView);
  if (all.length !== 1) return null;
  const namesOther = all[0]!.getAttribute('data-ticket-id');
  return namesOther && namesOther !== ticketId ? null : all[0]!;
}

function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  const view = findZohoDetailView(doc, ticketId);
  return view ? queryFirst<HTMLElement>(view, zohodeskSelectors.composer) : null;
}

// ---------- API read ----------

function contactOf(ticket: JsonObject): Person {
  const contact = isObject(ticket.contact) ? ticket.contact : null;
  if (contact) {
    const name = [stringOf(contact.firstName), stringOf(contact.lastName)].filter(Boolean).join(' ');
    return personOf(name, stringOf(contact.email) ?? stringOf(ticket.email));
  }
  return personOf('', stringOf(ticket.email));
}

/**
 * Role of a thread: private visibility is internal; an end user's (or incoming) thread is the customer's; an
 * agent's (or outgoing) is the agent's; another author type (inferred: system / bot) is the system.
 */
function threadRole(raw: JsonObject): MessageRole {
  if (raw.visibility === 'private') return 'internal';
  const type = isObject(raw.author) ? stringOf(raw.author.type) : undefined;
  if (type === 'END_USER' || (!type && raw.direction === 'in')) return 'customer';
  if (type === 'AGENT' || (!type && raw.direction === 'out')) return 'agent';
  return type ? 'system' : 'agent';
}

function bodyOf(raw: JsonObject, htmlKey: string): { text: string; html?: string } {
  const html = stringOf(raw[htmlKey]);
  // Threads say `text/plain` / `text/html`, comments `plainText` / `html`.
  const isPlain = raw.contentType === 'text/plain' || raw.contentType === 'plainText';
  if (html && !isPlain) return { text: textFromHtml(html), html };
  if (html) return { text: cleanText(html) };
  const summary = stringOf(raw.summary);
  return { text: summary ? cleanText(summary) : '' };
}

function withTime(message: TicketMessage, value: unknown): TicketMessage {
  const at = stringOf(value);
  if (at) message.createdAt = clip(at, TICKET_LIMITS.short);
  return message;
}

function messageFromThread(raw: unknown): TicketMessage | null {
  if (!isObject(raw)) return null;
  const { text, html } = bodyOf(raw, 'content');
  if (text === '') return null;
  const author = isObject(raw.author) ? raw.author : {};
  const message: TicketMessage = {
    author: personOf(stringOf(author.name) ?? '', stringOf(author.email) ?? stringOf(raw.fromEmailAddress)),
    role: threadRole(raw),
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = idOf(raw.id);
  if (id !== null) message.id = id;
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  return withTime(message, raw.createdTime);
}

function messageFromComment(raw: unknown): TicketMessage | null {
  if (!isObject(raw)) return null;
  const { text, html } = bodyOf(raw, 'content');
  if (text === '') return null;
  const commenter = isObject(raw.commenter) ? raw.commenter : {};
  const message: TicketMessage = {
    author: personOf(stringOf(commenter.name) ?? '', stringOf(commenter.email)),
    // A private comment is an internal note; a public one is an agent's words the customer can see.
    role: raw.isPublic === true ? 'agent' : 'internal',
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = idOf(raw.id);
  if (id !== null) message.id = `comment-${id}`;
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  return withTime(message, raw.commentedTime);
}

function dataOf(raw: unknown, what: string): unknown[] {
  // Zoho answers an empty list with 204 No Content; fetchJson then fails to parse, so callers pass [] there.
  if (isObject(raw) && Array.isArray(raw.data)) return raw.data;
  throw new ApiShapeError('Zoho Desk', `the ${what} have no data list`);
}

function timeValue(message: TicketMessage): number {
  const ms = message.createdAt ? Date.parse(message.createdAt) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/**
 * Maps `GET …/tickets/{id}?include=contacts`, its threads (with bodies where fetched), comments and tags to a
 * Ticket, oldest first. The description is the first message unless a thread is the description thread.
 */
export function ticketFromZohoApi(
  ticketJson: unknown,
  threads: readonly unknown[],
  comments: readonly unknown[],
  tags: readonly unknown[],
  url: string,
): Ticket {
  if (!isObject(ticketJson)) throw new ApiShapeError('Zoho Desk', 'the ticket is not an object');
  const id = idOf(ticketJson.id);
  if (id === null) throw new ApiShapeError('Zoho Desk', 'the ticket has no id');
  const requester = contactOf(ticketJson);

  const messages: TicketMessage[] = [];
  const hasDescriptionThread = threads.some((t) => isObject(t) && t.isDescriptionThread === true);
  if (!hasDescriptionThread) {
    const { text, html } = bodyOf(ticketJson, 'description');
    if (text !== '') {
      const first: TicketMessage = {
        id: 'description',
        author: { ...requester },
        role: 'customer',
        text: clip(text, TICKET_LIMITS.text),
      };
      if (html && html.length <= TICKET_LIMITS.html) first.html = html;
      messages.push(withTime(first, ticketJson.createdTime));
    }
  }
  for (const raw of threads) {
    const message = messageFromThread(raw);
    if (message) messages.push(message);
  }
  for (const raw of comments) {
    const message = messageFromComment(raw);
    if (message) messages.push(message);
  }
  // Threads come newest first and comments apart: one timeline, oldest first (stable for equal times).
  const ordered = messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => timeValue(a.message) - timeValue(b.message) || a.index - b.index)
    .map(({ message }) => message);

  const tagNames = tags.map((tag) => (isObject(tag) ? stringOf(tag.name) : stringOf(tag)));
  const ticket = ticketOf({
    id,
    url,
    helpdesk: 'zohodesk',
    method: 'api',
    subject: cleanText(stringOf(ticketJson.subject) ?? ''),
    requester,
    messages: ordered,
    tags: tagNames,
  });
  const status = stringOf(ticketJson.status);
  if (status) ticket.status = clip(cleanText(status), TICKET_LIMITS.short);
  const priority = stringOf(ticketJson.priority);
  if (priority) ticket.priority = clip(cleanText(priority), TICKET_LIMITS.short);
  const language = stringOf(ticketJson.language);
  if (language && language.length <= TICKET_LIMITS.language) ticket.language = language;
  return ticket;
}

/** The thread list has summaries only: fetch each body (bounded, a few at a time); a failure keeps the summary. */
async function withThreadBodies(
  ctx: ExtractContext,
  portal: string,
  ticketId: string,
  headers: Record<string, string>,
  list: unknown[],
): Promise<{ threads: unknown[]; summariesOnly: number }> {
  const threads = [...list];
  const wanted = threads
    .map((raw, index) => ({ index, id: isObject(raw) ? idOf(raw.id) : null }))
    .filter((entry): entry is { index: number; id: string } => entry.id !== null);
  const fetched = wanted.slice(0, MAX_THREAD_BODIES);
  let summariesOnly = wanted.length - fetched.length;
  for (let i = 0; i < fetched.length; i += THREAD_BODY_CONCURRENCY) {
    await Promise.all(
      fetched.slice(i, i + THREAD_BODY_CONCURRENCY).map(async ({ index, id }) => {
        try {
          const full = await ctx.fetchJson(api.thread(portal, ticketId, id), { headers });
          if (isObject(full) && idOf(full.id) === id) threads[index] = full;
          else summariesOnly += 1;
        } catch {
          summariesOnly += 1;
        }
      }),
    );
  }
  return { threads, summariesOnly };
}

/** A list endpoint; Zoho answers "no items" with 204 and no body, which must not fail the whole read. */
async function listOrEmpty(ctx: ExtractContext, path: string, headers: Record<string, string>, what: string) {
  try {
    return dataOf(await ctx.fetchJson(path, { headers }), what);
  } catch (error) {
    if (error instanceof SyntaxError) return [];
    throw error;
  }
}

async function ticketFromApi(ctx: ExtractContext, route: ZohoRoute & { ticketId: string }): Promise<Ticket> {
  const { portal, ticketId } = route;
  const orgId = zohoOrgIdFromPage(ctx.doc) ?? (await orgIdFromApi(ctx, portal));
  if (!orgId) throw new ApiShapeError('Zoho Desk', 'the organisation id was not found');
  // The agent UI's API wants the org id as a header on every call (research: zohoexp).
  const headers = { orgid: orgId };
  const ticketRequest = ctx.fetchJson(api.ticket(portal, ticketId), { headers });
  const threadList = listOrEmpty(ctx, api.threads(portal, ticketId), headers, 'threads');
  const commentList = listOrEmpty(ctx, api.comments(portal, ticketId), headers, 'comments');
  // Tags are a nicety: a failure leaves them empty.
  const tagList = listOrEmpty(ctx, api.tags(portal, ticketId), headers, 'tags').catch(() => []);
  for (const pending of [threadList, commentList]) pending.catch(() => undefined);
  const ticketJson = await ticketRequest;
  const answeredId = isObject(ticketJson) ? idOf(ticketJson.id) : null;
  if (answeredId !== ticketId)
    throw new ApiShapeError('Zoho Desk', `asked for ticket ${ticketId}, got ${answeredId ?? 'none'}`);
  const list = await threadList;
  const comments = await commentList;
  const { threads, summariesOnly } = await withThreadBodies(ctx, portal, ticketId, headers, list);
  const ticket = ticketFromZohoApi(ticketJson, threads, comments, await tagList, ctx.url.href);
  if (list.length >= THREAD_LIMIT || comments.length >= COMMENT_LIMIT)
    ticket.warnings.push(t('core_reader_limit_threads'));
  if (summariesOnly > 0) ticket.warnings.push(t('core_reader_summaries_only', summariesOnly, 'Zoho'));
  return ticket;
}

// ---------- DOM read ----------

function fieldText(root: Element, selectors: SelectorList): string | undefined {
  const el = queryFirst(root, selectors);
  const text = el ? visibleText(el) : '';
  return text ? clip(text, TICKET_LIMITS.short) : undefined;
}

function messageFromThreadElement(item: Element): TicketMessage | null {
  const body = queryFirst(item, zohodeskSelectors.threadBody);
  const text = body ? visibleText(body) : '';
  if (text === '') return null;
  const authorEl = queryFirst(item, zohodeskSelectors.threadAuthor);
  let role: MessageRole = 'agent';
  const matches = (selectors: SelectorList) =>
    selectors.some((s) => {
      try {
        return item.matches(s);
      } catch {
        return false;
      }
    }) || queryFirst(item, selectors) !== null;
  if (matches(zohodeskSelectors.privateMark)) role = 'internal';
  else if (matches(zohodeskSelectors.incomingMark)) role = 'customer';
  const message: TicketMessage = {
    author: personOf(authorEl ? visibleText(authorEl) : ''),
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const time = queryFirst(item, zohodeskSelectors.threadTime)?.getAttribute('datetime');
  if (time) message.createdAt = clip(time, TICKET_LIMITS.short);
  return message;
}

/** Reads ticket `ticketId` from its detail view, or null when the page does not show it. */
export function ticketFromZohoDom(doc: Document, ticketId: string, url: string): Ticket | null {
  const view = findZohoDetailView(doc, ticketId);
  if (!view) return null;
  const subjectEl = queryFirst(view, zohodeskSelectors.subject);
  const subject = subjectEl ? visibleText(subjectEl) : '';
  const messages = queryAllFirst(view, zohodeskSelectors.thread)
    .map(messageFromThreadElement)
    .filter((m): m is TicketMessage => m !== null);
  if (subject === '' && messages.length === 0) return null;
  const name = fieldText(view, zohodeskSelectors.contactName) ?? '';
  const email = fieldText(view, zohodeskSelectors.contactEmail);
  const tags = queryAllFirst(view, zohodeskSelectors.tag).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: ticketId,
    url,
    helpdesk: 'zohodesk',
    method: 'dom',
    subject: subject,
    requester: personOf(name, email),
    messages,
    tags: tags,
  });
  const status = fieldText(view, zohodeskSelectors.status);
  if (status) ticket.status = status;
  const priority = fieldText(view, zohodeskSelectors.priority);
  if (priority) ticket.priority = priority;
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const route = zohodesk.matches(ctx.url) ? routeOf(ctx.url) : null;
  const ticketId = route?.ticketId ?? null;
  if (!route || ticketId === null) {
    throw new NoTicketError(t('error_no_ticket_open', 'Zoho Desk', '/tickets/details/<number>'));
  }
  return readApiThenPage({
    name: 'Zoho Desk',
    ticketId,
    readApi: () => ticketFromApi(ctx, { portal: route.portal, ticketId }),
    readPage: () => ticketFromZohoDom(ctx.doc, ticketId, ctx.url.href),
    pageNote: () => t('core_reader_note_zoho'),
  });
}

export const zohodesk: HelpdeskAdapter = {
  id: 'zohodesk',
  name: 'Zoho Desk',
  matches(url) {
    return isHelpdeskHost(url, 'zohodesk', zohodeskPatterns.host) && routeOf(url) !== null;
  },
  ticketId(url) {
    if (!isHelpdeskHost(url, 'zohodesk', zohodeskPatterns.host)) return null;
    return routeOf(url)?.ticketId ?? null;
  },
  extract,
  findComposer,
  selectors: zohodeskSelectors,
};
