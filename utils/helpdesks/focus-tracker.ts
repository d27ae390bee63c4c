// The side panel takes focus before the agent clicks Insert, so remember which reply editor was focused last
// (research/helpdesks.md, cross-cutting lesson 7). Kept as a WeakRef so a removed editor can be collected.
// Editors inside same-origin frames count too (TinyMCE's iframe, ServiceNow's classic form in #gsft_main): the
// parent document gets no focus event when focus moves into a frame, but the frame stays its active element (also
// while the side panel has focus), so the frame's own active element is looked up when asked.

import { frameDocumentOf } from './dom';

/** Tag-name checks, not `instanceof`: an editor in a frame belongs to that frame's realm. */
export function editingRoot(node: EventTarget | null): HTMLElement | null {
  if (!node || (node as Node).nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as HTMLElement;
  if (el.tagName === 'TEXTAREA') return el;
  if (!el.isContentEditable) return null;
  let root: HTMLElement = el;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}

/** The editor focused inside a same-origin frame that is `doc`'s active element, or null. */
function editorFocusedInFrame(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  let frameDoc = active ? frameDocumentOf(active) : null;
  if (!frameDoc) return null;
  while (frameDoc) {
    active = frameDoc.activeElement;
    frameDoc = active ? frameDocumentOf(active) : null;
  }
  return editingRoot(active);
}

export interface FocusTracker {
  /** The last focused editor if it is still in the document and `accept` approves it. */
  last(accept: (el: HTMLElement) => boolean): HTMLElement | null;
  stop(): void;
}

export function trackFocusedEditor(doc: Document = document): FocusTracker {
  let lastRef: WeakRef<HTMLElement> | null = null;
  const onFocusIn = (event: FocusEvent) => {
    const root = editingRoot(event.composedPath()[0] ?? event.target);
    if (root) lastRef = new WeakRef(root);
  };
  doc.addEventListener('focusin', onFocusIn, true);
  return {
    last(accept) {
      // Focus inside a frame is the most recent: focusing anything in this document would have moved it out.
      const inFrame = editorFocusedInFrame(doc);
      if (inFrame?.isConnected && accept(inFrame)) return inFrame;
      const el = lastRef?.deref();
      return el?.isConnected && accept(el) ? el : null;
    },
    stop: () => doc.removeEventListener('focusin', onFocusIn, true),
  };
}
