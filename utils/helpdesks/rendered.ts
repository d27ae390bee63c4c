import { isHiddenByMarkup, tallyHiddenElement } from './dom';

// What the browser actually renders, for readers that must work on pages nobody described (the generic
// reader). dom.ts drops text hidden by markup and inline styles; this module adds what only the computed style
// or the layout knows: stylesheet `display:none`, `visibility:hidden`, `opacity:0`, `font-size:0`, and
// zero-size boxes that clip their text. Content-script side, dependency-free.

/** Whether the document is laid out (a real tab). DOMParser documents and test DOMs have no boxes. */
export function hasLayout(doc: Document): boolean {
  const rect = doc.documentElement?.getBoundingClientRect();
  return !!rect && (rect.width > 0 || rect.height > 0);
}

function styleOf(el: Element): CSSStyleDeclaration | null {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el) ?? null;
  } catch {
    return null;
  }
}

const ZERO = /^0(?:\.0+)?(?:px)?$/;

function atMostOnePixel(length: string): boolean {
  return /^\d*\.?\d+(?:px)?$/.test(length) && Number.parseFloat(length) <= 1;
}

/**
 * True when `el` itself does not render its content: hidden by markup, or by its computed style, or (with layout)
 * a box of at most 1px in one direction that clips its overflow ("sr-only" / zero-size tricks).
 * Ancestors are not checked: callers walk top-down.
 */
export function hidesOwnContent(el: Element, layout: boolean): boolean {
  // The markup's own hiding (dom.ts), but not its "no text of its own" tags: a textarea or an iframe is shown.
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (!/^(?:TEXTAREA|IFRAME|INPUT)$/i.test(el.tagName) && isHiddenByMarkup(el)) return true;
  const style = styleOf(el);
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse')
    return true;
  if (style.opacity !== '' && Number.parseFloat(style.opacity) === 0) return true;
  if (ZERO.test(style.fontSize)) return true;
  const clips = style.overflow === 'hidden' || style.overflow === 'clip' || style.overflowX === 'hidden';
  if (layout) {
    const rect = el.getBoundingClientRect();
    if (clips && (rect.width <= 1 || rect.height <= 1)) return true;
  } else if (clips && (atMostOnePixel(style.width) || atMostOnePixel(style.height))) {
    return true;
  }
  return false;
}

/** True when `el` or one of its ancestors hides it (see `hidesOwnContent`). */
export function isRenderedHidden(el: Element, layout: boolean): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (hidesOwnContent(node, layout)) return true;
  }
  return false;
}

/** The body of a same-origin frame, or null (cross-origin frames cannot be read, and are not ours to read). */
function frameBody(frame: Element): HTMLElement | null {
  try {
    return (frame as HTMLIFrameElement).contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

/**
 * A detached copy of `el` with only what the page renders (the bodies of same-origin frames included): comments, hidden elements (by markup, stylesheet or
 * zero size) and every element in `skip` are left out. Read its text with `visibleText` from dom.ts.
 */
export function renderedClone(el: Element, layout: boolean, skip: ReadonlySet<Element> = new Set()): Element {
  const copy = el.cloneNode(false) as Element;
  const visit = (from: Node, into: Node) => {
    for (let child = from.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        into.appendChild(child.cloneNode(false));
      } else if (child.nodeType === 1) {
        const element = child as Element;
        if (skip.has(element)) continue;
        if (hidesOwnContent(element, layout)) {
          tallyHiddenElement(element);
          continue;
        }
        if (element.tagName.toUpperCase() === 'IFRAME') {
          // Classic helpdesks (OTRS) show each message body in a same-origin frame: its shown text is the body's.
          const body = frameBody(element);
          if (body) {
            const box = el.ownerDocument.createElement('div');
            into.appendChild(box);
            visit(body, box);
          }
          continue;
        }
        const shallow = element.cloneNode(false);
        into.appendChild(shallow);
        visit(element, shallow);
      }
    }
  };
  visit(el, copy);
  return copy;
}
