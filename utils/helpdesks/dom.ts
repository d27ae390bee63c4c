import type { SelectorList } from './types';

// Shared DOM mechanisms for every helpdesk adapter. No site facts live here: adapters pass their
// selectors in as data. This module runs in the content script, so it must stay dependency-free
// (no zod, nothing heavy): only `import type` from elsewhere.

/** Anything that can be queried: a document, an element, a shadow root or another fragment. */
export type QueryRoot = Document | Element | DocumentFragment;

/** Default number of elements `deepQuery` may visit before it gives up. */
export const DEFAULT_NODE_BUDGET = 10_000;

function safeQuery(root: QueryRoot, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    // Selectors are data (and may one day be updated remotely); a malformed one must not break reads.
    return null;
  }
}

function safeQueryAll(root: QueryRoot, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The first element matched by the first selector (in list order) that matches anything. */
export function queryFirst<E extends Element = Element>(root: QueryRoot, selectors: SelectorList): E | null {
  for (const selector of selectors) {
    const found = safeQuery(root, selector);
    if (found) return found as E;
  }
  return null;
}

/** All elements matched by the first selector (in list order) that yields any results. */
export function queryAllFirst<E extends Element = Element>(root: QueryRoot, selectors: SelectorList): E[] {
  for (const selector of selectors) {
    const found = safeQueryAll(root, selector);
    if (found.length > 0) return found as E[];
  }
  return [];
}

/** `el.closest()` over an ordered list: the nearest ancestor (or self) matching the first selector that matches. */
export function closestFirst<E extends Element = Element>(el: Element, selectors: SelectorList): E | null {
  for (const selector of selectors) {
    try {
      const found = el.closest(selector);
      if (found) return found as E;
    } catch {
      // malformed selector: try the next one
    }
  }
  return null;
}

/** Whether `el` matches any of the selectors (a malformed one matches nothing). */
export function matchesAny(el: Element, selectors: SelectorList): boolean {
  return selectors.some((selector) => {
    try {
      return el.matches(selector);
    } catch {
      return false;
    }
  });
}

/** The page's own address, or null for a document that has none (one parsed with DOMParser). */
export function documentUrl(doc: Document): URL | null {
  try {
    const href = doc.location?.href;
    return href && href !== 'about:blank' ? new URL(href) : null;
  } catch {
    return null;
  }
}

/** Replaces `{name}` placeholders in every selector, e.g. `[data-id="{id}"]` with `{ id: '123' }`. */
export function fillSelectors(selectors: SelectorList, values: Readonly<Record<string, string>>): string[] {
  return selectors.map((selector) =>
    selector.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole),
  );
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

/**
 * The document of a same-origin `<iframe>`/`<frame>`, or null (cross-origin, not loaded, not a frame). Checked
 * by tag name, not `instanceof`: the frame may belong to another realm (a content script reaching into a frame).
 */
export function frameDocumentOf(el: Element): Document | null {
  const tag = el.tagName.toUpperCase();
  if (tag !== 'IFRAME' && tag !== 'FRAME') return null;
  try {
    // Null for a cross-origin frame in browsers; some engines throw instead.
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether `el` is `container`, inside it, or inside a same-origin frame that is (a frame element's chain up to
 * `container`'s document). Shadow roots are crossed through their hosts.
 */
export function containsAcrossFrames(container: Element, el: Element): boolean {
  let node: Element | null = el;
  while (node) {
    if (node === container || container.contains(node)) return true;
    const root = node.getRootNode();
    if (root !== node.ownerDocument && (root as ShadowRoot).host) {
      node = (root as ShadowRoot).host;
      continue;
    }
    try {
      node = node.ownerDocument.defaultView?.frameElement ?? null;
    } catch {
      node = null;
    }
  }
  return false;
}

/**
 * Like `querySelectorAll`, but also descends into OPEN shadow roots (closed ones are invisible to page scripts
 * and content scripts alike) and into the documents of SAME-ORIGIN iframes (ServiceNow's Next Experience keeps
 * the classic form in an iframe inside a shadow root; cross-origin frames cannot be read and are skipped).
 * Visits at most `budget` elements, so a huge page cannot stall the content script; results found before the
 * budget ran out are returned. `limit` stops early. Results are in tree order; a shadow tree stands in place of
 * its host's children, a frame's document in place of the frame's (fallback) children.
 */
export function deepQueryAll<E extends Element = Element>(
  root: QueryRoot,
  selector: string,
  budget: number = DEFAULT_NODE_BUDGET,
  limit: number = Number.POSITIVE_INFINITY,
): E[] {
  const found: E[] = [];
  const stack: QueryRoot[] = [root];
  // A frame document is entered once, even if something odd makes it reachable twice.
  const enteredDocuments = new Set<Document>();
  let visited = 0;
  try {
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node !== root && isElement(node)) {
        visited += 1;
        if (visited > budget) break;
        if (node.matches(selector)) {
          found.push(node as E);
          if (found.length >= limit) break;
        }
        const frameDoc = frameDocumentOf(node);
        if (frameDoc) {
          if (!enteredDocuments.has(frameDoc)) {
            enteredDocuments.add(frameDoc);
            stack.push(frameDoc);
          }
          continue;
        }
      }
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
      // Pushed last so it is visited first: the shadow tree is what renders in place of the children.
      if (isElement(node) && node.shadowRoot) stack.push(node.shadowRoot);
    }
  } catch {
    // `matches` throws on a malformed selector: nothing can match it.
    return [];
  }
  return found;
}

/** The first element matching `selector`, through open shadow roots and same-origin frames (see `deepQueryAll`). */
export function deepQuery<E extends Element = Element>(
  root: QueryRoot,
  selector: string,
  budget: number = DEFAULT_NODE_BUDGET,
): E | null {
  return deepQueryAll<E>(root, selector, budget, 1)[0] ?? null;
}

/** `deepQuery` over an ordered list of fallbacks: the first selector that matches anywhere wins. */
export function deepQueryFirst<E extends Element = Element>(
  root: QueryRoot,
  selectors: SelectorList,
  budget: number = DEFAULT_NODE_BUDGET,
): E | null {
  for (const selector of selectors) {
    const found = deepQuery<E>(root, selector, budget);
    if (found) return found;
  }
  return null;
}

/** `deepQueryAll` over an ordered list: every element matched by the first selector that yields any. */
export function deepQueryAllFirst<E extends Element = Element>(
  root: QueryRoot,
  selectors: SelectorList,
  budget: number = DEFAULT_NODE_BUDGET,
): E[] {
  for (const selector of selectors) {
    const found = deepQueryAll<E>(root, selector, budget);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Whether `el` is rendered: the browser's own `checkVisibility()` (display:none, content-visibility, also through
 * shadow hosts) where it exists, else no ancestor hidden by markup. For choosing among views an app keeps in the
 * DOM; never the only check of which ticket is open (scope by id first).
 */
export function isRendered(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') return el.checkVisibility();
  for (let node: Element | null = el; node; ) {
    if (isHiddenByMarkup(node)) return false;
    const parent: Node | null = node.parentNode;
    node = parent instanceof Element ? parent : parent instanceof ShadowRoot ? parent.host : null;
  }
  return true;
}

// ---------- text ----------

// Invisible characters used to hide or smuggle text: zero-width space/non-joiner, LRM/RLM, bidi
// embeddings and isolates, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel
// separator and the Unicode "tag" block (ASCII smuggling). ZWJ is handled separately (emoji).
const INVISIBLE =
  /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E\u{E0000}-\u{E007F}]/gu;
// A zero-width joiner is kept only inside an emoji sequence (e.g. family or flag emoji).
const STRAY_ZWJ =
  /(?<!\p{Extended_Pictographic}|\uFE0F|[\u{1F3FB}-\u{1F3FF}])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Strips invisible characters, turns no-break spaces into spaces and tidies line ends and blank lines. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(STRAY_ZWJ, '')
    .replace(/[\u00A0\u202F\u2007]/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Elements whose content is never shown as text.
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BASE',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'AUDIO',
  'VIDEO',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
]);
// Blocks that read as paragraphs (a blank line around them) and blocks that just start a new line.
const PARAGRAPH_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'HR']);
const LINE_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'HEADER',
  'HGROUP',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'SECTION',
  'SUMMARY',
  'TR',
  'UL',
]);

