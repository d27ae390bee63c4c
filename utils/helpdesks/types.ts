import type { Ticket } from '../ticket/ticket';

// Content-script side types only: importing this file must never pull zod into the content bundle.

/** Editor families, as measured in ../shared/research/editors.md. Each has its own insertion ladder. */
export type EditorKind =
  | 'ckeditor5'
  | 'ckeditor4'
  | 'prosemirror'
  | 'quill'
  | 'slate'
  | 'lexical'
  | 'draftjs'
  | 'tinymce'
  | 'froala'
  | 'textarea'
  | 'contenteditable';

/** Ordered fallbacks: the first selector that matches wins. Per-site facts are data, not code. */
export type SelectorList = readonly string[];

/** Extra request details for `ExtractContext.fetchJson`. Always a GET: there is no way to ask for a write. */
export interface FetchJsonOptions {
  /**
   * Request headers some helpdesks require even for session reads (ServiceNow: `X-UserToken`, the page's own
   * session token; Zoho Desk: `orgid`). Read from the page by the adapter; sent only to the page's own origin.
   */
  headers?: Readonly<Record<string, string>>;
}

export interface ExtractContext {
  doc: Document;
  url: URL;
  /** Same-origin GET on the agent's session; returns parsed JSON or throws `HttpError`. */
  fetchJson: (path: string, options?: FetchJsonOptions) => Promise<unknown>;
}

export interface HelpdeskAdapter {
  /** Stable id, used in ticket keys and settings ('zendesk'). */
  id: string;
  /** Name shown to the agent ('Zendesk'). */
  name: string;
  /**
   * Whether `url` is this helpdesk's agent UI. Check the host with `isHelpdeskHost` (./custom-hosts.ts) so hosts
   * the agent declared for this helpdesk count too.
   */
  matches(url: URL): boolean;
  /** The id of the ticket the agent is looking at, or null when no ticket is open. */
  ticketId(url: URL, doc: Document): string | null;
  /** Reads the active ticket: same-origin API first where there is one, DOM otherwise. */
  extract(ctx: ExtractContext): Promise<Ticket>;
  /** The reply editor of the given (active) ticket, or null. */
  findComposer(doc: Document, ticketId: string): HTMLElement | null;
  /**
   * The adapter's per-site selectors by field (ordered fallbacks), read at call time by its code. The same object
   * is what a user's selector overrides replace entries of and what "Diagnose this page" reports on.
   */
  selectors: Readonly<Record<string, SelectorList>>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`HTTP ${status} for ${path}`);
    this.name = 'HttpError';
  }
}

/** Thrown by `extract` when the page holds no readable ticket (list views, dashboards). */
export class NoTicketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoTicketError';
  }
}
