import { t, tCount } from '../i18n/t';
import type { Person, Ticket, TicketMessage } from '../ticket/ticket';
import {
  cleanText,
  deepQueryAllFirst,
  deepQueryFirst,
  isHiddenInPage,
  isHiddenInTree,
  type QueryRoot,
} from './dom';
import { HttpError, NoTicketError, type SelectorList } from './types';

// What every adapter needs the same way: the Ticket model's size limits, safe readers for untyped API JSON,
// and the "API first, the page as fallback" reading with one wording of what went wrong. Content-script side:
// no zod here.

/** Limits of the Ticket model (utils/ticket/ticket.ts), so every adapter's result validates. */
export const TICKET_LIMITS = {
  text: 200_000,
  html: 400_000,
  subject: 2000,
  messages: 5000,
  tags: 500,
  tag: 200,
  short: 100,
  name: 500,
  language: 35,
} as const;

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function isDigits(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d+$/.test(value);
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An id as a string, from a JSON number or numeric string (negative ids exist: Zendesk's system user is -1). */
export function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  return null;
}

/**
 * A person as the Ticket model holds one: the name tidied and clipped; the e-mail kept only when it looks like one
 * (and standing in for a missing name).
 */
export function personOf(name: string | undefined, email?: string): Person {
  const cleanName = clip(cleanText(name ?? ''), TICKET_LIMITS.name);
  const cleanEmail = email ? clip(email.trim(), TICKET_LIMITS.name) : '';
  return cleanEmail.includes('@')
    ? { name: cleanName || cleanEmail, email: cleanEmail }
    : { name: cleanName };
}

/**
 * At most the model's message count. Over it, the first customer message stays (it states the problem, and the
 * token budget keeps it whole too) with the latest ones; the cut is named in `warnings`.
 */
export function cappedMessages(messages: readonly TicketMessage[]): {
  messages: TicketMessage[];
  warning?: string;
} {
  const max = TICKET_LIMITS.messages;
  if (messages.length <= max) return { messages: [...messages] };
  const firstCustomer = messages.findIndex((m) => m.role === 'customer');
  const keepFirst = firstCustomer >= 0 && firstCustomer < messages.length - (max - 1);
  const latest = messages.slice(-(keepFirst ? max - 1 : max));
  const kept = keepFirst ? [messages[firstCustomer] as TicketMessage, ...latest] : latest;
  return {
    messages: kept,
    // Plain digits (no grouping), as this warning has always shown them.
    warning: t('core_reader_thread_capped', String(messages.length), String(latest.length)),
  };
}

export interface TicketParts {
  id: string;
  url: string;
  /** The adapter id; also the ticket's `helpdesk` and `source.adapter`. */
  helpdesk: string;
  method: 'api' | 'dom';
  subject: string;
  requester: Person;
  messages: readonly TicketMessage[];
  tags: Iterable<unknown>;
  status?: string | undefined;
  priority?: string | undefined;
  language?: string | undefined;
  warnings?: readonly string[];
}

/** The one way adapters assemble a Ticket, so every one respects the model's limits the same way. */
export function ticketOf(parts: TicketParts): Ticket {
  const { messages, warning } = cappedMessages(parts.messages);
  const ticket: Ticket = {
    id: parts.id,
    url: parts.url,
    helpdesk: parts.helpdesk,
    subject: clip(cleanText(parts.subject), TICKET_LIMITS.subject),
    requester: parts.requester,
    messages,
    tags: tagList(parts.tags),
    source: { adapter: parts.helpdesk, method: parts.method },
    warnings: [...(parts.warnings ?? []), ...(warning ? [warning] : [])],
  };
  if (parts.status) ticket.status = clip(parts.status, TICKET_LIMITS.short);
  if (parts.priority) ticket.priority = clip(parts.priority, TICKET_LIMITS.short);
  if (parts.language) ticket.language = clip(parts.language, TICKET_LIMITS.language);
  return ticket;
}

/** A ticket's tags: strings only, non-blank, within the model's length, each once, at most the model's count. */
export function tagList(values: Iterable<unknown>): string[] {
  const tags = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() === '' || value.length > TICKET_LIMITS.tag) continue;
    tags.add(value);
    if (tags.size >= TICKET_LIMITS.tags) break;
  }
  return [...tags];
}

/** A non-blank string, or undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The element itself when it matches one of the selectors, else its first matching descendant. */
export function selfOrDescendant(el: Element, selectors: SelectorList): Element | null {
  for (const selector of selectors) {
    try {
      if (el.matches(selector)) return el;
    } catch {
      // malformed selector: skipped, as queryFirst does
    }
  }
  for (const selector of selectors) {
    try {
      const found = el.querySelector(selector);
      if (found) return found;
    } catch {
      // malformed selector: skipped
    }
  }
  return null;
}

/**
 * Of the candidate roots of a ticket view (single-page apps keep earlier tickets' views mounted, hidden), the one
 * showing ticket `wanted`: a shown root whose `shownId` is `wanted`; else the only shown root that names no
 * ticket at all. Never a root that names another ticket. With `wanted` null (the URL does not say), the only
 * shown root, whatever it names.
 */
export function rootShowingTicket(
  roots: readonly Element[],
  wanted: string | null,
  shownId: (root: Element) => string | null,
): Element | null {
  const shown = roots.filter((root) => !isHiddenInPage(root));
  if (wanted === null) return shown.length === 1 ? shown[0]! : null;
  const named = shown.find((root) => shownId(root) === wanted);
  if (named) return named;
  const anonymous = shown.filter((root) => shownId(root) === null);
  return anonymous.length === 1 ? anonymous[0]! : null;
}

