import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import { cleanText, isHiddenInPage, matchesAny, queryAllFirst, queryFirst, visibleText } from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// HubSpot: the Help Desk workspace, the Conversations inbox and the ticket record page. Facts come from
// ../../shared/research/helpdesks.md ("HubSpot"); they are data below, the mechanisms live in ./dom.ts. Runs in
// the content script: no zod.
//
// Reading is DOM only: the research found HubSpot's internal API (`/api/...` with the `csrf.app` cookie as
// `X-HubSpot-CSRF-hubspotapi`) but not the endpoint that returns a thread's messages, so there is nothing to
// call yet. Every thread selector is INFERRED (no source showed the message markup): HubSpot marks elements with
// `data-test-id` / `data-selenium-test`, and the message kinds below mirror the values of HubSpot's public
// Conversations API (`type` MESSAGE | COMMENT, `direction` INCOMING | OUTGOING). Verify on a live portal first.
//
// Editor: no evidence either. The composer is found generically (an editable area in the reply editor) and its
// kind is detected by ./editor-kind.ts from the DOM. Draft.js is the likely kind (inferred: HubSpot wrote
// draft-convert and draft-extend, its Draft.js add-ons); Deskmate's ladder for Draft.js is a synthetic paste.

export const hubspotPatterns = {
  /** app.hubspot.com; EU accounts use app-eu1.hubspot.com (research). */
  host: /^app(?:-eu1)?\.hubspot\.com$/i,
  /** `/help-desk/{portalId}/view/{viewId or search}/ticket/{ticketId}` */
  helpDeskTicket: /^\/help-desk\/\d+\/view\/[^/]+\/ticket\/(\d+)(?:\/|$)/,
  /** `/live-messages/{portalId}/inbox/{threadId}` (may end `#reply-editor`) */
  inboxThread: /^\/live-messages\/\d+\/inbox\/(\d+)(?:\/|$)/,
  /** `/contacts/{portalId}/record/0-5/{ticketId}`: 0-5 is the ticket object. */
  ticketRecord: /^\/contacts\/\d+\/record\/0-5\/(\d+)(?:\/|$)/,
  /** A link to a ticket record names the ticket it belongs to. */
  ticketHref: /\/record\/0-5\/(\d+)(?:[/?#]|$)|\/ticket\/(\d+)(?:[/?#]|$)/,
  /** Inbox thread ids are kept apart from ticket ids in the ticket key. */
  threadIdPrefix: 'thread-',
} as const;

export const hubspotSelectors = {
  /** Help Desk workspace root (research). */
  helpDeskApp: ['[data-application-name="svh-help-desk"]'],
  /** Help Desk ticket title: a link to the ticket record (research); its href names the ticket (inferred). */
  helpDeskTitle: ['[data-test-id="ticket-header-name-link"]'],
  /** Ticket record page title (research). */
  recordTitle: ['[data-selenium-test="highlightTitle"]'],
  /** Inbox: the selected thread row and the subject header (research). */
  inboxActiveRow: ['[data-test-id="thread-list-member-row"][data-selected="true"]'],
  inboxSubject: ['[data-test-id="sticky-subject-header"]'],
  /** The associated contact and company (research); the inbox shows the contact in its sidebar (research). */
  contact: [
    '[data-selenium-test="contact-chicklet-title-link"]',
    '.customer-data-sidebar--highlight .private-truncated-string__inner',
  ],
  /** The contact's address under its name (inferred). */
  contactEmail: [
    '[data-selenium-test="contact-chicklet-email"]',
    '[data-selenium-test="contact-chicklet"] a[href^="mailto:"]',
  ],
  company: ['[data-selenium-test="company-chicklet-title-link"]'],
  /** Pipeline stage (research, record page highlight; the help desk sidebar shows the same property, inferred). */
  stage: ['[data-test-id^="highlight-property-display-hs_pipeline_stage"]'],
  /** Priority, by analogy with the stage (inferred). */
  priority: ['[data-test-id^="highlight-property-display-hs_ticket_priority"]'],
  // Thread (all inferred, see the header comment).
  threadItem: ['[data-test-id="thread-message"]', '[data-message-id]'],
  commentItem: ['[data-message-type="COMMENT"]'],
  incomingItem: ['[data-message-direction="INCOMING"]'],
  systemItem: ['[data-message-type="SYSTEM"]'],
  author: ['[data-test-id="message-sender-name"]'],
  time: ['time[datetime]'],
  body: ['[data-test-id="message-body"]'],
  /**
   * The reply editor's editable area (inferred): inside the reply editor container first, then any Draft.js,
   * then any rich-text textbox. Only the customer reply editor counts, never the internal comment editor.
   */
  composer: [
    '[data-test-id="reply-editor"] [contenteditable="true"]',
    '.public-DraftEditor-content[contenteditable="true"]',
    '[role="textbox"][contenteditable="true"]',
  ],
  /** The editor for internal comments (inferred); its editable is never a reply target. */
  commentComposer: ['[data-test-id="comment-editor"]'],
} as const satisfies Record<string, SelectorList>;

type View = 'help-desk' | 'inbox' | 'record';

function viewOf(url: URL): { view: View; id: string } | null {
  const helpDesk = hubspotPatterns.helpDeskTicket.exec(url.pathname)?.[1];
  if (helpDesk) return { view: 'help-desk', id: helpDesk };
  const record = hubspotPatterns.ticketRecord.exec(url.pathname)?.[1];
  if (record) return { view: 'record', id: record };
  const thread = hubspotPatterns.inboxThread.exec(url.pathname)?.[1];
  if (thread) return { view: 'inbox', id: `${hubspotPatterns.threadIdPrefix}${thread}` };
  return null;
}

/** The ticket id the title link points to, or null when it names none (then the URL alone decides). */
function linkedTicketId(title: Element | null): string | null {
  const link = title?.closest('a[href]') ?? title?.querySelector('a[href]');
  const m = hubspotPatterns.ticketHref.exec(link?.getAttribute('href') ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/**
 * Whether the page currently shows ticket `ticketId`: after an SPA switch the old ticket's view can linger for a
 * moment, so the title link's ticket (help desk) or the selected row (inbox) must agree with the URL.
 */
function showsTicket(doc: Document, ticketId: string): boolean {
  if (ticketId.startsWith(hubspotPatterns.threadIdPrefix)) {
    const row = queryFirst(doc, hubspotSelectors.inboxActiveRow);
    const rowThread = row?.getAttribute('data-thread-id'); // inferred attribute; absent → the URL decides
    return !rowThread || `${hubspotPatterns.threadIdPrefix}${rowThread}` === ticketId;
  }
  const linked = linkedTicketId(queryFirst(doc, hubspotSelectors.helpDeskTitle));
  return linked === null || linked === ticketId;
}

function textOf(doc: Document, selectors: SelectorList): string {
  const el = queryFirst(doc, selectors);
  return el ? visibleText(el) : '';
}

function messageFrom(item: Element, requester: Person): TicketMessage | null {
  const body = queryFirst(item, hubspotSelectors.body);
  const text = body ? visibleText(body) : '';
  if (text === '') return null;
  let role: MessageRole;
  if (matchesAny(item, hubspotSelectors.systemItem)) role = 'system';
  else if (matchesAny(item, hubspotSelectors.commentItem)) role = 'internal';
  else if (matchesAny(item, hubspotSelectors.incomingItem)) role = 'customer';
  else role = 'agent';
  const authorEl = queryFirst(item, hubspotSelectors.author);
  const authorName = clip(authorEl ? visibleText(authorEl) : '', TICKET_LIMITS.name);
  const author: Person =
    role === 'customer' && requester.email && authorName === requester.name
      ? { ...requester }
      : { name: authorName };
  const message: TicketMessage = { author, role, text: clip(text, TICKET_LIMITS.text) };
  const id = item.getAttribute('data-message-id');
  if (id && id.length <= 200) message.id = id;
  const createdAt = queryFirst(item, hubspotSelectors.time)?.getAttribute('datetime');
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

/**
 * Reads the ticket (or inbox thread) `ticketId` from the page, or null when the page shows another one or none.
 */
export function ticketFromHubspotDom(doc: Document, url: URL, ticketId: string): Ticket | null {
  const view = viewOf(url);
  if (!view || view.id !== ticketId || !showsTicket(doc, ticketId)) return null;
  const titleSelectors =
    view.view === 'help-desk'
      ? [...hubspotSelectors.helpDeskTitle, ...hubspotSelectors.recordTitle]
      : view.view === 'record'
        ? hubspotSelectors.recordTitle
        : hubspotSelectors.inboxSubject;
  const subject = textOf(doc, titleSelectors);
  const contactName = textOf(doc, hubspotSelectors.contact);
  const emailEl = queryFirst(doc, hubspotSelectors.contactEmail);
  const email = (
    emailEl?.getAttribute('href')?.replace(/^mailto:/i, '') || (emailEl ? visibleText(emailEl) : '')
  )
    .split('?')[0]!
    .trim();
  const requester: Person = { name: clip(cleanText(contactName), TICKET_LIMITS.name) };
  if (email.includes('@')) requester.email = clip(email, TICKET_LIMITS.name);

  const messages = queryAllFirst(doc, hubspotSelectors.threadItem)
    .filter((item) => !isHiddenInPage(item))
    .map((item) => messageFrom(item, requester))
    .filter((m): m is TicketMessage => m !== null);
  if (subject === '' && messages.length === 0) return null;
  if (!requester.name) {
    const firstCustomer = messages.find((m) => m.role === 'customer' && m.author.name !== '');
    if (firstCustomer) requester.name = firstCustomer.author.name;
  }

  // The Ticket model has no company field; the contact's company is useful context, so it travels as a tag.
  const company = textOf(doc, hubspotSelectors.company);
  const ticket = ticketOf({
    id: ticketId,
    url: url.href,
    helpdesk: 'hubspot',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    tags: company ? [clip(`company: ${company}`, TICKET_LIMITS.tag)] : [],
  });
  const status = textOf(doc, hubspotSelectors.stage);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = textOf(doc, hubspotSelectors.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  if (messages.length === 0) ticket.warnings.push(t('core_reader_only_title_read'));
  return ticket;
}

/** The open reply editor of `ticketId`, provided the page shows that ticket; never the internal comment editor. */
function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  if (!showsTicket(doc, ticketId)) return null;
  for (const selector of hubspotSelectors.composer) {
    const open = queryAllFirst<HTMLElement>(doc, [selector]).find(
      (el) =>
        !isHiddenInPage(el) &&
        !hubspotSelectors.commentComposer.some((comment) => {
          try {
            return el.closest(comment) !== null;
          } catch {
            return false;
          }
        }),
    );
    if (open) return open;
  }
  return null;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const ticketId = hubspot.ticketId(ctx.url, ctx.doc);
  if (ticketId === null) {
    throw new NoTicketError(t('core_reader_no_ticket_open_record', 'HubSpot'));
  }
  const ticket = ticketFromHubspotDom(ctx.doc, ctx.url, ticketId);
  if (!ticket) {
    throw new NoTicketError(t('error_ticket_not_shown_yet', 'HubSpot', ticketId));
  }
  return ticket;
}

export const hubspot: HelpdeskAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches(url) {
    return isHelpdeskHost(url, 'hubspot', hubspotPatterns.host);
  },
  ticketId(url) {
    if (!hubspot.matches(url)) return null;
    return viewOf(url)?.id ?? null;
  },
  extract,
  findComposer,
  selectors: hubspotSelectors,
};
