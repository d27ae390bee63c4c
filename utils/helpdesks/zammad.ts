import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
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
import {
  cleanText,
  documentUrl,
  fillSelectors,
  queryAllFirst,
  queryFirst,
  textFromHtml,
  visibleText,
} from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Zammad: the classic agent UI (hash routes `#ticket/zoom/<id>`) and the new desktop view
// (`/desktop/tickets/<id>`). Facts come from ../../shared/research/helpdesks.md ("Zammad"); a few are
// read from Zammad's own source (zammad/zammad) and say so. They are data below; the mechanisms live in
// ./dom.ts. Runs in the content script: no zod.

export const zammadPatterns = {
  /**
   * Hosted tenants. Self-hosted Zammad lives on any host: the agent declares it in the options page
   * (./custom-hosts.ts); everything else (routes, selectors, API) is the same on every host.
   */
  host: /^[a-z0-9][a-z0-9-]*\.zammad\.com$/i,
  /** Classic UI: the route is in the hash, optionally followed by an article id (`#ticket/zoom/42/311`). */
  legacyRoute: /^#ticket\/zoom\/(\d+)(?:\/\d*)?$/,
  /** New desktop view (Vue, history routes). */
  desktopTicketPath: /^\/desktop\/tickets\/(\d+)\/?$/,
  /** Apps under their own path whose hash means nothing to the classic UI. */
  otherAppPath: /^\/(?:desktop|mobile)(?:\/|$)/,
  /** Customer-facing pages on the same host (knowledge base / help center) and the API itself. */
  notAgentPath: /^\/(?:help|api)(?:\/|$)/,
  /** An article permalink in the classic UI: `…#ticket/zoom/<ticket>/<article>` names its zoom's ticket. */
  permalinkHref: /#ticket\/zoom\/(\d+)(?:\/|$)/,
} as const;

