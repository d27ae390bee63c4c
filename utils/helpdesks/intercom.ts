import { t, tCount } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, paneOfTicket, shownComposerIn, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  bubbleSide,
  cleanText,
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

// Intercom Inbox (app.intercom.com). Facts come from ../../shared/research/helpdesks.md ("Intercom (Inbox)"):
// they are data below; the mechanisms live in ./dom.ts and ./adapter-kit.ts. Runs in the content script: no zod.
//
// Read from the page only: the research found no session API that is reliable today (a 2020 userscript called
// `/ember/conversations.json` through the page's own Ember ajax, which adds auth headers a content script does not
// have). The research also reports that Intercom renders parts of the inbox in open shadow roots, so every read
// goes through deepQuery. Selectors marked "inferred" were not seen in any source: verify them on a live inbox.

export const intercomPatterns = {
  /** The agent app. Regional data centres (app.eu / app.au) can be declared as custom hosts. */
  host: /^app\.intercom\.com$/i,
  /** `/a/inbox/{appId}/inbox/{view…}/conversation/{id}` (also `/a/inbox/_/inbox/conversation/{id}`). */
  conversationPath: /^\/a\/inbox\/[^/]+\/inbox\/(?:[^/]+\/)*conversation\/(\d+)(?:\/|$)/,
  /** Legacy `/a/apps/{appId}/…/conversations/{id}`; Intercom answers it with a 301 to the form above. */
  legacyConversationPath: /^\/a\/apps\/[^/]+\/(?:[^/]+\/)*conversations\/(\d+)(?:\/|$)/,
  /** The agent app lives under /a/. */
  agentPath: /^\/a(?:\/|$)/,
} as const;

