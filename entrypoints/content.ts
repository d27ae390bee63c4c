import { handleContentCommand, parseContentCommand } from '@/utils/content/command-handler';
import { loadPageConfig, watchPageConfig } from '@/utils/content/page-config';
import { trackFocusedEditor } from '@/utils/helpdesks/focus-tracker';
import { HELPDESK_MATCHES } from '@/utils/helpdesks/matches';
import { adapterFor } from '@/utils/helpdesks/registry';
import { watchTicketId } from '@/utils/helpdesks/route-watcher';

// Declared (self-hosted / custom) domains get this same file through a runtime registration
// (utils/background/custom-domains.ts), so it learns those hosts and the selector overrides before matching.
export default defineContentScript({
  matches: [...HELPDESK_MATCHES],
  runAt: 'document_idle',
  async main(ctx) {
    await loadPageConfig();
    if (ctx.isInvalid) return;
    const adapter = adapterFor(location.href);
    if (!adapter) return;
    ctx.onInvalidated(watchPageConfig());
    const focus = trackFocusedEditor(document);
    ctx.onInvalidated(() => focus.stop());

    const onMessage = (
      message: unknown,
      sender: { id?: string; tab?: unknown },
      sendResponse: (response: unknown) => void,
    ) => {
      // Only our own extension's background may command us (it has no tab); pages cannot reach this listener.
      if (sender.id !== browser.runtime.id || sender.tab) return false;
      const command = parseContentCommand(message);
      if (!command) return false;
      // sendResponse + `true` rather than a returned promise: works in every Chromium and Firefox.
      handleContentCommand(command, { adapter, doc: document, location, focus }).then(
        sendResponse,
        (error: unknown) => sendResponse({ ok: false, code: 'failed', message: String(error) }),
      );
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    const stopWatching = watchTicketId(
      () => adapter.ticketId(new URL(location.href), document),
      (ticketId) => {
        if (ctx.isInvalid) return;
        // An old script after an extension update has no background to talk to: fail quietly, never break
        // the page ("Extension context invalidated" comes as a synchronous throw or as a rejection).
        try {
          browser.runtime
            .sendMessage({ type: 'content/ticket-changed', ticketId, url: location.href })
            .catch(() => {});
        } catch {
          // ignored on purpose, see above
        }
      },
      { setInterval: (cb, ms) => ctx.setInterval(cb, ms), clearInterval: (id) => clearInterval(id) },
    );
    ctx.onInvalidated(stopWatching);
  },
});
