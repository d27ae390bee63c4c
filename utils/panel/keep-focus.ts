import { useCallback, useEffect, useRef } from 'react';

// A button the agent pressed that is disabled while its work runs (Insert while inserting, Shorter while the rewrite
// streams) loses the focus: the browser moves it to the page body, and a keyboard user has to find their place
// again. This hands the focus back to that control (or the one named instead) once it is enabled again, unless
// the agent has meanwhile put the focus somewhere else themselves.

/** Focus that was dropped: on nothing, or on the page body. */
function focusIsLost(doc: Document): boolean {
  return doc.activeElement === null || doc.activeElement === doc.body;
}

/**
 * `busy`: the control is disabled for its work. Call the returned function when the control is activated, with the
 * element to return to (default: the element that has the focus then, i.e. the control itself).
 */
export function useKeepFocus(busy: boolean): (returnTo?: HTMLElement | null) => void {
  const pending = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (busy) return;
    const el = pending.current;
    pending.current = null;
    if (el?.isConnected && focusIsLost(el.ownerDocument)) el.focus();
  }, [busy]);
  return useCallback((returnTo?: HTMLElement | null) => {
    const el = returnTo ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    pending.current = el && el !== document.body ? el : null;
  }, []);
}