// Inline-style hiding, as used in phishing and prompt-injection mails. Stylesheet rules are not
// evaluated (that needs layout); adapters scope their reads to the right container instead.
const ZERO_LENGTH = /^(?:0+\.?0*|\.0+)(?:px|pt|em|rem|%)?$/;

function hiddenByStyle(style: string): boolean {
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (property === 'display' && value === 'none') return true;
    if (property === 'visibility' && (value === 'hidden' || value === 'collapse')) return true;
    if ((property === 'opacity' || property === 'font-size') && ZERO_LENGTH.test(value)) return true;
  }
  return false;
}

/** True when the element itself is hidden by markup: `hidden`, `aria-hidden="true"` or an inline style. */
export function isHiddenByMarkup(el: Element): boolean {
  return SKIPPED_TAGS.has(el.tagName.toUpperCase()) || hiddenByAttributes(el);
}

function hiddenByAttributes(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && hiddenByStyle(style);
}

/** Accumulates text the way a reader sees it: collapsed spaces, explicit line breaks, paragraph gaps. */
class TextBuilder {
  private out = '';
  private line = '';
  private pendingBreaks = 0;
  private pendingPrefix = '';

  /** Asks for at least `count` line ends before the next text (1 = new line, 2 = blank line). */
  block(count: number): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
  }

  /** A list marker written just before the next text, if any text follows. */
  prefix(marker: string): void {
    this.pendingPrefix = marker;
  }

  /** A hard line break (`<br>`). */
  lineBreak(): void {
    this.flushPending();
    this.out += `${this.line.trimEnd()}\n`;
    this.line = '';
  }

  text(raw: string, preformatted: boolean): void {
    if (preformatted) {
      if (raw === '') return;
      const parts = raw.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, index) => {
        if (index > 0) this.lineBreak();
        if (part !== '') this.append(part);
      });
      return;
    }
    let text = raw.replace(/[\s\u00A0]+/g, ' ');
    if (this.line === '' || this.line.endsWith(' ')) text = text.trimStart();
    if (text === '') return;
    this.append(text);
  }

  private append(text: string): void {
    this.flushPending();
    if (this.pendingPrefix) {
      this.line += this.pendingPrefix;
      this.pendingPrefix = '';
    }
    this.line += text;
  }

  private flushPending(): void {
    if (this.pendingBreaks === 0) return;
    if (this.out !== '' || this.line.trim() !== '') {
      this.out += `${this.line.trimEnd()}${'\n'.repeat(this.pendingBreaks)}`;
      this.line = '';
    }
    this.pendingBreaks = 0;
  }

  result(): string {
    return cleanText(this.out + this.line);
  }
}

