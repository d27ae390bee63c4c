// "Your data" in real Chromium with the built extension: a key and a draft exist → the export has the draft and
// not the key → retention removes an old record and says so → "Delete all" (typed confirmation) empties the
// database and the settings, and the open panel falls back to "set up a model".
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { grantInBrowserSettings } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

interface TableCounts {
  generations: number;
  drafts: number;
  secrets: number;
}

/** Row counts of Deskmate's IndexedDB, read from an extension page (same origin as the background). */
async function tableCounts(page: Page): Promise<TableCounts> {
  return page.evaluate(
    () =>
      new Promise<TableCounts>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(['generations', 'drafts', 'secrets'], 'readonly');
          const counts: Partial<TableCounts> = {};
          for (const name of ['generations', 'drafts', 'secrets'] as const) {
            const request = tx.objectStore(name).count();
            request.onsuccess = () => {
              counts[name] = request.result;
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(counts as TableCounts);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Adds a finished generation dated `daysAgo` days back, as if it had been written then. */
async function addOldGeneration(page: Page, daysAgo: number): Promise<void> {
  await page.evaluate(
    (days) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction('generations', 'readwrite');
          tx.objectStore('generations').add({
            ticketKey: 'zendesk:acme.zendesk.com:old',
            kind: 'draft',
            model: 'gpt-4o-mini',
            promptChars: 10,
            output: 'an old draft',
            startedAt: Date.now() - days * 24 * 60 * 60 * 1000,
            outcome: 'complete',
          });
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    daysAgo,
  );
}

test('export has the draft and no key; retention removes old records; delete all returns to defaults', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock); // API key sk-test-deskmate
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  const aiDraft = await panel.getByTestId('draft-text').inputValue();
  expect(aiDraft).toContain('Maria');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // The install ran retention once already, and the page says so.
  await expect(options.getByTestId('data-retention')).toHaveValue('30d');
  await expect(options.getByTestId('data-retention-last-run')).toContainText('Last run');

  // Export: a JSON file with the generation, settings, and no key.
  const downloading = options.waitForEvent('download');
  await options.getByTestId('data-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^deskmate-export-\d{4}-\d{2}-\d{2}\.json$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(text) as {
    format: string;
    version: number;
    generations: { kind: string; output: string; ticketKey: string }[];
    settings: { provider: { baseURL: string; model: string } | null };
  };
  expect(exported.format).toBe('deskmate-export');
  expect(exported.version).toBe(1);
  expect(exported.generations.some((g) => g.kind === 'draft' && g.output === aiDraft)).toBe(true);
  expect(exported.settings.provider).toMatchObject({ baseURL: mock.url, model: 'gpt-4o-mini' });
  expect(text).not.toContain('sk-test-deskmate');
  await expect(options.getByTestId('data-export-status')).toContainText('API keys are not included');

  // Retention: a 3-day-old generation goes when the period becomes 1 day; today's draft stays.
  await addOldGeneration(options, 3);
  const before = await tableCounts(options);
  await options.getByTestId('data-retention').selectOption('1d');
  await expect(options.getByTestId('data-retention-last-run')).toContainText(
    'removed 1 generation and 0 drafts',
  );
  expect((await tableCounts(options)).generations).toBe(before.generations - 1);

  // Delete all: nothing happens until DELETE is typed.
  await options.getByTestId('data-delete').click();
  const confirm = options.getByTestId('data-delete-confirm-button');
  await expect(confirm).toBeDisabled();
  await options.getByTestId('data-delete-input').fill('delete');
  await expect(confirm).toBeDisabled();
  expect((await tableCounts(options)).secrets).toBe(1);
  await options.getByTestId('data-delete-input').fill('DELETE');
  await confirm.click();

  // The page reloads on the defaults and lists what went.
  const deleted = options.getByTestId('data-deleted');
  await expect(deleted).toContainText('The API key was deleted.');
  await expect(deleted).toContainText('provider');
  expect(await tableCounts(options)).toEqual({ generations: 0, drafts: 0, secrets: 0 });
  await expect(options.getByTestId('provider-base-url')).toHaveValue('');
  await expect(options.getByTestId('provider-api-key')).toHaveValue('');
  await expect(options.getByTestId('provider-api-key-stored')).toHaveCount(0);
  await expect(options.getByTestId('data-retention')).toHaveValue('30d');
  expect(
    await sw.evaluate(async () => {
      const c = (
        globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }
      ).chrome;
      return Object.keys(await c.storage.local.get(null));
    }),
  ).toEqual([]);

  // The open panel notices at once: no model is set up any more, so it cannot draft.
  await expect(panel.getByTestId('no-provider')).toBeVisible();
  await expect(panel.getByTestId('draft-generate')).toBeDisabled();

  // And Deskmate keeps working: a new key is saved and used.
  await useMockModel(context, extensionId, mock);
  await expect(panel.getByTestId('no-provider')).toBeHidden();
});

test('delete all also takes away a declared domain: its content script and its row (the export listed it before)', async ({
  context,
  sw,
  extensionId,
}) => {
  const origin = 'https://helpdesk.acme-support.test';
  await grantInBrowserSettings(context, extensionId, `${origin}/*`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('domain-origin').fill(origin);
  await options.getByTestId('domain-helpdesk').selectOption('zammad');
  await options.getByTestId('domain-add').click();
  await expect(options.getByTestId('domain-status')).toContainText(`${origin} is read as Zammad`);
  const registrations = () =>
    sw.evaluate(async () => {
      const c = (
        globalThis as unknown as {
          chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
        }
      ).chrome;
      return (await c.scripting.getRegisteredContentScripts()).map((s) => s.id);
    });
  // (The harness turned every built-in helpdesk on: their scripts are registered too, and go with delete all.)
  expect(await registrations()).toContain(`deskmate-domain:${origin}/*`);

  // The export lists the declared domain.
  const downloading = options.waitForEvent('download');
  await options.getByTestId('data-export').click();
  const exported = JSON.parse(fs.readFileSync(await (await downloading).path(), 'utf8')) as {
    declaredDomains: { domains: { origin: string; helpdesk: string }[] };
  };
  expect(exported.declaredDomains.domains).toEqual([expect.objectContaining({ origin, helpdesk: 'zammad' })]);

  await options.getByTestId('data-delete').click();
  await options.getByTestId('data-delete-input').fill('DELETE');
  await options.getByTestId('data-delete-confirm-button').click();
  await expect(options.getByTestId('data-deleted')).toContainText(
    '1 content script for your declared helpdesk',
  );
  await expect(options.getByTestId('data-deleted')).toContainText('No API key was stored');
  await expect(options.getByTestId('data-deleted')).toContainText(`Site access given back: ${origin}/*`);
  await expect(options.getByTestId('data-deleted')).toContainText(
    'Helpdesks turned off (their site access given back): Zendesk, Freshdesk,',
  );
  expect(await registrations()).toEqual([]);
  // The browser no longer lets Deskmate reach the declared site.
  expect(
    await sw.evaluate(
      (pattern) =>
        (
          globalThis as unknown as {
            chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
          }
        ).chrome.permissions.contains({ origins: [pattern] }),
      `${origin}/*`,
    ),
  ).toBe(false);
  await expect(options.getByTestId('domain-list')).toHaveCount(0);
});
