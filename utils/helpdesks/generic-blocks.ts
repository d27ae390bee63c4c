import { classTokens, ROLE_BADGE, squash } from './generic-markup';
import { parsePageTime, timeMatch } from './generic-time';
import { hasLayout, hidesOwnContent } from './rendered';

// Facts about one block of a page that might be a message (the generic reader): its time, its author, whether
// it is a link card rather than a message. generic-thread.ts compares blocks with these facts.

export const QUOTE_SELECTOR = 'blockquote[type="cite"], [class*="quote" i], [class*="quoted" i]';
export const ATTRIBUTION = /(?:wrote|schrieb|a écrit|escribió|scrisse|schreef):\s*$/i;
const EDITOR_SELECTOR = 'textarea, [contenteditable]:not([contenteditable="false"])';
const CLICKABLE_SELECTOR =
  'a[href], button, [role="option"], [role="tab"], [role="menuitem"], [role="link"], [role="button"], [role="treeitem"]';
export const NOT_MESSAGE_TEXT =
  'button, nav, form, menu, select, [role="toolbar"], [role="menu"], [role="button"]';
export const META_WORDS = new Set([
  'meta',
  'byline',
  'timestamp',
  'toolbar',
  'actions',
  'action',
  'avatar',
  'reactions',
  'badge',
  'status',
]);
const STRONG_AUTHOR_WORDS = new Set(['author', 'sender', 'from', 'poster', 'creator', 'byline']);
const WEAK_AUTHOR_WORDS = new Set([
  'username',
  'user',
  'name',
  'displayname',
  'fullname',
  'nickname',
  'handle',
]);
const NOT_AUTHOR_WORDS = new Set(['attachment', 'attachments', 'file', 'files', 'subject', 'title']);
export const FROM_LABEL = /^(?:from|von|de|van|da|sender|author|posted by|by)\s*:?\s*$/i;
export const TIME_LABEL = /^(?:created|date|sent|posted|time|received|datum)\s*:?\s*$/i;
const EMAIL = /[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+/;
const NAME_LIKE = /^[\p{L}][\p{L}\p{M}'’.\- ]{0,58}[\p{L}.]$/u;

function ownText(el: Element): string {
  let text = '';
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
  }
  return squash(text);
}

export function inQuote(el: Element, member: Element): boolean {
  const quote = el.closest(`${QUOTE_SELECTOR}, blockquote`);
  return quote !== null && member.contains(quote) && quote !== member;
}

export interface FoundTime {
  element: Element;
  /** ISO time, when the page's value could be read as one. */
  iso?: string;
  /** What the page shows, e.g. "2 hours ago". */
  text: string;
}

function isoOf(value: string, now: Date): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return parsePageTime(value, now);
}

/** Time-like elements of a block (outside quoted history): `<time>`/`[datetime]` first, then short texts. */
export function timesIn(member: Element, now: Date): FoundTime[] {
  const found: FoundTime[] = [];
  for (const el of Array.from(member.querySelectorAll('time, [datetime]'))) {
    if (inQuote(el, member)) continue;
    const attr = el.getAttribute('datetime') ?? '';
    const text = squash(el.textContent);
    const iso = isoOf(attr, now) ?? isoOf(el.getAttribute('title') ?? '', now) ?? isoOf(text, now);
    found.push({ element: el, text: text || attr, ...(iso ? { iso } : {}) });
  }
  if (found.length > 0) return found;
  for (const el of [member, ...Array.from(member.querySelectorAll('*'))]) {
    if (inQuote(el, member) || el.closest(EDITOR_SELECTOR)) continue;
    const own = ownText(el);
    const whole = squash(el.textContent);
    const title = el.getAttribute('title') ?? '';
    const match = own && whole.length <= 60 ? timeMatch(own) : null;
    // A time is most of its element's own text ("posted 3 hours ago"), not a word inside a sentence.
    if (match && match.length >= own.length * 0.25) {
      const iso = (title && isoOf(title, now)) || isoOf(match, now);
      found.push({ element: el, text: match, ...(iso ? { iso } : {}) });
    } else if (title && whole.length <= 40 && timeMatch(title) && timeMatch(whole)) {
      const iso = isoOf(title, now);
      found.push({ element: el, text: whole, ...(iso ? { iso } : {}) });
    }
  }
  return found;
}

export interface FoundAuthor {
  element: Element;
  name: string;
  email?: string;
}

/**
 * An element's shown text without role badges inside it ("Sam Okafor <span>Internal note</span>" → "Sam Okafor").
 * Hidden parts are left out: an author name goes to the model too.
 */
function textWithoutBadges(el: Element): string {
  const layout = hasLayout(el.ownerDocument);
  let text = '';
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue ?? '';
      else if (child.nodeType !== 1) continue;
      else if (!ROLE_BADGE.test(squash(child.textContent)) && !hidesOwnContent(child as Element, layout)) {
        walk(child);
      }
    }
  };
  walk(el);
  return text;
}

