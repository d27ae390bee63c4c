import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
  isObject,
  type JsonObject,
  readApiThenPage,
  stringOf,
  TICKET_LIMITS,
  tagList,
  ticketOf,
} from './adapter-kit';
import { adfToText } from './adf';
import { isHelpdeskHost } from './custom-hosts';
import { cleanText, closestFirst, queryAllFirst, queryFirst, textFromHtml, visibleText } from './dom';
import {
  type ExtractContext,
  type HelpdeskAdapter,
  HttpError,
  NoTicketError,
  type SelectorList,
} from './types';

// Jira Service Management (the agent's issue view in Jira Cloud; Data Center hosts come through
// ./custom-hosts.ts with the same routes and REST paths). Facts come from ../../shared/research/helpdesks.md
// ("Jira Service Management") and public userscripts; they are data below, the mechanisms live in ./dom.ts,
// ./adf.ts and ./adapter-kit.ts. Runs in the content script: no zod.
// Marked "inferred" below: selectors no source showed; verify them on a live site first.

export const jiraPatterns = {
  /** Jira Cloud sites. */
  host: /^[a-z0-9][a-z0-9-]*\.atlassian\.net$/i,
  /** An issue key: project key (a letter, then letters, digits or _) and a number. */
  issueKey: /^[A-Z][A-Z0-9_]*-\d+$/,
  /**
   * Agent queue view with an issue open: `/jira/servicedesk/projects/{KEY}/queues/custom/{queueId}/{ISSUE}`.
   * Data Center has the same route without `/jira` (inferred).
   */
  queueIssuePath:
    /^\/(?:jira\/)?servicedesk\/projects\/[A-Z][A-Z0-9_]*\/queues\/[a-z]+\/\d+\/([A-Z][A-Z0-9_]*-\d+)\/?$/,
  /** The full-page issue view. */
  browsePath: /^\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/,
  /** Boards, backlogs and issue search open an issue beside the list as `?selectedIssue=KEY-1` (seen in links). */
  selectedIssueParam: 'selectedIssue',
  /** Same host, not the agent's Jira: Confluence (`/wiki`) and the JSM customer portal. */
  notAgentPath: /^\/(?:wiki|servicedesk\/customer)(?:\/|$)/,
} as const;

export const jiraSelectors = {
  /** The issue key link in the issue view's breadcrumbs (research: toggl). Names the issue on screen. */
  currentKey: [
    '[data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container"] a',
  ],
  /**
   * Root of one issue view (inferred; `#jira-issue-header`, the activity and the compact side panel sit inside
   * it), then an issue opened in a dialog over a list.
   */
  issueView: ['[data-testid="issue.views.issue-details.issue-layout.issue-layout"]', '[role="dialog"]'],
  /** The summary heading (research: toggl). */
  summary: ['h1[data-testid="issue.views.issue-base.foundation.summary.heading"]'],
  /** The description's rendered rich text (inferred). */
  description: ['[data-testid="issue.views.field.rich-text.description"]'],
  /** One comment (the `comment-base-item-<id>` wrapper, seen in public userscripts). */
  comment: ['[data-testid^="comment-base-item-"]'],
  /** Inside a comment: its body and header (`issue-comment-base.ui.comment.ak-comment.<id>-body`, seen). */
  commentBody: ['[data-testid^="issue-comment-base.ui.comment.ak-comment."][data-testid$="-body"]'],
  commentHeader: ['[data-testid^="issue-comment-base.ui.comment.ak-comment."][data-testid$="-header"]'],
  /** Inside the header (inferred). */
  commentAuthor: ['[data-testid$=".author"]'],
  commentTime: ['time[datetime]'],
  /** JSM's "Internal note" lozenge on a comment (inferred). */
  internalLozenge: ['[data-testid="issue-comment-base.ui.comment.custom-comment.internal-note-lozenge"]'],
  /** Side panel (research: toggl) fields; the field test ids are inferred. */
  sidePanel: ['[data-testid="issue.views.issue-details.issue-layout.compact-layout"]'],
  /** The status is a button (a transition menu); its label is the span inside. */
  status: [
    '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"] button span',
    '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"]',
  ],
  priority: ['[data-testid="issue.views.field.priority-inline-edit.priority"]'],
  reporter: ['[data-testid="issue.views.field.user.reporter"]'],
  label: ['[data-testid="issue.views.field.select.common.select-inline-edit.labels"] a'],
  /** The comment box area (`issue.activity.comment`, seen in a public userscript). */
  composerArea: ['[data-testid="issue.activity.comment"]'],
  /**
   * The "Reply to customer" editor: the Atlassian editor is ProseMirror (research: briskine) and Jira gives its
   * editable the id `ak-editor-textarea` (seen). The reply-to-customer container test id is inferred.
   */
  replyComposer: [
    '[data-testid="issue.activity.comment.reply-to-customer"] #ak-editor-textarea[contenteditable="true"]',
    '[data-testid="issue.activity.comment.reply-to-customer"] .ProseMirror[contenteditable="true"]',
  ],
  /** Any open comment editor; used when the reply container is not recognised. */
  anyComposer: ['#ak-editor-textarea[contenteditable="true"]', '.ProseMirror[contenteditable="true"]'],
  /**
   * Shown only in the "Add internal note" editor (a public userscript colours the editor yellow when it is
   * there): an editor area holding it is never where a customer reply goes.
   */
  internalComposerMark: [
    '[data-testid="issue-comment-base.ui.comment.comment-visibility.comment-visibility-wrapper"]',
  ],
} as const satisfies Record<string, SelectorList>;

