// The side panel takes focus before the agent clicks Insert, so remember which reply editor was focused last
// (research/helpdesks.md, cross-cutting lesson 7). Kept as a WeakRef so a removed editor can be collected.

function editingRoot(node: EventTarget | null): HTMLElement | null {
  if (node instanceof HTMLTextAreaElement) return node;
  if (!(node instanceof HTMLElement) || !node.isContentEditable) return null;
  let root: HTMLElement = node;
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
  const onFocusIn = (event: FocusEvent) => {
    const root = editingRoot(event.composedPath()[0] ?? event.target);
    if (root) lastRef = new WeakRef(root);
  };
  doc.addEventListener('focusin', onFocusIn, true);
  return {
    last(accept) {
      const el = lastRef?.deref();
      return el?.isConnected && accept(el) ? el : null;
    },
    stop: () => doc.removeEventListener('focusin', onFocusIn, true),
  };
}
