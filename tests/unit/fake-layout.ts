import type { Window } from 'happy-dom';

// happy-dom computes no layout: every box is empty. Chat-style threads (Intercom's newer markup, Front's timeline)
// are told apart by where the bubbles are laid out, so these tests give elements the boxes a browser would: an
// element pushed right by `margin-left: auto` sits on the right, one with `margin-right: auto` on the left, one with
// both in the middle, anything else spans the full 1000 px width. Styles come from happy-dom's getComputedStyle
// (inline styles and the page's stylesheet), so the fixture's own CSS decides.

const WIDTH = 1000;

function box(left: number, width: number): DOMRect {
  return {
    x: left,
    y: 0,
    left,
    top: 0,
    width,
    height: 20,
    right: left + width,
    bottom: 20,
    toJSON: () => ({}),
  } as DOMRect;
}

/** Installs the fake layout on every element of `win`; returns a function that removes it again. */
export function fakeBubbleLayout(win: Window): () => void {
  const proto = win.HTMLElement.prototype as unknown as { getBoundingClientRect: () => DOMRect };
  const original = proto.getBoundingClientRect;
  proto.getBoundingClientRect = function (this: Element) {
    const style = win.getComputedStyle(this as never);
    const autoLeft = style.marginLeft === 'auto';
    const autoRight = style.marginRight === 'auto';
    if (autoLeft && autoRight) return box(WIDTH * 0.4, WIDTH * 0.2);
    if (autoLeft) return box(WIDTH * 0.3, WIDTH * 0.7);
    if (autoRight) return box(0, WIDTH * 0.7);
    return box(0, WIDTH);
  };
  return () => {
    proto.getBoundingClientRect = original;
  };
}
