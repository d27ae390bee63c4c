import type { BridgeReply, BridgeRequest } from './bridge-main';

export interface BridgeClient {
  call(request: Omit<BridgeRequest, 'id'>, timeoutMs?: number): Promise<BridgeReply>;
}

function randomToken(bytes = 12): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (v) => (v % 36).toString(36)).join('');
}

/** Root selector per editor family the bridge drives; the bridge finds the same element by its index. */
const BRIDGE_ROOTS = { ckeditor5: '.ck-editor__editable' } as const;

/** Index of `editable` among its family's editables (same document order in both worlds), or -1. */
export function bridgeTargetOf(editable: Element, family: keyof typeof BRIDGE_ROOTS): number {
  return [...editable.ownerDocument.querySelectorAll(BRIDGE_ROOTS[family])].indexOf(editable);
}

export function createBridgeClient(nonce: string, win: Window = window): BridgeClient {
  const requestType = `deskmate-bridge-request-${nonce}`;
  const replyType = `deskmate-bridge-reply-${nonce}`;
  return {
    call(request, timeoutMs = 1500) {
      const id = randomToken(12);
      return new Promise<BridgeReply>((resolve) => {
        const timer = win.setTimeout(() => {
          win.removeEventListener(replyType, onReply);
          resolve({ id, ok: false, error: 'bridge-timeout' });
        }, timeoutMs);
        function onReply(event: Event) {
          const detail = (event as CustomEvent).detail;
          if (typeof detail !== 'string') return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(detail);
          } catch {
            return;
          }
          // The page can dispatch on this name too: accept only a well-formed reply to our own id.
          if (!parsed || typeof parsed !== 'object') return;
          const r = parsed as Partial<BridgeReply>;
          if (r.id !== id || typeof r.ok !== 'boolean') return;
          win.clearTimeout(timer);
          win.removeEventListener(replyType, onReply);
          resolve({
            id,
            ok: r.ok,
            modelText: typeof r.modelText === 'string' ? r.modelText : undefined,
            error: typeof r.error === 'string' ? r.error.slice(0, 200) : undefined,
          });
        }
        win.addEventListener(replyType, onReply);
        win.dispatchEvent(new CustomEvent(requestType, { detail: JSON.stringify({ ...request, id }) }));
      });
    },
  };
}
