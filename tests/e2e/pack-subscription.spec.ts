// Subscribing to a team pack by URL, end to end: the fixture server plays a static HTTPS host
// (https://team.deskmate-packs.test, tests/fixtures/packs/routes.mjs) that serves a pack with an ETag and answers
// If-None-Match with 304. The agent subscribes in the options page; the presets appear read-only there and in the
// side panel's picker on the Zendesk fixture; the served pack changes and "Refresh now" brings the new version;
// an unchanged pack costs a 304; a 404 and a web page instead of JSON are reported specifically while the last good
// presets stay in force; unsubscribing removes them.
//
// Host access: the agent grants the pack's site in the browser's own extension settings first (the native
// permission prompt cannot be answered from Playwright; see custom-domains.spec.ts), so the Subscribe click's
// permissions.request resolves at once and the fetch needs no CORS headers (the fixture sends none).
import type { Page } from '@playwright/test';
import { expect, type FixtureServer, test } from './harness';
import { grantInBrowserSettings } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

const HOST = 'https://team.deskmate-packs.test';
const PACK_URL = `${HOST}/deskmate/support-pack.json`;

interface PackRequest {
  kind: string;
  path: string;
  ifNoneMatch: string | null;
  status: number;
}

const packRequests = (fixtures: FixtureServer) =>
  fixtures.writes.filter((w): w is PackRequest & typeof w => w.kind === 'pack-request');

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Team packs' })).toBeVisible();
}

const packRow = (options: Page) => options.locator(`[data-testid="pack-row"][data-url="${PACK_URL}"]`);

