// Self-hosted / custom helpdesk domains: the agent declares https://helpdesk.acme-support.test as Zammad in the
// options page; Deskmate gets that site's permission, registers its content script there at runtime and reads the
// ticket with the Zammad adapter. Removing the domain takes the registration and the permission away again.
//
// The browser's permission prompt is a native dialog Playwright cannot click. The agent has a second, real way to
// give an extension a site: the extension's details page in chrome://extensions ("Site access" → "On specific
// sites" → "Add a site"), which that page does through chrome.developerPrivate.addHostPermission. The tests grant
// the site that way first; `permissions.request` in the options page then resolves at once without a prompt
// (Chrome does not ask again for a site the user already granted), and everything after it is the product's own
// path. Revoking works the same way (removeHostPermission = "Remove" in that list).
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { EXTENSION_DIR, expect, tabIdOf, test } from './harness';
import { grantInBrowserSettings } from './more-steps';
import { panelFor } from './steps';

const ORIGIN = 'https://helpdesk.acme-support.test';
const PATTERN = `${ORIGIN}/*`;
const REGISTRATION_ID = `deskmate-domain:${PATTERN}`;
const SUBJECT_42 = 'VPN access for new contractor (starts Monday)';

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  persistAcrossSessions?: boolean;
}
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<RegisteredScript[]> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  developerPrivate: {
    addHostPermission(id: string, host: string): Promise<void>;
    removeHostPermission(id: string, host: string): Promise<void>;
  };
};

async function revokeInBrowserSettings(context: BrowserContext, extensionId: string, pattern: string) {
  const settings = await context.newPage();
  await settings.goto(`chrome://extensions/?id=${extensionId}`);
  await settings.evaluate(
    ([id, host]) => chrome.developerPrivate.removeHostPermission(id!, host!),
    [extensionId, pattern],
  );
  await settings.close();
}

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  return options;
}

async function declareDomain(options: Page, origin: string, helpdesk: string): Promise<void> {
  await options.getByTestId('domain-origin').fill(origin);
  await options.getByTestId('domain-helpdesk').selectOption(helpdesk);
  await options.getByTestId('domain-add').click();
  await expect(options.getByTestId('domain-status')).toContainText(`${origin} is read as Zammad`);
  await expect(options.locator(`[data-testid="domain-row"][data-origin="${origin}"]`)).toContainText(
    'Zammad',
  );
}

async function ourRegistrations(sw: Worker): Promise<RegisteredScript[]> {
  const all = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  return all.filter((script) => script.id.startsWith('deskmate-domain:'));
}

async function hasSitePermission(sw: Worker): Promise<boolean> {
  return sw.evaluate((p) => chrome.permissions.contains({ origins: [p] }), PATTERN);
}

async function openSelfHostedTicket(page: Page, sw: Worker): Promise<number> {
  await page.goto(`${ORIGIN}/#ticket/zoom/42`);
  await page.waitForFunction(
    () => (window as { __deskmateFixture?: { isReady?: boolean } }).__deskmateFixture?.isReady === true,
  );
  return tabIdOf(sw, `${ORIGIN}/*`);
}

test('a declared self-hosted Zammad is read with the Zammad adapter; removing it takes the script and the access away', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  // Before: an unknown host, nothing registered, no access.
  const tabId = await openSelfHostedTicket(page, sw);
  let panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('read-failure')).toHaveAttribute('data-code', 'no-adapter');
  expect(await ourRegistrations(sw)).toEqual([]);
  await panel.close();

  await grantInBrowserSettings(context, extensionId, PATTERN);
  const options = await openOptions(context, extensionId);
  await declareDomain(options, ORIGIN, 'zammad');

  const registered = await ourRegistrations(sw);
  expect(registered).toEqual([
    expect.objectContaining({
      id: REGISTRATION_ID,
      matches: [PATTERN],
      js: ['content-scripts/zammad.js'],
      persistAcrossSessions: true,
    }),
  ]);
  expect(await hasSitePermission(sw)).toBe(true);

  // The tab that was already open got the script at once (no reload): the panel reads the ticket as Zammad,
  // through its API. (New page loads get it from the registration: see the restart test below.)
  panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_42);
  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('zammad');
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zammad adapter, helpdesk API');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await panel.getByTestId('diagnose-run').click();
  const report = panel.getByTestId('diagnose-report');
  await expect(report).toContainText('- Page: `helpdesk.acme-support.test` `/#ticket/zoom/:id`');
  await expect(report).toContainText('- Host: declared by the agent');
  await expect(report).toContainText('- Adapter: Zammad (`zammad`)');

  // Insert works there like on the built-in host (the classic UI's reply body).
  await panel.getByTestId('draft-text').fill('Hi Lena, the VPN account is ready.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(
    await page.evaluate(
      () => document.querySelector('#content_permanent_Ticket-42 [data-name="body"]')?.textContent,
    ),
  ).toBe('Hi Lena, the VPN account is ready.');

  // Remove: the registration and the permission go; a reload is no longer read.
  await options.bringToFront();
  await options
    .locator(`[data-testid="domain-row"][data-origin="${ORIGIN}"]`)
    .getByTestId('domain-remove')
    .click();
  await expect(options.getByTestId('domain-status')).toContainText('gave back its access');
  await expect(options.getByTestId('domain-empty')).toBeVisible();
  expect(await ourRegistrations(sw)).toEqual([]);
  expect(await hasSitePermission(sw)).toBe(false);

  await page.reload();
  await page.waitForFunction(
    () => (window as { __deskmateFixture?: { isReady?: boolean } }).__deskmateFixture?.isReady === true,
  );
  // Read the tab again ("Read again" on the ticket card, or "Try again" if the panel already noticed: the old
  // script saw the host list change and reported that no ticket is open any more).
  await panel.getByTestId('ticket-reread').or(panel.getByTestId('read-retry')).click();
  await expect(panel.getByTestId('read-failure')).toHaveAttribute('data-code', 'no-adapter');
  expect(fixtures.writes).toEqual([]);
});

