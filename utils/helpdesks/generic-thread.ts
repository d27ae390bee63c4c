import type { MessageRole } from '../ticket/ticket';
import { visibleText } from './dom';
import { parsePageTime, timeMatch } from './generic-time';
import { hasLayout, hidesOwnContent, isRenderedHidden, renderedClone } from './rendered';

// Finding a conversation on a page nobody described (the generic reader). A thread is a run of look-alike
// sibling blocks (same tag and class stem) where most blocks carry an author and a time and some text, outside
// the page's chrome (navigation, banners, sidebars, footers, dialogs, floating chat widgets). Each heuristic is a
// small function here so it can be tested on its own; generic.ts turns the result into a Ticket.

// ---------- class names and tokens ----------

/** Whether a class segment is a build hash (CSS modules `__k3Jd9`, Vite `_1x9ab_12`, emotion `css-1q2w3e`). */
function isHashSegment(segment: string, afterDoubleUnderscore: boolean): boolean {
  if (/^\d+$/.test(segment)) return true;
  if (afterDoubleUnderscore && segment.length >= 4 && segment.length <= 10) return true;
  if (segment.length >= 4 && /\d/.test(segment) && /[a-z]/i.test(segment)) return true;
  // styled-components style: lower-case start, several capitals, short (`kAzzGY`).
  return segment.length <= 8 && /^[a-z]/.test(segment) && (segment.match(/[A-Z]/g)?.length ?? 0) >= 2;
}

/** A class without its build hashes: `Bubble_agent__Qw7z1` → `Bubble_agent`; a class that is all hash → ''. */
export function classStem(cls: string): string {
  let stem = cls;
  for (;;) {
    const match = /^(.*?)([-_]+)([A-Za-z0-9]+)$/.exec(stem);
    if (!match) break;
    const [, head = '', delimiter = '', segment = ''] = match;
    // CSS modules put `__` before the hash (`Bubble_root__k3Jd9`); BEM's `--modifier` is a word.
    if (head === '' || !isHashSegment(segment, delimiter.startsWith('__') && /[A-Z0-9]/.test(segment))) break;
    stem = head;
  }
  return /^[A-Za-z0-9]{5,8}$/.test(stem) && isHashSegment(stem, false) ? '' : stem;
}

function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2);
}

/** Lower-case words of an element's meaningful class names and id (`Bubble_agent__Qw7z1` → bubble, agent). */
export function classTokens(el: Element): string[] {
  const words: string[] = [];
  for (const cls of Array.from(el.classList)) words.push(...wordsOf(classStem(cls)));
  if (el.id) words.push(...wordsOf(classStem(el.id)));
  return words;
}

// ---------- roles ----------

/** Words in class names, data attributes and badges that say who wrote a message. Order = precedence. */
export const ROLE_WORDS: ReadonlyArray<readonly [MessageRole, ReadonlySet<string>]> = [
  ['internal', new Set(['internal', 'note', 'notes', 'private', 'whisper'])],
  ['system', new Set(['system', 'event', 'automation', 'automated'])],
  [
    'agent',
    new Set([
      'agent',
      'staff',
      'admin',
      'administrator',
      'operator',
      'support',
      'responder',
      'response',
      'outgoing',
      'outbound',
      'employee',
      'mine',
      'self',
    ]),
  ],
  [
    'customer',
    new Set([
      'customer',
      'requester',
      'requestor',
      'client',
      'enduser',
      'contact',
      'incoming',
      'inbound',
      'visitor',
      'guest',
      'reporter',
    ]),
  ],
];
const ALL_ROLE_WORDS = new Set(ROLE_WORDS.flatMap(([, words]) => [...words]));

/** The role the words point to: internal/system win; agent and customer only when they do not contradict. */
export function roleFromWords(words: Iterable<string>): MessageRole | undefined {
  const set = new Set(words);
  const hits = ROLE_WORDS.filter(([, vocabulary]) => [...vocabulary].some((w) => set.has(w))).map(
    ([role]) => role,
  );
  if (hits.includes('internal')) return 'internal';
  if (hits.includes('system')) return 'system';
  if (hits.length === 1) return hits[0];
  return undefined;
}

/** A badge's whole text is a role ("Internal note", "Staff", "Customer"). */
const ROLE_BADGE =
  /^(?:internal(?: note)?|private(?: note)?|note|agent|staff|admin|support(?: team)?|customer|requester|end ?user|system|visitor|team)$/i;

