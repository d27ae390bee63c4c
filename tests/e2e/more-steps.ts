// More steps for the reading / inserting / drafting specs. Same style as steps.ts: real UI where a person
// would act, page.evaluate only for what a person does with the mouse but Playwright cannot express
// (selecting a paragraph) or for reading results (CKEditor's model, the clipboard, the panel's stored records).
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { type FixtureServer, type MockLlm, mockProvider, tabIdOf } from './harness';
import { configureProviderInOptions } from './steps';

/** The Zendesk composer (CKEditor 5 editable) of one ticket pane. */
export const composerOf = (ticketId: string) =>
  `[data-test-id="ticket-${ticketId}-custom-layout"] [data-test-id="omnicomposer-rich-text-ckeditor"]`;

/** Opens a page of the plain-HTTP generic fixture site (the forum thread by default) and returns its tab id. */
export async function openGeneric(
  page: Page,
  sw: Worker,
  fixtures: FixtureServer,
  path = '/',
): Promise<{ page: Page; tabId: number; url: string }> {
  const url = `http://127.0.0.1:${fixtures.httpPort}${path}`;
  await page.goto(url);
  const tabId = await tabIdOf(sw, `${url.split('?')[0]}*`);
  return { page, tabId, url };
}

export async function useMockModelWithTimeout(
  context: BrowserContext,
  extensionId: string,
  mock: MockLlm,
  timeoutSeconds: string,
) {
  await configureProviderInOptions(context, extensionId, mockProvider(mock), timeoutSeconds);
}

/** Selects the contents of the first element matching `selector`, like a drag-select; returns the selected text. */
export async function selectContents(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`selectContents: nothing matches ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = getSelection();
    if (!selection) throw new Error('no Selection API');
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  }, selector);
}

export async function clearSelection(page: Page): Promise<void> {
  await page.evaluate(() => getSelection()?.removeAllRanges());
}

/** What the system clipboard holds, read from an extension page (the context grants clipboard-read). */
export async function clipboardText(panel: Page): Promise<string> {
  await panel.bringToFront();
  return panel.evaluate(() => navigator.clipboard.readText());
}

export async function setClipboard(panel: Page, text: string): Promise<void> {
  await panel.bringToFront();
  await panel.evaluate((t) => navigator.clipboard.writeText(t), text);
}

/** Marks the panel's JS realm, so a later check can prove the panel was not reloaded in between. */
export async function markRealm(panel: Page): Promise<string> {
  const mark = `realm-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await panel.evaluate((m) => {
    (window as unknown as { __deskmateRealmMark?: string }).__deskmateRealmMark = m;
  }, mark);
  return mark;
}

export async function realmMark(panel: Page): Promise<string | undefined> {
  return panel.evaluate(() => (window as unknown as { __deskmateRealmMark?: string }).__deskmateRealmMark);
}

export interface StoredGeneration {
  id: number;
  ticketKey: string;
  kind: 'summary' | 'draft';
  output: string;
  outcome: string;
  errorCode?: string;
}

/**
 * The generation records in the extension's IndexedDB (read from an extension page, which shares the
 * extension origin with the background). Read-only; opened without a version so the schema is untouched.
 */
export async function storedGenerations(panel: Page): Promise<StoredGeneration[]> {
  return panel.evaluate(
    () =>
      new Promise<StoredGeneration[]>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction('generations', 'readonly');
          const all = tx.objectStore('generations').getAll();
          all.onsuccess = () => {
            resolve(all.result as StoredGeneration[]);
            idb.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Chat completion requests the mock LLM received (CORS preflights and model lists excluded). */
export function chatRequests(mock: MockLlm) {
  return mock.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
}

/** Asks the background, as the side panel does, for the ticket of `tabId`; returns its ticket key. */
export async function ticketKeyFromPanel(panel: Page, tabId: number): Promise<string> {
  const result = await panel.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; ticketKey?: string }> } };
        }
      ).chrome.runtime.sendMessage({ type: 'ticket/read', tabId: id }),
    tabId,
  );
  if (!result.ok || !result.ticketKey) throw new Error(`ticket/read failed: ${JSON.stringify(result)}`);
  return result.ticketKey;
}

/**
 * "Site access → Add a site" in the extension's details page (chrome://extensions): the agent's other real way to
 * grant a site, which Playwright can drive (it cannot click the native permission prompt). See custom-domains.spec.ts.
 */
export async function grantInBrowserSettings(
  context: BrowserContext,
  extensionId: string,
  pattern: string,
): Promise<void> {
  const settings = await context.newPage();
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  await settings.evaluate(
    ([id, host]) =>
      (
        globalThis as unknown as {
          chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
        }
      ).chrome.developerPrivate.addHostPermission(id as string, host as string),
    [extensionId, pattern],
  );
  await settings.close();
}
