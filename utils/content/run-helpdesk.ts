import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { trackFocusedEditor } from '../helpdesks/focus-tracker';
import { watchTicketId } from '../helpdesks/route-watcher';
import type { HelpdeskAdapter } from '../helpdesks/types';
import { handleContentCommand, parseContentCommand } from './command-handler';
import { loadPageConfig, watchPageConfig } from './page-config';

/**
 * Everything a helpdesk's content script does, for the one adapter it was built with. Declared (self-hosted /
 * custom) domains get the same file through a runtime registration (utils/background/custom-domains.ts), so the
 * script learns those hosts and the selector overrides before it matches.
 */
export async function runHelpdeskContentScript(
  ctx: ContentScriptContext,
  adapter: HelpdeskAdapter,
): Promise<void> {
  await loadPageConfig([adapter]);
  if (ctx.isInvalid || !adapter.matches(new URL(location.href))) return;
  ctx.onInvalidated(watchPageConfig([adapter]));
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
}
