// Accessibility: axe-core (the engine behind Lighthouse and browser devtools' checks) on the side panel with a
// ticket, a draft and a summary, the options page, the quality dashboard and the History page, in real
// Chromium. Serious and critical violations fail; the rest are listed in the failure message only when
// something fails.
import { seriousAxeViolations as seriousViolations } from './axe';
import { expect, test } from './harness';
import { grantInBrowserSettings } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

test('the side panel with a ticket, a summary and a draft has no serious or critical axe violations', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  // A screen reader hears once that the draft is ready (a role=status region), not every streamed word.
  await expect(panel.getByTestId('draft-status-announce')).toHaveText('The draft is ready.');
  await expect(panel.getByTestId('draft-status-announce')).toHaveAttribute('role', 'status');
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(panel), `panel, ${scheme}`).toEqual([]);
  }
});

test('the options page has no serious or critical axe violations', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(options), `options, ${scheme}`).toEqual([]);
  }
});

test('the options page with a team pack whose last check failed has no serious or critical axe violations', async ({
  context,
  extensionId,
  fixtures,
}) => {
  const host = 'https://team.deskmate-packs.test';
  fixtures.state.pack = { file: 'acme-support-1.0.0.json' };
  await grantInBrowserSettings(context, extensionId, `${host}/*`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('pack-url').fill(`${host}/pack.json`);
  await options.getByTestId('pack-subscribe').click();
  await expect(options.getByTestId('pack-status')).toContainText('Subscribed to Acme Support');
  fixtures.state.pack = { status: 404 };
  await options.getByTestId('pack-refresh').click();
  await expect(options.getByTestId('pack-error')).toBeVisible();
  await options.getByTestId('pack-unsubscribe').click();
  await expect(options.getByTestId('pack-unsubscribe-confirm')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(options), `options with a pack, ${scheme}`).toEqual([]);
  }
});

test('the quality dashboard, empty and with figures, has no serious or critical axe violations', async ({
  context,
  extensionId,
}) => {
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dashboard.getByTestId('dashboard-empty')).toBeVisible();
  expect(await seriousViolations(dashboard), 'dashboard, empty').toEqual([]);

  // Two drafts on two days, one inserted with a few edits: stored as the panel stores them (the page's own
  // IndexedDB, opened at the version the page created).
  await dashboard.evaluate(async () => {
    const open = indexedDB.open('deskmate');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = database.transaction(['generations', 'ticketViews'], 'readwrite');
    const day = 86_400_000;
    const start = Date.now() - 2 * day;
    const base = { kind: 'draft', model: 'gpt-4o-mini', promptChars: 900, outcome: 'complete' };
    tx.objectStore('generations').add({
      ...base,
      ticketKey: 'zendesk:acme.zendesk.com:123',
      output: 'Hello Maria, the refund is on its way.',
      startedAt: start,
      finishedAt: start + 5_000,
      inserted: true,
      insertedAt: start + 95_000,
      insertMethod: 'insert',
      editRate: 0.12,
      insertedChars: 40,
    });
    tx.objectStore('generations').add({
      ...base,
      ticketKey: 'freshdesk:acme.freshdesk.com:7',
      output: 'Hi Tom, could you send the order number?',
      startedAt: start + day,
      finishedAt: start + day + 4_000,
    });
    tx.objectStore('ticketViews').add({
      ticketKey: 'zendesk:acme.zendesk.com:123',
      firstViewedAt: start - 5_000,
    });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
  });
  await dashboard.reload();
  await expect(dashboard.getByTestId('tile-drafts')).toContainText('2 AI drafts');
  await expect(dashboard.getByTestId('tile-acceptance')).toContainText('50%');
  await expect(dashboard.getByTestId('tile-time')).toContainText('2 min');
  await expect(dashboard.getByTestId('by-helpdesk').locator('tr[data-key="zendesk"] td').first()).toHaveText(
    '1',
  );
  for (const scheme of ['light', 'dark'] as const) {
    await dashboard.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(dashboard), `dashboard, ${scheme}`).toEqual([]);
  }
});

test('the History page, empty and with results, has no serious or critical axe violations', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const history = await context.newPage();
  await history.goto(`chrome-extension://${extensionId}/draft-history.html`);
  await expect(history.getByTestId('history-count')).toContainText('No history yet');
  expect(await seriousViolations(history), 'history, empty').toEqual([]);

  // A summary and a draft made through the panel, the way an agent fills the history.
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await panel.getByTestId('panel-history').locator('summary').click();
  await expect(panel.getByTestId('history-item')).toHaveCount(2);
  await panel.getByTestId('history-item').first().getByRole('button').first().click();
  expect(await seriousViolations(panel), 'panel with history open').toEqual([]);

  await history.reload();
  await expect(history.getByTestId('history-result')).toHaveCount(2);
  await history.getByTestId('history-result').first().getByRole('button').click();
  await expect(history.getByTestId('history-full')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await history.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(history), `history, ${scheme}`).toEqual([]);
  }
});
