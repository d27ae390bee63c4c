import { browser } from 'wxt/browser';
import { HELPDESK_IDS, originsOf } from './access';
import type { HelpdeskId } from './matches';

// Turning a built-in helpdesk on or off from an extension page (options "Helpdesks", side panel). Only the
// permission changes here; the background follows it with the content-script registration
// (utils/background/helpdesk-access.ts listens to permissions.onAdded / onRemoved).

/** Built-in helpdesks whose every origin the browser has granted. */
export async function enabledHelpdesks(): Promise<HelpdeskId[]> {
  const checks = await Promise.all(
    HELPDESK_IDS.map(async (id) => {
      try {
        return (await browser.permissions.contains({ origins: originsOf(id) })) ? id : null;
      } catch {
        return null;
      }
    }),
  );
  return checks.filter((id): id is HelpdeskId => id !== null);
}

/** Asks the browser for exactly this helpdesk's origins. Must run inside the agent's click (a user gesture). */
export async function requestHelpdeskAccess(id: HelpdeskId): Promise<boolean> {
  return browser.permissions.request({ origins: originsOf(id) });
}

/** Gives this helpdesk's origins back. */
export async function releaseHelpdeskAccess(id: HelpdeskId): Promise<boolean> {
  return browser.permissions.remove({ origins: originsOf(id) });
}

/** Calls `onChange` whenever site access changes (here, in the browser's settings, or in another Deskmate page). */
export function watchSiteAccess(onChange: () => void): () => void {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}
