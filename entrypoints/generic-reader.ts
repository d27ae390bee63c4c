import { trackFocusedEditor } from '@/utils/helpdesks/focus-tracker';
import { readGenericPage } from '@/utils/helpdesks/generic';
import { insertReply } from '@/utils/helpdesks/insert';

// Injected by the background into a page no adapter knows, only when the agent asks ("Read this page").
// It leaves two functions in the extension's isolated world for the background's follow-up calls.

declare global {
  var __deskmateGeneric: { read(): unknown; insert(text: string): Promise<unknown> } | undefined;
}

export default defineUnlistedScript(() => {
  if (globalThis.__deskmateGeneric) return;
  const focus = trackFocusedEditor(document);
  const visibleEditors = () =>
    [...document.querySelectorAll<HTMLElement>('textarea, [contenteditable="true"]')].filter(
      (el) =>
        el.getClientRects().length > 0 && !el.closest('[contenteditable="true"] [contenteditable="true"]'),
    );
  globalThis.__deskmateGeneric = {
    read: () => readGenericPage(document, location.href),
    async insert(text: string) {
      const editors = visibleEditors();
      const target = focus.last(() => true) ?? (editors.length === 1 ? editors[0] : null);
      if (!target) {
        return {
          ok: false,
          code: 'no-composer',
          message:
            editors.length > 1
              ? 'This page has several text boxes: click into the reply box once, then Insert again.'
              : 'No reply box was found on this page.',
        };
      }
      const outcome = await insertReply(target, text);
      return outcome.ok
        ? { ok: true, method: outcome.method, helpdesk: 'this page' }
        : { ok: false, code: outcome.code, message: outcome.message };
    },
  };
});
