import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
  idOf,
  inTimeOrder,
  isDigits,
  isObject,
  type JsonObject,
  personOf,
  readApiThenPage,
  rootShowingTicket,
  stringOf,
  TICKET_LIMITS,
  ticketOf,
} from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  cleanText,
  matchesAny,
  queryAllFirst,
  queryFirst,
  queryFirstShown,
  shownText,
  textFromHtml,
  visibleText,
  visibleTextExcept,
} from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Gorgias (the agent app under /app on <sub>.gorgias.com). Facts come from ../../shared/research/helpdesks.md
// ("Gorgias"); they are data below, the mechanisms live in ./dom.ts and ./adapter-kit.ts. Runs in the content
// script: no zod.
//
// Reading: the same-origin API first (`/api/tickets/{id}`, `/api/tickets/{id}/messages`, shaped like Gorgias'
// documented REST API). The research marks these as unverified on the agent's session alone (the documented API
// uses Basic auth), so the page is the fallback, with a warning. The page uses CSS-module class names
// (`MessageBubble--messageBubble--<hash>`): selectors match the stable `Component--local--` prefix, never the hash.
//
// Editor: no source says which editor Gorgias' reply box is. The composer is found by generic editable
// signatures and its family is detected from the DOM at insert time (./editor-kind.ts picks the ladder).
//
// Marked "inferred" below: selectors no source showed; verify them on a live tenant first.

