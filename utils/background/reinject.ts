import { browser } from 'wxt/browser';
import { HELPDESK_MATCHES } from '../helpdesks/matches';

// After an install or update, Chrome does not run declared content scripts in tabs that were already open,
// and the previous version's scripts are cut off ("Extension context invalidated"). Inject the new script
// into open helpdesk tabs so the agent never has to reload a tab they are working in.

/** `extraMatches`: the match patterns of the domains the agent declared as helpdesks. */
export function reinjectIntoOpenTabs(extraMatches: readonly string[] = []): Promise<number> {
  return injectIntoTabsMatching([...HELPDESK_MATCHES, ...extraMatches]);
}

/** Injects the packaged content script into the open tabs matching `patterns`; returns how many took it. */
export async function injectIntoTabsMatching(patterns: readonly string[]): Promise<number> {
  if (patterns.length === 0) return 0;
  const tabs = await browser.tabs.query({ url: [...patterns] }).catch(() => []);
  let injected = 0;
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      try {
        await browser.scripting.executeScript({
          target: { tabId: tab.id, frameIds: [0] },
          files: ['/content-scripts/content.js'],
        });
        injected += 1;
      } catch {
        // A tab we may not script (it navigated away, or an error page): it gets the script on its next load.
      }
    }),
  );
  return injected;
}
