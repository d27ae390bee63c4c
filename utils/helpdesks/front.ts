import { t, tCount } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, paneOfTicket, personOf, shownComposerIn, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  bubbleSide,
  deepQueryAllFirst,
  deepQueryFirst,
  fillSelectors,
  isHiddenInTree,
  markerOutside,
  matchesAny,
  outermost,
  visibleText,
} from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Front (app.frontapp.com). Facts come from ../../shared/research/helpdesks.md ("Front"): URL forms, the id
// conversion, and that the page only shows styled-components classes. They are data below; the mechanisms live in
// ./dom.ts and ./adapter-kit.ts. Runs in the content script: no zod.
//
// Read from the page only: Front's Core API (api2.frontapp.com) needs a token and no same-origin API is known.
// styled-components classes look like `conversationTopbar__StyledConversationTopbar-sc-1a2b3c-0 kXyZab`: the hash
// changes with every deploy, so selectors match the stable `<file>__` / `<file>__<Component>-` prefix at the start
// of the class attribute or after a space. Everything but the topbar, subject and recipient wrapper is inferred
// (no source showed it): verify on a live account.
//
// Editor: the research found no evidence of Front's reply editor. The composer is found as "the editable inside the
// reply composer" and its kind is detected generically from the DOM (./editor-kind.ts) when inserting.

/** A styled-components class prefix as a selector: at the start of `class` or after a space. */
function styled(prefix: string, tail = ''): string {
  return `[class^="${prefix}"]${tail}, [class*=" ${prefix}"]${tail}`;
}

export const frontPatterns = {
  host: /^app\.frontapp\.com$/i,
  /**
   * `/open/{cnv_xxx}` (deep link) and in-app `/inboxes/…/open/{n}`; a `msg_` deep link names a message and is
   * resolved by Front itself to its conversation's address.
   */
  openPath: /^(?:\/inboxes(?:\/[^/]+)*?)?\/open\/(cnv_[0-9a-z]+|\d+)(?:\/|$)/i,
  /** `/inboxes/teammates/{id}/inbox/{view}/{n}`. */
  teammateInboxPath: /^\/inboxes\/teammates\/[^/]+\/inbox\/[^/]+\/(\d+)(?:\/|$)/,
} as const;

