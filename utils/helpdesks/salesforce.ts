import { t } from '../i18n/t';
import type { MessageRole, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, personOf, selfOrDescendant, TICKET_LIMITS, ticketOf } from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import { deepQueryAllFirst, deepQueryFirst, queryAllFirst, queryFirst, visibleText } from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// Salesforce Service Cloud, Lightning console (`{mydomain}.lightning.force.com/lightning/r/Case/{id}/view`).
// Facts come from ../../shared/research/helpdesks.md ("Salesforce Service Cloud (Lightning console)"); they are
// data below, the mechanisms live in ./dom.ts. Runs in the content script: no zod.
//
// Read from the DOM only. The session on *.lightning.force.com has no API access; the REST API works on
// *.my.salesforce.com with the `sid` cookie as a Bearer token, which needs chrome.cookies in the background and
// a second host permission. That is out of scope for this adapter, so collapsed feed items and older pages
// of the feed are not read (a warning says so when the page shows a "more" control).
//
// LWC renders with a synthetic shadow polyfill today (light DOM for a content script) and is moving to native
// shadow roots: every read below goes through deepQuery, which enters open shadow roots.
// Marked "inferred" below: selectors no source showed; verify them on a live org first.

/** Key prefix of Case record ids (Salesforce's fixed object prefixes: 500 Case, 003 Contact, 005 User). */
const CASE_PREFIX = '500';
const USER_PREFIX = '005';
const CONTACT_PREFIX = '003';

