import { t, tCount } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import { cleanText, isRendered, queryAllFirst, queryFirst, visibleText } from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Gmail used as a shared support inbox (`mail.google.com/mail/u/{n}/#{label}/{thread}`). Facts come from
// ../../shared/research/helpdesks.md ("Gmail (used as a shared support inbox)"); they are data below, the
// mechanisms live in ./dom.ts. Runs in the content script: no zod.
//
// Read from the DOM only: Gmail has no cookie-authenticated JSON API (its internal sync responses need a page
// script; the Gmail API needs OAuth). Gmail has no roles and no internal notes: a message is the agent's when its
// sender is the signed-in mailbox or shares its (non-webmail) domain, everyone else is a customer.
// The reply box is a plain contenteditable (the generic 'contenteditable' ladder in ./insert.ts). Gmail enforces
// Trusted Types (`require-trusted-types-for 'script'`); the content script's isolated world is not subject to
// the page's policy, and nothing here assigns HTML anyway.
// Marked "inferred" below: selectors no source showed; verify them on a live mailbox first.

export const gmailPatterns = {
  host: /^mail\.google\.com$/i,
  /** The mail app (`/mail/`, `/mail/u/1/`); other paths on the host (e.g. `/chat`) are not ours. */
  mailPath: /^\/mail(?:\/u\/\d+)?\/?$/,
  /**
   * Thread routes end in a thread token after a label or search (`#inbox/FMfcg…`, `#label/Support/FMfcg…`,
   * `#search/refund/18c2…`). The token is a legacy hex id or Gmail's opaque id, which is NOT the thread id the DOM
   * carries (research: URL ids are unreliable).
   */
  threadToken: /^#[^/]+(?:\/[^/]+)*\/([0-9a-f]{16}|[A-Za-z]{5}[A-Za-z0-9]{20,})$/,
  legacyId: /^[0-9a-f]{16}$/,
  /**
   * An address as a whole segment of `document.title` ("<label or subject> - <address> - Gmail"). Inferred (no
   * source showed the format); the fixture sets the title that way (tests/fixtures/gmail/views.ts), and the
   * account button's label is the fallback.
   */
  address: /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/,
} as const;

/**
 * Consumer webmail domains: sharing one of these with the mailbox says nothing about being on the team
 * (a support inbox at gmail.com must not make every gmail.com customer an agent).
 */
const WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'yandex.com',
]);