export const frontSelectors = {
  /** The pane of one conversation. Inferred: an attribute naming the conversation (API id or numeric form). */
  conversationById: ['[data-conversation-id="{id}"]', '[data-conversation-id="{number}"]'],
  conversationNamed: ['[data-conversation-id]'],
  /** Inferred. */
  conversationPane: [styled('conversationView__'), styled('conversationPanel__')],
  /** Research. */
  topbar: [styled('conversationTopbar__')],
  /** Research: `conversationSubjectWrapper__StyledSubjectContainerDiv-sc-… > div > span`. */
  subject: [styled('conversationSubjectWrapper__', ' > div > span'), styled('conversationSubjectWrapper__')],
  /** Inferred: the thread and its items in order (messages, teammate comments, activity lines). */
  timeline: [styled('conversationTimeline__')],
  message: [styled('messageViewer__')],
  comment: [styled('commentViewer__')],
  event: [styled('timelineEvent__')],
  /** Research: the recipient details of a message; the sender's name and address inside it are inferred. */
  recipientDetails: [styled('messageViewerRecipient__')],
  senderName: [styled('messageViewerRecipient__StyledSenderName')],
  senderAddress: [styled('messageViewerRecipient__StyledSenderHandle')],
  commentAuthor: [styled('commentViewer__StyledAuthor')],
  /** The sender's HTML (messages) or the comment text; markers inside it are never trusted. */
  body: [
    styled('messageViewerBody__'),
    styled('commentViewer__StyledBody'),
    styled('timelineEvent__StyledText'),
  ],
  /** The message card whose side of the thread tells inbound (start) from outbound (end). Inferred. */
  card: [styled('messageViewer__StyledCard')],
  time: ['time[datetime]'],
  status: [styled('conversationStatus__')],
  tag: [styled('conversationTag__')],
  /** The editable inside the reply composer (kind detected generically, see above). */
  composer: [
    styled('replyComposer__', ' [contenteditable="true"]'),
    '[data-testid="composer"] [contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

// ---------- ids ----------

/** `cnv_` + base 36 of the numeric URL id (research: the in-app number is the API id's base-36 part). */
export function frontConversationId(urlId: string): string | null {
  if (/^cnv_[0-9a-z]+$/i.test(urlId)) return urlId.toLowerCase();
  if (!/^\d{1,30}$/.test(urlId)) return null;
  const number = BigInt(urlId);
  return number > 0n ? `cnv_${number.toString(36)}` : null;
}

/** The numeric (in-app URL) form of a `cnv_` id. */
export function frontConversationNumber(conversationId: string): string | null {
  const base36 = /^cnv_([0-9a-z]+)$/.exec(conversationId)?.[1];
  if (!base36) return null;
  let value = 0n;
  for (const digit of base36) value = value * 36n + BigInt(Number.parseInt(digit, 36));
  return value.toString();
}

function conversationIdOf(url: URL): string | null {
  const raw =
    frontPatterns.openPath.exec(url.pathname)?.[1] ?? frontPatterns.teammateInboxPath.exec(url.pathname)?.[1];
  return raw ? frontConversationId(raw) : null;
}

function paneOf(doc: Document, conversationId: string): Element | null {
  const number = frontConversationNumber(conversationId);
  if (!number) return null;
  return paneOfTicket(doc, {
    named: fillSelectors(frontSelectors.conversationById, { id: conversationId, number }),
    anyNamed: frontSelectors.conversationNamed,
    pane: frontSelectors.conversationPane,
    sole: frontSelectors.timeline,
  });
}

// ---------- DOM read ----------

/** "Name", and an address shown as "<name@host>" or "name@host". */
function personFromAddress(name: string, address: string): Person {
  return personOf(name, /([^\s<>]+@[^\s<>]+)/.exec(address)?.[1]);
}

interface ReadItem {
  message: TicketMessage;
  /** False when nothing told the role and it was assumed. */
  known: boolean;
}

function itemMarker(item: Element, selectors: SelectorList): Element | null {
  return markerOutside(item, selectors, frontSelectors.body);
}

function readItem(item: Element, timeline: Element): ReadItem | null {
  const body = itemMarker(item, frontSelectors.body);
  const text = body ? visibleText(body) : '';
  if (text === '') return null;
  let role: MessageRole;
  let known = true;
  let author: Person = { name: '' };
  if (matchesAny(item, frontSelectors.comment)) {
    role = 'internal';
    const authorEl = itemMarker(item, frontSelectors.commentAuthor);
    author = personFromAddress(authorEl ? visibleText(authorEl) : '', '');
  } else if (matchesAny(item, frontSelectors.event)) {
    role = 'system';
    author = { name: 'Front' };
  } else {
    const details = itemMarker(item, frontSelectors.recipientDetails) ?? item;
    const nameEl = itemMarker(details, frontSelectors.senderName);
    const addressEl = itemMarker(details, frontSelectors.senderAddress);
    author = personFromAddress(nameEl ? visibleText(nameEl) : '', addressEl ? visibleText(addressEl) : '');
    // Inbound mail sits at the start of the thread, what teammates sent at the end (inferred, as in chat views).
    const side = bubbleSide(itemMarker(item, frontSelectors.card) ?? item, timeline);
    if (side === 'end') role = 'agent';
    else {
      role = 'customer';
      known = side === 'start';
    }
  }
  const message: TicketMessage = { author, role, text: clip(text, TICKET_LIMITS.text) };
  if (role !== 'system' && body) {
    const html = body.innerHTML.trim();
    if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  }
  const createdAt = itemMarker(item, frontSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return { message, known };
}

/** The thread's items in page order: messages, comments and activity lines, never one nested in another's body. */
function timelineItems(timeline: Element): Element[] {
  const kinds = [...frontSelectors.message, ...frontSelectors.comment, ...frontSelectors.event].join(', ');
  return outermost(deepQueryAllFirst(timeline, [kinds])).filter((item) => !isHiddenInTree(item));
}

/**
 * Reads conversation `conversationId` (a `cnv_` id) from the page, or null when the page does not show it.
 */
export function ticketFromFrontDom(doc: Document, conversationId: string, url: string): Ticket | null {
  const pane = paneOf(doc, conversationId);
  if (!pane) return null;
  const topbar = deepQueryFirst(pane, frontSelectors.topbar) ?? pane;
  const subjectEl = deepQueryFirst(topbar, frontSelectors.subject);
  const subject = subjectEl ? visibleText(subjectEl) : '';
  const timeline = deepQueryFirst(pane, frontSelectors.timeline);
  const read = timeline
    ? timelineItems(timeline)
        .map((item) => readItem(item, timeline))
        .filter((r): r is ReadItem => r !== null)
    : [];
  if (subject === '' && read.length === 0) return null;
  const messages = read.map((r) => r.message);
  const firstCustomer = messages.find((m) => m.role === 'customer' && m.author.name !== '');
  const tags = deepQueryAllFirst(pane, frontSelectors.tag).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: conversationId,
    url,
    helpdesk: 'front',
    method: 'dom',
    subject: subject,
    requester: firstCustomer ? { ...firstCustomer.author } : { name: '' },
    messages,
    tags: tags,
  });
  const statusEl = deepQueryFirst(pane, frontSelectors.status);
  const status = statusEl ? visibleText(statusEl) : '';
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const unknown = read.filter((r) => !r.known).length;
  if (unknown > 0) {
    ticket.warnings.push(tCount('core_reader_direction_unknown', unknown, 'Front'));
  }
  if (!timeline) ticket.warnings.push(t('core_reader_thread_not_found'));
  return ticket;
}

/** The reply editor of conversation `conversationId`, when its pane is on screen. */
function findComposer(doc: Document, conversationId: string): HTMLElement | null {
  return shownComposerIn(paneOf(doc, conversationId), frontSelectors.composer);
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const conversationId = front.ticketId(ctx.url, ctx.doc);
  if (conversationId === null) {
    throw new NoTicketError(t('core_reader_no_conversation_open_contains', 'Front', '/open/…'));
  }
  const ticket = ticketFromFrontDom(ctx.doc, conversationId, ctx.url.href);
  if (!ticket) {
    throw new NoTicketError(t('error_conversation_not_shown_yet', 'Front', conversationId));
  }
  return ticket;
}

export const front: HelpdeskAdapter = {
  id: 'front',
  name: 'Front',
  matches(url) {
    return isHelpdeskHost(url, 'front', frontPatterns.host);
  },
  ticketId(url) {
    if (!front.matches(url)) return null;
    return conversationIdOf(url);
  },
  extract,
  findComposer,
  selectors: frontSelectors,
};
