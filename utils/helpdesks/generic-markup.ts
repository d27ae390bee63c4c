import type { MessageRole } from '../ticket/ticket';

// What a page's markup says without anyone having described it (the generic reader): class names without their
// build hashes, words that name a role, and the page's chrome (navigation, banners, sidebars, footers, dialogs,
// floating widgets) that is never part of a conversation or a reply box.

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

export function wordsOf(text: string): string[] {
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
export const ROLE_BADGE =
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

/** Whitespace collapsed and trimmed. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