// Containers whose content is never rendered at all.
const NEVER_RENDERED_TAGS = new Set(['HEAD', 'TEMPLATE', 'NOSCRIPT', 'SCRIPT', 'STYLE']);

/**
 * True when the element or one of its ancestors is hidden by markup (`hidden`, `aria-hidden="true"`, an inline
 * style) or sits in a never-rendered container (`<template>`, `<noscript>`…): single-page apps keep views of
 * earlier tickets mounted and hide them, so "in the document" does not mean "on screen". Unlike
 * `isHiddenByMarkup`, a form control (a `<textarea>` reply box, a status `<button>`) is not hidden for what it is.
 */
export function isHiddenInPage(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (hiddenByAttributes(node)) return true;
    if (node !== el && NEVER_RENDERED_TAGS.has(node.tagName.toUpperCase())) return true;
  }
  return false;
}

/** `queryFirst`, skipping elements hidden by markup (themselves or through an ancestor). */
export function queryFirstShown<E extends Element = Element>(
  root: QueryRoot,
  selectors: SelectorList,
): E | null {
  for (const selector of selectors) {
    const found = safeQueryAll(root, selector).find((el) => !isHiddenInPage(el));
    if (found) return found as E;
  }
  return null;
}

interface ListState {
  ordered: boolean;
  next: number;
}