export const gmailSelectors = {
  /** The open conversation's subject heading, which carries the thread id (gmail.js). */
  threadHeading: ['h2.hP[data-legacy-thread-id]', 'h2[data-thread-perm-id]'],
  /** One per message of the conversation (gmail.js). */
  message: ['div.adn[data-message-id]', 'div.adn[data-legacy-message-id]'],
  /** Sender with `email` and `name` attributes (gmail.js). */
  sender: ['span.gD[email]'],
  /** The title holds the full date (gmail.js). */
  time: ['span.g3[title]'],
  body: ['div.a3s', '.ii.gt .a3s'],
  /**
   * Inferred: collapsed messages (a header row only) and the "N older messages" bar; their bodies are not in
   * the DOM until the agent expands them.
   */
  collapsed: ['div.kv', 'span.adx'],
  /** Inferred: label chips beside the subject. */
  labels: ['.ha .hN'],
  /**
   * Inferred: the account button's label names the signed-in address; used when the tab title has none.
   */
  account: ['a[href^="https://accounts.google.com/SignOutOptions"][aria-label*="@"]'],
  /**
   * The open reply's body inside its `div.M9` container (research); its aria-label is localized, so it is not
   * used. Exists only after the agent clicked Reply.
   */
  composer: [
    'div.M9 div[contenteditable="true"]:not([id="subject"])',
    'div.M9 [role="textbox"][contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

// ---------- which thread is open ----------

/**
 * Every conversation heading, in any of the listed forms (union, not first-match: one view may carry the legacy id
 * while another only has the permanent one).
 */
function allHeadings(doc: Document): Element[] {
  const found = new Set<Element>();
  for (const selector of gmailSelectors.threadHeading) {
    for (const heading of queryAllFirst(doc, [selector])) found.add(heading);
  }
  return [...found];
}

function threadIdOf(heading: Element): string | null {
  const id = heading.getAttribute('data-legacy-thread-id') ?? heading.getAttribute('data-thread-perm-id');
  const clean = id?.trim() ?? '';
  return clean !== '' && clean.length <= 200 ? clean : null;
}

/**
 * The conversation view of a subject heading: its nearest ancestor that also holds the messages (Gmail keeps
 * views of earlier conversations in the DOM, hidden, so the document as a whole is never the scope).
 */
function viewOf(heading: Element): Element | null {
  for (let node = heading.parentElement; node; node = node.parentElement) {
    if (queryFirst(node, gmailSelectors.message)) return node;
  }
  return null;
}

/**
 * The heading of the conversation on screen. A legacy hex token in the URL names its heading by id; Gmail's
 * opaque tokens cannot be matched to the DOM, so then it is the one rendered heading (views of earlier
 * conversations stay in the DOM, hidden).
 */
function openHeading(doc: Document, token: string): Element | null {
  const headings = allHeadings(doc);
  if (gmailPatterns.legacyId.test(token)) {
    const byId = headings.find((h) => h.getAttribute('data-legacy-thread-id') === token);
    if (byId) return byId;
  }
  const shown = headings.filter(isRendered);
  return shown.length === 1 ? shown[0]! : null;
}

function headingById(doc: Document, threadId: string): Element | null {
  return allHeadings(doc).find((h) => threadIdOf(h) === threadId) ?? null;
}

function ticketId(url: URL, doc: Document): string | null {
  if (!gmail.matches(url)) return null;
  const token = gmailPatterns.threadToken.exec(url.hash)?.[1];
  if (!token) return null;
  const heading = openHeading(doc, token);
  return heading ? threadIdOf(heading) : null;
}

/** The reply box of conversation `threadId`, only while that conversation is on screen. */
function findComposer(doc: Document, threadId: string): HTMLElement | null {
  const heading = headingById(doc, threadId);
  const view = heading ? viewOf(heading) : null;
  if (!heading || !view || !isRendered(heading)) return null;
  return queryFirst<HTMLElement>(view, gmailSelectors.composer);
}

// ---------- the signed-in mailbox and roles ----------

/** The signed-in address: a segment of the tab title, else the account button's label. */
export function gmailMailboxAddress(doc: Document): string | null {
  const segments = doc.title.split(' - ').map((part) => part.trim());
  const fromTitle = segments.reverse().find((part) => gmailPatterns.address.test(part));
  if (fromTitle) return fromTitle.toLowerCase();
  const label = queryFirst(doc, gmailSelectors.account)?.getAttribute('aria-label') ?? '';
  const found = /[^\s@()<>"]+@[^\s@()<>"]+\.[^\s@()<>".]+/.exec(label)?.[0];
  return found ? found.toLowerCase() : null;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** agent: the mailbox itself, or its own (non-webmail) domain; everyone else writes as a customer. */
function roleOfSender(sender: string | undefined, mailbox: string): MessageRole {
  if (!sender) return 'customer';
  const address = sender.toLowerCase();
  if (address === mailbox) return 'agent';
  const domain = domainOf(mailbox);
  return !WEBMAIL_DOMAINS.has(domain) && domainOf(address) === domain ? 'agent' : 'customer';
}

// ---------- DOM read ----------

interface RenderedMessage {
  author: Person;
  text: string;
  id?: string;
  createdAt?: string;
}

function readMessage(el: Element): RenderedMessage | null {
  const body = queryFirst(el, gmailSelectors.body);
  const text = body ? visibleText(body) : '';
  if (text === '') return null; // collapsed: no body rendered
  const sender = queryFirst(el, gmailSelectors.sender);
  const email = sender?.getAttribute('email')?.trim() ?? '';
  const name = cleanText(sender?.getAttribute('name') ?? (sender ? visibleText(sender) : ''));
  const author: Person = email.includes('@')
    ? { name: clip(name || email, TICKET_LIMITS.name), email: clip(email, TICKET_LIMITS.name) }
    : { name: clip(name, TICKET_LIMITS.name) };
  const message: RenderedMessage = { author, text: clip(text, TICKET_LIMITS.text) };
  const id = el.getAttribute('data-legacy-message-id') ?? el.getAttribute('data-message-id');
  if (id && id.length <= 200) message.id = id;
  const time = queryFirst(el, gmailSelectors.time)?.getAttribute('title');
  if (time) message.createdAt = clip(cleanText(time), TICKET_LIMITS.short);
  return message;
}

/** Roles without knowing the mailbox: the first sender's side is the customer, other domains the team. */
function rolesByFirstSender(messages: readonly RenderedMessage[]): MessageRole[] {
  const first = messages[0]?.author.email;
  const customerDomain = first ? domainOf(first) : null;
  return messages.map((m) =>
    !m.author.email || customerDomain === null || domainOf(m.author.email) === customerDomain
      ? 'customer'
      : 'agent',
  );
}

/** Reads conversation `threadId` from its own view, or null when the page does not show it. */
export function ticketFromGmailDom(doc: Document, threadId: string, url: string): Ticket | null {
  const heading = headingById(doc, threadId);
  const view = heading ? viewOf(heading) : null;
  if (!heading || !view) return null;
  const subject = visibleText(heading);
  const elements = queryAllFirst(view, gmailSelectors.message);
  const read = elements.map(readMessage).filter((m): m is RenderedMessage => m !== null);
  // Message elements without a rendered body, plus collapsed rows that are not inside a message element.
  const collapsedRows = queryAllFirst(view, gmailSelectors.collapsed).filter(
    (row) => !elements.some((el) => el.contains(row)),
  );
  const collapsed = elements.length - read.length + collapsedRows.length;

  const warnings: string[] = [];
  const mailbox = gmailMailboxAddress(doc);
  let roles: MessageRole[];
  if (mailbox) {
    roles = read.map((m) => roleOfSender(m.author.email, mailbox));
  } else {
    roles = rolesByFirstSender(read);
    warnings.push(t('core_reader_roles_guessed_first_sender'));
  }
  if (collapsed > 0) {
    warnings.push(tCount('core_reader_collapsed_in_app', collapsed, 'Gmail'));
  }
  const messages: TicketMessage[] = read.map((m, index) => ({ ...m, role: roles[index] ?? 'customer' }));
  const firstCustomer = messages.find((m) => m.role === 'customer');
  const labels = queryAllFirst(view, gmailSelectors.labels).map((el) => visibleText(el));

  return ticketOf({
    id: threadId,
    url,
    helpdesk: 'gmail',
    method: 'dom',
    subject: subject,
    requester: firstCustomer ? { ...firstCustomer.author } : { name: '' },
    messages,
    tags: labels,
    warnings,
  });
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const threadId = ticketId(ctx.url, ctx.doc);
  if (threadId === null) {
    throw new NoTicketError(t('core_reader_no_conversation_open_plain', 'Gmail'));
  }
  const ticket = ticketFromGmailDom(ctx.doc, threadId, ctx.url.href);
  if (!ticket) {
    throw new NoTicketError(t('core_reader_conversation_not_found', 'Gmail'));
  }
  return ticket;
}

export const gmail: HelpdeskAdapter = {
  id: 'gmail',
  name: 'Gmail',
  matches(url) {
    return isHelpdeskHost(url, 'gmail', gmailPatterns.host) && gmailPatterns.mailPath.test(url.pathname);
  },
  ticketId,
  extract,
  findComposer,
  selectors: gmailSelectors,
};
