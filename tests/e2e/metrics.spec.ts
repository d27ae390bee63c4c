// Local quality metrics: a draft edited and inserted is recorded on this computer (no request leaves it), the
// dashboard shows the figures, and the CSV a team lead collects holds the row.
import { readFileSync } from 'node:fs';
import { expect, test } from './harness';
import { openZendesk, panelFor, useMockModel, zendeskPanelWithMockModel } from './steps';

const DRAFT = 'Hello Maria, I am sorry about the double charge. I have refunded the second payment today.';

test('a draft edited a little: the panel shows the change; inserted, it shows on the dashboard as accepted, and in the CSV export', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'text', content: DRAFT });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  const box = panel.getByTestId('draft-text');
  await expect(box).toHaveValue(DRAFT);
  // The agent changes one word ("today" → "this morning"): a small edit.
  await box.fill(DRAFT.replace('today', 'this morning'));
  // The agent can see exactly what they changed in the AI's text.
  await panel.getByTestId('draft-show-changes').click();
  const diff = panel.getByTestId('draft-diff');
  await expect(diff.locator('del')).toHaveText('removed: today');
  await expect(diff.locator('ins')).toHaveText('added: this morning');
  await expect(diff).toContainText('I have refunded the second payment');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Inserted — review it');
  const requestsBefore = mock.requests.length;

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('open-dashboard').click();
  await expect(options).toHaveURL(/dashboard\.html$/);
  await expect(options.getByTestId('tile-drafts')).toContainText('1 AI drafts');
  await expect(options.getByTestId('tile-inserted')).toContainText('100%');
  await expect(options.getByTestId('tile-acceptance')).toContainText('100%');
  await expect(options.getByTestId('by-helpdesk').locator('tr[data-key="zendesk"] td').first()).toHaveText(
    '1',
  );

  const download = options.waitForEvent('download');
  await options.getByTestId('export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  const [header, row, ...rest] = csv.trimEnd().split('\r\n');
  expect(rest).toEqual([]);
  expect(header).toContain('edit_rate');
  const cells = Object.fromEntries(
    (header ?? '').split(',').map((name, i) => [name, (row ?? '').split(',')[i] ?? '']),
  );
  expect(cells.helpdesk).toBe('zendesk');
  expect(cells.insert_method).toBe('insert');
  expect(cells.accepted).toBe('true');
  // "today" → "this morning" in an 89-character draft: Levenshtein 12 over 96 characters.
  expect(Number(cells.edit_rate)).toBeGreaterThan(0.05);
  expect(Number(cells.edit_rate)).toBeLessThan(0.2);
  expect(csv).not.toContain('Maria');
  // Nothing was sent anywhere for the metrics.
  expect(mock.requests.length).toBe(requestsBefore);
});

test('an insert the agent undoes does not count as inserted on the dashboard', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  mock.enqueue({ kind: 'text', content: DRAFT });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Inserted — review it');

  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dashboard.getByTestId('tile-inserted')).toContainText('100%');

  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Insert undone');
  await dashboard.reload();
  await expect(dashboard.getByTestId('tile-drafts')).toContainText('1 AI drafts');
  await expect(dashboard.getByTestId('tile-inserted')).toContainText('0%');
});