// ---------- page chrome ----------

const CHROME_SELECTOR = [
  'nav',
  'aside',
  'menu',
  'dialog',
  'search',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="search"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="menu"]',
  '[role="menubar"]',
  '[role="listbox"]',
  '[role="tablist"]',
  '[role="toolbar"]',
  '[role="tooltip"]',
  '[aria-modal="true"]',
].join(', ');
// Sidebars, and third-party or in-page widgets that float over the page (support chat, cookie banners, pop-ups).
const CHROME_WORDS = new Set([
  'sidebar',
  'sidenav',
  'navbar',
  'breadcrumb',
  'breadcrumbs',
  'widget',
  'launcher',
  'messenger',
  'intercom',
  'drift',
  'crisp',
  'tawk',
  'tidio',
  'olark',
  'freshchat',
  'hubspot',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'modal',
  'popover',
  'popup',
  'toast',
  'snackbar',
  'tooltip',
  'dropdown',
]);
const WIDGET_LABEL = /\b(?:chat with|live chat|help chat|chat widget|messenger|cookies?)\b/i;

/** Navigation, banners, sidebars, footers, dialogs and widgets: never part of a conversation or a reply box. */
export function isPageChrome(el: Element): boolean {
  if (el.matches(CHROME_SELECTOR)) return true;
  if (
    (el.tagName === 'HEADER' || el.tagName === 'FOOTER') &&
    !el.parentElement?.closest('article, aside, main, nav, section, [role="main"], [role="article"]')
  ) {
    return true; // a page-level banner or content info (a header inside an article is that article's header)
  }
  if (classTokens(el).some((w) => CHROME_WORDS.has(w))) return true;
  const label = el.getAttribute('aria-label');
  return label !== null && WIDGET_LABEL.test(label);
}

/**
 * True when `el` sits in a floating layer: an ancestor with `position: fixed` that (with layout) is narrower
 * than 60% of the window. App shells that fix a full-window layout are not floating.
 */
export function isFloating(el: Element, layout: boolean): boolean {
  const view = el.ownerDocument.defaultView;
  for (let node: Element | null = el; node && node !== el.ownerDocument.body; node = node.parentElement) {
    let position = '';
    try {
      position = view?.getComputedStyle(node).position ?? '';
    } catch {
      position = '';
    }
    if (position !== 'fixed') continue;
    if (!layout) return true;
    return node.getBoundingClientRect().width < (view?.innerWidth ?? 0) * 0.6;
  }
  return false;
}

/** `el` is inside page chrome (see `isPageChrome`) or a floating layer. */
export function isInChrome(el: Element, layout: boolean): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (isPageChrome(node)) return true;
  }
  return isFloating(el, layout);
}

// ---------- per-block facts ----------

const QUOTE_SELECTOR = 'blockquote[type="cite"], [class*="quote" i], [class*="quoted" i]';
const ATTRIBUTION = /(?:wrote|schrieb|a écrit|escribió|scrisse|schreef):\s*$/i;
const EDITOR_SELECTOR = 'textarea, [contenteditable]:not([contenteditable="false"])';
const CLICKABLE_SELECTOR =
  'a[href], button, [role="option"], [role="tab"], [role="menuitem"], [role="link"], [role="button"], [role="treeitem"]';
