// Inserting: the synthetic-paste fallback when the CKEditor API is out of reach, insertion at the caret
// next to the agent's own text, the copy fallback when there is no composer, a stale ticket refused at the
// protocol level, inserting into a generic page's textarea, and the Copy button.
import { expect, test } from './harness';
import { clipboardText, composerOf, openGeneric, setClipboard, ticketKeyFromPanel } from './more-steps';
import { editorData, openZendesk, panelFor } from './steps';

const submitsOf = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __deskmateFixture: { submits: unknown[] } }).__deskmateFixture.submits.length,
  );

test('without the CKEditor instance (bridge cannot reach the API) Insert still lands in the editor model via paste', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const removed = await page.evaluate((selector) => {
    const el = document.querySelector(selector) as (HTMLElement & { ckeditorInstance?: unknown }) | null;
    if (!el?.ckeditorInstance) return false;
    delete el.ckeditorInstance;
    return el.ckeditorInstance === undefined;
  }, composerOf('123'));
  expect(removed).toBe(true);

  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  const draft = 'Hello Maria,\n\nThe duplicate charge of €49.00 has been refunded.\n\nBest regards,\nSam';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toContainText(
    'Inserted — review it in Zendesk before sending',
  );
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');

  // Read through the fixture's own editor reference: the text reached CKEditor's model, not just the DOM.
  expect(await editorData(page, '123')).toBe(
    '<p>Hello Maria,</p><p>The duplicate charge of €49.00 has been refunded.</p><p>Best regards,<br>Sam</p>',
  );
  expect(await editorData(page, '124')).toBe('');
  // The instance really stayed out of reach for the whole insert.
  expect(
    await page.evaluate(
      (selector) => (document.querySelector(selector) as { ckeditorInstance?: unknown }).ckeditorInstance,
      composerOf('123'),
    ),
  ).toBeUndefined();
  expect(await submitsOf(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('Insert goes in at the caret and keeps what the agent already typed in the composer', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await page.locator(composerOf('123')).click();
  await page.keyboard.type('Dear Maria,');
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,</p>');

  const panel = await panelFor(context, extensionId, tabId);
  const draft = 'Thank you for your patience. The second March charge is refunded.';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');

  const data = await editorData(page, '123');
  expect(data).toContain('Dear Maria,');
  expect(data).toContain(draft);
  expect(data.indexOf('Dear Maria,')).toBeLessThan(data.indexOf(draft));
  expect(data.match(/Dear Maria,/g)).toHaveLength(1);
  expect(data.match(/Thank you for your patience/g)).toHaveLength(1);
});

test('no composer on the page: Insert says it could not insert and the clipboard holds exactly the draft', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  await setClipboard(panel, 'something the agent copied earlier');

  // The reply area of ticket 123 goes away (e.g. the agent closed the composer).
  await page.evaluate(() =>
    document
      .querySelector('[data-test-id="ticket-123-custom-layout"] [data-test-id="ticket-editor-view"]')
      ?.remove(),
  );
  await expect(page.locator(composerOf('123'))).toHaveCount(0);

  const draft = 'Hi Maria,\n\nWe have refunded the duplicate charge.\n\nKind regards,\nSam';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'warn');
  await expect(message).toContainText('Could not insert');
  await expect(message).toContainText('No reply editor is open');
  await expect(message).toContainText('copied to your clipboard');
  expect(await clipboardText(panel)).toBe(draft);
  expect(await editorData(page, '123')).toBe('');
  expect(await editorData(page, '124')).toBe('');
});

test('a draft for ticket 123 is refused once the tab shows 124 (stale ticket key at the protocol level)', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  const key123 = await ticketKeyFromPanel(panel, tabId);
  expect(key123).toMatch(/123$/);

  await page.locator('header [data-entity-id="124"]').click();
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Kan inte logga in efter lösenordsbyte');

  // What a panel that still believed in ticket 123 would send.
  const result = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hej Maria!' }),
    { id: tabId, key: key123 },
  );
  expect(result).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect(await editorData(page, '123')).toBe('');
  expect(await editorData(page, '124')).toBe('');
});

test('generic page: after "Read this page", Insert puts the draft into the reply textarea', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openGeneric(page, sw, fixtures);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('read-page').click();
  await expect(panel.getByTestId('ticket-card')).toBeVisible();

  await page.locator('textarea#reply-body').click();
  const draft =
    'Hi Marta,\n\nThanks for the details. Please try a full resync under Settings → Integrations.\n\nAna';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toContainText(
    'Inserted — review it on this page before sending',
  );
  await expect(page.locator('textarea#reply-body')).toHaveValue(draft);
});

test('Copy puts exactly the draft text on the clipboard', async ({ context, page, sw, extensionId }) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await setClipboard(panel, 'stale clipboard');
  const draft = 'Hello Maria,\n\nYour refund of €49.00 is on its way.\n\n— Sam';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-copy').click();
  await expect(panel.getByTestId('draft-message')).toHaveText('Copied to the clipboard.');
  expect(await clipboardText(panel)).toBe(draft);
  expect(await editorData(page, '123')).toBe('');
});

test('Insert lands exactly where the agent left the caret, between their greeting and sign-off', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await page.locator(composerOf('123')).click();
  await page.keyboard.type('Dear Maria,');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Best, Sam');
  // Caret to the empty paragraph between greeting and sign-off.
  await page.keyboard.press('ArrowUp');
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,</p><p>&nbsp;</p><p>Best, Sam</p>');

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('The second charge is refunded.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe(
    '<p>Dear Maria,</p><p>The second charge is refunded.</p><p>Best, Sam</p>',
  );
});

test('with text in the composer but no caret placed by the agent, Insert appends instead of prepending', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  // Text that arrived without the agent clicking into the composer (a macro, a restored draft).
  await page.evaluate(() =>
    (
      window as unknown as { __deskmateFixture: { editors: Record<string, { setData(d: string): void }> } }
    ).__deskmateFixture.editors['123']?.setData('<p>Macro: Refund policy applies.</p>'),
  );
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('Hi Maria, the refund is on its way.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe(
    '<p>Macro: Refund policy applies.</p><p>Hi Maria, the refund is on its way.</p>',
  );
});