export const gorgiasPatterns = {
  host: /^[a-z0-9][a-z0-9-]*\.gorgias\.com$/i,
  /** `/app/ticket/{id}` and, inside a view, `/app/views/{viewId}/{ticketId}` (research). */
  ticketPath: /^\/app\/ticket\/(\d+)\/?$/,
  viewTicketPath: /^\/app\/views\/\d+\/(\d+)\/?$/,
  /** A link to a ticket, as in the ticket view's breadcrumbs. */
  ticketHref: /\/app\/ticket\/(\d+)(?:[/?#]|$)/,
} as const;

export const gorgiasSelectors = {
  /**
   * One ticket's view. Inferred (CSS-module prefix); the app can keep an earlier ticket's view mounted while
   * it switches, so the view is chosen by the ticket its breadcrumbs link to.
   */
  ticketView: ['[class*="TicketDetail--container--"]', '[class*="TicketView--container--"]'],
  /** Inferred: the breadcrumbs end with a link to the ticket itself. */
  ticketLink: ['[aria-label="Breadcrumbs"] a[href*="/app/ticket/"]'],
  /** Research. */
  customerLink: ['[aria-label="Breadcrumbs"] a[href*="/customer/"]'],
  /** Inferred. An `<input>` while editable: its value is read. */
  subject: ['[class*="TicketHeader--subject--"]', 'input[aria-label="Ticket subject"]'],
  /** Inferred. */
  status: ['[class*="TicketStatus--status--"]'],
  tag: ['[class*="TicketTags--tag--"]'],
  /** Research. */
  thread: ['[aria-label="Ticket thread"]'],
  /**
   * Thread items in page order: message bubbles (research prefix) and, inferred, the ticket events shown
   * between them. The second entry is the bubbles alone.
   */
  threadItem: [
    '[class*="MessageBubble--messageBubble--"], [class*="TicketEvent--event--"]',
    '[class*="MessageBubble--messageBubble--"]',
  ],
  /** Inferred role markers on a bubble / event. */
  internalNote: ['[class*="MessageBubble--internalNote--"]'],
  fromAgent: ['[class*="MessageBubble--fromAgent--"]'],
  event: ['[class*="TicketEvent--event--"]'],
  /** Inferred. */
  author: ['[class*="MessageHeader--author--"]'],
  body: ['[class*="MessageBody--body--"]'],
  time: ['time[datetime]'],
  /** Research: attachment downloads. */
  attachment: ['a[href*="/api/attachment/download/"]'],
  /**
   * The reply editor (inferred, generic): the reply area's editable, else any editor signature in the view.
   * Its family (Draft.js, Slate, Lexical, ProseMirror, plain) is detected at insert time.
   */
  composer: [
    '[class*="TicketReply--editor--"] [contenteditable="true"]',
    '.public-DraftEditor-content[contenteditable="true"]',
    '[data-slate-editor="true"]',
    '[data-lexical-editor="true"]',
    '.ProseMirror[contenteditable="true"]',
    '[role="textbox"][contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** Pages of messages read at most (100 per page). */
const MAX_MESSAGE_PAGES = 20;
const api = {
  ticket: (id: string) => `/api/tickets/${id}`,
  messages: (id: string, cursor: string | null) =>
    `/api/tickets/${id}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
};

// ---------- which ticket ----------

function ticketIdOfPath(url: URL): string | null {
  return (
    gorgiasPatterns.ticketPath.exec(url.pathname)?.[1] ??
    gorgiasPatterns.viewTicketPath.exec(url.pathname)?.[1] ??
    null
  );
}

function linkedTicketId(view: Element): string | null {
  const link = queryFirst(view, gorgiasSelectors.ticketLink);
  return link ? (gorgiasPatterns.ticketHref.exec(link.getAttribute('href') ?? '')?.[1] ?? null) : null;
}

/** The view of ticket `ticketId`: never one whose breadcrumbs name another ticket. */
export function findGorgiasTicketView(doc: Document, ticketId: string): Element | null {
  if (!isDigits(ticketId)) return null;
  const views = queryAllFirst(doc, gorgiasSelectors.ticketView);
  if (views.length > 0) return rootShowingTicket(views, ticketId, linkedTicketId);
  // No view container recognised: the page counts if what it links to as "this ticket" is this one.
  const linked = linkedTicketId(doc.documentElement);
  return linked === null || linked === ticketId ? doc.body : null;
}

function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  const view = findGorgiasTicketView(doc, ticketId);
  return view ? queryFirstShown<HTMLElement>(view, gorgiasSelectors.composer) : null;
}

// ---------- shared ----------

function withAttachments(text: string, names: readonly string[]): string {
  const notes = names.map((name) => `[Attachment: ${name}]`).join('\n');
  return [text, notes].filter((part) => part !== '').join('\n\n');
}

// ---------- DOM read ----------

function roleOfItem(item: Element): MessageRole {
  if (matchesAny(item, gorgiasSelectors.event)) return 'system';
  if (matchesAny(item, gorgiasSelectors.internalNote)) return 'internal';
  if (matchesAny(item, gorgiasSelectors.fromAgent)) return 'agent';
  return 'customer';
}

function messageFromItem(item: Element): TicketMessage | null {
  const role = roleOfItem(item);
  const body = queryFirst(item, gorgiasSelectors.body);
  const timeEl = queryFirst(item, gorgiasSelectors.time);
  // An event ("Ticket assigned to Sam") is one line without a body; its time is read separately.
  if (!body && role !== 'system') return null;
  const text = body ? visibleText(body) : visibleTextExcept(item, gorgiasSelectors.time);
  const files = queryAllFirst(item, gorgiasSelectors.attachment)
    .map((el) => visibleText(el))
    .filter((name) => name !== '');
  const full = withAttachments(text, files);
  if (full === '') return null;
  const authorEl = queryFirst(item, gorgiasSelectors.author);
  const message: TicketMessage = {
    author: {
      name: clip(authorEl ? visibleText(authorEl) : role === 'system' ? 'Gorgias' : '', TICKET_LIMITS.name),
    },
    role,
    text: clip(full, TICKET_LIMITS.text),
  };
  if (body) {
    const html = body.innerHTML.trim();
    if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  }
  const createdAt = timeEl?.getAttribute('datetime');
  if (createdAt && !Number.isNaN(Date.parse(createdAt)))
    message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/** Reads ticket `ticketId` from its own view on the page, or null when the page does not show it. */
export function ticketFromGorgiasDom(doc: Document, ticketId: string, url: string): Ticket | null {
  const view = findGorgiasTicketView(doc, ticketId);
  if (!view) return null;
  const subjectEl = queryFirst(view, gorgiasSelectors.subject);
  const subject = subjectEl ? shownText(subjectEl) : '';
  const thread = queryFirst(view, gorgiasSelectors.thread);
  const messages = thread
    ? inTimeOrder(
        queryAllFirst(thread, gorgiasSelectors.threadItem)
          .map(messageFromItem)
          .filter((m): m is TicketMessage => m !== null),
      )
    : [];
  if (subject === '' && messages.length === 0) return null;
  const customerEl = queryFirst(view, gorgiasSelectors.customerLink);
  const customerName = customerEl ? visibleText(customerEl) : '';
  const fromCustomer = messages.find((m) => m.role === 'customer');
  const requester = customerName !== '' ? { name: customerName } : { name: fromCustomer?.author.name ?? '' };
  const tags = queryAllFirst(view, gorgiasSelectors.tag).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: ticketId,
    url,
    helpdesk: 'gorgias',
    method: 'dom',
    subject: subject,
    requester: { ...requester, name: clip(requester.name, TICKET_LIMITS.name) },
    messages,
    tags: tags,
  });
  const statusEl = queryFirst(view, gorgiasSelectors.status);
  const status = statusEl ? shownText(statusEl) : '';
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  return ticket;
}

// ---------- API read ----------

function personFromJson(raw: unknown): Person | null {
  if (!isObject(raw)) return null;
  const joined = [stringOf(raw.firstname), stringOf(raw.lastname)].filter(Boolean).join(' ');
  const email = stringOf(raw.email) ?? stringOf(raw.address);
  const name = stringOf(raw.name) ?? (joined || undefined);
  if (!name && !email) return null;
  return personOf(name, email);
}

function roleOfMessage(raw: JsonObject): MessageRole {
  // `public: false` is an internal note (its channel is "internal-note").
  if (raw.public === false || raw.channel === 'internal-note') return 'internal';
  if (raw.from_agent !== true) return 'customer';
  // Inferred: messages a rule sent on its own (auto-replies) are the system speaking, not an agent.
  if (idOf(raw.rule_id) !== null && !isObject(raw.sender)) return 'system';
  return 'agent';
}

function messageFromJson(raw: unknown): TicketMessage | null {
  if (!isObject(raw)) return null;
  // `stripped_*` is the body without the quoted earlier messages (and signature): the thread holds those already.
  const html = stringOf(raw.stripped_html) ?? stringOf(raw.body_html) ?? '';
  const plain = stringOf(raw.stripped_text) ?? stringOf(raw.body_text) ?? '';
  // The HTML is rendered by us, so text the sender hid (display:none, zero-size fonts) is dropped.
  const text = html !== '' ? textFromHtml(html) : cleanText(plain);
  const files = (Array.isArray(raw.attachments) ? raw.attachments : [])
    .map((a) => (isObject(a) ? stringOf(a.name) : undefined))
    .filter((name): name is string => name !== undefined);
  const full = withAttachments(text, files);
  if (full === '') return null;
  const role = roleOfMessage(raw);
  const source = isObject(raw.source) ? raw.source : {};
  const author = personFromJson(raw.sender) ??
    personFromJson(source.from) ?? { name: role === 'system' ? 'Gorgias' : '' };
  const message: TicketMessage = { author, role, text: clip(full, TICKET_LIMITS.text) };
  const id = idOf(raw.id);
  if (id !== null) message.id = id;
  if (html !== '' && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = stringOf(raw.created_datetime) ?? stringOf(raw.sent_datetime);
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/** The messages of one page of `GET /api/tickets/{id}/messages` (`{data, meta}`; a bare list is accepted). */
function messagePage(json: unknown): { items: unknown[]; next: string | null } {
  if (Array.isArray(json)) return { items: json, next: null };
  if (!isObject(json) || !Array.isArray(json.data))
    throw new ApiShapeError('Gorgias', 'the messages are not a list');
  const meta = isObject(json.meta) ? json.meta : {};
  return { items: json.data, next: stringOf(meta.next_cursor) ?? null };
}

/**
 * Maps `GET /api/tickets/{id}` (subject, status, priority, tags[].name, customer, language) and the messages of
 * `GET /api/tickets/{id}/messages` (from_agent, public, channel, sender, stripped_html/body_html/body_text,
 * created_datetime)
 * to a Ticket. Throws on an unknown shape.
 */
export function ticketFromGorgiasApi(
  ticketJson: unknown,
  messagesJson: readonly unknown[],
  url: string,
): Ticket {
  if (!isObject(ticketJson)) throw new ApiShapeError('Gorgias', 'the ticket is not an object');
  const id = idOf(ticketJson.id);
  if (id === null) throw new ApiShapeError('Gorgias', 'the ticket has no id');
  const messages = inTimeOrder(
    messagesJson.map(messageFromJson).filter((m): m is TicketMessage => m !== null),
  );
  const customer = personFromJson(ticketJson.customer);
  const requester = customer ?? messages.find((m) => m.role === 'customer')?.author ?? { name: '' };
  const tags = (Array.isArray(ticketJson.tags) ? ticketJson.tags : []).map((tag) =>
    isObject(tag) ? stringOf(tag.name) : stringOf(tag),
  );
  const ticket = ticketOf({
    id,
    url,
    helpdesk: 'gorgias',
    method: 'api',
    subject: cleanText(stringOf(ticketJson.subject) ?? ''),
    requester: { ...requester },
    messages,
    tags: tags,
  });
  const status = stringOf(ticketJson.status);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = stringOf(ticketJson.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  const language = stringOf(ticketJson.language);
  if (language && language.length <= TICKET_LIMITS.language) ticket.language = language;
  return ticket;
}

async function ticketFromApi(ctx: ExtractContext, ticketId: string): Promise<Ticket> {
  const ticketRequest = ctx.fetchJson(api.ticket(ticketId));
  // Both start at once; keep a rejection of the ticket request from going unhandled while pages load.
  ticketRequest.catch(() => undefined);
  const items: unknown[] = [];
  let cursor: string | null = null;
  let truncated = false;
  for (let page = 0; ; page += 1) {
    if (page === MAX_MESSAGE_PAGES) {
      truncated = true;
      break;
    }
    const { items: pageItems, next } = messagePage(await ctx.fetchJson(api.messages(ticketId, cursor)));
    items.push(...pageItems);
    if (next === null || next === cursor) break;
    cursor = next;
  }
  const ticket = ticketFromGorgiasApi(await ticketRequest, items, ctx.url.href);
  if (ticket.id !== ticketId)
    throw new ApiShapeError('Gorgias', `asked for ticket ${ticketId}, got ${ticket.id}`);
  if (truncated) ticket.warnings.push(t('core_reader_limit_messages', MAX_MESSAGE_PAGES * 100));
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const ticketId = gorgias.matches(ctx.url) ? ticketIdOfPath(ctx.url) : null;
  if (ticketId === null) {
    throw new NoTicketError(t('error_no_ticket_open', 'Gorgias', '/app/ticket/<number>'));
  }
  // Same rule as ticketId(): the panel must not show (and draft for) a ticket that Insert would refuse as not open.
  if (gorgias.ticketId(ctx.url, ctx.doc) === null) {
    throw new NoTicketError(t('core_reader_still_opening', 'Gorgias', ticketId));
  }
  return readApiThenPage({
    name: 'Gorgias',
    ticketId,
    readApi: () => ticketFromApi(ctx, ticketId),
    readPage: () => ticketFromGorgiasDom(ctx.doc, ticketId, ctx.url.href),
    pageNote: () => t('core_reader_note_gorgias', 'Gorgias'),
  });
}

export const gorgias: HelpdeskAdapter = {
  id: 'gorgias',
  name: 'Gorgias',
  matches(url) {
    return isHelpdeskHost(url, 'gorgias', gorgiasPatterns.host);
  },
  ticketId(url, doc) {
    if (!gorgias.matches(url)) return null;
    const id = ticketIdOfPath(url);
    if (id === null) return null;
    // Gorgias changes the URL first and shows the ticket once it has loaded it. While the previous ticket's view is
    // still the one on screen, none counts as open: the route watcher reports the switch when the page shows the
    // new one, and Insert never aims at the old view meanwhile. No recognisable view at all: the URL decides.
    const views = queryAllFirst(doc, gorgiasSelectors.ticketView);
    return views.length === 0 || findGorgiasTicketView(doc, id) ? id : null;
  },
  extract,
  findComposer,
  selectors: gorgiasSelectors,
};