export const zammadSelectors = {
  /**
   * The classic UI's task container of one open ticket. Zammad's task manager renders every task into
   * `<div id="content_permanent_<taskKey>" class="content …">`, the ticket task key being `Ticket-<id>`; the
   * shown task has class `active`, the others `hide` (zammad/zammad task_manager.coffee and its specs).
   */
  task: ['#content_permanent_Ticket-{id}'],
  /** Root of a ticket zoom (research). */
  zoom: ['.ticketZoom'],
  /** The zoom on screen, used only when no task container names the ticket. */
  activeZoom: ['.content.active .ticketZoom'],
  /**
   * Article permalinks (the time line under each article); their href names the zoom's ticket (see
   * `permalinkHref`). Direct children only: links inside message bodies may point anywhere.
   */
  permalink: ['.ticket-article-item > a[href*="#ticket/zoom/"]'],
  title: ['.js-objectTitle'],
  number: ['.js-objectNumber[data-number]'],
  /** Its classes: `agent` | `customer` | `system` (sender), `is-internal` for internal notes. */
  article: ['.ticket-article-item[data-id]'],
  body: ['.textBubble-content .richtext-content', '.richtext-content'],
  /** File links under the bubble (article_view.jst.eco). */
  attachment: ['.attachments a.attachment', '.attachments [data-type="attachment"]'],
  time: ['time.humanTimeFromNow[datetime]', '.humanTimeFromNow[datetime]'],
  /**
   * The article's address line. Inferred from article_view.jst.eco: the "From" row is the first meta row
   * when the article has a sender (the key is translated, so it is found by position, not by label).
   */
  author: ['.article-meta.top .article-meta-row:first-child .article-meta-value'],
  /** "See more": a long body is only clipped by CSS height; the whole text is in the DOM. */
  fold: ['.js-toggleFold'],
  tags: ['.tags .list-item-name'],
  customerName: ['[data-tab="customer"] [title="Name"]'],
  /** Ticket attribute form in the sidebar (inferred: Zammad form fields are named after the attribute). */
  state: ['select[name="state_id"]'],
  priority: ['select[name="priority_id"]'],
  /** Classic UI reply box: a contenteditable (jQuery `.ce()`) whose innerHTML the form submits. */
  legacyComposer: ['[data-name="body"][contenteditable="true"]'],
  /**
   * Desktop view reply editor: TipTap (ProseMirror) inside `EditorContent data-test-id="field-editor"`;
   * the ticket view teleports the reply form into `#ticketArticleReplyForm` (TicketDetailView.vue).
   */
  desktopComposer: [
    '#ticketArticleReplyForm [data-test-id="field-editor"] .ProseMirror[contenteditable="true"]',
    '[data-test-id="field-editor"] .ProseMirror[contenteditable="true"]',
    '[role="textbox"].ProseMirror[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** Article `sender` name (API) or item class (classic UI) → role of what they wrote in public. */
const SENDER_ROLES: Readonly<Record<string, MessageRole>> = {
  customer: 'customer',
  agent: 'agent',
  system: 'system',
};

/**
 * Outgoing mail says "<agent> via <system address name>" (Zammad's default `ticket_define_email_from`); the
 * address is the helpdesk's, not the agent's.
 */
const AGENT_VIA = /^(.+?) via .+$/;

/** Zammad's own user for system-made articles has this as its name (seed user 1). */
const PLACEHOLDER_NAMES = new Set(['', '-']);
const SYSTEM_NAME = 'Zammad';

const api = {
  ticket: (id: string) => `/api/v1/tickets/${id}?all=true`,
  articles: (id: string) => `/api/v1/ticket_articles/by_ticket/${id}`,
};

/** Zammad Cloud's host check (declared self-hosted hosts are added by `isHelpdeskHost`). */
export function isZammadHost(hostname: string): boolean {
  return zammadPatterns.host.test(hostname);
}

// ---------- which ticket, which UI ----------

/** The ticket id in a desktop-view URL, or null (also for classic-UI URLs). */
function desktopTicketId(url: URL): string | null {
  return zammadPatterns.desktopTicketPath.exec(url.pathname)?.[1] ?? null;
}

function legacyTicketId(url: URL): string | null {
  if (zammadPatterns.otherAppPath.test(url.pathname)) return null;
  return zammadPatterns.legacyRoute.exec(url.hash)?.[1] ?? null;
}

// ---------- classic UI: scoping to the ticket's zoom ----------

interface ZoomScope {
  /** The `.ticketZoom` element. */
  zoom: Element;
  /** Its task container (sidebar, reply form), or the zoom itself when none is recognised. */
  task: Element;
}

/** Ticket ids named by the article permalinks inside `root`. */
function permalinkTicketIds(root: Element): Set<string> {
  const ids = new Set<string>();
  for (const link of queryAllFirst(root, zammadSelectors.permalink)) {
    const id = zammadPatterns.permalinkHref.exec(link.getAttribute('href') ?? '')?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

function findZoomScope(doc: Document, ticketId: string): ZoomScope | null {
  if (!isDigits(ticketId)) return null;
  const task = queryFirst(doc, fillSelectors(zammadSelectors.task, { id: ticketId }));
  if (task) {
    const zoom = selfOrDescendant(task, zammadSelectors.zoom);
    return zoom ? { zoom, task } : null;
  }
  // No task container known: accept the zoom on screen unless it names some other ticket.
  const zoom = queryFirst(doc, zammadSelectors.activeZoom);
  if (!zoom) return null;
  const ids = permalinkTicketIds(zoom);
  if (ids.size > 1 || (ids.size === 1 && !ids.has(ticketId))) return null;
  return { zoom, task: zoom.closest('.content') ?? zoom };
}

/**
 * The `.ticketZoom` of ticket `ticketId` in the classic UI, never another ticket's: several zooms can be
 * in the DOM at once (one per open task), so it is chosen by the task container's id.
 */
export function findZammadZoom(doc: Document, ticketId: string): Element | null {
  return findZoomScope(doc, ticketId)?.zoom ?? null;
}

function isShown(scope: ZoomScope): boolean {
  return !scope.task.classList.contains('hide') && !scope.zoom.classList.contains('hide');
}

/** The reply editor of `ticketId`: the classic zoom's body, or the desktop view's ProseMirror. */
function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  const scope = findZoomScope(doc, ticketId);
  if (scope) {
    if (!isShown(scope)) return null;
    return (
      queryFirst<HTMLElement>(scope.zoom, zammadSelectors.legacyComposer) ??
      queryFirst<HTMLElement>(scope.task, zammadSelectors.legacyComposer)
    );
  }
  // Desktop view: one ticket route on screen (other tabs are not in the document); check it is this one.
  const pageUrl = documentUrl(doc);
  if (pageUrl && desktopTicketId(pageUrl) !== ticketId) return null;
  return queryFirst<HTMLElement>(doc, zammadSelectors.desktopComposer);
}

// ---------- classic UI: DOM read ----------

/** "Name <email>", "email" or "Name" → Person. */
function personFromAddress(raw: string): Person | null {
  const text = cleanText(raw);
  if (text === '') return null;
  const angled = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text);
  if (angled) {
    const name = angled[1]!.replace(/^"|"$/g, '').trim();
    return { name: name || angled[2]!, email: angled[2]! };
  }
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { name: text, email: text };
  return { name: text };
}

/** The person an article's address line names, as the agent would call them. */
function senderFromAddress(raw: string, role: MessageRole): Person | null {
  const person = personFromAddress(raw);
  if (!person || (role !== 'agent' && role !== 'internal')) return person;
  const via = AGENT_VIA.exec(person.name);
  return via ? { name: via[1]! } : person;
}

function roleFromClasses(item: Element): MessageRole {
  if (item.classList.contains('is-internal')) return 'internal';
  for (const [sender, role] of Object.entries(SENDER_ROLES)) {
    if (item.classList.contains(sender)) return role;
  }
  return 'system';
}

function messageFromArticle(item: Element): TicketMessage | null {
  const body = queryFirst(item, zammadSelectors.body);
  if (!body) return null;
  const text = visibleText(body);
  if (text === '') return null;
  const role = roleFromClasses(item);
  const authorEl = queryFirst(item, zammadSelectors.author);
  const author = (authorEl ? senderFromAddress(visibleText(authorEl), role) : null) ?? {
    name: role === 'system' ? SYSTEM_NAME : '',
  };
  const files = queryAllFirst(item, zammadSelectors.attachment)
    .map((el) => visibleText(el))
    .filter((name) => name !== '')
    .map((name) => `[Attachment: ${name}]`);
  const full = [text, files.join('\n')].filter((part) => part !== '').join('\n\n');
  const message: TicketMessage = { author, role, text: clip(full, TICKET_LIMITS.text) };
  const id = item.getAttribute('data-id');
  if (isDigits(id)) message.id = id;
  const html = body.innerHTML.trim();
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = queryFirst(item, zammadSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

function selectedOptionText(root: Element, selectors: SelectorList): string | undefined {
  const select = queryFirst<HTMLSelectElement>(root, selectors);
  const option = select?.querySelector('option:checked') ?? select?.querySelector('option[selected]');
  const text = option ? cleanText(option.textContent ?? '') : '';
  return text === '' || text === '-' ? undefined : text;
}

/** Reads ticket `ticketId` from the classic UI (its own zoom only), or null when the page does not show it. */
export function ticketFromZammadDom(doc: Document, ticketId: string, url: string): Ticket | null {
  const scope = findZoomScope(doc, ticketId);
  if (!scope) return null;
  const { zoom, task } = scope;
  const titleEl = queryFirst(zoom, zammadSelectors.title);
  const subject = titleEl ? visibleText(titleEl) : '';
  const messages = queryAllFirst(zoom, zammadSelectors.article)
    .map(messageFromArticle)
    .filter((m): m is TicketMessage => m !== null);
  if (subject === '' && messages.length === 0) return null;

  // The sidebar names the customer; their address comes from one of their own messages, if any.
  const customerEl = queryFirst(task, zammadSelectors.customerName);
  const customerName = customerEl ? visibleText(customerEl) : '';
  const customerMessages = messages.filter((m) => m.role === 'customer');
  const fromCustomer =
    customerMessages.find((m) => m.author.name === customerName && m.author.email) ?? customerMessages[0];
  let requester: Person = fromCustomer ? { ...fromCustomer.author } : { name: '' };
  if (customerName !== '' && requester.name !== customerName) requester = { name: customerName };

  const tags = queryAllFirst(task, zammadSelectors.tags).map((el) => visibleText(el));

  const ticket = ticketOf({
    id: ticketId,
    url,
    helpdesk: 'zammad',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    tags: tags,
  });
  const status = selectedOptionText(task, zammadSelectors.state);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = selectedOptionText(task, zammadSelectors.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  return ticket;
}

// ---------- API read ----------

/**
 * `assets` maps a model name to records by id. The JSON key is Zammad's `to_app_model` (the class name
 * without `::`, e.g. `TicketState`); the Ruby spelling is accepted too.
 */
function assetRecords(assets: JsonObject, ...names: string[]): JsonObject {
  for (const name of names) {
    const records = assets[name];
    if (isObject(records)) return records;
  }
  return {};
}

function assetName(assets: JsonObject, id: unknown, ...models: string[]): string | undefined {
  const key = idOf(id);
  if (key === null) return undefined;
  const record = assetRecords(assets, ...models)[key];
  return isObject(record) ? stringOf(record.name) : undefined;
}

interface ZammadUser {
  person: Person;
  locale?: string;
}

function userOf(raw: unknown): ZammadUser | null {
  if (!isObject(raw)) return null;
  const name = [stringOf(raw.firstname), stringOf(raw.lastname)]
    .filter((part): part is string => part !== undefined)
    .join(' ')
    .trim();
  const email = stringOf(raw.email);
  const person: Person = { name: name || email || stringOf(raw.login) || '' };
  if (email) person.email = email;
  const user: ZammadUser = { person };
  const locale = isObject(raw.preferences) ? stringOf(raw.preferences.locale) : undefined;
  if (locale && locale.length <= TICKET_LIMITS.language) user.locale = locale;
  return user;
}

function collectUsers(assets: JsonObject): Map<string, ZammadUser> {
  const users = new Map<string, ZammadUser>();
  for (const [key, raw] of Object.entries(assetRecords(assets, 'User'))) {
    const user = userOf(raw);
    const id = isObject(raw) ? (idOf(raw.id) ?? idOf(key)) : null;
    if (user && id !== null) users.set(id, user);
  }
  return users;
}

function articleText(article: JsonObject): string {
  const body = typeof article.body === 'string' ? article.body : '';
  const contentType = (stringOf(article.content_type) ?? 'text/plain').toLowerCase();
  // HTML is rendered by us, so text the sender hid (display:none, zero-size fonts) is dropped.
  const text = contentType.startsWith('text/html') ? textFromHtml(body) : cleanText(body);
  const attachments = Array.isArray(article.attachments) ? article.attachments : [];
  const notes = attachments
    .map((a) => {
      if (!isObject(a)) return undefined;
      const prefs = isObject(a.preferences) ? a.preferences : {};
      // Inline images of an HTML body are attachments too; they are part of the text, not files.
      if (String(prefs['Content-Disposition'] ?? '').toLowerCase() === 'inline') return undefined;
      const name = stringOf(a.filename);
      return name ? `[Attachment: ${name}]` : undefined;
    })
    .filter(Boolean)
    .join('\n');
  return [text, notes].filter((part) => part !== '').join('\n\n');
}

function roleOfArticle(article: JsonObject): MessageRole {
  if (article.internal === true) return 'internal';
  return SENDER_ROLES[(stringOf(article.sender) ?? '').toLowerCase()] ?? 'system';
}

function authorOfArticle(
  article: JsonObject,
  role: MessageRole,
  users: ReadonlyMap<string, ZammadUser>,
): Person {
  // origin_by: the customer an agent wrote an article for (a phone call); created_by otherwise.
  const originId = idOf(article.origin_by_id);
  const creatorId = idOf(article.created_by_id);
  const user =
    (originId !== null ? users.get(originId) : undefined) ?? (creatorId ? users.get(creatorId) : undefined);
  if (user && !PLACEHOLDER_NAMES.has(user.person.name)) return { ...user.person };
  const from = stringOf(article.from);
  const parsed = from ? senderFromAddress(from, role) : null;
  if (parsed && !PLACEHOLDER_NAMES.has(parsed.name)) return parsed;
  return { name: role === 'system' ? SYSTEM_NAME : '' };
}

function messageFromArticleJson(raw: unknown, users: ReadonlyMap<string, ZammadUser>): TicketMessage | null {
  if (!isObject(raw)) return null;
  const text = articleText(raw);
  if (text === '') return null;
  const role = roleOfArticle(raw);
  const message: TicketMessage = {
    author: authorOfArticle(raw, role, users),
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = idOf(raw.id);
  if (id !== null) message.id = id;
  const contentType = (stringOf(raw.content_type) ?? '').toLowerCase();
  if (
    contentType.startsWith('text/html') &&
    typeof raw.body === 'string' &&
    raw.body.length <= TICKET_LIMITS.html
  ) {
    message.html = raw.body;
  }
  const createdAt = stringOf(raw.created_at);
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/** The ticket record and the assets of `GET /api/v1/tickets/{id}?all=true` (or a bare ticket object). */
function ticketRecordOf(ticketJson: unknown): { record: JsonObject; assets: JsonObject; tags: unknown } {
  if (!isObject(ticketJson)) throw new ApiShapeError('Zammad', 'the ticket is not an object');
  const assets = isObject(ticketJson.assets) ? ticketJson.assets : {};
  const id = idOf(ticketJson.ticket_id);
  if (id !== null) {
    const record = assetRecords(assets, 'Ticket')[id];
    if (!isObject(record)) throw new ApiShapeError('Zammad', `ticket ${id} is missing from the assets`);
    return { record, assets, tags: ticketJson.tags };
  }
  if (idOf(ticketJson.id) !== null) return { record: ticketJson, assets, tags: ticketJson.tags };
  throw new ApiShapeError('Zammad', 'no ticket id');
}

/**
 * Maps `GET /api/v1/tickets/{id}?all=true` (ticket, users and lookups in `assets`, plus `tags`) and
 * `GET /api/v1/ticket_articles/by_ticket/{id}` (articles with `sender`, `internal`, `content_type`) to a
 * Ticket. Throws on an unknown shape.
 */
export function ticketFromZammadApi(ticketJson: unknown, articlesJson: unknown, url: string): Ticket {
  const { record, assets, tags: rawTags } = ticketRecordOf(ticketJson);
  const id = idOf(record.id);
  if (id === null) throw new ApiShapeError('Zammad', 'the ticket has no id');
  if (!Array.isArray(articlesJson)) throw new ApiShapeError('Zammad', 'the articles are not a list');

  const users = collectUsers(assets);
  const messages = articlesJson
    .map((article) => messageFromArticleJson(article, users))
    .filter((m): m is TicketMessage => m !== null);

  const customerId = idOf(record.customer_id);
  const customer = customerId !== null ? users.get(customerId) : undefined;
  const firstCustomer = messages.find((m) => m.role === 'customer');
  const requester = customer
    ? { ...customer.person }
    : firstCustomer
      ? { ...firstCustomer.author }
      : { name: '' };
  const tags = tagList(Array.isArray(rawTags) ? rawTags : []);

  const ticket = ticketOf({
    id,
    url,
    helpdesk: 'zammad',
    method: 'api',
    subject: cleanText(stringOf(record.title) ?? ''),
    requester,
    messages,
    tags: tags,
  });
  const status = assetName(assets, record.state_id, 'TicketState', 'Ticket::State') ?? stringOf(record.state);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority =
    assetName(assets, record.priority_id, 'TicketPriority', 'Ticket::Priority') ?? stringOf(record.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  if (customer?.locale) ticket.language = customer.locale;
  return ticket;
}

async function ticketFromApi(ctx: ExtractContext, ticketId: string): Promise<Ticket> {
  const ticketRequest = ctx.fetchJson(api.ticket(ticketId));
  const articlesRequest = ctx.fetchJson(api.articles(ticketId));
  // Both run at once; keep a rejection of the second from going unhandled while awaiting the first.
  articlesRequest.catch(() => undefined);
  const ticketJson = await ticketRequest;
  const ticket = ticketFromZammadApi(ticketJson, await articlesRequest, ctx.url.href);
  if (ticket.id !== ticketId)
    throw new ApiShapeError('Zammad', `asked for ticket ${ticketId}, got ${ticket.id}`);
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const ticketId = zammad.ticketId(ctx.url, ctx.doc);
  if (ticketId === null) {
    throw new NoTicketError(
      t('core_reader_no_ticket_open_either', 'Zammad', '#ticket/zoom/<number>', '/desktop/tickets/<number>'),
    );
  }
  return readApiThenPage({
    name: 'Zammad',
    ticketId,
    readApi: () => ticketFromApi(ctx, ticketId),
    readPage: () => ticketFromZammadDom(ctx.doc, ticketId, ctx.url.href),
    pageNote: () => t('core_reader_note_zammad'),
    ...(desktopTicketId(ctx.url) !== null
      ? { pageUnreadable: t('core_reader_unreadable_desktop', `#ticket/zoom/${ticketId}`) }
      : {}),
  });
}

export const zammad: HelpdeskAdapter = {
  id: 'zammad',
  name: 'Zammad',
  matches(url) {
    return (
      isHelpdeskHost(url, 'zammad', zammadPatterns.host) && !zammadPatterns.notAgentPath.test(url.pathname)
    );
  },
  ticketId(url) {
    if (!zammad.matches(url)) return null;
    return desktopTicketId(url) ?? legacyTicketId(url);
  },
  extract,
  findComposer,
  selectors: zammadSelectors,
};
