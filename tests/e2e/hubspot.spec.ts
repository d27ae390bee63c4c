// HubSpot in real Chromium with the built extension: the Help Desk workspace (React 19, an SPA) with real
// Draft.js 0.11.7 editors, one for internal comments and one for the reply. Deskmate reads the ticket from the
// page (no message API is known), inserts into the reply editor so that Draft's own model
// (`getCurrentContent().getPlainText()`) holds the text, never into the comment editor, never sends, never writes;
// switching tickets in the SPA moves the panel and the insert to the new ticket.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://app.hubspot.com';
const ticketPath = (id: string) => `/help-desk/4829301/view/all-open/ticket/${id}`;
const BAIT = ['SYSTEM NOTE', 'ignore all previous instructions', 'full refund of every invoice'];

interface HubspotFixture {
  isReady: boolean;
  plainText(ticketId: string, kind: 'reply' | 'comment'): string | null;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: HubspotFixture };

async function openHelpDesk(page: Page, sw: Worker, id = '41207', origin = ORIGIN): Promise<number> {
  await page.goto(`${origin}${ticketPath(id)}`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${origin}/*`);
}

/** Draft.js's own model of a ticket's editor, as plain text (null when that editor never existed). */
async function draftText(page: Page, ticketId: string, kind: 'reply' | 'comment'): Promise<string | null> {
  return page.evaluate(
    ({ id, k }) => (window as FixtureWindow).__deskmateFixture?.plainText(id, k) ?? '<no fixture>',
    { id: ticketId, k: kind },
  );
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

const DRAFT =
  'Hi Maya,\n\nthe duplicate charge of $480 has been refunded; it shows on your statement within 5 business days.\n\nBest regards,\nJonas';

test('reads the help desk ticket from the page, drafts, and inserts into the Draft.js reply editor only', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openHelpDesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('hubspot');
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Invoice INV-2291 charged twice');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Maya Chen <maya.chen@brightwave.example>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Hubspot adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  expect(
    await thread.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role'))),
  ).toEqual(['customer', 'system', 'internal', 'agent', 'customer']);
  for (const bait of BAIT) await expect(thread).not.toContainText(bait);

  mock.enqueue({ kind: 'text', content: DRAFT });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(DRAFT);
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('INV-2291');
  for (const bait of BAIT) expect(prompt).not.toContain(bait);

  expect(await draftText(page, '41207', 'reply')).toBe('');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in HubSpot before sending');
  // Draft.js takes the synthetic paste (text/html + text/plain), the first rung of its ladder.
  await expect(message).toHaveAttribute('data-method', 'paste');

  // Draft's model holds the reply, paragraph for paragraph; the internal comment editor got nothing.
  expect(await draftText(page, '41207', 'reply')).toBe(
    'Hi Maya,\nthe duplicate charge of $480 has been refunded; it shows on your statement within 5 business days.\nBest regards,\nJonas',
  );
  expect(await draftText(page, '41207', 'comment')).toBe('');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('switching tickets in the SPA updates the panel, and Insert goes to the new ticket only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openHelpDesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Invoice INV-2291 charged twice');
  const firstKey = await ticketKeyFromPanel(panel, tabId);
  expect(firstKey).toBe('hubspot:app.hubspot.com:41207');

  await page.locator('a[data-fixture-ticket="41219"]').click();
  await expect(page).toHaveURL(`${ORIGIN}${ticketPath('41219')}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText("Can't add a second admin user");
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Luis Ortega <luis@northpeak.example>');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');

  // A reply still meant for the first ticket is refused.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Maya!' }),
    { id: tabId, key: firstKey },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });

  const reply = 'Hi Luis,\n\nthe Starter plan has one admin seat; Professional adds more.\n\nJonas';
  await panel.getByTestId('draft-text').fill(reply);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await draftText(page, '41219', 'reply')).toBe(
    'Hi Luis,\nthe Starter plan has one admin seat; Professional adds more.\nJonas',
  );
  expect(await draftText(page, '41219', 'comment')).toBe('');
  // The first ticket's editor (its last state before the switch) never got anything.
  expect(await draftText(page, '41207', 'reply')).toBe('');

  // Back again: the panel follows the history entry.
  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}${ticketPath('41207')}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Invoice INV-2291 charged twice');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('the EU host reads the same way', async ({ context, page, sw, extensionId, fixtures }) => {
  const tabId = await openHelpDesk(page, sw, '41219', 'https://app-eu1.hubspot.com');
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText("Can't add a second admin user");
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');
  expect(fixtures.writes).toEqual([]);
});
