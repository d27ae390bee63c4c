// After an install or update the background injects the content script into helpdesk tabs that were already
// open (utils/background/reinject.ts). Reloading an unpacked extension is not possible in this headless
// Chromium (the extension is unloaded), so this drives the same injection the update path performs and checks
// what matters to the agent: one live script, no double insert, no page reload, no page error.
import { type ChromeApi, expect, test } from './harness';
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
        chrome.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/content.js'] }),
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
