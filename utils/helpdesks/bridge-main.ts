// The MAIN-world bridge. It is injected with chrome.scripting.executeScript({ world: 'MAIN', func, args })
// so it must be self-contained: no imports, no closures over module scope (the function is serialised).
// It answers a few requests on an event name that carries a fresh nonce, then removes itself.
// Everything it receives comes through the page's event system and is treated as hostile.

export interface BridgeRequest {
  id: string;
  op: 'ckeditor5.insert' | 'ckeditor5.read' | 'ckeditor5.undo' | 'ckeditor5.redo';
  /**
   * Which editor: its index among the page's CKEditor editables, in document order. An attribute marker
   * would not do: CKEditor re-renders its editable's attributes and drops foreign ones.
   */
  target: number;
  html?: string;
  /** 'end': append as a new paragraph after the content; 'all': replace the whole content. */
  placement?: 'caret' | 'end' | 'all';
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
  interface CkWriter {
    setSelection(selectable: unknown, offset?: number | 'end' | 'in'): void;
    createElement(name: string): unknown;
    insert(item: unknown, parent: unknown, offset: 'end'): void;
  }
  interface CkRoot {
    childCount: number;
    getChild(index: number): { isEmpty?: boolean } | null;
  }
  interface CkEditor {
    isReadOnly?: boolean;
    commands?: { get(name: string): { isEnabled?: boolean } | undefined };
    execute?(name: string): unknown;
    getData(): string;
    data: { parse(html: string): unknown };
    model: {
      change(cb: (writer: CkWriter) => void): void;
      insertContent(content: unknown): void;
      document: { getRoot(): CkRoot };
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

  const ckeditorAt = (target: number): CkEditor | null => {
    if (!Number.isInteger(target) || target < 0) return null;
    const editable = document.querySelectorAll('.ck-editor__editable')[target] ?? null;
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
      if (typeof request.id !== 'string' || typeof request.target !== 'number') return;
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
        const atEnd = request.placement === 'end';
        editor.model.change((writer) => {
          // Select everything: insertContent deletes the selection first, all in this one undo step.
          if (request.placement === 'all') writer.setSelection(editor.model.document.getRoot(), 'in');
          if (atEnd) {
            // Append as new paragraphs after the agent's text, not glued onto its last line.
            const root = editor.model.document.getRoot();
            const last = root.childCount > 0 ? root.getChild(root.childCount - 1) : null;
            if (last && last.isEmpty === false) {
              const paragraph = writer.createElement('paragraph');
              writer.insert(paragraph, root, 'end');
              writer.setSelection(paragraph, 0);
            } else if (last) {
              writer.setSelection(last, 0);
            }
          }
          editor.model.insertContent(editor.data.parse(html));
        });
        reply({ id: request.id, ok: true, modelText: modelTextOf(editor) });
      } else if (request.op === 'ckeditor5.undo' || request.op === 'ckeditor5.redo') {
        // The editor's own undo (the Undo plugin, part of Essentials): one step, whatever it holds.
        const name = request.op === 'ckeditor5.undo' ? 'undo' : 'redo';
        const command = editor.commands?.get(name);
        if (!command || typeof editor.execute !== 'function') throw new Error(`no ${name} command`);
        if (command.isEnabled === false) throw new Error(`${name} is not enabled`);
        editor.execute(name);
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
