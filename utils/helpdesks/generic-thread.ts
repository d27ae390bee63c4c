import type { MessageRole } from '../ticket/ticket';
import { visibleText } from './dom';
import {
  ATTRIBUTION,
  type BlockFacts,
  blockFacts,
  FROM_LABEL,
  inQuote,
  META_WORDS,
  NOT_MESSAGE_TEXT,
  QUOTE_SELECTOR,
  TIME_LABEL,
  textLength,
} from './generic-blocks';
import {
  classTokens,
  isInChrome,
  isPageChrome,
  ROLE_BADGE,
  roleFromWords,
  signatureOf,
  squash,
  wordsOf,
} from './generic-markup';
import { hasLayout, hidesOwnContent, isRenderedHidden, renderedClone } from './rendered';

// Finding a conversation on a page nobody described (the generic reader). A thread is a run of look-alike
// sibling blocks (same tag and class stem) where most blocks carry an author and a time and some text, outside
// the page's chrome (generic-markup.ts); block facts come from generic-blocks.ts. generic.ts turns the result
// into a Ticket.

// ---------- grouping ----------

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

/**
 * How much a group reads like a conversation: the typical (median) message length, growing slowly with the
 * number of messages, weighted by how many carry an author and a time. Rows of short snippets (an event log, a
 * list of tickets) score low however many there are; `role="log"`/thread-ish class names score higher.
 */
export function scoreGroup(facts: BlockFacts[], container: Element): number {
  const messages = facts.filter((f) => f.messageLike);
  if (messages.length === 0) return 0;
  const lengths = messages.map((f) => Math.min(f.textLength, 2000)).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const withTime = messages.filter((f) => f.time).length / messages.length;
  const withAuthor = messages.filter((f) => f.author).length / messages.length;
  let score = median * (1 + Math.log2(messages.length)) * (0.5 + (withTime + withAuthor) / 2);
  if (median < 80) score *= 0.3;
  const role = container.getAttribute('role');
  if (role === 'log' || role === 'feed' || classTokens(container).some((w) => THREAD_WORDS.has(w))) {
    score *= 1.3;
  }
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
    // The container's ancestors are checked above: each block only needs its own style.
    const shown = messageLike.filter((f) => !hidesOwnContent(f.element, layout));
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
    if (signatureOf(sibling) !== containerSignature || hidesOwnContent(sibling, layout)) continue;
    for (const child of Array.from(sibling.children)) {
      if (signatureOf(child) !== memberSignature || hidesOwnContent(child, layout)) continue;
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