test('the options page explains a bad address and keeps what was typed', async ({
  context,
  extensionId,
  sw,
}) => {
  const options = await openOptions(context, extensionId);
  const cases: Array<[string, string]> = [
    ['helpdesk.acme-support.test', 'Start with https:// or http://'],
    ['https://*.acme-support.test', 'Wildcards are not supported'],
    ['https://helpdesk.acme-support.test/agent', 'without a path'],
    ['ftp://helpdesk.acme-support.test', 'Only http:// and https://'],
    ['https://acme.zendesk.com', 'already a built-in helpdesk host'],
  ];
  await options.getByTestId('domain-helpdesk').selectOption('zammad');
  for (const [typed, error] of cases) {
    await options.getByTestId('domain-origin').fill(typed);
    await options.getByTestId('domain-add').click();
    await expect(options.getByTestId('domain-origin-error')).toContainText(error);
    await expect(options.getByTestId('domain-origin')).toHaveValue(typed);
  }
  await options.getByTestId('domain-origin').fill(ORIGIN);
  await options.getByTestId('domain-helpdesk').selectOption('');
  await options.getByTestId('domain-add').click();
  await expect(options.getByTestId('domain-helpdesk-error')).toHaveText(
    'Choose which helpdesk runs on this domain.',
  );
  expect(await ourRegistrations(sw)).toEqual([]);
});

test('the registration survives a worker restart and an extension reload', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  await grantInBrowserSettings(context, extensionId, PATTERN);
  const options = await openOptions(context, extensionId);
  await declareDomain(options, ORIGIN, 'zammad');
  await options.close();

  // 1. The service worker stops (as Chrome does after 30 s idle). Nothing re-registers on a restart: the
  //    persisted registration injects the script, and the new worker learns the declared host from storage.
  const cdpPage = await context.newPage();
  await cdpPage.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(cdpPage);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.runningStatus === 'stopped' && v.scriptURL.endsWith('/background.js')))
        resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdpPage.close();

  const tabId = await openSelfHostedTicket(page, await currentWorker(context, extensionId));
  let panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_42);
  await panel.close();

  // 2. The extension is reloaded (an update): the registration is still there and the tab is read again.
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for CDP');
  const browserCdp = await browser.newBrowserCDPSession();
  const nextWorker = context.waitForEvent('serviceworker', {
    predicate: (w) => w.url() === `chrome-extension://${extensionId}/background.js` && w !== sw,
  });
  await browserCdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never);
  const newSw = await nextWorker;
  await expect.poll(() => ourRegistrations(newSw).then((r) => r.map((s) => s.id))).toEqual([REGISTRATION_ID]);

  await page.reload();
  panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_42);
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zammad adapter');
});

test('site access taken away in the browser settings drops the domain, and the options page says so', async ({
  context,
  sw,
  extensionId,
}) => {
  await grantInBrowserSettings(context, extensionId, PATTERN);
  const options = await openOptions(context, extensionId);
  await declareDomain(options, ORIGIN, 'zammad');
  expect((await ourRegistrations(sw)).map((s) => s.id)).toEqual([REGISTRATION_ID]);

  await revokeInBrowserSettings(context, extensionId, PATTERN);
  await expect(options.getByTestId('domain-revoked')).toContainText(
    `no longer reads these as helpdesks: ${ORIGIN} (Zammad)`,
  );
  await expect(options.getByTestId('domain-empty')).toBeVisible();
  await expect.poll(() => ourRegistrations(sw)).toEqual([]);

  await options.getByTestId('domain-revoked-dismiss').click();
  await expect(options.getByTestId('domain-revoked')).toHaveCount(0);
});

/** The extension's running service worker (a new one after a restart). */
async function currentWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const url = `chrome-extension://${extensionId}/background.js`;
  const running = context.serviceWorkers().filter((w) => w.url() === url);
  if (running.length > 0) return running[running.length - 1]!;
  return context.waitForEvent('serviceworker', { predicate: (w) => w.url() === url });
}