export const salesforcePatterns = {
  /**
   * My Domain hosts: `acme.lightning.force.com`, sandboxes `acme--uat.sandbox.lightning.force.com`, and the
   * develop/scratch/demo/trailblaze/patch variants.
   */
  host: /^[a-z0-9][a-z0-9-]*(?:\.(?:sandbox|develop|scratch|demo|trailblaze|patch))?\.lightning\.force\.com$/i,
  /** 15-character (case-sensitive) or 18-character record id (research regex, anchored). */
  recordId: /^[a-zA-Z0-9]{5}0[a-zA-Z0-9]{9}(?:[a-zA-Z0-9]{3})?$/,
  /** `/lightning/r/Case/{id}/view` and the object-less `/lightning/r/{id}/view`; the console adds query params. */
  recordPath: /^\/lightning\/r\/(?:([A-Za-z_]\w*)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\/?$/,
  /** A record link anywhere in the page (tab headers, actor links): `…/lightning/r/[Object/]{id}/view`. */
  recordHref: /\/lightning\/r\/(?:[A-Za-z_]\w*\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view/,
} as const;

export const salesforceSelectors = {
  /**
   * Console tab headers (SLDS tabs: `role="tab"`, `aria-controls` names the panel). Each links to its record, so
   * the panel of a case is found by record id, not by which one is visible. Inferred from the SLDS tab pattern.
   */
  consoleTab: [
    '.tabBarItems [role="tab"][aria-controls]',
    '[role="tab"][aria-controls][href*="/lightning/r/"]',
  ],
  /**
   * Without console tabs (standard navigation) one record is on screen: the research's window container.
   */
  activeWindow: [
    '.slds-template__container > .lafSinglePaneWindowManager > .windowViewMode-normal',
    '.windowViewMode-normal',
  ],
  /** Record fields by API name (not localized): `data-target-selection-name` seen in public UI tests. */
  caseNumber: [
    '[data-target-selection-name="sfdc:RecordField.Case.CaseNumber"] lightning-formatted-text',
    'records-record-layout-item[field-label="Case Number"] lightning-formatted-text',
  ],
  subject: [
    '[data-target-selection-name="sfdc:RecordField.Case.Subject"] lightning-formatted-text',
    '.slds-page-header__title lightning-formatted-text',
    '.slds-page-header__title .uiOutputText',
  ],
  status: [
    '[data-target-selection-name="sfdc:RecordField.Case.Status"] lightning-formatted-text',
    'records-record-layout-item[field-label="Status"] lightning-formatted-text',
  ],
  priority: [
    '[data-target-selection-name="sfdc:RecordField.Case.Priority"] lightning-formatted-text',
    'records-record-layout-item[field-label="Priority"] lightning-formatted-text',
  ],
  /** The Contact lookup renders a record link (inferred: `a[href*="/lightning/r/"]` inside the field). */
  contact: [
    '[data-target-selection-name="sfdc:RecordField.Case.ContactId"] a[href*="/lightning/r/"]',
    'records-record-layout-item[field-label="Contact Name"] a[href*="/lightning/r/"]',
  ],
  /** Case.ContactEmail (a standard Case field); inferred that it renders a mailto link. */
  contactEmail: [
    '[data-target-selection-name="sfdc:RecordField.Case.ContactEmail"] a[href^="mailto:"]',
    'records-record-layout-item[field-label="Contact Email"] a[href^="mailto:"]',
  ],
  /** Feed items with their FeedItem type (`data-type="TextPost"`), seen in public scripts. */
  feedItem: ['article.cuf-feedItem[data-type]', '.cuf-feedElement[data-type]'],
  /** Inferred: the actor link in the item header (a User 005… or a Contact 003…). */
  actor: ['.cuf-feedItemHeader a[href*="/lightning/r/"]', 'a.cuf-entityLink[href*="/lightning/r/"]'],
  /** Inferred: the From address of an email item. */
  emailFrom: ['.cuf-emailHeader a[href^="mailto:"]'],
  /** Inferred: post text and email body containers. */
  body: ['.cuf-feedBodyText', '.feedBodyInner', '.cuf-emailBody'],
  /** Inferred: a machine time first, then the timestamp link whose title is the full (localized) date. */
  time: ['time[datetime]', 'a.cuf-timestamp[title]'],
  /** Inferred: the FeedItem Visibility value on the item or inside it (`AllUsers` = published to the customer). */
  visibility: ['[data-visibility]'],
  /** Inferred: "View more" under a long feed; older items are not in the DOM until clicked. */
  moreFeed: ['.cuf-showMore button', 'button.cuf-showMoreButton'],
  /**
   * The Email action's editor in the case's publisher: `lightning-input-rich-text` is built on Quill
   * (`.ql-editor`). Inferred: the email action is found by its quick-action selection name, never the Chatter
   * post publisher (also Quill), which would make the reply an internal post.
   */
  composer: [
    '[data-target-selection-name="sfdc:QuickAction.Case.SendEmail"] lightning-input-rich-text .ql-editor[contenteditable="true"]',
    '[data-target-selection-name="sfdc:QuickAction.Case.SendEmail"] .ql-editor[contenteditable="true"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** What a FeedItem type is, as far as a reply is concerned (FeedItem.Type values of the Salesforce schema). */
const FEED_KINDS: Readonly<Record<string, 'email' | 'post'>> = {
  EmailMessageEvent: 'email',
  TextPost: 'post',
  ContentPost: 'post',
  LinkPost: 'post',
  CaseCommentPost: 'post',
  QuestionPost: 'post',
};
/** FeedItem.Visibility value of a post the customer can see (a published case comment, a community post). */
const PUBLIC_VISIBILITY = 'AllUsers';

// ---------- record ids ----------

/** 15-character ids are case-sensitive prefixes of their 18-character form: compare on the first 15. */
function sameRecord(a: string, b: string): boolean {
  return a.length >= 15 && b.length >= 15 && a.slice(0, 15) === b.slice(0, 15);
}

function recordIdOfHref(href: string | null): string | null {
  return href ? (salesforcePatterns.recordHref.exec(href)?.[1] ?? null) : null;
}

/** The Case id the URL names, or null (other objects, list views, home). */
function caseIdOfUrl(url: URL): string | null {
  const match = salesforcePatterns.recordPath.exec(url.pathname);
  if (!match) return null;
  const [, objectName, id] = match;
  if (!id || !salesforcePatterns.recordId.test(id)) return null;
  if (objectName === 'Case') return id;
  return objectName === undefined && id.startsWith(CASE_PREFIX) ? id : null;
}

// ---------- scoping to the case's console tab ----------

interface CaseScope {
  panel: Element;
  /** Whether this is the tab on screen (its header is selected, or no console tabs exist). */
  active: boolean;
}

/**
 * The console tab panel of case `caseId`, found through the tab header that links to that record (the console
 * keeps every open tab's DOM); null when the console has no tab for it. Without console tabs, the one window.
 */
function findCaseScope(doc: Document, caseId: string): CaseScope | null {
  const tabs = queryAllFirst(doc, salesforceSelectors.consoleTab);
  if (tabs.length > 0) {
    const tab = tabs.find((el) => {
      const id = recordIdOfHref(
        el.getAttribute('href') ?? el.querySelector('a[href]')?.getAttribute('href') ?? null,
      );
      return id !== null && sameRecord(id, caseId);
    });
    const panelId = tab?.getAttribute('aria-controls');
    const panel = panelId ? doc.getElementById(panelId) : null;
    if (!tab || !panel) return null;
    return { panel, active: tab.getAttribute('aria-selected') === 'true' };
  }
  const recordWindow = queryFirst(doc, salesforceSelectors.activeWindow);
  return recordWindow ? { panel: recordWindow, active: true } : null;
}

/** The Email action's Quill editor in the case's own tab; null for a background tab or no email action. */
function findComposer(doc: Document, caseId: string): HTMLElement | null {
  const scope = findCaseScope(doc, caseId);
  if (!scope?.active) return null;
  return deepQueryFirst<HTMLElement>(scope.panel, salesforceSelectors.composer);
}

// ---------- DOM read ----------

/** Text of an element whose content may be rendered by its own (open) shadow root, like LWC base components. */
function renderedText(el: Element): string {
  const shadowText = el.shadowRoot ? visibleText(el.shadowRoot) : '';
  return shadowText || visibleText(el);
}

function fieldText(root: Element, selectors: SelectorList): string | undefined {
  const el = deepQueryFirst(root, selectors);
  const text = el ? renderedText(el) : '';
  return text ? text : undefined;
}

function emailOfMailto(el: Element | null): string | undefined {
  const address =
    el
      ?.getAttribute('href')
      ?.replace(/^mailto:/i, '')
      .split('?')[0]
      ?.trim() ?? '';
  return address.includes('@') ? clip(address, TICKET_LIMITS.name) : undefined;
}

interface FeedEntry {
  message: TicketMessage;
  /** Milliseconds since the epoch when the item has a machine-readable time. */
  at: number | null;
}

function roleOf(kind: 'email' | 'post' | undefined, actorId: string | null, item: Element): MessageRole {
  const byUser = actorId?.startsWith(USER_PREFIX) === true;
  const byContact = actorId?.startsWith(CONTACT_PREFIX) === true;
  // Incoming mail is the customer's; mail sent from Salesforce has a User as actor.
  if (kind === 'email') return byUser ? 'agent' : 'customer';
  if (kind === 'post') {
    if (byContact) return 'customer'; // a community user's post
    const visibility = selfOrDescendant(item, salesforceSelectors.visibility)?.getAttribute(
      'data-visibility',
    );
    // Chatter posts and unpublished case comments stay inside the org; unknown visibility counts as internal.
    return visibility === PUBLIC_VISIBILITY ? 'agent' : 'internal';
  }
  return 'system';
}

function entryFromFeedItem(item: Element): FeedEntry | null {
  const bodyEl = deepQueryFirst(item, salesforceSelectors.body);
  const text = bodyEl ? renderedText(bodyEl) : '';
  if (text === '') return null;
  const kind = FEED_KINDS[item.getAttribute('data-type') ?? ''];
  const actor = deepQueryFirst(item, salesforceSelectors.actor);
  const actorId = recordIdOfHref(actor?.getAttribute('href') ?? null);
  const role = roleOf(kind, actorId, item);
  const from =
    kind === 'email' ? emailOfMailto(deepQueryFirst(item, salesforceSelectors.emailFrom)) : undefined;
  const message: TicketMessage = {
    author: personOf(actor ? renderedText(actor) : '', from),
    role,
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = item.getAttribute('data-id');
  if (id && salesforcePatterns.recordId.test(id)) message.id = id;
  const timeEl = deepQueryFirst(item, salesforceSelectors.time);
  const machine = timeEl?.getAttribute('datetime');
  const shown = timeEl?.getAttribute('title');
  const createdAt = machine ?? shown;
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  const at = machine ? Date.parse(machine) : Number.NaN;
  return { message, at: Number.isNaN(at) ? null : at };
}

/** Feed entries oldest first: the Lightning feed shows the latest activity first. */
function chronological(entries: FeedEntry[]): TicketMessage[] {
  if (entries.every((e) => e.at !== null)) {
    return [...entries].sort((a, b) => (a.at ?? 0) - (b.at ?? 0)).map((e) => e.message);
  }
  // Without machine times the page order is kept (newest first) rather than guessed.
  return entries.map((e) => e.message);
}

export interface SalesforceCaseView {
  ticket: Ticket;
  /** The Case Number shown on the record (the Ticket model has no field for it). */
  caseNumber?: string;
}

/** Reads case `caseId` from its own console tab, or null when the page holds no tab for it. */
export function readSalesforceCase(doc: Document, caseId: string, url: string): SalesforceCaseView | null {
  const scope = findCaseScope(doc, caseId);
  if (!scope) return null;
  const { panel } = scope;
  const subject = fieldText(panel, salesforceSelectors.subject) ?? '';
  const entries = deepQueryAllFirst(panel, salesforceSelectors.feedItem)
    .map(entryFromFeedItem)
    .filter((e): e is FeedEntry => e !== null);
  const messages = chronological(entries);
  if (subject === '' && messages.length === 0) return null;

  const contactEl = deepQueryFirst(panel, salesforceSelectors.contact);
  const contactEmail = emailOfMailto(deepQueryFirst(panel, salesforceSelectors.contactEmail));
  const firstCustomer = messages.find((m) => m.role === 'customer');
  const requester = contactEl
    ? personOf(renderedText(contactEl), contactEmail)
    : firstCustomer
      ? { ...firstCustomer.author }
      : { name: '' };

  const ticket = ticketOf({
    id: caseId,
    url,
    helpdesk: 'salesforce',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    // Cases have no tags; Topics are optional per org and not read.
    tags: [],
  });
  const status = fieldText(panel, salesforceSelectors.status);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = fieldText(panel, salesforceSelectors.priority);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  if (deepQueryFirst(panel, salesforceSelectors.moreFeed)) {
    ticket.warnings.push(t('core_reader_feed_more', 'View more'));
  }
  if (!entries.every((e) => e.at !== null) && entries.length > 1) {
    ticket.warnings.push(t('core_reader_feed_no_time'));
  }
  const caseNumber = fieldText(panel, salesforceSelectors.caseNumber);
  return caseNumber ? { ticket, caseNumber: clip(caseNumber, TICKET_LIMITS.short) } : { ticket };
}

export function ticketFromSalesforceDom(doc: Document, caseId: string, url: string): Ticket | null {
  return readSalesforceCase(doc, caseId, url)?.ticket ?? null;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const caseId = salesforce.ticketId(ctx.url, ctx.doc);
  if (caseId === null) {
    throw new NoTicketError(t('core_reader_no_case_open', 'Salesforce', '/lightning/r/Case/<id>/view'));
  }
  const ticket = ticketFromSalesforceDom(ctx.doc, caseId, ctx.url.href);
  if (!ticket) {
    throw new NoTicketError(t('core_reader_case_not_shown_yet', caseId));
  }
  return ticket;
}

export const salesforce: HelpdeskAdapter = {
  id: 'salesforce',
  name: 'Salesforce Service Cloud',
  matches(url) {
    return (
      isHelpdeskHost(url, 'salesforce', salesforcePatterns.host) && url.pathname.startsWith('/lightning/')
    );
  },
  ticketId(url) {
    if (!salesforce.matches(url)) return null;
    return caseIdOfUrl(url);
  },
  extract,
  findComposer,
  selectors: salesforceSelectors,
};
