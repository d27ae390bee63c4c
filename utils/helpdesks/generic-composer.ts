import { isInChrome } from './generic-markup';
import { hasLayout, isRenderedHidden } from './rendered';

// The reply box of a page nobody described: the largest visible editable box (textarea, contenteditable root
// — Quill, ProseMirror, Lexical… put it on their root — or a same-origin iframe editor such as TinyMCE or
// CKEditor 4) near or below the conversation, outside page chrome, not a search/subject/note field.

const REPLY_WORDS = /\b(?:reply|replies|answer|respond|response|antwort|réponse|respuesta)/i;
const MAYBE_REPLY_WORDS = /\b(?:comment|message|compose|write|type)/i;
const NOT_REPLY_WORDS =
  /\b(?:search|filter|find|subject|title|tags?|internal|private|note|notes|signature|feedback|status|address|url)\b/i;

export interface ReplyBoxCandidate {
  element: HTMLElement;
  score: number;
}

/** Editing roots in `doc`: textareas, contenteditable roots and iframes whose document is editable. */
export function editableRoots(doc: Document): HTMLElement[] {
  const roots: HTMLElement[] = [];
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>('textarea, [contenteditable], iframe'))) {
    if (el instanceof HTMLTextAreaElement) {
      if (!el.disabled && !el.readOnly) roots.push(el);
      continue;
    }
    if (el instanceof HTMLIFrameElement) {
      try {
        const inner = el.contentDocument;
        if (inner?.body && (inner.designMode === 'on' || inner.body.isContentEditable)) roots.push(el);
      } catch {
        // cross-origin frame: not ours to write into
      }
      continue;
    }
    const value = el.getAttribute('contenteditable');
    if (value === 'false') continue;
    const parentEditable = el.parentElement?.closest('[contenteditable]');
    if (parentEditable && parentEditable.getAttribute('contenteditable') !== 'false') continue;
    roots.push(el);
  }
  return roots;
}

/** What the page says a box is for: placeholder, aria-label, name, id, title, its `<label>`, nearby heading. */
export function labelOf(el: HTMLElement): string {
  const doc = el.ownerDocument;
  const parts = [
    el.getAttribute('placeholder'),
    el.getAttribute('data-placeholder'),
    el.getAttribute('aria-label'),
    el.getAttribute('name'),
    el.id,
    el.getAttribute('title'),
  ];
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    for (const id of labelledBy.split(/\s+/)) parts.push(doc.getElementById(id)?.textContent ?? '');
  if (el.id) {
    for (const label of Array.from(doc.querySelectorAll('label[for]'))) {
      if (label.getAttribute('for') === el.id) parts.push(label.textContent);
    }
  }
  parts.push(el.closest('label')?.textContent ?? '');
  // Editors render their placeholder inside the editable root (Quill's data-placeholder is on it already).
  parts.push(el.querySelector('[data-placeholder]')?.getAttribute('data-placeholder') ?? '');
  return parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[_-]+/g, ' '))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function sizeScore(el: HTMLElement, layout: boolean): number {
  if (layout) {
    const rect = el.getBoundingClientRect();
    return Math.min(rect.width * rect.height, 400_000) / 20_000;
  }
  if (el instanceof HTMLTextAreaElement) return Math.min(Math.max(el.rows, 1), 15) / 1.5;
  return 4; // a rich editor's size is unknown without layout; count it as a medium box
}

function tooSmall(el: HTMLElement, layout: boolean): boolean {
  if (!layout) return false;
  const rect = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  const offscreen = rect.right < 0 || rect.bottom < -5000 || rect.left > (view?.innerWidth ?? 10_000) + 10;
  return rect.width < 60 || rect.height < 18 || offscreen;
}

export interface ThreadAnchor {
  /** The conversation's first and last message blocks, when a thread was found. */
  first: Element;
  last: Element;
}

/**
 * Every acceptable reply box with a score (bigger, labelled as a reply, after the conversation), best first.
 * Boxes in page chrome or floating widgets, hidden or tiny ones, boxes inside a message, and boxes labelled as
 * search/subject/internal note are left out.
 */
export function replyBoxCandidates(doc: Document, anchor?: ThreadAnchor): ReplyBoxCandidate[] {
  const layout = hasLayout(doc);
  const candidates: ReplyBoxCandidate[] = [];
  for (const el of editableRoots(doc)) {
    if (!isAcceptableReplyBox(el, layout)) continue;
    if (anchor && (anchor.first.contains(el) || anchor.last.contains(el))) continue;
    const label = labelOf(el);
    let score = sizeScore(el, layout);
    if (REPLY_WORDS.test(label)) score += 5;
    else if (MAYBE_REPLY_WORDS.test(label)) score += 3;
    if (anchor) {
      const position = anchor.last.compareDocumentPosition(el);
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) score += 4;
      else if (anchor.first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) score -= 2;
    }
    if (el.closest('main, [role="main"]')) score += 1;
    candidates.push({ element: el, score });
  }
  return candidates.sort((a, b) => b.score - a.score);
}

/** Whether `el` (an editing root) could be the reply box at all. */
export function isAcceptableReplyBox(el: HTMLElement, layout = hasLayout(el.ownerDocument)): boolean {
  if (isRenderedHidden(el, layout) || tooSmall(el, layout) || isInChrome(el, layout)) return false;
  if (el.closest('[role="search"], form[role="search"]') || el.matches('[type="search"]')) return false;
  const label = labelOf(el);
  return !(NOT_REPLY_WORDS.test(label) && !REPLY_WORDS.test(label));
}

/** The best reply box, or null when the page has none. */
export function findReplyBox(doc: Document, anchor?: ThreadAnchor): HTMLElement | null {
  return replyBoxCandidates(doc, anchor)[0]?.element ?? null;
}