/**
 * Messages oldest first. Some helpdesks show the newest on top, or let each agent choose the order; when every
 * message has a readable time they are sorted by it (stable: equal times keep page order), otherwise the page
 * order is kept as it is.
 */
export function inTimeOrder(messages: readonly TicketMessage[]): TicketMessage[] {
  const times = messages.map((m) => (m.createdAt ? Date.parse(m.createdAt) : Number.NaN));
  if (times.some((t) => Number.isNaN(t))) return [...messages];
  return messages
    .map((message, index) => ({ message, index, time: times[index]! }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.message);
}

/** The helpdesk API answered, but not with the JSON shape the adapter knows. */
export class ApiShapeError extends Error {
  constructor(helpdesk: string, message: string) {
    super(`Unexpected ${helpdesk} API response: ${message}`);
    this.name = 'ApiShapeError';
  }
}

/** What the API did, in the UI language: "returned 403", "returned an unexpected response", "could not be reached". */
function apiFailureInUiLanguage(error: unknown): string {
  if (error instanceof HttpError) return t('error_api_returned', String(error.status));
  if (error instanceof ApiShapeError || error instanceof SyntaxError) return t('error_api_unexpected');
  return t('error_api_unreachable');
}

/** A ticket field a page read may not show. */
export type PageField = 'status' | 'priority' | 'tags';

const FIELD_KEYS = {
  status: 'core_reader_field_status',
  priority: 'core_reader_field_priority',
  tags: 'core_reader_field_tags',
} as const;

/** The fields a page-read ticket lacks, in the order the note names them. */
export function unknownFieldsOf(ticket: Ticket): PageField[] {
  return (['status', 'priority', 'tags'] as const).filter((field) =>
    field === 'tags' ? ticket.tags.length === 0 : !ticket[field],
  );
}

/**
 * The page note of helpdesks that collapse older messages: "collapsed older messages may be missing, and status
 * and tags are unknown". The list is joined "a, b and c", as all our languages write it.
 */
export function collapsedPageNote(unknown: readonly PageField[]): string {
  const names = unknown.map((field) => t(FIELD_KEYS[field]));
  if (names.length === 0) return t('core_reader_note_collapsed');
  const list =
    names.length === 1 ? names[0]! : t('core_reader_list_and', names.slice(0, -1).join(', '), names.at(-1)!);
  return tCount('core_reader_note_collapsed_unknown', names.length, list);
}

export interface ApiThenPage {
  /** The helpdesk's name as the agent knows it ('Zendesk'). */
  name: string;
  ticketId: string;
  readApi(): Promise<Ticket>;
  readPage(): Ticket | null;
  /** What the page read may lack, in the UI language, for the warning: "collapsed older messages may be missing". */
  pageNote(ticket: Ticket): string;
  /** When this view cannot be read from the page at all: why, and what the agent can do (UI language). */
  pageUnreadable?: string;
}

/**
 * The helpdesk's own API first (complete thread, explicit roles); the page when the API fails, with a warning
 * saying why. Throws NoTicketError with a sentence the agent can act on when neither works.
 */
export async function readApiThenPage(o: ApiThenPage): Promise<Ticket> {
  let failure: string;
  try {
    return await o.readApi();
  } catch (error) {
    failure = apiFailureInUiLanguage(error);
  }
  if (o.pageUnreadable)
    throw new NoTicketError(
      t('core_reader_api_and_page_failed', o.ticketId, o.name, failure, o.pageUnreadable),
    );
  const ticket = o.readPage();
  if (!ticket) throw new NoTicketError(t('error_api_read_failed', o.ticketId, o.name, failure));
  ticket.warnings.unshift(t('core_reader_api_then_page', o.name, failure, o.pageNote(ticket)));
  return ticket;
}

export interface TicketPanes {
  /** Selectors of the element that names this ticket (placeholders already filled with its id forms). */
  named: SelectorList;
  /** Selectors of any element that names some ticket (the same marker, without a value). */
  anyNamed: SelectorList;
  /** Selectors of a ticket pane, named or not. */
  pane: SelectorList;
  /**
   * When the page has no recognisable pane at all: selectors of what a page showing ONE ticket has once (its thread).
   * If exactly one element matches, the whole page is that ticket's pane (the route alone names it).
   */
  sole?: SelectorList;
}

/**
 * The pane of one ticket in a page that may hold several (SPA views kept alive, split views), chosen by id, never
 * by visibility alone: the pane that names the ticket wins, hidden or not. When the page names no ticket anywhere
 * (the helpdesk shows no id marker), the one pane not hidden by markup is taken. Null when panes name only other
 * tickets (the page lags behind the route) or several unnamed panes are shown. With `sole`, a page with no pane at
 * all but exactly one thread is read as a whole.
 */
export function paneOfTicket(root: QueryRoot, o: TicketPanes): Element | null {
  const named = deepQueryFirst(root, o.named);
  if (named) return named;
  if (deepQueryFirst(root, o.anyNamed)) return null;
  const panes = deepQueryAllFirst(root, o.pane);
  const shown = panes.filter((pane) => !isHiddenInTree(pane));
  if (shown.length === 1) return shown[0]!;
  if (panes.length > 0 || !o.sole || deepQueryAllFirst(root, o.sole).length !== 1) return null;
  if ('body' in root) return root.body;
  return 'tagName' in root ? root : null;
}

/** The composer inside a ticket's pane, when both are on screen (apps keep hidden panes of earlier tickets). */
export function shownComposerIn(pane: Element | null, selectors: SelectorList): HTMLElement | null {
  if (!pane || isHiddenInTree(pane)) return null;
  const composer = deepQueryFirst<HTMLElement>(pane, selectors);
  return composer && !isHiddenInTree(composer) ? composer : null;
}