function authorFromText(element: Element, raw: string): FoundAuthor | null {
  const text = squash(raw)
    .replace(/^(?:from|von|de|by|posted by)\s*:?\s+/i, '')
    .replace(/\s*[·•|]\s*$/, '');
  if (!text || text.length > 80 || timeMatch(text) || ROLE_BADGE.test(text)) return null;
  const email = EMAIL.exec(text)?.[0]?.replace(/^[<(]|[>)]$/g, '');
  const name = squash(
    text.replace(/[<(]?[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+[>)]?/, '').replace(/["“”]/g, ''),
  );
  if (!name && !email) return null;
  return { element, name: name || (email ?? ''), ...(email ? { email } : {}) };
}

function isQuotedOrEditor(el: Element, member: Element): boolean {
  return inQuote(el, member) || el.closest(EDITOR_SELECTOR) !== null;
}

/** The author of a block: structured markup, author-ish class names, a "From:" label, `cite`, avatars, names. */
export function authorIn(member: Element): FoundAuthor | null {
  const all = [member, ...Array.from(member.querySelectorAll('*'))].filter(
    (el) => !isQuotedOrEditor(el, member),
  );
  const structured = all.find((el) => el.matches('[itemprop="author"], [rel="author"]'));
  if (structured) {
    const name = structured.querySelector('[itemprop="name"]') ?? structured;
    const found = authorFromText(structured, textWithoutBadges(name));
    if (found) return found;
  }
  for (const attribute of ['data-author', 'data-author-name', 'data-sender', 'data-user-name']) {
    const value = member.getAttribute(attribute);
    if (value) {
      const found = authorFromText(member, value);
      if (found) return found;
    }
  }
  for (const words of [STRONG_AUTHOR_WORDS, WEAK_AUTHOR_WORDS]) {
    for (const el of all) {
      if (el === member) continue;
      const tokens = classTokens(el);
      if (!tokens.some((w) => words.has(w)) || tokens.some((w) => NOT_AUTHOR_WORDS.has(w))) continue;
      const found = authorFromText(el, textWithoutBadges(el));
      if (found) return found;
    }
  }
  for (const el of all) {
    const own = ownText(el);
    if (!own) continue;
    const inline = /^(?:from|von|de)\s*:\s*(.+)$/i.exec(own);
    if (inline?.[1] && el.children.length === 0) {
      const found = authorFromText(el, inline[1]);
      if (found) return found;
    }
    if (FROM_LABEL.test(squash(el.textContent)) && el.nextElementSibling) {
      const found = authorFromText(el.nextElementSibling, textWithoutBadges(el.nextElementSibling));
      if (found) return found;
    }
  }
  for (const el of all) {
    if (!el.matches('cite, address')) continue;
    const found = authorFromText(el, textWithoutBadges(el));
    if (found) return found;
  }
  for (const el of all) {
    if (!el.matches('img[alt], [role="img"][aria-label]')) continue;
    const label = (el.getAttribute('alt') ?? el.getAttribute('aria-label') ?? '')
      .replace(/^(?:avatar|photo|picture|profile (?:picture|photo|image))(?: of| for)?\s*/i, '')
      .replace(/['’]s (?:avatar|photo|picture)$/i, '');
    if (NAME_LIKE.test(label)) return { element: el, name: label };
  }
  for (const el of all) {
    if (!el.matches('strong, b, h2, h3, h4, h5, h6, dt')) continue;
    const text = squash(textWithoutBadges(el));
    if (NAME_LIKE.test(text) && text.split(' ').length <= 5 && !ROLE_BADGE.test(text) && !timeMatch(text)) {
      return { element: el, name: text };
    }
  }
  return null;
}

export function textLength(el: Element): number {
  return squash(el.textContent).length;
}

function linkDensity(el: Element): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let linked = 0;
  for (const link of Array.from(el.querySelectorAll('a[href]'))) linked += textLength(link);
  return linked / total;
}

/**
 * A teaser card (related article, search hit, list entry): its first words are a link of title length. A
 * message may link an author's name, not open with a link to somewhere else.
 */
export function isTeaser(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (squash(node.nodeValue) === '') continue;
    const link = node.parentElement?.closest('a[href]');
    return link !== null && link !== undefined && el.contains(link) && squash(link.textContent).length >= 25;
  }
  return false;
}

export interface BlockFacts {
  element: Element;
  time: FoundTime | null;
  author: FoundAuthor | null;
  textLength: number;
  /** Reads like one message: not a link/button/teaser, not mostly links, an author or a time, some text. */
  messageLike: boolean;
}

export function blockFacts(el: Element, now: Date): BlockFacts {
  const times = timesIn(el, now);
  const author = authorIn(el);
  const length = textLength(el);
  const clickable = el.matches(CLICKABLE_SELECTOR) || el.closest('a[href], button') !== null || isTeaser(el);
  const messageLike =
    !clickable &&
    linkDensity(el) < 0.5 &&
    (times.length > 0 || author !== null) &&
    length >= 20 &&
    el.querySelector(EDITOR_SELECTOR) === null;
  return {
    element: el,
    time: times[0] ?? null,
    author,
    textLength: length,
    messageLike,
  };
}
