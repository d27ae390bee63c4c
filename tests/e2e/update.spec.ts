// After an install or update the background injects the content script into helpdesk tabs that were already
// open (utils/background/reinject.ts). Reloading an unpacked extension is not possible in this headless
// Chromium (the extension is unloaded), so this drives the same injection the update path performs and checks
// what matters to the agent: one live script, no double insert, no page reload, no page error.
import { type ChromeApi, EXTENSION_DIR, expect, test } from './harness';
import { editorData, openZendesk, panelFor, useMockModel } from './steps';

declare const chrome: ChromeApi & {
  scripting: { executeScript(options: { target: { tabId: number }; files: string[] }): Promise<unknown> };
};

test('re-injecting the content script into an open ticket tab keeps exactly one live script', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.evaluate(() => {
    (window as unknown as { __loadMarker: number }).__loadMarker = 42;
  });

  for (let i = 0; i < 2; i++) {
    await sw.evaluate(
      (id) =>
        chrome.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/zendesk.js'] }),
      tabId,
    );
  }

  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  // The live script follows a ticket switch.
  await page.locator('header [data-entity-id="124"]').click();
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Kan inte logga in efter lösenordsbyte');

  await panel.getByTestId('draft-text').fill('Hej Erik, kontot är upplåst.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  // Inserted once: three scripts were injected in total, only the newest one answers.
  expect(await editorData(page, '124')).toBe('<p>Hej Erik, kontot är upplåst.</p>');

  expect(await page.evaluate(() => (window as unknown as { __loadMarker?: number }).__loadMarker)).toBe(42);
  expect(pageErrors).toEqual([]);
});

test('reloading the extension (an update) while a ticket tab is open: the tab works again without a reload', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.evaluate(() => {
    (window as unknown as { __loadMarker: number }).__loadMarker = 7;
  });

  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for CDP');
  const cdp = await browser.newBrowserCDPSession();
  const nextWorker = context.waitForEvent('serviceworker', {
    predicate: (w) => w.url() === `chrome-extension://${extensionId}/background.js` && w !== sw,
  });
  const reloaded = (await cdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never)) as {
    id: string;
  };
  expect(reloaded.id).toBe(extensionId);
  const newSw = await nextWorker;

  // onInstalled re-injected the content script: the new background reaches it before any panel asks.
  await expect
    .poll(
      () =>
        newSw.evaluate(
          (id) =>
            (
              chrome as unknown as {
                tabs: { sendMessage(id: number, m: unknown, o: { frameId: number }): Promise<unknown> };
              }
            ).tabs
              .sendMessage(id, { type: 'content/ping' }, { frameId: 0 })
              .catch((e: unknown) => String(e)),
          tabId,
        ),
      { timeout: 5_000 },
    )
    .toEqual({ ok: true, helpdesk: 'zendesk' });

  // The old content script is cut off; the re-injected one follows the agent's next ticket switch.
  await page.locator('header [data-entity-id="124"]').click();
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Kan inte logga in efter lösenordsbyte');
  await page.locator('header [data-entity-id="123"]').click();
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');

  await panel.getByTestId('draft-text').fill('Hi Maria, written after an update.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe('<p>Hi Maria, written after an update.</p>');

  expect(await page.evaluate(() => (window as unknown as { __loadMarker?: number }).__loadMarker)).toBe(7);
  expect(pageErrors).toEqual([]);
});
