import { t } from '../i18n/t';
import type { MessageRole, Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  ApiShapeError,
  clip,
  isObject,
  type JsonObject,
  personOf,
  readApiThenPage,
  stringOf,
  TICKET_LIMITS,
  ticketOf,
} from './adapter-kit';
import { isHelpdeskHost } from './custom-hosts';
import {
  cleanText,
  deepQueryAll,
  deepQueryFirst,
  fillSelectors,
  frameDocumentOf,
  isHiddenInPage,
  matchesAny,
  queryAllFirst,
  queryFirst,
  textFromHtml,
  visibleText,
} from './dom';
import { type ExtractContext, type HelpdeskAdapter, NoTicketError, type SelectorList } from './types';

// ServiceNow: the classic form (`incident.do?sys_id=…`, alone, wrapped by `nav_to.do`, or inside the Next
// Experience shell's `#gsft_main` iframe in a shadow root) and the Service Operations / CSM workspaces. Facts come
// from ../../shared/research/helpdesks.md ("ServiceNow"); they are data below, the mechanisms live in ./dom.ts
// (deep queries through open shadow roots AND same-origin iframes). Runs in the content script: no zod.
// Marked "inferred" below: facts no source showed; verify them on a live instance first.

export const servicenowPatterns = {
  /** Instances live on `<instance>.service-now.com`; custom URLs are declared by the agent (./custom-hosts.ts). */
  host: /^[a-z0-9][a-z0-9-]*\.service-now\.com$/i,
  /** A record's unique id. */
  sysId: /^[0-9a-f]{32}$/i,
  /** A classic form: `/<table>.do` (the `sys_id` is a query parameter). */
  classicForm: /^\/([a-z][a-z0-9_]*)\.do$/i,
  /** Classic pages that wrap another URL in their `uri` parameter. */
  wrapper: /^\/nav_to\.do$/i,
  /** Next Experience shell around a classic page: the target URL is percent-encoded into the path. */
  shellTarget: /^\/now\/nav\/ui\/classic\/params\/target\/(.+)$/,
  /** Service Operations Workspace and the CSM agent workspace (`-1` = a new, unsaved record: no ticket). */
  workspaceRecord: /^\/now\/(?:sow|cwf\/agent)\/record\/([a-z][a-z0-9_]*)\/([0-9a-f]{32})(?:\/|$)/i,
  /** Service portals on the same host are customer-facing, not the agent UI (inferred: standard portal paths). */
  portalPath: /^\/(?:sp|csm|esc)(?:\/|$|\?)/i,
  /**
   * The session token the classic page sets in an inline script (`var g_ck = '…';`); the Table API wants it as
   * `X-UserToken` (research: page-world `window.g_ck`; a content script reads the script's text instead).
   */
  inlineToken: /\bg_ck\s*=\s*(['"])([A-Za-z0-9._~+/=-]{8,256})\1/,
  /** `2026-03-02 09:41:00`, the Table API's internal date-time format (UTC). */
  apiDateTime: /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/,
} as const;

/**
 * Task tables whose records are tickets. The first four are the research's; the others extend `task` in the base
 * schema and share the journal fields (inferred). Anything else (`sys_user.do`, lists) is not a ticket.
 */
export const SERVICENOW_TICKET_TABLES: ReadonlySet<string> = new Set([
  'incident',
  'sc_task',
  'ticket',
  'sc_req_item',
  'sc_request',
  'problem',
  'change_request',
  'sn_customerservice_case',
  'task',
]);

export const servicenowSelectors = {
  /** The Next Experience shell's iframe with the classic page (inside the shadow root of `[component-id]`). */
  classicFrame: ['iframe#gsft_main', 'iframe[name="gsft_main"]'],
  /**
   * The classic form's hidden fields naming the record on screen (inferred: standard fields of every classic
   * form, what `g_form.getUniqueValue()` / `getTableName()` read).
   */
  recordSysId: ['input#sys_uniqueValue', 'input[name="sys_uniqueValue"]'],
  recordTable: ['input#sys_target', 'input[name="sys_target"]'],
  /** The session token as a hidden form field (inferred: classic forms post it as `sysparm_ck`). */
  sessionTokenField: ['input#sysparm_ck', 'input[name="sysparm_ck"]'],
  /** Inline scripts, searched for `g_ck = '…'` (research: the page world's `window.g_ck`). */
  inlineScript: ['script:not([src])'],
  // Form fields by element id `<table>.<field>` (research: `incident.number`, `sys_display.incident.caller_id`);
  // `{table}` is filled in. Read-only fields render as `sys_readonly.<table>.<field>` (inferred).
  subject: ['[id="{table}.short_description"]', '[id="sys_readonly.{table}.short_description"]'],
  description: ['[id="{table}.description"]', '[id="sys_readonly.{table}.description"]'],
  /** The requester: `caller_id` on incidents; `requested_for` / `contact` on other tables (inferred). */
  requester: [
    '[id="sys_display.{table}.caller_id"]',
    '[id="sys_display.{table}.requested_for"]',
    '[id="sys_display.{table}.contact"]',
  ],
  state: ['[id="{table}.state"]', '[id="sys_readonly.{table}.state"]'],
  priority: ['[id="{table}.priority"]', '[id="sys_readonly.{table}.priority"]'],
  // Activity stream (all inferred: no source showed its markup; UI16 renders one card per journal entry).
  activityEntry: ['.activities-form li.h-card', 'li.h-card'],
  /** Card kinds by journal field. Cards of neither kind are field changes (system). */
  workNoteEntry: ['.h-card_work_notes'],
  commentEntry: ['.h-card_comments'],
  entryAuthor: ['.sn-card-component-createdby'],
  entryTime: ['.date-calendar'],
  entryBody: ['.sn-widget-textblock-body'],
  /**
   * Reply editors (research): the customer-visible comments textarea in dual mode, else the single textarea.
   * The work notes textarea (`#activity-stream-work_notes-textarea`) is internal and never a target.
   */
  customerComposer: ['textarea#activity-stream-comments-textarea'],
  singleComposer: ['textarea#activity-stream-textarea'],
  /**
   * In single mode a checkbox switches the single textarea to work notes (inferred: a checkbox whose id names
   * work_notes). When it is checked the single textarea is internal, so Deskmate does not insert there.
   */
  singleModeInternalToggle: ['input[type="checkbox"][id*="work_notes"]'],
} as const satisfies Record<string, SelectorList>;

const api = {
  record: (table: string, sysId: string) =>
    `/api/now/table/${table}/${sysId}?${new URLSearchParams({ sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' })}`,
  journal: (sysId: string) =>
    `/api/now/table/sys_journal_field?${new URLSearchParams({
      sysparm_query: `element_id=${sysId}^elementINcomments,work_notes^ORDERBYsys_created_on`,
      sysparm_fields: 'sys_id,element,value,sys_created_on,sys_created_by',
      sysparm_limit: String(JOURNAL_LIMIT),
    })}`,
  users: (userNames: readonly string[], requesterSysId: string | null) => {
    const byName = `user_nameIN${userNames.join(',')}`;
    const query = requesterSysId ? `${byName}^ORsys_id=${requesterSysId}` : byName;
    return `/api/now/table/sys_user?${new URLSearchParams({
      sysparm_query: query,
      sysparm_fields: 'sys_id,user_name,name,email',
      sysparm_limit: '50',
    })}`;
  },
};

/** Journal entries read per ticket; more are unusual for a ticket and would be cut with a warning. */
export const JOURNAL_LIMIT = 1000;
/** Reference fields naming the requester, in order (research: caller_id; the others inferred per table). */
const REQUESTER_FIELDS = ['caller_id', 'requested_for', 'contact', 'opened_by'] as const;
/** The user name ServiceNow writes automatic journal entries as (inferred). */
const SYSTEM_USER = 'system';

// ---------- which record is on screen ----------

export interface ServiceNowRecord {
  table: string;
  sysId: string;
}

function ticketRecord(
  table: string | null | undefined,
  sysId: string | null | undefined,
): ServiceNowRecord | null {
  if (!table || !sysId) return null;
  const lowerTable = table.toLowerCase();
  if (!SERVICENOW_TICKET_TABLES.has(lowerTable) || !servicenowPatterns.sysId.test(sysId)) return null;
  return { table: lowerTable, sysId: sysId.toLowerCase() };
}

/** Reads a classic page URL (`incident.do?sys_id=…`), following `nav_to.do?uri=…` once. */
function recordFromClassicUrl(url: URL, depth = 0): ServiceNowRecord | null {
  if (servicenowPatterns.wrapper.test(url.pathname) && depth === 0) {
    const nested = url.searchParams.get('uri');
    if (!nested) return null;
    try {
      // `uri=incident.do?sys_id=…&sysparm_view=…` arrives unencoded: everything after `uri=` is the nested URL.
      const raw = /[?&]uri=([^#]*)/.exec(url.search)?.[1] ?? nested;
      const decoded = raw.includes('%') ? decodeURIComponent(raw) : raw;
      return recordFromClassicUrl(new URL(decoded.startsWith('/') ? decoded : `/${decoded}`, url.origin), 1);
    } catch {
      return null;
    }
  }
  const table = servicenowPatterns.classicForm.exec(url.pathname)?.[1];
  return ticketRecord(table, url.searchParams.get('sys_id'));
}

/** The record a ServiceNow URL names (classic, nav_to, Next Experience shell, workspaces), or null. */
export function recordFromServiceNowUrl(url: URL): ServiceNowRecord | null {
  const workspace = servicenowPatterns.workspaceRecord.exec(url.pathname);
  if (workspace) return ticketRecord(workspace[1], workspace[2]);
  const shell = servicenowPatterns.shellTarget.exec(url.pathname);
  if (shell) {
    try {
      const target = decodeURIComponent(shell[1] ?? '');
      return recordFromClassicUrl(new URL(target.startsWith('/') ? target : `/${target}`, url.origin));
    } catch {
      return null;
    }
  }
  return recordFromClassicUrl(url);
}

function isWorkspaceUrl(url: URL): boolean {
  return servicenowPatterns.workspaceRecord.test(url.pathname);
}

/**
 * The document holding the classic form: the page itself (classic UI), or the `#gsft_main` iframe's document,
 * found through the Next Experience shell's open shadow roots. Null when neither is there (or cross-origin).
 */
export function classicFormDocument(doc: Document): Document | null {
  if (queryFirst(doc, servicenowSelectors.recordSysId)) return doc;
  // The UI16 frameset keeps the frame in the light DOM: one cheap lookup before the deep walk.
  const frame =
    queryFirst(doc, servicenowSelectors.classicFrame) ??
    deepQueryFirst(doc, servicenowSelectors.classicFrame);
  return frame ? frameDocumentOf(frame) : null;
}

function inputValue(el: Element | null): string {
  if (!el) return '';
  const value = (el as HTMLInputElement).value;
  return typeof value === 'string' ? value.trim() : '';
}

/** The record the classic form shows: its hidden fields, else the frame document's own URL. */
export function displayedServiceNowRecord(formDoc: Document): ServiceNowRecord | null {
  const sysId = inputValue(queryFirst(formDoc, servicenowSelectors.recordSysId));
  const table = inputValue(queryFirst(formDoc, servicenowSelectors.recordTable));
  const fromFields = ticketRecord(table, sysId);
  if (fromFields) return fromFields;
  try {
    const href = formDoc.location?.href;
    return href ? recordFromClassicUrl(new URL(href)) : null;
  } catch {
    return null;
  }
}

/**
 * The record the agent is looking at. A workspace says it in its URL. Otherwise the classic form on screen
 * decides (the shell may navigate its iframe before, or without, updating the top URL), then the URL.
 */
function activeRecord(url: URL, doc: Document): ServiceNowRecord | null {
  if (isWorkspaceUrl(url)) return recordFromServiceNowUrl(url);
  const formDoc = classicFormDocument(doc);
  const shown = formDoc ? displayedServiceNowRecord(formDoc) : null;
  return shown ?? recordFromServiceNowUrl(url);
}

/**
 * The token ServiceNow wants as `X-UserToken` for session REST calls: the form's hidden `sysparm_ck` field, else
 * `g_ck = '…'` in an inline script of the form's document or the shell (same-origin scripts' text is readable).
 */
export function findSessionToken(doc: Document): string | null {
  const docs = [classicFormDocument(doc), doc].filter(
    (d, i, all): d is Document => !!d && all.indexOf(d) === i,
  );
  for (const d of docs) {
    const field = inputValue(queryFirst(d, servicenowSelectors.sessionTokenField));
    if (field) return field;
  }
  for (const d of docs) {
    for (const script of deepQueryAll(d, servicenowSelectors.inlineScript.join(', '))) {
      const token = servicenowPatterns.inlineToken.exec(script.textContent ?? '')?.[2];
      if (token) return token;
    }
  }
  return null;
}

// ---------- composer ----------

function isChecked(el: Element | null): boolean {
  return !!el && (el as HTMLInputElement).checked === true;
}

/**
 * The customer-visible reply field of record `ticketId`: the comments textarea (dual mode), else the single
 * textarea unless it is switched to work notes. Never the work notes textarea. Null when the form on screen is
 * another record's. Workspaces: the same fields searched deeply (inferred; no source showed a workspace composer).
 */
function findComposer(doc: Document, ticketId: string): HTMLElement | null {
  const formDoc = classicFormDocument(doc);
  let root: Document;
  if (formDoc) {
    if (displayedServiceNowRecord(formDoc)?.sysId !== ticketId.toLowerCase()) return null;
    root = formDoc;
  } else {
    root = doc;
  }
  const visible = (selectors: SelectorList): HTMLElement | null =>
    deepQueryAll<HTMLElement>(root, selectors.join(', ')).find((el) => !isHiddenInPage(el)) ?? null;
  const comments = visible(servicenowSelectors.customerComposer);
  if (comments) return comments;
  const single = visible(servicenowSelectors.singleComposer);
  if (single && !isChecked(queryFirst(root, servicenowSelectors.singleModeInternalToggle))) return single;
  return null;
}

// ---------- shared helpers ----------

/** `2026-03-02 09:41:00` (UTC) → `2026-03-02T09:41:00Z`; other strings are kept as they are. */
function isoTime(value: string): string {
  const m = servicenowPatterns.apiDateTime.exec(value.trim());
  return clip(m ? `${m[1]}T${m[2]}Z` : value.trim(), TICKET_LIMITS.short);
}

/**
 * Journal text: plain text, except `[code]…[/code]` spans, which ServiceNow renders as HTML. Those are rendered
 * ourselves, so text their author hid (display:none, zero-size) stays out.
 */
export function journalText(value: string): string {
  const withHtmlRendered = value.replace(/\[code\]([\s\S]*?)\[\/code\]/gi, (_whole, html: string) =>
    textFromHtml(html),
  );
  return cleanText(withHtmlRendered);
}

/** Letters and digits only, lower case: `Beth Anglin` and `beth.anglin` both become `bethanglin`. */
function nameKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

// ---------- API read ----------

interface DisplayField {
  value: string;
  display: string;
}

/** A field of a `sysparm_display_value=all` record: `{ display_value, value }` (or a bare value). */
function field(record: JsonObject, name: string): DisplayField {
  const raw = record[name];
  if (isObject(raw)) {
    const value = typeof raw.value === 'string' ? raw.value : '';
    const display = typeof raw.display_value === 'string' ? raw.display_value : value;
    return { value, display };
  }
  return typeof raw === 'string' ? { value: raw, display: raw } : { value: '', display: '' };
}

interface ServiceNowUser {
  sysId: string;
  userName: string;
  person: Person;
}

function usersFrom(json: unknown): ServiceNowUser[] {
  if (!isObject(json) || !Array.isArray(json.result)) return [];
  return json.result.flatMap((raw) => {
    if (!isObject(raw)) return [];
    const userName = stringOf(raw.user_name);
    const sysId = stringOf(raw.sys_id);
    if (!userName || !sysId) return [];
    return [{ sysId, userName, person: personOf(stringOf(raw.name) ?? userName, stringOf(raw.email)) }];
  });
}

export interface ServiceNowApiInput {
  /** `GET /api/now/table/{table}/{sys_id}?sysparm_display_value=all` */
  record: unknown;
  /** `GET /api/now/table/sys_journal_field?…` (comments and work notes) */
  journal: unknown;
  /** `GET /api/now/table/sys_user?…` for the authors and the requester; null when that lookup failed. */
  users: unknown;
  table: string;
}

/**
 * Maps the Table API answers to a Ticket: the description is the first (customer) message, then the journal in
 * time order: work notes are internal, comments by the requester are the customer's, by `system` system
 * messages, by anyone else the agent's. Throws on an unknown shape.
 */
export function ticketFromServiceNowApi(input: ServiceNowApiInput, url: string): Ticket {
  if (!isObject(input.record) || !isObject(input.record.result))
    throw new ApiShapeError('ServiceNow', 'the record has no result');
  const record = input.record.result;
  const sysId = field(record, 'sys_id').value;
  if (!servicenowPatterns.sysId.test(sysId))
    throw new ApiShapeError('ServiceNow', 'the record has no sys_id');
  if (!isObject(input.journal) || !Array.isArray(input.journal.result))
    throw new ApiShapeError('ServiceNow', 'the journal is not a list');

  const users = usersFrom(input.users);
  const byUserName = new Map(users.map((u) => [u.userName, u]));
  const requesterField = REQUESTER_FIELDS.map((name) => field(record, name)).find((f) => f.value !== '');
  const requesterUser = requesterField ? users.find((u) => u.sysId === requesterField.value) : undefined;
  const requester: Person = requesterUser
    ? { ...requesterUser.person }
    : personOf(requesterField?.display ?? '');
  /** Whether a journal author (a user name) is the requester. Without the user lookup: by name (a guess). */
  const isRequester = (userName: string): boolean =>
    requesterUser
      ? requesterUser.userName === userName
      : requester.name !== '' && nameKey(requester.name) === nameKey(userName);

  const messages: TicketMessage[] = [];
  const description = cleanText(field(record, 'description').display);
  if (description) {
    const opened = field(record, 'opened_at').value;
    messages.push({
      id: 'description',
      author: { ...requester },
      role: 'customer',
      text: clip(description, TICKET_LIMITS.text),
      ...(opened ? { createdAt: isoTime(opened) } : {}),
    });
  }
  const entries = input.journal.result.filter(isObject).map((raw) => ({
    id: stringOf(raw.sys_id),
    element: stringOf(raw.element) ?? '',
    value: typeof raw.value === 'string' ? raw.value : '',
    createdAt: stringOf(raw.sys_created_on) ?? '',
    createdBy: stringOf(raw.sys_created_by) ?? '',
  }));
  // The query asks for time order; sorted again so a reordered answer cannot scramble the thread.
  entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const entry of entries) {
    if (entry.element !== 'comments' && entry.element !== 'work_notes') continue;
    const text = journalText(entry.value);
    if (text === '') continue;
    let role: MessageRole;
    if (entry.element === 'work_notes') role = 'internal';
    else if (entry.createdBy === SYSTEM_USER) role = 'system';
    else if (isRequester(entry.createdBy)) role = 'customer';
    else role = 'agent';
    const known = byUserName.get(entry.createdBy);
    const message: TicketMessage = {
      author: known
        ? { ...known.person }
        : role === 'customer'
          ? { ...requester }
          : personOf(entry.createdBy),
      role,
      text: clip(text, TICKET_LIMITS.text),
    };
    if (entry.id) message.id = clip(entry.id, 200);
    if (entry.createdAt) message.createdAt = isoTime(entry.createdAt);
    messages.push(message);
  }

  const tags = field(record, 'sys_tags')
    .display.split(',')
    .map((tag) => cleanText(tag));
  const ticket = ticketOf({
    id: sysId.toLowerCase(),
    url,
    helpdesk: 'servicenow',
    method: 'api',
    subject: cleanText(field(record, 'short_description').display),
    requester,
    messages,
    tags: tags,
  });
  const status = cleanText(field(record, 'state').display);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = cleanText(field(record, 'priority').display);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  if (input.journal.result.length >= JOURNAL_LIMIT)
    ticket.warnings.push(t('core_reader_limit_journal', JOURNAL_LIMIT));
  if (input.users === null && entries.some((e) => e.element === 'comments'))
    ticket.warnings.push(t('core_reader_user_names_unknown', 'ServiceNow'));
  return ticket;
}

async function ticketFromApi(ctx: ExtractContext, record: ServiceNowRecord): Promise<Ticket> {
  const token = findSessionToken(ctx.doc);
  // Without the token ServiceNow refuses session REST calls (401); the read then falls back to the page.
  const options = token ? { headers: { 'X-UserToken': token } } : {};
  const recordRequest = ctx.fetchJson(api.record(record.table, record.sysId), options);
  const journalRequest = ctx.fetchJson(api.journal(record.sysId), options);
  journalRequest.catch(() => undefined); // awaited below; keeps a rejection from going unhandled meanwhile
  const recordJson = await recordRequest;
  const recordResult = isObject(recordJson) && isObject(recordJson.result) ? recordJson.result : null;
  const answered = recordResult ? field(recordResult, 'sys_id').value : '';
  if (!recordResult || answered.toLowerCase() !== record.sysId)
    throw new ApiShapeError('ServiceNow', `asked for ${record.sysId}, got ${answered || 'no record'}`);
  const journalJson = await journalRequest;
  const authors = new Set<string>();
  if (isObject(journalJson) && Array.isArray(journalJson.result)) {
    for (const raw of journalJson.result) {
      const author = isObject(raw) ? stringOf(raw.sys_created_by) : undefined;
      // User names are plain identifiers; anything else could break out of the encoded query.
      if (author && /^[\w.@+-]{1,100}$/.test(author)) authors.add(author);
    }
  }
  const requesterSysId =
    REQUESTER_FIELDS.map((name) => field(recordResult, name).value).find((v) =>
      servicenowPatterns.sysId.test(v),
    ) ?? null;
  let users: unknown = null;
  try {
    users = await ctx.fetchJson(api.users([...authors].slice(0, 40), requesterSysId), options);
  } catch {
    // Best effort: names stay user names (the ticket says so in a warning).
  }
  return ticketFromServiceNowApi(
    { record: recordJson, journal: journalJson, users, table: record.table },
    ctx.url.href,
  );
}

// ---------- DOM read ----------

/** A form field's value as the agent sees it: an input's value, a select's chosen option, else its text. */
function fieldText(el: Element | null): string {
  if (!el) return '';
  const tag = el.tagName.toUpperCase();
  if (tag === 'SELECT') {
    const select = el as HTMLSelectElement;
    const option = select.options[select.selectedIndex];
    return option ? cleanText(option.textContent ?? '') : '';
  }
  if (tag === 'INPUT' || tag === 'TEXTAREA') {
    if ((el as HTMLInputElement).type === 'hidden') return '';
    return cleanText((el as HTMLInputElement).value ?? '');
  }
  return visibleText(el);
}

function formField(formDoc: Document, selectors: SelectorList, table: string): string {
  return fieldText(queryFirst(formDoc, fillSelectors(selectors, { table })));
}

/**
 * Reads record `sysId` from the classic form (in the page or its `#gsft_main` frame), or null when the form on
 * screen is another record's. The activity stream shows newest first (ServiceNow's default order, inferred), so
 * entries are put back in time order.
 */
export function ticketFromServiceNowDom(doc: Document, sysId: string, url: string): Ticket | null {
  const formDoc = classicFormDocument(doc);
  if (!formDoc) return null;
  const shown = displayedServiceNowRecord(formDoc);
  if (!shown || shown.sysId !== sysId.toLowerCase()) return null;
  const { table } = shown;
  const subject = formField(formDoc, servicenowSelectors.subject, table);
  const requester = personOf(formField(formDoc, servicenowSelectors.requester, table));

  const entries: TicketMessage[] = [];
  for (const card of queryAllFirst(formDoc, servicenowSelectors.activityEntry)) {
    const body = queryFirst(card, servicenowSelectors.entryBody);
    const text = body ? visibleText(body) : '';
    if (text === '') continue;
    const authorEl = queryFirst(card, servicenowSelectors.entryAuthor);
    const author = authorEl ? visibleText(authorEl) : '';
    let role: MessageRole;
    if (matchesAny(card, servicenowSelectors.workNoteEntry)) role = 'internal';
    else if (!matchesAny(card, servicenowSelectors.commentEntry)) role = 'system';
    else if (requester.name !== '' && nameKey(author) === nameKey(requester.name)) role = 'customer';
    else role = 'agent';
    const message: TicketMessage = {
      author: role === 'customer' ? { ...requester } : personOf(author),
      role,
      text: clip(text, TICKET_LIMITS.text),
    };
    const time = queryFirst(card, servicenowSelectors.entryTime);
    const when = time ? visibleText(time) : '';
    if (when) message.createdAt = isoTime(when);
    entries.push(message);
  }
  const timed = entries.every((m) => m.createdAt && !Number.isNaN(Date.parse(m.createdAt)));
  if (timed) entries.sort((a, b) => Date.parse(a.createdAt!) - Date.parse(b.createdAt!));
  else entries.reverse();

  const messages: TicketMessage[] = [];
  const description = formField(formDoc, servicenowSelectors.description, table);
  if (description)
    messages.push({
      id: 'description',
      author: { ...requester },
      role: 'customer',
      text: clip(description, TICKET_LIMITS.text),
    });
  messages.push(...entries);
  if (subject === '' && messages.length === 0) return null;

  const ticket = ticketOf({
    id: shown.sysId,
    url,
    helpdesk: 'servicenow',
    method: 'dom',
    subject: subject,
    requester,
    messages,
    tags: [],
  });
  const status = formField(formDoc, servicenowSelectors.state, table);
  if (status) ticket.status = clip(status, TICKET_LIMITS.short);
  const priority = formField(formDoc, servicenowSelectors.priority, table);
  if (priority) ticket.priority = clip(priority, TICKET_LIMITS.short);
  return ticket;
}

// ---------- adapter ----------

async function extract(ctx: ExtractContext): Promise<Ticket> {
  const record = activeRecord(ctx.url, ctx.doc);
  if (!record || !servicenow.matches(ctx.url)) {
    throw new NoTicketError(t('core_reader_no_form_open', 'ServiceNow'));
  }
  return readApiThenPage({
    name: 'ServiceNow',
    ticketId: record.sysId,
    readApi: () => ticketFromApi(ctx, record),
    readPage: () => ticketFromServiceNowDom(ctx.doc, record.sysId, ctx.url.href),
    pageNote: () => t('core_reader_note_servicenow'),
    ...(isWorkspaceUrl(ctx.url) ? { pageUnreadable: t('core_reader_unreadable_workspace') } : {}),
  });
}

export const servicenow: HelpdeskAdapter = {
  id: 'servicenow',
  name: 'ServiceNow',
  matches(url) {
    return (
      isHelpdeskHost(url, 'servicenow', servicenowPatterns.host) &&
      !servicenowPatterns.portalPath.test(url.pathname)
    );
  },
  ticketId(url, doc) {
    if (!servicenow.matches(url)) return null;
    return activeRecord(url, doc)?.sysId ?? null;
  },
  extract,
  findComposer,
  selectors: servicenowSelectors,
};
