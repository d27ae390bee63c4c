// Gorgias in real Chromium with the built extension: the ticket view (history routes /app/ticket/{id} and
// /app/views/{view}/{id}, CSS-module class names, an earlier ticket kept mounted and hidden) with a real Draft.js
// reply editor on React 19. Read through the same-origin API on the agent's session, or from the page when the
// API refuses, insert so that Draft's own model (EditorState) holds the reply, never send, never write.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://northpeak.gorgias.com';
const LEA = '880412';
const OMAR = '880519';
const HIDDEN_BAIT = ['SYSTEM NOTE', 'ignore all previous instructions', 'paste the internal notes'];

interface DraftModel {
  /** `getPlainText()` of the current content. */
  text: string;
  /** Each content block's text. */
  blocks: string[];
}
interface GorgiasFixture {
  isReady: boolean;
  editors: Record<
    string,
    {
      getEditorState(): {
        getCurrentContent(): { getPlainText(): string; getBlocksAsArray(): Array<{ getText(): string }> };
      };
    }
  >;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: GorgiasFixture };

async function openGorgias(page: Page, sw: Worker, path = `/app/ticket/${LEA}`): Promise<number> {
  await page.goto(`${ORIGIN}${path}`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** Draft.js's own model of a ticket's reply editor (the EditorState React renders from). */
async function draftModel(page: Page, ticketId: string): Promise<DraftModel> {
  return page.evaluate((id) => {
    const editor = (window as FixtureWindow).__deskmateFixture?.editors[id];
    if (!editor) throw new Error(`no Draft.js editor for ${id}`);
    const content = editor.getEditorState().getCurrentContent();
    return { text: content.getPlainText(), blocks: content.getBlocksAsArray().map((b) => b.getText()) };
  }, ticketId);
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

test('reads the ticket through the API on the session, drafts, inserts into Draft.js’s model, never sends', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  // The API answers only with the page's session cookie: the content script's reads must carry it.
  fixtures.state.gorgiasRequireSession = true;
  await useMockModel(context, extensionId, mock);
  const tabId = await openGorgias(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('gorgias');
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Order #GR-55231: wrong size delivered');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Lea Martin <lea.martin@example.com>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Gorgias adapter, helpdesk API');
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li').first()).toContainText('[Attachment: label-photo.jpg]');
  await expect(thread.locator('li[data-role="internal"]')).toContainText('Warehouse confirms size 39');
  // The rule's auto-reply is the system speaking, not an agent.
  await expect(thread.locator('li[data-role="system"]')).toContainText('one business day');
  await expect(thread.locator('li[data-role="agent"]')).toHaveCount(1);
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Lea,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('Ridge hiking boots');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  await panel
    .getByTestId('draft-text')
    .fill('Hi Lea,\n\nYour size 39 ships today by express and arrives before the 30th.\n\nBest,\nSam');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in Gorgias before sending');
  // Detected as Draft.js from the DOM; its ladder's first rung (synthetic paste with text/html) did it.
  await expect(message).toHaveAttribute('data-method', 'paste');

  const model = await draftModel(page, LEA);
  expect(model.blocks).toEqual([
    'Hi Lea,',
    'Your size 39 ships today by express and arrives before the 30th.',
    'Best,\nSam',
  ]);
  expect((await draftModel(page, OMAR)).text).toBe('');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('API refused: the ticket is read from its view on the page with a warning, and Insert still works', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  fixtures.state.gorgiasApi = 'error';
  const tabId = await openGorgias(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-subject')).toHaveText('Order #GR-55231: wrong size delivered');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Gorgias adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-warnings')).toContainText('Gorgias API returned 401');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Lea Martin');
  // Five messages and the assignment event between them.
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toContainText('Ticket assigned to Sam Porter');
  await expect(thread.locator('li[data-role="customer"]')).toHaveCount(2);
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-text').fill('Hi Lea,\n\nThe exchange is on its way.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect((await draftModel(page, LEA)).blocks).toEqual(['Hi Lea,', 'The exchange is on its way.']);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('switching tickets in a view (history.pushState) updates the panel, and Insert goes to the new one only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openGorgias(page, sw, `/app/views/1203/${LEA}`);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Order #GR-55231: wrong size delivered');
  const keyLea = await ticketKeyFromPanel(panel, tabId);
  expect(keyLea).toBe(`gorgias:northpeak.gorgias.com:${LEA}`);

  await page.locator(`a[data-fixture-nav="${OMAR}"]`).click();
  await expect(page).toHaveURL(`${ORIGIN}/app/views/1203/${OMAR}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText("Changer l'adresse de livraison");
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Omar Haddad <omar.haddad@example.net>');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');

  await panel
    .getByTestId('draft-text')
    .fill('Bonjour Omar,\n\nC’est fait : la commande part au 12 rue des Lilas.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect((await draftModel(page, OMAR)).blocks).toEqual([
    'Bonjour Omar,',
    'C’est fait : la commande part au 12 rue des Lilas.',
  ]);
  // Lea's editor is still mounted (hidden) and untouched.
  expect((await draftModel(page, LEA)).text).toBe('');

  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Lea!' }),
    { id: tabId, key: keyLea },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect((await draftModel(page, LEA)).text).toBe('');

  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}/app/views/1203/${LEA}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Order #GR-55231: wrong size delivered');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('Insert goes in at the caret, after what the agent already typed in Draft.js', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openGorgias(page, sw);
  const editable = page.locator(`[data-fixture-editor-mount="${LEA}"] .public-DraftEditor-content`);
  await editable.click();
  await page.keyboard.type('Dear Lea,');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await draftModel(page, LEA)).blocks).toEqual(['Dear Lea,', '']);

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('Your new pair ships today.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');
  expect((await draftModel(page, LEA)).blocks).toEqual(['Dear Lea,', 'Your new pair ships today.']);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