test('subscribe by URL: presets arrive read-only, a new version is fetched on Refresh now with If-None-Match, errors keep the last good copy', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
  mock,
}) => {
  // The picker is offered once a model is set up.
  await useMockModel(context, extensionId, mock);
  fixtures.state.pack = { file: 'acme-support-1.0.0.json' };
  await grantInBrowserSettings(context, extensionId, `${HOST}/*`);
  const options = await context.newPage();
  await openOptions(options, extensionId);

  // Bad links are refused before anything is fetched, each with its own reason.
  await options.getByTestId('pack-url').fill('http://team.deskmate-packs.test/pack.json');
  await options.getByTestId('pack-subscribe').click();
  await expect(options.getByTestId('pack-url-error')).toContainText('Pack links must start with https://');
  await options.getByTestId('pack-url').fill('support-pack.json');
  await options.getByTestId('pack-subscribe').click();
  await expect(options.getByTestId('pack-url-error')).toContainText('is not a web address');
  expect(packRequests(fixtures)).toHaveLength(0);

  await options.getByTestId('pack-url').fill(PACK_URL);
  await options.getByTestId('pack-subscribe').click();
  await expect(options.getByTestId('pack-status')).toHaveText(
    'Subscribed to Acme Support 1.0.0 (3 presets).',
  );
  const row = packRow(options);
  await expect(row.getByTestId('pack-name')).toHaveText('Acme Support');
  await expect(row.getByTestId('pack-version')).toHaveText('1.0.0');
  await expect(row.getByTestId('pack-presets')).toHaveText(
    'Outage reply, Refund reply, Handoff to payments (read-only)',
  );
  await expect(row.getByTestId('pack-checked')).not.toHaveText('never');
  expect(packRequests(fixtures)).toEqual([expect.objectContaining({ ifNoneMatch: null, status: 200 })]);

  // The panel's picker on the Zendesk fixture lists them, from the subscription's (read-only) source.
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('preset-picker-open').click();
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('handoff to payments');
  const option = panel.getByTestId('preset-option');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('data-preset-key', `subscription:${PACK_URL}/handoff-payments`);
  // Team rows are stored read-only: the library refuses to delete them.
  const readOnly = await options.evaluate(async (url) => {
    const open = indexedDB.open('deskmate');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows: { source: { type: string; url?: string } }[] = await new Promise((resolve) => {
      const request = db.transaction('presets').objectStore('presets').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return rows.filter((r) => r.source.url === url).map((r) => r.source.type);
  }, PACK_URL);
  expect(readOnly).toEqual(['subscription', 'subscription', 'subscription']);

  // Unchanged on the server: Refresh now sends If-None-Match, gets a 304 and keeps the copy.
  await row.getByTestId('pack-refresh').click();
  await expect(row.getByTestId('pack-row-status')).toContainText('is up to date');
  const second = packRequests(fixtures)[1];
  expect(second?.status).toBe(304);
  expect(second?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
  await expect(row.getByTestId('pack-version')).toHaveText('1.0.0');

  // The lead publishes 1.1.0: Refresh now brings it (the old ETag no longer matches).
  fixtures.state.pack = { file: 'acme-support-1.1.0.json' };
  await row.getByTestId('pack-refresh').click();
  await expect(row.getByTestId('pack-version')).toHaveText('1.1.0');
  await expect(row.getByTestId('pack-presets')).toHaveText(
    'Outage reply, Refund reply (14 days), Shipping delay (read-only)',
  );
  expect(packRequests(fixtures)[2]).toMatchObject({ ifNoneMatch: second?.ifNoneMatch, status: 200 });
  await panel.reload();
  await panel.getByTestId('preset-picker-open').click();
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('shipping delay');
  await expect(panel.getByTestId('preset-option')).toHaveCount(1);
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('handoff to payments');
  await expect(panel.getByTestId('preset-empty')).toBeVisible();

  // The file is gone (404): a specific error, and 1.1.0 stays in force.
  fixtures.state.pack = { status: 404 };
  await row.getByTestId('pack-refresh').click();
  await expect(row.getByTestId('pack-error')).toHaveAttribute('data-code', 'not-found');
  await expect(row.getByTestId('pack-error')).toContainText(
    'The pack was not found at team.deskmate-packs.test',
  );
  await expect(row.getByTestId('pack-in-force')).toContainText('(Acme Support 1.1.0) stays in use');
  await expect(row.getByTestId('pack-row-status')).toContainText('The last good copy stays in use.');
  await expect(row.getByTestId('pack-version')).toHaveText('1.1.0');

  // A web page instead of the file (the usual mistake with a GitHub link): named as such.
  fixtures.state.pack = { body: '<!doctype html><title>support-pack.json</title>', contentType: 'text/html' };
  await row.getByTestId('pack-refresh').click();
  await expect(row.getByTestId('pack-error')).toHaveAttribute('data-code', 'not-json');
  await expect(row.getByTestId('pack-error')).toContainText('did not return a pack file (JSON)');
  await expect(row.getByTestId('pack-error')).toContainText('“Raw” link');
  await panel.reload();
  await panel.getByTestId('preset-picker-open').click();
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('shipping delay');
  await expect(panel.getByTestId('preset-option')).toHaveCount(1);

  // JSON, but not a valid pack: the problem's path is shown, the copy still stays.
  fixtures.state.pack = {
    body: JSON.stringify({
      schemaVersion: 1,
      name: 'Acme Support',
      version: '1.2.0',
      presets: [{ id: 'x' }],
    }),
  };
  await row.getByTestId('pack-refresh').click();
  await expect(row.getByTestId('pack-error')).toHaveAttribute('data-code', 'invalid-pack');
  await expect(row.getByTestId('pack-row-status-issues')).toContainText('presets[0]');
  await expect(row.getByTestId('pack-version')).toHaveText('1.1.0');

  // Unsubscribe asks first, then removes the subscription and its presets.
  await row.getByTestId('pack-unsubscribe').click();
  await expect(row.getByTestId('pack-unsubscribe-confirm')).toHaveText('Unsubscribe and remove 3 presets');
  await row.getByTestId('pack-unsubscribe-confirm').click();
  await expect(packRow(options)).toHaveCount(0);
  await expect(options.getByTestId('pack-none')).toBeVisible();
  await panel.reload();
  await panel.getByTestId('preset-picker-open').click();
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('shipping delay');
  await expect(panel.getByTestId('preset-empty')).toBeVisible();
});

test('a first fetch that fails subscribes nothing and says why', async ({
  context,
  extensionId,
  fixtures,
}) => {
  fixtures.state.pack = { status: 404 };
  await grantInBrowserSettings(context, extensionId, `${HOST}/*`);
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await options.getByTestId('pack-url').fill(PACK_URL);
  await options.getByTestId('pack-subscribe').click();
  await expect(options.getByTestId('pack-status')).toContainText(
    'Not subscribed. The pack was not found at team.deskmate-packs.test (HTTP 404)',
  );
  await expect(options.getByTestId('pack-url')).toHaveValue(PACK_URL);
  await expect(options.getByTestId('pack-none')).toBeVisible();
});

test('access to the pack site refused: a specific message, nothing subscribed', async ({
  context,
  extensionId,
  fixtures,
}) => {
  // The host sends no CORS headers, so without the site access the pack cannot be read.
  fixtures.state.pack = { file: 'acme-support-1.0.0.json' };
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await options.getByTestId('pack-url').fill(PACK_URL);
  // The native permission prompt cannot be answered from Playwright. Chromium refuses by itself a request made
  // without a user gesture, which is what a declined prompt looks like to the page; Playwright's own input counts
  // as a gesture, so the page submits once the typing's transient activation (5 s) has expired.
  await options.evaluate(() => {
    const submitWhenIdle = () => {
      if (navigator.userActivation.isActive) setTimeout(submitWhenIdle, 250);
      else document.querySelector<HTMLFormElement>('[data-testid="pack-subscribe-form"]')?.requestSubmit();
    };
    submitWhenIdle();
  });
  await options.waitForTimeout(6_000);
  await expect(options.getByTestId('pack-status')).toContainText(
    'Not subscribed. Access to team.deskmate-packs.test was not granted',
    { timeout: 20_000 },
  );
  await expect(options.getByTestId('pack-status')).toContainText('Access-Control-Allow-Origin');
  await expect(options.getByTestId('pack-none')).toBeVisible();
  await expect(options.getByTestId('pack-url')).toHaveValue(PACK_URL);
});