/** Comments per request we ask for; the server may cap it and answers `isLastPage`. */
export const JIRA_COMMENT_LIMIT = 100;
const MAX_COMMENT_PAGES = 30;

const api = {
  issue: (key: string) =>
    `/rest/api/3/issue/${key}?fields=summary,status,labels,reporter,priority,description,created`,
  comments: (key: string, start: number) =>
    `/rest/servicedeskapi/request/${key}/comment?start=${start}&limit=${JIRA_COMMENT_LIMIT}&expand=renderedBody`,
  platformComments: (key: string, start: number) =>
    `/rest/api/3/issue/${key}/comment?startAt=${start}&maxResults=${JIRA_COMMENT_LIMIT}`,
};

// ---------- which issue ----------

/** The issue key the URL names (queue view, /browse, or `?selectedIssue=`), upper case, or null. */
export function jiraIssueKeyFromUrl(url: URL): string | null {
  if (jiraPatterns.notAgentPath.test(url.pathname)) return null;
  const fromPath =
    jiraPatterns.queueIssuePath.exec(url.pathname)?.[1] ?? jiraPatterns.browsePath.exec(url.pathname)?.[1];
  if (fromPath) return fromPath;
  const selected = url.searchParams.get(jiraPatterns.selectedIssueParam)?.trim().toUpperCase() ?? '';
  return jiraPatterns.issueKey.test(selected) ? selected : null;
}

/**
 * The issue view of `key`: the view whose breadcrumb names that key. Several views can be in the DOM (a queue's
 * issue beside a dialog, or the previous issue while the SPA swaps): scoped by key, not by visibility.
 */
export function findJiraIssueView(doc: Document, key: string): Element | null {
  for (const link of queryAllFirst(doc, jiraSelectors.currentKey)) {
    if (cleanText(link.textContent ?? '').toUpperCase() !== key) continue;
    // No recognised root: the key on screen is this issue's, so the page is the issue's page.
    return closestFirst(link, jiraSelectors.issueView) ?? doc.body;
  }
  return null;
}

function findComposer(doc: Document, key: string): HTMLElement | null {
  const view = findJiraIssueView(doc, key);
  if (!view) return null;
  // "Reply to customer", never "Add internal note": a draft for the customer must not land in a note.
  const reply = queryFirst<HTMLElement>(view, jiraSelectors.replyComposer);
  if (reply) return reply;
  for (const editor of queryAllFirst<HTMLElement>(view, jiraSelectors.anyComposer)) {
    const area = closestFirst(editor, jiraSelectors.composerArea);
    if (area && !queryFirst(area, jiraSelectors.internalComposerMark)) return editor;
  }
  return null;
}

// ---------- API read ----------

