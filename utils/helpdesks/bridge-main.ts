// The MAIN-world bridge. It is injected with chrome.scripting.executeScript({ world: 'MAIN', func, args })
// so it must be self-contained: no imports, no closures over module scope (the function is serialised).
// It answers a few requests on an event name that carries a fresh nonce, then removes itself.
// Everything it receives comes through the page's event system and is treated as hostile.

export interface BridgeRequest {
  id: string;
  op: 'ckeditor5.insert' | 'ckeditor5.read';
  target: string;
  html?: string;
}

export interface BridgeReply {
  id: string;
  ok: boolean;
  /** Plain text read from the editor's own model, paragraphs separated by "\n". */
  modelText?: string;
  error?: string;
}

export function deskmateBridge(nonce: string, lifetimeMs: number): void {
  if (typeof nonce !== 'string' || !/^[a-z0-9]{16,64}$/.test(nonce)) return;
  const requestType = `deskmate-bridge-request-${nonce}`;
  const replyType = `deskmate-bridge-reply-${nonce}`;

  interface CkModelNode {
    is(type: string): boolean;
    data?: string;
  }
  interface CkEditor {
    isReadOnly?: boolean;
    getData(): string;
    data: { parse(html: string): unknown };
    model: {
      change(cb: (writer: unknown) => void): void;
      insertContent(content: unknown): void;
      document: { getRoot(): unknown };
      createRangeIn(root: unknown): Iterable<{ type: string; item: CkModelNode }>;
    };
  }

  const reply = (r: BridgeReply) => {
    window.dispatchEvent(new CustomEvent(replyType, { detail: JSON.stringify(r) }));
  };

  const modelTextOf = (editor: CkEditor): string => {
    let out = '';
    let blocks = 0;
    for (const step of editor.model.createRangeIn(editor.model.document.getRoot())) {
      if (step.type === 'elementStart' && !step.item.is('$text') && step.item.is('element')) {
        // A new block (paragraph, list item) starts a new line; inline elements are rare in replies.
        if (blocks > 0) out += '\n';
        blocks++;
      } else if (step.type === 'text' && typeof step.item.data === 'string') {
        out += step.item.data;
      }
    }
    return out;
  };

  const ckeditorAt = (target: string): CkEditor | null => {
    if (!/^[a-z0-9]{8,64}$/.test(target)) return null;
    const el = document.querySelector(`[data-deskmate-target="${target}"]`);
    const editable = el?.closest('.ck-editor__editable') ?? el;
    const instance = (editable as unknown as { ckeditorInstance?: CkEditor } | null)?.ckeditorInstance;
    if (!instance || typeof instance.getData !== 'function' || !instance.model) return null;
    return instance;
  };

  const onRequest = (event: Event) => {
    let request: BridgeRequest;
    try {
      const detail = (event as CustomEvent).detail;
      if (typeof detail !== 'string' || detail.length > 500_000) return;
      request = JSON.parse(detail) as BridgeRequest;
      if (typeof request.id !== 'string' || typeof request.target !== 'string') return;
    } catch {
      return;
    }
    try {
      const editor = ckeditorAt(request.target);
      if (!editor) {
        reply({ id: request.id, ok: false, error: 'no-editor-instance' });
        return;
      }
      if (request.op === 'ckeditor5.insert') {
        if (typeof request.html !== 'string') throw new Error('no html');
        if (editor.isReadOnly) throw new Error('editor is read-only');
        const html = request.html;
        editor.model.change(() => {
          editor.model.insertContent(editor.data.parse(html));
        });
        reply({ id: request.id, ok: true, modelText: modelTextOf(editor) });
      } else if (request.op === 'ckeditor5.read') {
        reply({ id: request.id, ok: true, modelText: modelTextOf(editor) });
      } else {
        reply({ id: request.id, ok: false, error: 'unknown-op' });
      }
    } catch (error) {
      reply({ id: request.id, ok: false, error: String((error as Error)?.message ?? error).slice(0, 200) });
    }
  };

  window.addEventListener(requestType, onRequest);
  setTimeout(() => window.removeEventListener(requestType, onRequest), lifetimeMs);
}
