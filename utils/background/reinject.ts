import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { contentScriptFileOf, HELPDESK_MATCHES } from '../helpdesks/matches';
import { adapterFor } from '../helpdesks/registry';

// After an install or update, Chrome does not run declared content scripts in tabs that were already open,
// and the previous version's scripts are cut off ("Extension context invalidated"). Inject the new script
// into open helpdesk tabs so the agent never has to reload a tab they are working in.

/**
 * The packaged content script for a page: the one of the helpdesk whose adapter matches the URL (declared hosts
 * included, once loaded), or null when no helpdesk does.
 */
export function contentScriptFor(url: string | undefined): ScriptPublicPath | null {
  const adapter = url ? adapterFor(url) : null;
  // Every adapter id has an entrypoints/<id>.content.ts (tests/unit/content-scripts.test.ts checks it), so this is
  // one of the paths WXT generates; the type cannot follow a computed name.
  return adapter ? (`/${contentScriptFileOf(adapter.id)}` as ScriptPublicPath) : null;
}

/** `extraMatches`: the match patterns of the domains the agent declared as helpdesks. */
export function reinjectIntoOpenTabs(extraMatches: readonly string[] = []): Promise<number> {
  return injectIntoTabsMatching([...HELPDESK_MATCHES, ...extraMatches]);
}

/** Injects each open tab matching `patterns` with its helpdesk's content script; returns how many took it. */
export async function injectIntoTabsMatching(patterns: readonly string[]): Promise<number> {
  if (patterns.length === 0) return 0;
  const tabs = await browser.tabs.query({ url: [...patterns] }).catch(() => []);
  let injected = 0;
  await Promise.all(
    tabs.map(async (tab) => {
      const file = contentScriptFor(tab.url);
      if (tab.id === undefined || tab.discarded || !file) return;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: [file] });
        injected += 1;
      } catch {
        // A tab we may not script (it navigated away, or an error page): it gets the script on its next load.
      }
    }),
  );
  return injected;
}