function person(raw: unknown): Person {
  if (!isObject(raw)) return { name: '' };
  const name = clip(cleanText(stringOf(raw.displayName) ?? ''), TICKET_LIMITS.name);
  const email = stringOf(raw.emailAddress)?.trim();
  return email?.includes('@') ? { name: name || email, email: clip(email, TICKET_LIMITS.name) } : { name };
}

/** `created` of a JSM comment is `{ iso8601, jira, friendly, epochMillis }`; Jira fields are ISO strings. */
function timeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return stringOf(value);
  if (!isObject(value)) return undefined;
  const iso = stringOf(value.iso8601);
  if (iso) return iso;
  return typeof value.epochMillis === 'number' ? new Date(value.epochMillis).toISOString() : undefined;
}

interface JiraRoles {
  reporterId: string | undefined;
}

/**
 * Role of a comment: `public: false` is an internal note; the reporter writes as the customer; an app account
 * (automation) is the system when the author carries Jira's `accountType` (inferred for this endpoint); anyone
 * else is an agent. Other request participants are customers too but are not told apart here.
 */
function commentRole(raw: JsonObject, roles: JiraRoles): MessageRole {
  // `public` on JSM request comments, `jsdPublic` on platform comments of a service project.
  if (raw.public === false || raw.jsdPublic === false) return 'internal';
  const author = isObject(raw.author) ? raw.author : {};
  if (author.accountType === 'app') return 'system';
  if (author.accountType === 'customer') return 'customer';
  const accountId = stringOf(author.accountId);
  if (accountId && accountId === roles.reporterId) return 'customer';
  return 'agent';
}

/** Text of a comment: JSM's rendered HTML (drops text hidden by markup), else its plain body, else ADF. */
function commentText(raw: JsonObject): { text: string; html?: string } {
  const html = isObject(raw.renderedBody) ? stringOf(raw.renderedBody.html) : undefined;
  const fromHtml = html ? textFromHtml(html) : '';
  if (fromHtml !== '') return { text: fromHtml, html };
  const body = raw.body;
  if (typeof body === 'string') return { text: cleanText(body) };
  return { text: adfToText(body) };
}

function messageFromComment(raw: unknown, roles: JiraRoles): TicketMessage | null {
  if (!isObject(raw)) return null;
  const { text, html } = commentText(raw);
  if (text === '') return null;
  const message: TicketMessage = {
    author: person(raw.author),
    role: commentRole(raw, roles),
    text: clip(text, TICKET_LIMITS.text),
  };
  const id = stringOf(raw.id);
  if (id) message.id = clip(id, 200);
  if (html && html.length <= TICKET_LIMITS.html) message.html = html;
  const createdAt = timeOf(raw.created);
  if (createdAt) message.createdAt = clip(createdAt, TICKET_LIMITS.short);
  return message;
}

function nameOf(value: unknown): string | undefined {
  const name = isObject(value) ? stringOf(value.name) : undefined;
  return name ? clip(cleanText(name), TICKET_LIMITS.short) : undefined;
}

/**
 * Maps `GET /rest/api/3/issue/{key}` and the pages of `GET /rest/servicedeskapi/request/{key}/comment` (`values`
 * lists) to a Ticket. The description (ADF) is the reporter's first message. Throws on an unknown shape.
 */