export const intercomSelectors = {
  /**
   * The pane of conversation {id}. Inferred: no source shows an attribute carrying the conversation id. When the
   * page has none, the one shown pane (below) is read, or, with no pane recognised at all, the whole page when it
   * has exactly one stream; the route alone names the conversation then (see ./adapter-kit.ts paneOfTicket).
   */
  conversationById: ['[data-conversation-id="{id}"]'],
  conversationNamed: ['[data-conversation-id]'],
  /** A conversation pane, named or not: the element holding header, stream and composer (inferred). */
  conversationPane: ['[data-conversation-id]', '.conversation', '[data-testid="conversation-view"]'],
  title: ['[data-inbox-conversation-header-title]', '[data-intercom-target="conversation-card-header"] h2'],
  /** The stream of parts (research); the older Ember inbox used `.conversation__stream`. */
  stream: ['[data-testid="conversation-stream-scroll-container"]', '.conversation__stream'],
  /** Parts: the Tailwind markup since about April 2026, then the legacy attribute (research). */
  part: ['[class*="group/content-part"]', '[data-part-group-id]'],
  /** Legacy role numbers live here: 1 customer, 3 agent, 4 note, 5 bot, 20 system (research). */
  partCategory: ['[data-part-group-category]'],
  /** Internal notes: legacy category 4 (seen in a public script), `.o__note` (old), a note bubble (inferred). */
  note: ['[data-part-group-category="4"]', '.o__note', '[data-part-type="note"]', '[class*="bg-note"]'],
  /** Admin (teammate) markers of the older inbox and an author-type attribute seen in a public script. */
  adminMarker: ['.o__admin', '[data-author-type="admin"]', '[data-author-type="bot"]'],
  userMarker: ['.o__user', '[data-author-type="user"]', '[data-author-type="lead"]'],
  /** Row alignment classes (a public script): teammate rows end-aligned, customer rows start-aligned. */
  endAligned: ['.justify-end', '.flex-row-reverse'],
  startAligned: ['.justify-start'],
  /** The bubble whose position tells the side when no attribute does (Tailwind markup). Inferred. */
  bubble: ['[data-part-bubble]', '.rounded-xl', '.interblocks-html'],
  body: ['.interblocks-html', '[class*="break-words"]'],
  /** Inferred: the part's author name and time. */
  author: ['[data-part-author-name]', '.conversation__part__author', '[class*="part-author"]'],
  time: ['time[datetime]'],
  /** Inferred: state chip and conversation tags in the header. */
  status: ['[data-testid="conversation-state"]', '[data-intercom-target="conversation-state"]'],
  tag: ['[data-testid="conversation-tag"]', '.conversation__tag'],
  /** ProseMirror (research), under the reply composer's marker; the older separate note composer is not under it. */
  composer: [
    '[data-conversation-reply-composer] .ProseMirror[contenteditable="true"]',
    '[data-conversation-reply-composer] .embercom-prosemirror-composer-editor[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

const CATEGORY_ROLES: Readonly<Record<string, MessageRole>> = {
  '1': 'customer',
  '3': 'agent',
  '4': 'internal',
  // Fin and other bots answer on the team's behalf: what the customer read from "the agent".
  '5': 'agent',
  '20': 'system',
};

/** Rows up from a part that may carry an alignment class (the part itself, its row, the row's wrapper). */
const ALIGNMENT_DEPTH = 3;

function conversationIdOf(url: URL): string | null {
  return (
    intercomPatterns.conversationPath.exec(url.pathname)?.[1] ??
    intercomPatterns.legacyConversationPath.exec(url.pathname)?.[1] ??
    null
  );
}

function paneOf(doc: Document, conversationId: string): Element | null {
  if (!/^\d+$/.test(conversationId)) return null;
  return paneOfTicket(doc, {
    named: fillSelectors(intercomSelectors.conversationById, { id: conversationId }),
    anyNamed: intercomSelectors.conversationNamed,
    pane: intercomSelectors.conversationPane,
    sole: intercomSelectors.stream,
  });
}

/** A marker of the part outside its body (the sender's HTML must not pose as role, author or time). */
function partMarker(part: Element, selectors: SelectorList): Element | null {
  return markerOutside(part, selectors, intercomSelectors.body);
}

interface RoleGuess {
  role: MessageRole;
  /** False when nothing on the part told the role and it was assumed. */
  known: boolean;
}

/** Role of one part: its legacy category, note and author markers, row alignment, then the bubble's position. */
function roleOfPart(part: Element, stream: Element): RoleGuess {
  if (partMarker(part, intercomSelectors.note)) return { role: 'internal', known: true };
  const category = partMarker(part, intercomSelectors.partCategory)?.getAttribute('data-part-group-category');
  const byCategory = category ? CATEGORY_ROLES[category] : undefined;
  if (byCategory) return { role: byCategory, known: true };
  if (partMarker(part, intercomSelectors.adminMarker)) return { role: 'agent', known: true };
  if (partMarker(part, intercomSelectors.userMarker)) return { role: 'customer', known: true };
  let row: Element | null = part;
  for (let depth = 0; row && row !== stream && depth < ALIGNMENT_DEPTH; depth += 1) {
    if (matchesAny(row, intercomSelectors.endAligned)) return { role: 'agent', known: true };
    if (matchesAny(row, intercomSelectors.startAligned)) return { role: 'customer', known: true };
    row = row.parentElement;
  }
  const bubble = partMarker(part, intercomSelectors.bubble) ?? part;
  const side = bubbleSide(bubble, stream);
  if (side === 'end') return { role: 'agent', known: true };
  if (side === 'start') return { role: 'customer', known: true };
  if (side === 'center') return { role: 'system', known: true };
  return { role: 'customer', known: false };
}

function messageOfPart(part: Element, stream: Element): { message: TicketMessage; known: boolean } | null {
  // A part group holds every consecutive message of one author: each has its own body.
  const bodies = outermost(deepQueryAllFirst(part, intercomSelectors.body));
  const text = (bodies.length > 0 ? bodies : [part])
    .map((body) => visibleText(body))
    .filter((piece) => piece !== '')
    .join('\n\n');
  if (text === '') return null;
  const { role, known } = roleOfPart(part, stream);
  const authorEl = partMarker(part, intercomSelectors.author);
  const author: Person = { name: clip(authorEl ? visibleText(authorEl) : '', TICKET_LIMITS.name) };
  const message: TicketMessage = { author, role, text: clip(text, TICKET_LIMITS.text) };
  const id = part.getAttribute('data-part-group-id');
  if (id && id.length <= 200) message.id = id;
  const html = bodies.map((body) => body.innerHTML.trim()).join('\n');
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = partMarker(part, intercomSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return { message, known };
}

/**
 * Reads conversation `conversationId` from the page, or null when the page does not show it (another
 * conversation's pane only, or nothing readable).
 */
export function ticketFromIntercomDom(doc: Document, conversationId: string, url: string): Ticket | null {
  const pane = paneOf(doc, conversationId);
  if (!pane) return null;
  const titleEl = deepQueryFirst(pane, intercomSelectors.title);
  const subject = titleEl ? visibleText(titleEl) : '';
  const stream = deepQueryFirst(pane, intercomSelectors.stream);
  const read = stream
    ? outermost(deepQueryAllFirst(stream, intercomSelectors.part))
        .filter((part) => !isHiddenInTree(part))
        .map((part) => messageOfPart(part, stream))
        .filter((m): m is { message: TicketMessage; known: boolean } => m !== null)
    : [];
  if (subject === '' && read.length === 0) return null;
  const messages = read.map((r) => r.message);

  const firstCustomer = messages.find((m) => m.role === 'customer' && m.author.name !== '');
  const tags = deepQueryAllFirst(pane, intercomSelectors.tag).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: conversationId,
    url,
    helpdesk: 'intercom',
    method: 'dom',
    subject: subject,
    requester: firstCustomer ? { ...firstCustomer.author } : { name: '' },
    messages,
    tags: tags,
  });
  const statusEl = deepQueryFirst(pane, intercomSelectors.status);
  const status = statusEl ? cleanText(visibleText(statusEl)) : '';
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const unknown = read.filter((r) => !r.known).length;
  if (unknown > 0) {
    ticket.warnings.push(tCount('core_reader_author_unknown', unknown, 'Intercom'));
  }
  if (!stream) ticket.warnings.push(t('core_reader_thread_not_found'));
  return ticket;
}

/** The reply composer of conversation `conversationId`, when its pane is on screen. */
function findComposer(doc: Document, conversationId: string): HTMLElement | null {
  return shownComposerIn(paneOf(doc, conversationId), intercomSelectors.composer);
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const conversationId = intercom.ticketId(ctx.url, ctx.doc);
  if (conversationId === null) {
    throw new NoTicketError(t('error_no_conversation_open', 'Intercom', '/conversation/<number>'));
  }
  const ticket = ticketFromIntercomDom(ctx.doc, conversationId, ctx.url.href);
  if (!ticket) {
    throw new NoTicketError(t('error_conversation_not_shown_yet', 'Intercom', conversationId));
  }
  return ticket;
}

export const intercom: HelpdeskAdapter = {
  id: 'intercom',
  name: 'Intercom',
  matches(url) {
    return (
      isHelpdeskHost(url, 'intercom', intercomPatterns.host) && intercomPatterns.agentPath.test(url.pathname)
    );
  },
  ticketId(url) {
    if (!intercom.matches(url)) return null;
    return conversationIdOf(url);
  },
  extract,
  findComposer,
  selectors: intercomSelectors,
};
