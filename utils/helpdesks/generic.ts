import { Readability } from '@mozilla/readability';
import type { Ticket, TicketMessage } from '../ticket/ticket';
import { visibleText } from './dom';
import { hashOf } from './selection';

// The reader for pages no adapter knows. Injected on demand (never on every page), so Readability's
// weight is paid only when the agent asks. Two strategies, and the ticket says which one produced it:
// 1. thread heuristics: repeated sibling blocks that look like messages (author, time, body);
// 2. Readability: the page's main text as one customer message.

const MESSAGE_CANDIDATES =
  'article, [role="article"], [itemtype*="Comment"], [class*="message" i], [class*="comment" i], [class*="reply" i], [class*="post" i]';
const AUTHOR_SELECTORS = [
  '[itemprop="author"]',
  '[class*="author" i]',
  '[class*="username" i]',
  '[class*="user-name" i]',
  '[class*="sender" i]',
  'cite',
];
const CHROME_SELECTORS = 'nav, header nav, footer, aside, button, form, script, style, noscript, template';
const MIN_READABLE_CHARS = 80;
// Per-message metadata lines (author, role, "posted 3 hours ago"): not part of what the person wrote.
const META_SELECTORS = '[class*="meta" i], [class*="byline" i], [class*="timestamp" i]';

// Tag + first class: "post post-question" and "post post-reply" are the same kind of block.
function signature(el: Element): string {
  return `${el.tagName}.${el.classList[0] ?? ''}`;
}

function shortText(el: Element | null): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text && text.length <= 80 ? text : undefined;
}

interface RawMessage {
  author?: string;
  time?: string;
  text: string;
}

function messageFrom(el: Element): RawMessage | null {
  let author: string | undefined;
  for (const selector of AUTHOR_SELECTORS) {
    author = shortText(el.querySelector(selector));
    if (author) break;
  }
  const time = el.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const clone = el.cloneNode(true) as Element;
  for (const selector of [...AUTHOR_SELECTORS, 'time', META_SELECTORS, CHROME_SELECTORS]) {
    for (const node of clone.querySelectorAll(selector)) node.remove();
  }
  const text = visibleText(clone as HTMLElement).trim();
  return text.length >= 15 ? { author, time, text } : null;
}

/** Finds the biggest group of look-alike sibling blocks that read like a conversation. */
export function findThread(doc: Document): RawMessage[] {
  const candidates = [...doc.body.querySelectorAll(MESSAGE_CANDIDATES)].filter(
    (el) => !el.closest(CHROME_SELECTORS) && !el.querySelector(MESSAGE_CANDIDATES),
  );
  const groups = new Map<Element, Map<string, Element[]>>();
  for (const el of candidates) {
    const parent = el.parentElement;
    if (!parent) continue;
    const bySig = groups.get(parent) ?? new Map<string, Element[]>();
    const list = bySig.get(signature(el)) ?? [];
    list.push(el);
    bySig.set(signature(el), list);
    groups.set(parent, bySig);
  }
  let best: RawMessage[] = [];
  let bestChars = 0;
  for (const bySig of groups.values()) {
    for (const list of bySig.values()) {
      if (list.length < 2) continue;
      const messages = list.map(messageFrom).filter((m): m is RawMessage => m !== null);
      const chars = messages.reduce((n, m) => n + m.text.length, 0);
      if (messages.length >= 2 && chars > bestChars) {
        best = messages;
        bestChars = chars;
      }
    }
  }
  return best;
}

export function readGenericPage(doc: Document, href: string): Ticket {
  const url = new URL(href);
  const subject = shortTextLong(doc.querySelector('h1')) ?? doc.title.trim() ?? url.hostname;
  const thread = findThread(doc);
  const warnings: string[] = [];
  let messages: TicketMessage[];
  let adapter: string;
  if (thread.length >= 2) {
    const requester = thread[0]?.author;
    messages = thread.map((m, i) => ({
      id: `m${i + 1}`,
      author: { name: m.author ?? 'Unknown' },
      role: requester !== undefined && m.author === requester ? 'customer' : i === 0 ? 'customer' : 'agent',
      text: m.text,
      ...(m.time ? { createdAt: m.time } : {}),
    }));
    adapter = 'generic-thread';
    warnings.push(
      'Read by the generic page reader: roles are guessed (the first author is treated as the customer).',
    );
  } else {
    const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 100 }).parse();
    const text =
      article?.textContent
        ?.replace(/[ \t]+\n/g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim() ?? '';
    // A sign-in form or an app shell yields a few words; that is not a customer's message.
    if (text.replace(/\s+/g, ' ').length < MIN_READABLE_CHARS) {
      throw new Error(
        'This page has no readable text. Select the customer’s message and use “Use my selection”.',
      );
    }
    messages = [{ id: 'm1', author: { name: article?.byline?.trim() || 'Unknown' }, role: 'customer', text }];
    adapter = 'generic-readability';
    warnings.push(
      'Read by the generic page reader (Readability): the whole page text is one message; authors and roles are unknown.',
    );
  }
  const first = messages[0];
  return {
    id: `page-${hashOf(url.origin + url.pathname + url.search)}`,
    url: href,
    helpdesk: 'generic',
    subject: subject.slice(0, 2000),
    requester: { name: first?.author.name ?? 'Unknown' },
    messages,
    tags: [],
    ...(doc.documentElement.lang ? { language: doc.documentElement.lang.slice(0, 35) } : {}),
    source: { adapter, method: 'generic' },
    warnings,
  };
}

function shortTextLong(el: Element | null): string | undefined {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 300) : undefined;
}
