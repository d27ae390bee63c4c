// Helpdesk access is optional and per helpdesk: a fresh install reads no helpdesk at all. The agent turns on the
// helpdesks they use (options page "Helpdesks", or "Allow Deskmate on …" in the side panel); the browser grants
// exactly that helpdesk's sites and the background registers its content script at runtime. Turning it off
// unregisters the script and gives the access back.
//
// The browser's permission prompt is a native dialog Playwright cannot click. The tests grant the site the way an
// agent can in the browser's extension settings (tests/e2e/helpdesk-grants.ts); the product's own
// permissions.request then resolves without a prompt, and everything after it is the product's path.
import type { Page, Worker } from '@playwright/test';
import { EXTENSION_DIR, expect, test } from './harness';
import { addSitesInBrowserSettings, helpdeskRegistrations } from './helpdesk-grants';
import { openZendesk, panelFor } from './steps';

const ZENDESK = 'https://*.zendesk.com/*';
const SUBJECT_123 = 'Charged twice for my March invoice';

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  persistAcrossSessions?: boolean;
}
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<RegisteredScript[]> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  developerPrivate: { removeHostPermission(id: string, host: string): Promise<void> };
};

const hasAccess = (sw: Worker, pattern: string) =>
  sw.evaluate((p) => chrome.permissions.contains({ origins: [p] }), pattern);

/** The helpdesk's switch in the options page's "Helpdesks" section (other sections list helpdesks too). */
const helpdeskToggle = (options: Page, name: string) =>
  options.getByRole('region', { name: 'Helpdesks' }).getByRole('checkbox', { name, exact: true });

async function grantInSettings(page: Page, extensionId: string, patterns: string[]): Promise<void> {
  await addSitesInBrowserSettings(page, extensionId, patterns);
  await page.close();
}

test.describe('a fresh install', () => {
  test.use({ helpdeskAccess: false });

  test('reads no helpdesk; the panel offers "Allow Deskmate on Zendesk", and allowing it reads the ticket', async ({
    context,
    page,
    sw,
    extensionId,
  }) => {
    const { tabId } = await openZendesk(page, sw);
    expect(await helpdeskRegistrations(sw)).toEqual([]);
    expect(await hasAccess(sw, ZENDESK)).toBe(false);

    const panel = await panelFor(context, extensionId, tabId);
    const failure = panel.getByTestId('read-failure');
    await expect(failure).toHaveAttribute('data-code', 'no-access');
    await expect(failure).toContainText('Deskmate is not turned on for Zendesk');
    await expect(panel.getByTestId('ticket-card')).toHaveCount(0);
    const allow = panel.getByTestId('allow-helpdesk');
    await expect(allow).toHaveText('Allow Deskmate on Zendesk');

    // The agent allows it (the browser grant stands in for their "Allow" in the prompt), then clicks the button.
    await grantInSettings(await context.newPage(), extensionId, [ZENDESK]);
    expect(await hasAccess(sw, ZENDESK)).toBe(false); // not active until Deskmate asks for it
    await allow.click();
    await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
    await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('zendesk');

    // Exactly Zendesk's sites were granted, and its script is registered for the next page loads.
    expect(await hasAccess(sw, ZENDESK)).toBe(true);
    expect(await hasAccess(sw, 'https://*.freshdesk.com/*')).toBe(false);
    await expect.poll(() => helpdeskRegistrations(sw)).toEqual(['deskmate-helpdesk:zendesk']);
    const [registration] = (await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts())).filter(
      (s) => s.id === 'deskmate-helpdesk:zendesk',
    );
    expect(registration).toEqual(
      expect.objectContaining({
        matches: [ZENDESK],
        js: ['content-scripts/zendesk.js'],
        persistAcrossSessions: true,
      }),
    );

    // A new page load is read through the registration.
    await page.reload();
    await panel.reload();
    await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
  });

  test('options "Helpdesks": turning Zendesk on reads an open tab; turning it off unregisters and gives access back', async ({
    context,
    page,
    sw,
    extensionId,
  }) => {
    const { tabId } = await openZendesk(page, sw);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const toggle = helpdeskToggle(options, 'Zendesk');
    await expect(toggle).not.toBeChecked();
    await expect(helpdeskToggle(options, 'Freshdesk')).not.toBeChecked();

    await grantInSettings(await context.newPage(), extensionId, [ZENDESK]);
    await toggle.check();
    await expect(options.getByTestId('helpdesk-status')).toContainText('Zendesk is on');
    await expect(toggle).toBeChecked();
    await expect.poll(() => helpdeskRegistrations(sw)).toEqual(['deskmate-helpdesk:zendesk']);

    // The tab that was already open got the script without a reload.
    let panel = await panelFor(context, extensionId, tabId);
    await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
    await panel.close();

    await toggle.uncheck();
    await expect(options.getByTestId('helpdesk-status')).toContainText(
      'Zendesk is off: Deskmate gave back its access',
    );
    await expect(toggle).not.toBeChecked();
    expect(await hasAccess(sw, ZENDESK)).toBe(false);
    await expect.poll(() => helpdeskRegistrations(sw)).toEqual([]);

    // After a reload the page has no Deskmate script, and the panel offers access again.
    await page.reload();
    panel = await panelFor(context, extensionId, tabId);
    await expect(panel.getByTestId('read-failure')).toHaveAttribute('data-code', 'no-access');
    await expect(panel.getByTestId('allow-helpdesk')).toHaveText('Allow Deskmate on Zendesk');
  });
});

test('access taken away in the browser settings turns the helpdesk off, and the options page shows it', async ({
  context,
  sw,
  extensionId,
}) => {
  // The harness turned every helpdesk on.
  expect(await helpdeskRegistrations(sw)).toContain('deskmate-helpdesk:zendesk');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(helpdeskToggle(options, 'Zendesk')).toBeChecked();

  const settings = await context.newPage();
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  await settings.evaluate(
    ([id, host]) => chrome.developerPrivate.removeHostPermission(id!, host!),
    [extensionId, ZENDESK],
  );
  await settings.close();

  await expect(helpdeskToggle(options, 'Zendesk')).not.toBeChecked();
  await expect(helpdeskToggle(options, 'Freshdesk')).toBeChecked();
  await expect.poll(() => helpdeskRegistrations(sw)).not.toContain('deskmate-helpdesk:zendesk');
  expect(await helpdeskRegistrations(sw)).toContain('deskmate-helpdesk:freshdesk');
});

test('an extension update registers the turned-on helpdesks again', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const before = await helpdeskRegistrations(sw);
  expect(before).toHaveLength(13);

  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for CDP');
  const cdp = await browser.newBrowserCDPSession();
  const nextWorker = context.waitForEvent('serviceworker', {
    predicate: (w) => w.url() === `chrome-extension://${extensionId}/background.js` && w !== sw,
  });
  await cdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never);
  const newSw = await nextWorker;
  await expect.poll(() => helpdeskRegistrations(newSw)).toEqual(before);

  const { tabId } = await openZendesk(page, newSw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
});