/**
 * Characters of text `visibleText` left out because they were hidden — hidden elements (by attribute or inline
 * style), HTML comments, invisible characters — since the last `reset()`. Scripts, styles and form controls do
 * not count: they are not message text. The content script resets it before a read and reports the total as a
 * ticket warning; a figure, not an exact measure (nested reads of the same node count twice).
 */
export const hiddenTextTally = {
  chars: 0,
  reset(): void {
    this.chars = 0;
  },
};

/** Counts the text of an element a reader leaves out because it is hidden (not scripts, styles, form controls). */
export function tallyHiddenElement(el: Element): void {
  if (!SKIPPED_TAGS.has(el.tagName.toUpperCase()))
    hiddenTextTally.chars += (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function walk(node: Node, builder: TextBuilder, preformatted: boolean, lists: ListState[]): void {
  if (node.nodeType === 3) {
    const value = node.nodeValue ?? '';
    hiddenTextTally.chars += value.match(INVISIBLE)?.length ?? 0;
    builder.text(value, preformatted);
    return;
  }
  // Comments, processing instructions and the like carry no visible text.
  if (node.nodeType === 8) hiddenTextTally.chars += (node.nodeValue ?? '').trim().length;
  if (!isElement(node) && node.nodeType !== 11) return;
  if (isElement(node)) {
    if (isHiddenByMarkup(node)) {
      tallyHiddenElement(node);
      return;
    }
    const tag = node.tagName.toUpperCase();
    if (tag === 'BR') {
      builder.lineBreak();
      return;
    }
    const isPre = preformatted || tag === 'PRE';
    const breaks = PARAGRAPH_TAGS.has(tag) ? 2 : LINE_TAGS.has(tag) ? 1 : 0;
    if (breaks > 0) builder.block(breaks);
    if (tag === 'TD' || tag === 'TH') builder.text(' ', false);
    let childLists = lists;
    if (tag === 'UL' || tag === 'OL') {
      const start = Number.parseInt(node.getAttribute('start') ?? '', 10);
      childLists = [...lists, { ordered: tag === 'OL', next: Number.isFinite(start) ? start : 1 }];
    } else if (tag === 'LI') {
      const list = lists[lists.length - 1];
      const indent = '  '.repeat(Math.max(0, lists.length - 1));
      if (list?.ordered) {
        builder.prefix(`${indent}${list.next}. `);
        list.next += 1;
      } else {
        builder.prefix(`${indent}- `);
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      walk(child, builder, isPre, childLists);
    }
    if (breaks > 0) builder.block(breaks);
    if (tag === 'TD' || tag === 'TH') builder.text(' ', false);
    return;
  }
  for (let child = node.firstChild; child; child = child.nextSibling) {
    walk(child, builder, preformatted, lists);
  }
}

/**
 * The text a reader sees in `node`: paragraphs, blocks and `<br>` become line breaks, list items get
 * `- ` / `1. ` markers, whitespace is collapsed (kept inside `<pre>`), and content hidden by markup
 * (`hidden`, `aria-hidden="true"`, inline display:none / visibility:hidden / opacity:0 / font-size:0,
 * scripts, styles, templates, comments) is left out, as are zero-width characters. Open shadow roots
 * are not entered; `node` itself counts too (a hidden element yields '').
 */
export function visibleText(node: Element | DocumentFragment): string {
  const builder = new TextBuilder();
  walk(node, builder, false, []);
  return builder.result();
}

/**
 * `visibleText` of an HTML string. Parsed with DOMParser into an inert document: no scripts run and
 * nothing loads, so message HTML from a helpdesk API is safe to pass in.
 */
export function textFromHtml(html: string): string {
  if (html.trim() === '') return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body ? visibleText(doc.body) : '';
}

// ---------- ordered fallbacks through shadow roots, visibility, layout ----------

/**
 * True when `el` or any ancestor is hidden by markup (see `isHiddenByMarkup`), climbing out of open shadow roots
 * through their hosts. Stylesheet rules are not evaluated.
 */
export function isHiddenInTree(el: Element): boolean {
  let node: Element | null = el;
  while (node) {
    if (isHiddenByMarkup(node)) return true;
    if (node.parentElement) {
      node = node.parentElement;
      continue;
    }
    const root = node.getRootNode();
    node = root && 'host' in root ? (root as ShadowRoot).host : null;
  }
  return false;
}

/** Where a chat bubble sits across the width of its thread, in reading direction. */
export type BubbleSide = 'start' | 'end' | 'center';

/**
 * Which side of `container` the `bubble` is laid out on, from the rendered boxes: chat UIs put the customer's
 * bubbles at the start of the line and the team's at the end, and centre event lines. Null when there is no
 * layout (hidden, not rendered, a DOM without layout) or the bubble spans (nearly) the whole width, so its side
 * means nothing. Right-to-left containers are mirrored.
 */
export function bubbleSide(bubble: Element, container: Element): BubbleSide | null {
  const box = bubble.getBoundingClientRect();
  const ref = container.getBoundingClientRect();
  if (box.width <= 0 || ref.width <= 0 || box.width > ref.width * 0.85) return null;
  const gapLeft = box.left - ref.left;
  const gapRight = ref.right - box.right;
  if (Math.abs(gapLeft - gapRight) <= ref.width * 0.08) return 'center';
  const onLeft = gapLeft < gapRight;
  const view = container.ownerDocument.defaultView;
  const rtl = view ? view.getComputedStyle(container).direction === 'rtl' : false;
  return onLeft !== rtl ? 'start' : 'end';
}

/**
 * `root` itself or the first element inside it (open shadow roots too) matching the first selector that has such
 * an element, skipping anything INSIDE an element matching `exclude`. For role, author and time markers of a
 * message: the body is the sender's HTML, so class names or attributes written there must not pose as markers.
 */
export function markerOutside<E extends Element = Element>(
  root: Element,
  selectors: SelectorList,
  exclude: SelectorList,
): E | null {
  if (matchesAny(root, selectors)) return root as E;
  const excluded = exclude.flatMap((selector) => deepQueryAll(root, selector));
  for (const selector of selectors) {
    const found = deepQueryAll<E>(root, selector).find(
      (el) => !excluded.some((body) => body !== el && body.contains(el)),
    );
    if (found) return found;
  }
  return null;
}

/** The elements of `list` that are not inside another element of `list` (document order kept). */
export function outermost<E extends Element>(list: readonly E[]): E[] {
  return list.filter((el) => !list.some((other) => other !== el && other.contains(el)));
}

/** Form controls whose text is a value or a label, which `visibleText` leaves out as not part of a message. */
const CONTROL_TAGS = new Set(['TEXTAREA', 'INPUT', 'BUTTON', 'SELECT']);

/**
 * What a field on screen shows: the value of a `<textarea>` / `<input>` (editable subject lines often are one),
 * the label of a `<button>` (status pickers), the chosen option of a `<select>`, the visible text of any other
 * element. `visibleText` skips form controls because they are never part of a message's text.
 */
export function shownText(el: Element): string {
  const tag = el.tagName.toUpperCase();
  if (!CONTROL_TAGS.has(tag)) return visibleText(el);
  if (isHiddenInPage(el)) return '';
  if (tag === 'TEXTAREA' || tag === 'INPUT') {
    return cleanText((el as HTMLTextAreaElement | HTMLInputElement).value ?? '');
  }
  const select = el as HTMLSelectElement;
  const label = tag === 'SELECT' ? (select.options?.[select.selectedIndex] ?? null) : el;
  if (!label) return '';
  const builder = new TextBuilder();
  for (let child = label.firstChild; child; child = child.nextSibling) walk(child, builder, false, []);
  return builder.result();
}

/**
 * `visibleText` of `el` without its descendants that match `leaveOut` (a time inside a one-line event, the
 * controls inside a heading). Works on a copy: the page is not touched.
 */
export function visibleTextExcept(el: Element, leaveOut: SelectorList): string {
  const copy = el.cloneNode(true) as Element;
  for (const selector of leaveOut) {
    try {
      for (const found of Array.from(copy.querySelectorAll(selector))) found.remove();
    } catch {
      // malformed selector: nothing to leave out
    }
  }
  return visibleText(copy);
}
