// The side panel takes focus before the agent clicks Insert, so remember which reply editor was focused last
// (research/helpdesks.md, cross-cutting lesson 7). Kept as a WeakRef so a removed editor can be collected.
// Editors inside same-origin frames count too (TinyMCE's iframe, ServiceNow's classic form in #gsft_main): focus
// moving into a frame shows up in the parent only as focus on the <iframe>, so the tracker follows it inside.

import { frameDocumentOf } from './dom';

/** Tag-name checks, not `instanceof`: an editor in a frame belongs to that frame's realm. */
function editingRoot(node: EventTarget | null): HTMLElement | null {
  if (!node || (node as Node).nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as HTMLElement;
  if (el.tagName === 'TEXTAREA') return el;
  if (!el.isContentEditable) return null;
  let root: HTMLElement = el;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}

export interface FocusTracker {
  /** The last focused editor if it is still in the document and `accept` approves it. */
  last(accept: (el: HTMLElement) => boolean): HTMLElement | null;
  stop(): void;
}

export function trackFocusedEditor(doc: Document = document): FocusTracker {
  let lastRef: WeakRef<HTMLElement> | null = null;
  const watched = new Set<Document>();
  const remember = (target: EventTarget | null) => {
    const root = editingRoot(target);
    if (root) lastRef = new WeakRef(root);
  };
  const onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0] ?? event.target;
    const frameDoc =
      target && (target as Node).nodeType === Node.ELEMENT_NODE ? frameDocumentOf(target as Element) : null;
    if (frameDoc) {
      watch(frameDoc);
      // The frame's own focusin may already have fired before we listened there.
      remember(frameDoc.activeElement);
      return;
    }
    remember(target);
  };
  function watch(d: Document) {
    if (watched.has(d)) return;
    watched.add(d);
    d.addEventListener('focusin', onFocusIn, true);
  }
  watch(doc);
  return {
    last(accept) {
      const el = lastRef?.deref();
      return el?.isConnected && accept(el) ? el : null;
    },
    stop: () => {
      for (const d of watched) d.removeEventListener('focusin', onFocusIn, true);
      watched.clear();
    },
  };
}