export function ticketFromJiraApi(issueJson: unknown, commentPages: readonly unknown[], url: string): Ticket {
  if (!isObject(issueJson) || !isObject(issueJson.fields))
    throw new ApiShapeError('Jira', 'the issue has no fields');
  const key = stringOf(issueJson.key);
  if (!key) throw new ApiShapeError('Jira', 'the issue has no key');
  const fields = issueJson.fields;
  const reporter = isObject(fields.reporter) ? fields.reporter : undefined;
  const roles: JiraRoles = { reporterId: reporter ? stringOf(reporter.accountId) : undefined };

  const messages: TicketMessage[] = [];
  // REST v3 gives ADF; v2 (and Data Center) gives the description as a (wiki markup) string.
  const description =
    typeof fields.description === 'string' ? cleanText(fields.description) : adfToText(fields.description);
  if (description !== '') {
    const first: TicketMessage = {
      id: 'description',
      author: person(reporter),
      role: 'customer',
      text: clip(description, TICKET_LIMITS.text),
    };
    const created = timeOf(fields.created);
    if (created) first.createdAt = clip(created, TICKET_LIMITS.short);
    messages.push(first);
  }
  const seen = new Set<string>();
  for (const page of commentPages) {
    if (!isObject(page) || !Array.isArray(page.values))
      throw new ApiShapeError('Jira', 'a comments page has no values');
    for (const raw of page.values) {
      const id = isObject(raw) ? stringOf(raw.id) : undefined;
      if (id) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const message = messageFromComment(raw, roles);
      if (message) messages.push(message);
    }
  }

  const labels = tagList(Array.isArray(fields.labels) ? fields.labels : []);
  const ticket = ticketOf({
    id: key,
    url,
    helpdesk: 'jira',
    method: 'api',
    subject: cleanText(stringOf(fields.summary) ?? ''),
    requester: person(reporter),
    messages,
    tags: labels,
  });
  const status = nameOf(fields.status);
  if (status) ticket.status = status;
  const priority = nameOf(fields.priority);
  if (priority) ticket.priority = priority;
  return ticket;
}

/** One page of comments as `{ values, isLastPage }` (the JSM shape; platform pages are converted to it). */
type CommentPage = { values: unknown[]; isLastPage: boolean };

/** JSM request comments: `{ values, isLastPage, … }`. */
async function serviceDeskPage(ctx: ExtractContext, key: string, start: number): Promise<CommentPage> {
  const page = await ctx.fetchJson(api.comments(key, start));
  if (!isObject(page) || !Array.isArray(page.values))
    throw new ApiShapeError('Jira', 'the comments have no values');
  return { values: page.values, isLastPage: page.isLastPage !== false };
}

/** Jira platform comments (`{ comments, startAt, total }`, ADF bodies, `jsdPublic` on service projects). */
async function platformPage(ctx: ExtractContext, key: string, start: number): Promise<CommentPage> {
  const page = await ctx.fetchJson(api.platformComments(key, start));
  if (!isObject(page) || !Array.isArray(page.comments))
    throw new ApiShapeError('Jira', 'the comments have no list');
  const total = typeof page.total === 'number' ? page.total : 0;
  return { values: page.comments, isLastPage: start + page.comments.length >= total };
}

