// Turning built-in helpdesks on for a test profile, the way an agent can: in the browser's own extension settings.
//
// Helpdesk hosts are optional permissions. The browser's permission prompt is a native dialog Playwright cannot
// click, so the grant goes through the extension's details page in chrome://extensions ("Site access" → "On
// specific sites" → "Add a site"), which that page does with chrome.developerPrivate.addHostPermission. In
// Chromium 156 that records the site as granted by the user but does not make it active for the extension yet
// (permissions.contains stays false); the extension's own permissions.request for those origins then resolves
// true at once, without a prompt, and activates them. That request is the product's path (options "Helpdesks",
// the panel's "Allow Deskmate on …"); the harness makes it from an extension page, and the background's
// permissions.onAdded listener registers each helpdesk's content script. Measured: docs/host-access-notes.md.
import type { BrowserContext, Page, Worker } from '@playwright/test';

interface DevPrivate {
  chrome: {
    developerPrivate: {
      addHostPermission(id: string, host: string): Promise<void>;
      removeHostPermission(id: string, host: string): Promise<void>;
    };
  };
}
interface ExtensionGlobals {
  chrome: {
    permissions: { request(p: { origins: string[] }): Promise<boolean> };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  };
}

/** Adds the sites in the extension's details page (chrome://extensions), as the agent would there. */
export async function addSitesInBrowserSettings(
  settings: Page,
  extensionId: string,
  patterns: readonly string[],
): Promise<void> {
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  await settings.evaluate(
    async ([id, hosts]) => {
      const dp = (globalThis as unknown as DevPrivate).chrome.developerPrivate;
      for (const host of hosts as string[]) await dp.addHostPermission(id as string, host);
    },
    [extensionId, [...patterns]] as const,
  );
}

/** The ids of Deskmate's runtime registrations for built-in helpdesks (`deskmate-helpdesk:<id>`). */
export async function helpdeskRegistrations(sw: Worker): Promise<string[]> {
  const all = await sw.evaluate(() =>
    (globalThis as unknown as ExtensionGlobals).chrome.scripting.getRegisteredContentScripts(),
  );
  return all
    .map((script) => script.id)
    .filter((id) => id.startsWith('deskmate-helpdesk:'))
    .sort();
}

/**
 * Grants `patterns` in the browser settings, then lets the extension request them (resolves without a prompt)
 * and waits until the background has registered `expectRegistered` (registration ids).
 */
export async function turnOnHelpdesksInBrowser(
  context: BrowserContext,
  sw: Worker,
  patterns: readonly string[],
  expectRegistered: readonly string[],
): Promise<void> {
  const extensionId = new URL(sw.url()).host;
  const page = await context.newPage();
  try {
    await addSitesInBrowserSettings(page, extensionId, patterns);
    // Any page of the extension may ask; the manifest is the lightest one to load.
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    const granted = await page.evaluate(
      (origins) => (globalThis as unknown as ExtensionGlobals).chrome.permissions.request({ origins }),
      [...patterns],
    );
    if (!granted) throw new Error(`helpdesk access was not granted: ${patterns.join(', ')}`);
    const want = [...expectRegistered].sort().join(',');
    const deadline = Date.now() + 10_000;
    while ((await helpdeskRegistrations(sw)).join(',') !== want) {
      if (Date.now() > deadline) {
        throw new Error(
          `helpdesk scripts not registered: want ${want}, have ${await helpdeskRegistrations(sw)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await page.close();
  }
}
