import { withHiddenTextCount } from '@/utils/content/command-handler';
import { hiddenTextTally } from '@/utils/helpdesks/dom';
import { trackFocusedEditor } from '@/utils/helpdesks/focus-tracker';
import { readGenericPage } from '@/utils/helpdesks/generic';
import { findReplyBox, isAcceptableReplyBox } from '@/utils/helpdesks/generic-composer';
import { findThread } from '@/utils/helpdesks/generic-thread';
import { insertReply } from '@/utils/helpdesks/insert';

// Injected by the background into a page no adapter knows, only when the agent asks ("Read this page").
// It leaves two functions in the extension's isolated world for the background's follow-up calls.

declare global {
  var __deskmateGeneric: { read(): unknown; insert(text: string): Promise<unknown> } | undefined;
}

export default defineUnlistedScript(() => {
  if (globalThis.__deskmateGeneric) return;
  const focus = trackFocusedEditor(document);
  globalThis.__deskmateGeneric = {
    read: () => {
      // The ticket card says how much hidden text (hidden elements, comments, invisible characters) was left out.
      hiddenTextTally.reset();
      const ticket = readGenericPage(document, location.href);
      return withHiddenTextCount(ticket, hiddenTextTally.chars);
    },
    async insert(text: string) {
      // The box the agent clicked into wins when it could be a reply box; otherwise the one the heuristics
      // find below the conversation (generic-composer.ts).
      const focused = focus.last((el) => isAcceptableReplyBox(el));
      let target = focused;
      if (!target) {
        const thread = findThread(document);
        const first = thread?.messages[0]?.element;
        const last = thread?.messages.at(-1)?.element;
        target = findReplyBox(document, first && last ? { first, last } : undefined);
      }
      if (!target) {
        return {
          ok: false,
          code: 'no-composer',
          message: 'No reply box was found on this page, so nothing was inserted.',
        };
      }
      // Where the agent never put a caret, the reply goes after whatever the box already holds.
      const outcome = await insertReply(target, text, { placement: focused ? 'caret' : 'end' });
      return outcome.ok
        ? { ok: true, method: outcome.method, helpdesk: 'this page' }
        : { ok: false, code: outcome.code, message: outcome.message };
    },
  };
});