const NOT_MESSAGE_TEXT = 'button, nav, form, menu, select, [role="toolbar"], [role="menu"], [role="button"]';
const META_WORDS = new Set([
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
const FROM_LABEL = /^(?:from|von|de|van|da|sender|author|posted by|by)\s*:?\s*$/i;
const TIME_LABEL = /^(?:created|date|sent|posted|time|received|datum)\s*:?\s*$/i;
const EMAIL = /[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+/;
const NAME_LIKE = /^[\p{L}][\p{L}\p{M}'’.\- ]{0,58}[\p{L}.]$/u;

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function ownText(el: Element): string {
  let text = '';
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
  }
  return squash(text);
}

function inQuote(el: Element, member: Element): boolean {
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

function textLength(el: Element): number {
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

// ---------- grouping ----------

/** Tag and first meaningful class stem: siblings of one kind share it whatever their role modifiers say. */
export function signatureOf(el: Element): string {
  for (const cls of Array.from(el.classList)) {
    const stem = classStem(cls);
    const words = wordsOf(stem);
    if (stem && !words.every((w) => ALL_ROLE_WORDS.has(w) || /^(?:left|right|start|end|me|you)$/.test(w))) {
      return `${el.tagName}.${stem}`;
    }
  }
  return el.tagName;
}

const SKIP_SUBTREE = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'SVG',
  'TEXTAREA',
  'SELECT',
  'IFRAME',
]);
const THREAD_WORDS = new Set([
  'thread',
  'conversation',
  'timeline',
  'messages',
  'history',
  'replies',
  'comments',
  'articles',
]);

/** Groups of ≥2 same-signature siblings outside page chrome, in document order of their parents. */
export function siblingGroups(root: Element, budget = 20_000): Element[][] {
  const groups: Element[][] = [];
  const stack: Element[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited < budget) {
    const el = stack.pop() as Element;
    visited += 1;
    const children = Array.from(el.children).filter(
      (child) => !SKIP_SUBTREE.has(child.tagName.toUpperCase()) && !isPageChrome(child),
    );
    const bySignature = new Map<string, Element[]>();
    for (const child of children) {
      const list = bySignature.get(signatureOf(child)) ?? [];
      list.push(child);
      bySignature.set(signatureOf(child), list);
    }
    for (const list of bySignature.values()) if (list.length >= 2) groups.push(list);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as Element);
  }
  return groups;
}

// ---------- alignment ----------

export type Side = 'start' | 'end';

const END_VALUES = /^(?:flex-end|end|right)$/;

/** Which side a chat bubble sits on: measured with layout, else read from the computed style. */
export function sideOf(member: Element, container: Element, layout: boolean): Side | undefined {
  const view = member.ownerDocument.defaultView;
  if (layout) {
    const box = container.getBoundingClientRect();
    const range = member.ownerDocument.createRange();
    range.selectNodeContents(member);
    const content = range.getBoundingClientRect();
    if (box.width <= 0 || content.width <= 0 || content.width > box.width * 0.85) return undefined;
    const left = content.left - box.left;
    const right = box.right - content.right;
    if (left - right > box.width * 0.1) return 'end';
    if (right - left > box.width * 0.1) return 'start';
    return undefined;
  }
  const layers = [member, ...Array.from(member.children).slice(0, 3)];
  for (const el of layers) {
    let style: CSSStyleDeclaration | undefined;
    try {
      style = view?.getComputedStyle(el);
    } catch {
      style = undefined;
    }
    if (!style) continue;
    if (END_VALUES.test(style.alignSelf) || style.marginLeft === 'auto' || style.cssFloat === 'right')
      return 'end';
    if (
      style.display.includes('flex') &&
      (END_VALUES.test(style.justifyContent) || style.flexDirection === 'row-reverse')
    ) {
      return 'end';
    }
  }
  return 'start';
}

// ---------- the thread ----------

export interface ThreadMessage {
  element: Element;
  author?: string;
  email?: string;
  /** ISO time, when the page's time could be read. */
  createdAt?: string;
  /** The time as the page shows it. */
  timeText?: string;
  /** What the markup says about the role (classes, data attributes, badges, bubble side); undefined = no hint. */
  role?: MessageRole;
  roleFrom?: 'markup' | 'alignment';
  text: string;
}

export interface Thread {
  container: Element;
  messages: ThreadMessage[];
}

function scoreGroup(facts: BlockFacts[], container: Element): number {
  let score = 0;
  for (const f of facts) {
    if (!f.messageLike) continue;
    score += 1 + (f.time ? 1 : 0) + (f.author ? 1 : 0) + Math.min(f.textLength, 2000) / 100;
  }
  const role = container.getAttribute('role');
  if (role === 'log' || role === 'feed' || classTokens(container).some((w) => THREAD_WORDS.has(w)))
    score *= 1.3;
  return score;
}

/** Role words of a block: its and its top children's class tokens and data-* values, and role badges. */
function roleWordsOf(member: Element, badges: Element[]): Set<string> {
  const words = new Set<string>();
  const layers = [member, ...Array.from(member.children)];
  for (const el of layers) {
    for (const w of classTokens(el)) words.add(w);
    for (const attribute of Array.from(el.attributes)) {
      if (attribute.name.startsWith('data-') && attribute.value.length <= 40) {
        for (const w of wordsOf(attribute.value)) words.add(w);
      }
    }
  }
  for (const badge of badges) for (const w of wordsOf(badge.textContent ?? '')) words.add(w);
  return words;
}

function roleBadgesIn(member: Element): Element[] {
  return Array.from(member.querySelectorAll('*')).filter((el) => {
    if (inQuote(el, member)) return false;
    const text = squash(el.textContent);
    return text.length > 0 && text.length <= 30 && ROLE_BADGE.test(text) && el.children.length === 0;
  });
}

/** The element plus label-only parents: `<tr><th>From:</th><td>Ana</td></tr>` for the `<td>`. */
function withLabel(el: Element, member: Element): Element {
  let current = el;
  for (let parent = el.parentElement; parent && parent !== member; parent = parent.parentElement) {
    const extra = squash(parent.textContent).replace(squash(current.textContent), '').trim();
    if (extra !== '' && !/^[\p{L} ]{1,20}:$/u.test(extra) && !/^[·•|,\-–— ]+$/.test(extra)) break;
    current = parent;
  }
  return current;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let node: Element | null = a; node; node = node.parentElement) if (node.contains(b)) return node;
  return null;
}

function quotedHistory(member: Element): Element[] {
  const found: Element[] = [];
  for (const quote of Array.from(member.querySelectorAll(`${QUOTE_SELECTOR}, blockquote`))) {
    const previous = quote.previousElementSibling;
    const attributed = previous !== null && ATTRIBUTION.test(squash(previous.textContent));
    if (!quote.matches(QUOTE_SELECTOR) && !attributed) continue;
    found.push(quote);
    if (attributed && previous) found.push(previous);
  }
  return found;
}

function messageOf(facts: BlockFacts, layout: boolean): ThreadMessage {
  const member = facts.element;
  const badges = roleBadgesIn(member);
  const skip = new Set<Element>([...badges, ...quotedHistory(member)]);
  if (facts.author && facts.author.element !== member) {
    skip.add(withLabel(facts.author.element, member));
    const previous = facts.author.element.previousElementSibling;
    if (previous && FROM_LABEL.test(squash(previous.textContent))) skip.add(previous);
  }
  if (facts.time && facts.time.element !== member) {
    skip.add(withLabel(facts.time.element, member));
    const previous = facts.time.element.previousElementSibling;
    if (previous && TIME_LABEL.test(squash(previous.textContent))) skip.add(previous);
  }
  const header = facts.author && facts.time ? commonAncestor(facts.author.element, facts.time.element) : null;
  // The line or box holding both the author and the time is the message's header, when it is a small part.
  if (
    header &&
    header !== member &&
    member.contains(header) &&
    textLength(header) <= Math.min(200, facts.textLength / 2)
  ) {
    skip.add(header);
  }
  for (const el of Array.from(member.querySelectorAll('*'))) {
    if (el.matches(NOT_MESSAGE_TEXT) || classTokens(el).some((w) => META_WORDS.has(w))) skip.add(el);
  }
  skip.delete(member);
  const text = visibleText(renderedClone(member, layout, skip));
  return {
    element: member,
    ...(facts.author ? { author: facts.author.name } : {}),
    ...(facts.author?.email ? { email: facts.author.email } : {}),
    ...(facts.time?.iso ? { createdAt: facts.time.iso } : {}),
    ...(facts.time ? { timeText: facts.time.text } : {}),
    text,
  };
}

interface Candidate {
  facts: BlockFacts[];
  container: Element;
  score: number;
}

/** Share of an outer block's text that sits in the inner candidate's blocks. */
function innerShare(outer: Element, inner: Candidate): number {
  const inside = inner.facts.filter((f) => outer.contains(f.element)).reduce((n, f) => n + f.textLength, 0);
  return inside / Math.max(1, textLength(outer));
}

/**
 * The best-scoring candidate, but when its blocks are mostly made of another candidate's blocks (a box per
 * day holding the messages), that inner one: the messages, not their wrappers. A post with its own text and a
 * few comments under it stays the post.
 */
function innermost(candidates: Candidate[]): Candidate | null {
  let best = candidates.reduce<Candidate | null>((a, b) => (a && a.score >= b.score ? a : b), null);
  for (let depth = 0; best && depth < 5; depth += 1) {
    const outer = best;
    const inner = candidates.filter(
      (c) =>
        c !== outer &&
        outer.facts.some((f) => f.element.contains(c.container) && innerShare(f.element, c) >= 0.7),
    );
    if (inner.length === 0) break;
    best = inner.reduce((a, b) => (a.score >= b.score ? a : b));
  }
  return best;
}

export interface FindThreadOptions {
  now?: Date;
}

/** The page's conversation, or null when no run of message-like blocks is found. */
export function findThread(doc: Document, options: FindThreadOptions = {}): Thread | null {
  const now = options.now ?? new Date();
  const body = doc.body;
  if (!body) return null;
  const layout = hasLayout(doc);
  const candidates: Candidate[] = [];
  for (const group of siblingGroups(body)) {
    const container = group[0]?.parentElement;
    if (!container || group.every((el) => textLength(el) < 20)) continue;
    const facts = group.map((el) => blockFacts(el, now));
    const messageLike = facts.filter((f) => f.messageLike);
    if (messageLike.length < 2 || messageLike.length < facts.length * 0.6) continue;
    if (isInChrome(container, layout) || isRenderedHidden(container, layout)) continue;
    const shown = messageLike.filter((f) => !isRenderedHidden(f.element, layout));
    candidates.push({ facts: shown, container, score: scoreGroup(shown, container) });
  }
  const best = innermost(candidates);
  if (!best) return null;
  const container = best.container;
  const facts = withSiblingContainers(best.facts, container, now, layout);
  if (facts.length < 2) return null;
  const messages = facts.map((f) => messageOf(f, layout)).filter((m) => m.text.length > 0);
  if (messages.length < 2) return null;
  assignRoleHints(messages, container, layout);
  return { container, messages };
}

/**
 * Messages split over look-alike sibling containers (one box per day, per "part group") belong together: the
 * blocks of the same signature in the chosen container's same-signature siblings join, in document order.
 */
function withSiblingContainers(
  facts: BlockFacts[],
  container: Element,
  now: Date,
  layout: boolean,
): BlockFacts[] {
  const memberSignature = facts[0] ? signatureOf(facts[0].element) : '';
  const containerSignature = signatureOf(container);
  const parent = container.parentElement;
  if (!parent || !memberSignature) return facts;
  const joined: BlockFacts[] = [];
  for (const sibling of Array.from(parent.children)) {
    if (sibling === container) {
      joined.push(...facts);
      continue;
    }
    if (signatureOf(sibling) !== containerSignature || isRenderedHidden(sibling, layout)) continue;
    for (const child of Array.from(sibling.children)) {
      if (signatureOf(child) !== memberSignature || isRenderedHidden(child, layout)) continue;
      const childFacts = blockFacts(child, now);
      if (childFacts.messageLike) joined.push(childFacts);
    }
  }
  return joined;
}

/** Role hints from markup words that tell blocks apart, else from bubble sides when both sides occur. */
function assignRoleHints(messages: ThreadMessage[], container: Element, layout: boolean): void {
  const wordSets = messages.map((m) => roleWordsOf(m.element, roleBadgesIn(m.element)));
  // A word every block carries ("support-thread__item") describes the page, not who wrote the block.
  const common = new Set([...(wordSets[0] ?? [])].filter((w) => wordSets.every((set) => set.has(w))));
  messages.forEach((message, i) => {
    const role = roleFromWords([...(wordSets[i] ?? [])].filter((w) => !common.has(w)));
    if (role) {
      message.role = role;
      message.roleFrom = 'markup';
    }
  });
  let sides = messages.map((m) => sideOf(m.element, container, layout));
  const view = container.ownerDocument.defaultView;
  if (view?.getComputedStyle(container).direction === 'rtl') {
    // In a right-to-left page the viewer's own side is the left one.
    sides = sides.map((side) => (side === 'end' ? 'start' : side === 'start' ? 'end' : side));
  }
  if (!sides.includes('start') || !sides.includes('end')) return;
  messages.forEach((message, i) => {
    if (message.role) return;
    const side = sides[i];
    if (!side) return;
    // The viewer's own side (the agent's) is the end side, as in every chat UI.
    message.role = side === 'end' ? 'agent' : 'customer';
    message.roleFrom = 'alignment';
  });
}