async function pageThrough(
  fetchPage: (start: number) => Promise<CommentPage>,
): Promise<{ pages: CommentPage[]; complete: boolean }> {
  const pages: CommentPage[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (;;) {
    const page = await fetchPage(start);
    pages.push(page);
    // `isLastPage` is the documented end marker; an empty page or a page served again also ends it.
    const ids = page.values.map((raw) => (isObject(raw) ? stringOf(raw.id) : undefined));
    const noProgress = ids.every((id) => id !== undefined && seen.has(id));
    if (page.isLastPage || page.values.length === 0 || noProgress) return { pages, complete: true };
    for (const id of ids) if (id !== undefined) seen.add(id);
    if (pages.length >= MAX_COMMENT_PAGES) return { pages, complete: false };
    start += page.values.length;
  }
}

/**
 * The request's comments from the service desk API; an issue that is not a service request (a Jira Software
 * issue on the same site) has none there (404), so its platform comments are read instead.
 */
async function fetchCommentPages(
  ctx: ExtractContext,
  key: string,
): Promise<{ pages: CommentPage[]; complete: boolean }> {
  try {
    return await pageThrough((start) => serviceDeskPage(ctx, key, start));
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
    return pageThrough((start) => platformPage(ctx, key, start));
  }
}

async function ticketFromApi(ctx: ExtractContext, key: string): Promise<Ticket> {
  const issueRequest = ctx.fetchJson(api.issue(key));
  const comments = fetchCommentPages(ctx, key);
  // Both run at once; keep a rejection of the second from going unhandled while awaiting the first.
  comments.catch(() => undefined);
  const issueJson = await issueRequest;
  const { pages, complete } = await comments;
  const ticket = ticketFromJiraApi(issueJson, pages, ctx.url.href);
  if (ticket.id.toUpperCase() !== key)
    throw new ApiShapeError('Jira', `asked for issue ${key}, got ${ticket.id}`);
  if (!complete) ticket.warnings.push(t('core_reader_limit_comment_pages', MAX_COMMENT_PAGES));
  return ticket;
}

// ---------- DOM read ----------

function fieldText(root: Element, selectors: SelectorList): string | undefined {
  const el = queryFirst(root, selectors);
  const text = el ? visibleText(el) : '';
  return text ? clip(text, TICKET_LIMITS.short) : undefined;
}

function messageFromCommentElement(item: Element, reporterName: string): TicketMessage | null {
  const body = queryFirst(item, jiraSelectors.commentBody);
  const text = body ? visibleText(body) : '';
  if (!body || text === '') return null;
  const header = queryFirst(item, jiraSelectors.commentHeader) ?? item;
  const authorEl = queryFirst(header, jiraSelectors.commentAuthor);
  const name = authorEl ? clip(visibleText(authorEl), TICKET_LIMITS.name) : '';
  let role: MessageRole = 'agent';
  if (queryFirst(item, jiraSelectors.internalLozenge)) role = 'internal';
  else if (name !== '' && name === reporterName) role = 'customer';
  const message: TicketMessage = { author: { name }, role, text: clip(text, TICKET_LIMITS.text) };
  const id = /^comment-base-item-(\d+)$/.exec(item.getAttribute('data-testid') ?? '')?.[1];
  if (id) message.id = id;
  const time = queryFirst(header, jiraSelectors.commentTime)?.getAttribute('datetime');
  if (time) message.createdAt = clip(time, TICKET_LIMITS.short);
  return message;
}

/** Reads issue `key` from its issue view on the page, or null when no view shows it. */
export function ticketFromJiraDom(doc: Document, key: string, url: string): Ticket | null {
  const view = findJiraIssueView(doc, key);
  if (!view) return null;
  const summaryEl = queryFirst(view, jiraSelectors.summary);
  const subject = summaryEl ? visibleText(summaryEl) : '';
  const panel = queryFirst(view, jiraSelectors.sidePanel) ?? view;
  const reporterName = fieldText(panel, jiraSelectors.reporter) ?? '';

  const messages: TicketMessage[] = [];
  const descriptionEl = queryFirst(view, jiraSelectors.description);
  const description = descriptionEl ? visibleText(descriptionEl) : '';
  if (description !== '') {
    messages.push({
      id: 'description',
      author: { name: reporterName },
      role: 'customer',
      text: clip(description, TICKET_LIMITS.text),
    });
  }
  for (const item of queryAllFirst(view, jiraSelectors.comment)) {
    const message = messageFromCommentElement(item, reporterName);
    if (message) messages.push(message);
  }
  if (subject === '' && messages.length === 0) return null;

  const labels = queryAllFirst(panel, jiraSelectors.label).map((el) => visibleText(el));
  const ticket = ticketOf({
    id: key,
    url,
    helpdesk: 'jira',
    method: 'dom',
    subject: subject,
    requester: { name: reporterName },
    messages,
    tags: labels,
  });
  const status = fieldText(panel, jiraSelectors.status);
  if (status) ticket.status = status;
  const priority = fieldText(panel, jiraSelectors.priority);
  if (priority) ticket.priority = priority;
  return ticket;
}

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const key = jira.ticketId(ctx.url, ctx.doc);
  if (key === null) {
    throw new NoTicketError(t('core_reader_no_request_open', jira.name, '/browse/<KEY-123>'));
  }
  return readApiThenPage({
    name: 'Jira',
    ticketId: key,
    readApi: () => ticketFromApi(ctx, key),
    readPage: () => ticketFromJiraDom(ctx.doc, key, ctx.url.href),
    pageNote: () => t('core_reader_note_jira'),
  });
}

export const jira: HelpdeskAdapter = {
  id: 'jira',
  name: 'Jira Service Management',
  matches(url) {
    return isHelpdeskHost(url, 'jira', jiraPatterns.host) && !jiraPatterns.notAgentPath.test(url.pathname);
  },
  ticketId(url) {
    if (!jira.matches(url)) return null;
    return jiraIssueKeyFromUrl(url);
  },
  extract,
  findComposer,
  selectors: jiraSelectors,
};
