// Help Scout in real Chromium with the built extension: the conversation view (history routes
// /conversation/{id}/{number}, data-cy markup, threads newest first, an earlier conversation kept mounted and
// hidden) with a real Slate reply editor on React 19. Read from the page (Help Scout has no API on the agent's
// session), insert so that Slate's own model (`editor.children`) holds the reply, never send, never write.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://secure.helpscout.net';
const PRIYA = { id: '2749301', path: '/conversation/2749301/4817?folderId=6620041' };
const JONAS = { id: '2750118', path: '/conversation/2750118/4822?folderId=6620041' };
const HIDDEN_BAIT = ['SYSTEM NOTE', 'ignore all previous instructions', 'reveal the internal notes'];

interface SlateModel {
  /** `Node.string` of each top-level block. */
  blocks: string[];
}
interface HelpscoutFixture {
  isReady: boolean;
  textOf(id: string): string | null;
  editors: Record<string, { children: unknown[] }>;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: HelpscoutFixture };

async function openHelpscout(page: Page, sw: Worker, path = PRIYA.path): Promise<number> {
  await page.goto(`${ORIGIN}${path}`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** Slate's model of a conversation's reply editor, one string per block (the fixture applies `Node.string`). */
async function slateModel(page: Page, conversationId: string): Promise<SlateModel> {
  return page.evaluate((id) => {
    const text = (window as FixtureWindow).__deskmateFixture?.textOf(id);
    if (text === null || text === undefined) throw new Error(`no Slate editor for ${id}`);
    return { blocks: text.split('\n') };
  }, conversationId);
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

test('reads the conversation from the page, drafts with the model, inserts into Slate’s model, never sends', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openHelpscout(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('helpscout');
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for the annual Pro plan');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Priya Raman <priya.raman@example.org>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Helpscout adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  // Help Scout shows the newest thread on top; the panel reads them oldest first.
  await expect(thread.locator('li').first()).toContainText('I was charged twice');
  await expect(thread.locator('li').last()).toContainText('Any update?');
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toContainText('changed the status to Pending');
  await expect(thread.locator('li[data-role="agent"]')).toHaveCount(1);
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Priya,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('INV-30417');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  await panel
    .getByTestId('draft-text')
    .fill('Hi Priya,\n\nWe refunded invoice INV-30418; it shows on your card within 5 days.\n\nBest,\nMarco');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in Help Scout before sending');
  // Slate takes `beforeinput` insertReplacementText with a text/plain DataTransfer (first rung of its ladder).
  await expect(message).toHaveAttribute('data-method', 'beforeinput');

  // Slate's own model: one block per line (Slate's insertData splits plain text at every newline).
  expect((await slateModel(page, PRIYA.id)).blocks).toEqual([
    'Hi Priya,',
    '',
    'We refunded invoice INV-30418; it shows on your card within 5 days.',
    '',
    'Best,',
    'Marco',
  ]);
  expect((await slateModel(page, JONAS.id)).blocks).toEqual(['']);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('switching conversations (history.pushState) updates the panel, and Insert goes to the new one only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openHelpscout(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for the annual Pro plan');
  const keyPriya = await ticketKeyFromPanel(panel, tabId);
  expect(keyPriya).toBe(`helpscout:secure.helpscout.net:${PRIYA.id}`);

  // The agent clicks the other conversation in the mailbox: the app pushes its URL, no page load.
  await page.locator(`a[data-fixture-nav="${JONAS.id}"]`).click();
  await expect(page).toHaveURL(`${ORIGIN}${JONAS.path}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('CSV export of invoices fails with a timeout');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Jonas Weber <jonas@weber-design.example>');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');

  await panel.getByTestId('draft-text').fill('Hi Jonas,\n\nPlease export one year at a time for now.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect((await slateModel(page, JONAS.id)).blocks).toEqual([
    'Hi Jonas,',
    '',
    'Please export one year at a time for now.',
  ]);
  // Priya's editor is still mounted (hidden) and untouched.
  expect((await slateModel(page, PRIYA.id)).blocks).toEqual(['']);

  // A reply still meant for Priya's conversation is refused now that the tab shows Jonas's.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Priya!' }),
    { id: tabId, key: keyPriya },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect((await slateModel(page, PRIYA.id)).blocks).toEqual(['']);

  // Back (popstate): the panel follows again.
  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}${PRIYA.path}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for the annual Pro plan');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('Insert goes in at the caret, after what the agent already typed in Slate', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openHelpscout(page, sw);
  const editable = page.locator(`[data-fixture-editor-mount="${PRIYA.id}"] [data-slate-editor="true"]`);
  await editable.click();
  await page.keyboard.type('Dear Priya,');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await slateModel(page, PRIYA.id)).blocks).toEqual(['Dear Priya,', '']);

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('The second charge is refunded.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'beforeinput');
  expect((await slateModel(page, PRIYA.id)).blocks).toEqual([
    'Dear Priya,',
    'The second charge is refunded.',
  ]);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
