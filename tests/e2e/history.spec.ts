// History (issue #7): the panel lists every generation of the open ticket (model, tokens, inserted or not) and
// keeps it across a reload; an older draft becomes the draft again; the History page finds generations across
// tickets by a word of the text and by the ticket's subject, and links back to the ticket.
import { expect, test } from './harness';
import { panelFor, zendeskPanelWithMockModel } from './steps';

const FIRST = 'Hello Maria, I have asked our billing team about the duplicate payment.';
const SECOND = 'Hello Maria, the second payment is refunded; it shows within five working days.';

test('two drafts, one inserted: the panel history lists both with model, tokens and inserted; still listed after a reload; the History page finds them', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { panel, tabId } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  const status = panel.getByTestId('draft-status');
  mock.enqueue({ kind: 'text', content: FIRST });
  await panel.getByTestId('draft-generate').click();
  await expect(status).toHaveAttribute('data-status', 'done');
  mock.enqueue({ kind: 'text', content: SECOND });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-text')).toHaveValue(SECOND);
  await expect(status).toHaveAttribute('data-status', 'done');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Inserted — review it in Zendesk');

  const checkPanelHistory = async (p: typeof panel) => {
    const history = p.getByTestId('panel-history');
    await history.locator('summary').click();
    const items = history.getByTestId('history-item');
    await expect(items).toHaveCount(2);
    // Newest first: the inserted second draft, then the first one.
    await expect(items.nth(0).getByTestId('history-kind')).toHaveText('Draft');
    await expect(items.nth(0).getByTestId('history-model')).toHaveText('gpt-4o-mini');
    await expect(items.nth(0).getByTestId('history-tokens')).toHaveText(
      /^\d[\d,]* in \/ \d[\d,]* out tokens$/,
    );
    await expect(items.nth(0).getByTestId('history-inserted')).toHaveText('inserted');
    await expect(items.nth(1).getByTestId('history-inserted')).toHaveText('not inserted');
    await expect(items.nth(1).getByTestId('history-model')).toHaveText('gpt-4o-mini');
    return items;
  };
  await checkPanelHistory(panel);

  // After a reload of the panel, and of the helpdesk page, the history is still there (it lives in IndexedDB).
  await panel.reload();
  await page.reload();
  const reopened = await panelFor(context, extensionId, tabId);
  await panel.close();
  const items = await checkPanelHistory(reopened);

  // The older draft, selected, shows its text; "Use as draft" makes it the draft (the agent's text is a version).
  await items.nth(1).getByRole('button').first().click();
  await expect(items.nth(1).getByTestId('history-text')).toContainText('billing team');
  await items.nth(1).getByTestId('history-use-draft').click();
  await expect(reopened.getByTestId('draft-text')).toHaveValue(FIRST);

  // The History page, opened from the panel: all generations grouped by ticket with its subject.
  const opened = context.waitForEvent('page');
  await reopened.getByTestId('open-history-page').click();
  const historyPage = await opened;
  await expect(historyPage).toHaveURL(/\/draft-history\.html$/);
  const group = historyPage.getByTestId('history-group');
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId('history-ticket-title')).toHaveText('Charged twice for my March invoice');
  await expect(group.getByTestId('history-helpdesk')).toHaveText('zendesk');
  await expect(group.getByTestId('history-open-ticket')).toHaveAttribute(
    'href',
    'https://acme.zendesk.com/agent/tickets/123',
  );
  await expect(group.getByTestId('history-result')).toHaveCount(2);

  // A word only the first draft has.
  const search = historyPage.getByTestId('history-search');
  await search.fill('billing');
  await expect(historyPage.getByTestId('history-result')).toHaveCount(1);
  await expect(historyPage.getByTestId('history-snippet')).toContainText('billing team');
  await expect(historyPage.getByTestId('history-inserted')).toHaveText('not inserted');
  // A word of the subject finds both generations of the ticket.
  await search.fill('march invoice');
  await expect(historyPage.getByTestId('history-result')).toHaveCount(2);
  // Only what went into the helpdesk.
  await historyPage.getByTestId('history-filter-inserted').selectOption('yes');
  await expect(historyPage.getByTestId('history-result')).toHaveCount(1);
  await expect(historyPage.getByTestId('history-snippet')).toContainText('refunded');
  await search.fill('nothing like this was written');
  await expect(historyPage.getByTestId('history-result')).toHaveCount(0);
  await expect(historyPage.getByTestId('history-count')).toHaveText('Nothing matches this search.');
  // A date range that ends before it starts is refused, in words.
  await historyPage.getByTestId('history-filter-from').fill('2026-03-10');
  await historyPage.getByTestId('history-filter-to').fill('2026-03-01');
  await expect(historyPage.getByTestId('history-range-error')).toHaveText(
    'The "From" day is after the "To" day.',
  );

  // The options page links to it too.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('open-history').click();
  await expect(options).toHaveURL(/\/draft-history\.html$/);
  await expect(options.getByTestId('history-result')).toHaveCount(2);
});

test('the retention run removes an expired generation from the History page', async ({
  context,
  extensionId,
}) => {
  const historyPage = await context.newPage();
  await historyPage.goto(`chrome-extension://${extensionId}/draft-history.html`);
  await expect(historyPage.getByTestId('history-count')).toContainText('No history yet');
  // Two generations as the background stores them: one 10 days old, one from now.
  await historyPage.evaluate(async () => {
    const open = indexedDB.open('deskmate');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = database.transaction('generations', 'readwrite');
    const base = {
      kind: 'draft',
      model: 'gpt-4o-mini',
      promptChars: 900,
      outcome: 'complete',
      helpdesk: 'zendesk',
    };
    tx.objectStore('generations').add({
      ...base,
      ticketKey: 'zendesk:acme.zendesk.com:7',
      ticketSubject: 'An old ticket',
      output: 'An expired answer.',
      startedAt: Date.now() - 10 * 86_400_000,
    });
    tx.objectStore('generations').add({
      ...base,
      ticketKey: 'zendesk:acme.zendesk.com:8',
      ticketSubject: 'A recent ticket',
      output: 'A recent answer.',
      startedAt: Date.now(),
    });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
  });
  await historyPage.reload();
  await expect(historyPage.getByTestId('history-ticket-title')).toHaveText([
    'A recent ticket',
    'An old ticket',
  ]);

  // Retention set to 7 days in the options page: the background runs it at once ("setting-changed").
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('data-retention').selectOption('7d');
  await expect(options.getByTestId('data-retention-last-run')).toContainText('removed 1 generation');
  // The open page follows the database (a live query): no reload needed.
  await expect(historyPage.getByTestId('history-ticket-title')).toHaveText(['A recent ticket']);
});
