import { Readability } from '@mozilla/readability';
import { t } from '../i18n/t';
import type { MessageRole, Ticket, TicketMessage } from '../ticket/ticket';
import { clip, TICKET_LIMITS } from './adapter-kit';
import { textFromHtml, visibleText } from './dom';
import { findReplyBox } from './generic-composer';
import { isPageChrome, squash } from './generic-markup';
import { findThread, type Thread, type ThreadMessage } from './generic-thread';
import { hasLayout, renderedClone } from './rendered';
import { hashOf } from './selection';

// The reader for pages no adapter knows. Injected on demand (never on every page), so Readability's
// weight is paid only when the agent asks. Two strategies, and the ticket says which one produced it:
// 1. thread heuristics (generic-thread.ts): repeated look-alike blocks with an author and a time;
// 2. no conversation found: Readability's article text as one message, and the ticket says so.

const MIN_READABLE_CHARS = 80;

export interface GenericReadOptions {
  /** "Now" for relative times ("2 hours ago"); tests pass a fixed one. */
  now?: Date;
}

/**
 * Final roles: the markup's hint where there is one; an author hinted once keeps that role on their other
 * messages; otherwise the first author is the customer (the requester) and everyone else an agent.
 */
export function settleRoles(messages: readonly ThreadMessage[]): { roles: MessageRole[]; guessed: boolean } {
  const authorRole = new Map<string, MessageRole>();
  for (const m of messages) {
    if (m.author && (m.role === 'agent' || m.role === 'customer') && !authorRole.has(m.author)) {
      authorRole.set(m.author, m.role);
    }
  }
  const requester =
    messages.find((m) => (m.role ?? authorRole.get(m.author ?? '')) === 'customer')?.author ??
    (messages[0]?.role === undefined ? messages[0]?.author : undefined);
  let guessed = false;
  const roles = messages.map((m, i): MessageRole => {
    if (m.role) return m.role;
    const known = m.author ? authorRole.get(m.author) : undefined;
    if (known) return known;
    guessed = true;
    if (m.author !== undefined && m.author === requester) return 'customer';
    return i === 0 && requester === undefined ? 'customer' : 'agent';
  });
  return { roles, guessed };
}

function inChromeTree(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) if (isPageChrome(node)) return true;
  return false;
}

/** The page's own title without the site name ("Printer offline – Acme Support" → "Printer offline"). */
function titleWithoutSite(doc: Document): string {
  const title = squash(doc.title);
  return squash(title.split(/\s+[–—|·]\s+|\s+-\s+/)[0]) || title;
}

/** The conversation's subject: the nearest heading before the first message (h1 first), else the title. */
export function threadSubject(doc: Document, thread: Thread): string {
  const first = thread.messages[0]?.element;
  const headings = Array.from(doc.body.querySelectorAll('h1, h2, h3, [role="heading"]')).filter(
    (h) =>
      squash(h.textContent) !== '' &&
      !inChromeTree(h) &&
      !thread.messages.some((m) => m.element.contains(h)) &&
      (!first || first.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_PRECEDING),
  );
  const layout = hasLayout(doc);
  const shown = (h: Element | undefined) => (h ? squash(visibleText(renderedClone(h, layout))) : '');
  for (const level of ['H1', 'H2', 'H3']) {
    const nearest = headings.filter((h) => h.tagName === level && shown(h) !== '').at(-1);
    if (nearest) return shown(nearest);
  }
  return shown(headings.at(-1)) || titleWithoutSite(doc);
}

function threadTicketParts(doc: Document, thread: Thread) {
  const { roles, guessed } = settleRoles(thread.messages);
  const messages: TicketMessage[] = thread.messages.map((m, i) => ({
    id: `m${i + 1}`,
    author: {
      name: clip(m.author ?? t('core_reader_unknown_author'), TICKET_LIMITS.name),
      ...(m.email ? { email: clip(m.email, TICKET_LIMITS.name) } : {}),
    },
    role: roles[i] ?? 'agent',
    text: clip(m.text, TICKET_LIMITS.text),
    ...(m.createdAt ? { createdAt: m.createdAt } : {}),
  }));
  const requester = messages.find((m) => m.role === 'customer')?.author ?? messages[0]?.author;
  const hinted = thread.messages.filter((m) => m.role !== undefined).length;
  const warnings = [
    guessed
      ? t('core_reader_generic_guessed', messages.length)
      : t('core_reader_generic_marked', messages.length, hinted),
  ];
  return { subject: threadSubject(doc, thread), messages, requester, warnings };
}

/**
 * A copy of the page holding only what it renders (Readability does not see stylesheet-hidden text), without
 * its chrome (navigation, banners, sidebars, footers, widgets), so Readability cannot pick those up.
 */
function renderedDocument(doc: Document): Document {
  const copy = doc.implementation.createHTMLDocument(doc.title);
  const chrome = new Set(Array.from(doc.body.querySelectorAll('*')).filter(isPageChrome));
  const body = renderedClone(doc.body, hasLayout(doc), chrome);
  copy.body.replaceWith(copy.importNode(body, true));
  return copy;
}

function readabilityTicketParts(doc: Document) {
  const article = new Readability(renderedDocument(doc), { charThreshold: 100 }).parse();
  const text = textFromHtml(article?.content ?? '');
  // A sign-in form or an app shell yields a few words; that is not a customer's message.
  if (text.replace(/\s+/g, ' ').length < MIN_READABLE_CHARS) {
    throw new Error(t('core_reader_no_readable_text', t('panel_use_selection')));
  }
  const author = {
    name: clip(article?.byline?.trim() || t('core_reader_unknown_author'), TICKET_LIMITS.name),
  };
  const messages: TicketMessage[] = [
    { id: 'm1', author, role: 'customer', text: clip(text, TICKET_LIMITS.text) },
  ];
  const heading = Array.from(doc.body.querySelectorAll('h1')).find((h) => !inChromeTree(h));
  return {
    subject: squash(heading?.textContent) || squash(article?.title) || titleWithoutSite(doc),
    messages,
    requester: author,
    warnings: [t('core_reader_readability_fallback')],
  };
}

/** The hash when it is an SPA route (`#/c/8812`, `#!/ticket/3`), so two conversations get two ids. */
function routeHash(url: URL): string {
  return /^#!?\//.test(url.hash) ? url.hash : '';
}

export function readGenericPage(doc: Document, href: string, options: GenericReadOptions = {}): Ticket {
  const url = new URL(href);
  const thread = findThread(doc, options);
  const parts = thread ? threadTicketParts(doc, thread) : readabilityTicketParts(doc);
  const first = thread?.messages[0]?.element;
  const last = thread?.messages.at(-1)?.element;
  const replyBox = findReplyBox(doc, first && last ? { first, last } : undefined);
  const warnings = [...parts.warnings];
  if (!replyBox) {
    warnings.push(t('core_reader_no_reply_box'));
  }
  return {
    id: `page-${hashOf(url.origin + url.pathname + url.search + routeHash(url))}`,
    url: href,
    helpdesk: 'generic',
    subject: clip(parts.subject || url.hostname, TICKET_LIMITS.subject),
    requester: parts.requester ?? { name: 'Unknown' },
    messages: parts.messages,
    tags: [],
    ...(doc.documentElement.lang
      ? { language: doc.documentElement.lang.slice(0, TICKET_LIMITS.language) }
      : {}),
    source: { adapter: thread ? 'generic-thread' : 'generic-readability', method: 'generic' },
    warnings,
  };
}
