import { withHiddenTextCount } from '@/utils/content/command-handler';
import { hiddenTextTally } from '@/utils/helpdesks/dom';
import { trackFocusedEditor } from '@/utils/helpdesks/focus-tracker';
import { readGenericPage } from '@/utils/helpdesks/generic';
import { findReplyBox, isAcceptableReplyBox } from '@/utils/helpdesks/generic-composer';
import { findThread } from '@/utils/helpdesks/generic-thread';
import { createInsertSession, type InsertModeName } from '@/utils/helpdesks/insert-session';

// Injected by the background into a page no adapter knows, only when the agent asks ("Read this page").
// It leaves three functions in the extension's isolated world for the background's follow-up calls.

declare global {
  var __deskmateGeneric:
    | {
        read(): unknown;
        insert(text: string, mode?: InsertModeName, confirmReplace?: boolean): Promise<unknown>;
        undo(): Promise<unknown>;
      }
    | undefined;
}

export default defineUnlistedScript(() => {
  if (globalThis.__deskmateGeneric) return;
  const focus = trackFocusedEditor(document);
  const inserts = createInsertSession();
  globalThis.__deskmateGeneric = {
    read: () => {
      // The ticket card says how much hidden text (hidden elements, comments, invisible characters) was left out.
      hiddenTextTally.reset();
      const ticket = readGenericPage(document, location.href);
      return withHiddenTextCount(ticket, hiddenTextTally.chars);
    },
    async insert(text: string, mode: InsertModeName = 'caret', confirmReplace = false) {
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
      const result = await inserts.insert(target, {
        key: location.href,
        text,
        mode,
        confirmReplace,
        agentPlacedCaret: focused !== null,
        bridge: null,
      });
      if (result.ok)
        return { ok: true, method: result.outcome.method, helpdesk: 'this page', undo: result.undo };
      return result.code === 'needs-confirmation'
        ? result
        : { ok: false, code: result.code, message: result.message };
    },
    async undo() {
      const undone = await inserts.undo(location.href, null);
      return undone.ok ? { ok: true, helpdesk: 'this page' } : undone;
    },
  };
});
