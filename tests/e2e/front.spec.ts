// Front in real Chromium with the built extension: the conversation is read from a page that only has
// styled-components classes (matched by prefix), the draft is inserted into Lexical's own editor state (the editor
// kind is detected from the DOM, the research had nothing on Front's editor), never into the comment composer,
// nothing is sent or written, and a pushState switch to another conversation is followed by the panel and by Insert.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://app.frontapp.com';
const A = { number: '26183726081', id: 'cnv_c1144ch' };
const B = { number: '26183751402', id: 'cnv_c114nvu' };
const inboxUrl = (number: string) => `${ORIGIN}/inboxes/shared/support/open/${number}`;

interface FrontFixture {
  isReady: boolean;
  modelText(conversation: string, which?: 'reply' | 'comment'): string | null;
  modelBlocks(conversation: string): Array<{ type: string; text: string }> | null;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: FrontFixture };

async function openFront(page: Page, sw: Worker, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** Lexical's editor state (the model, read inside `editor.getEditorState().read`), not the DOM. */
async function lexicalModel(
  page: Page,
  conversation: string,
): Promise<{
  text: string | null;
  blocks: Array<{ type: string; text: string }> | null;
  comment: string | null;
}> {
  return page.evaluate((n) => {
    const fixture = (window as FixtureWindow).__deskmateFixture;
    return {
      text: fixture?.modelText(n) ?? null,
      blocks: fixture?.modelBlocks(n) ?? null,
      comment: fixture?.modelText(n, 'comment') ?? null,
    };
  }, conversation);
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

const HIDDEN_BAIT = ['500 EUR', 'Decoy subject'];

test('a cnv_ deep link is read by class prefix; the mock draft goes into Lexical’s state, never the comment box', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openFront(page, sw, `${ORIGIN}/open/${A.id}`);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('front');
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Shipment stuck in customs (order #88213)');
  await expect(panel.getByTestId('ticket-requester')).toContainText(
    'Elena Petrova <elena@petrova-design.example>',
  );
  await expect(panel.getByTestId('ticket-reader')).toContainText('Front adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5');
  // The side of each message card told sent from received: nothing was guessed.
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li[data-role="customer"]')).toHaveCount(2);
  await expect(thread.locator('li[data-role="agent"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="internal"]')).toContainText('Van Dijk Customs');
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Elena,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('stuck in customs in Rotterdam');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  const edited =
    'Hi Elena,\n\nOur EORI number is NL123456789 and I have sent it to Van Dijk Customs.\n\nMarcus';
  await panel.getByTestId('draft-text').fill(edited);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toContainText(
    'Inserted — review it in Front before sending',
  );
  // Detected as Lexical from the DOM; it takes the synthetic paste (text/plain + text/html), its first rung.
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');

  const model = await lexicalModel(page, A.number);
  expect(model.blocks).toEqual([
    { type: 'paragraph', text: 'Hi Elena,' },
    { type: 'paragraph', text: 'Our EORI number is NL123456789 and I have sent it to Van Dijk Customs.' },
    { type: 'paragraph', text: 'Marcus' },
  ]);
  expect(model.text).toBe(
    'Hi Elena,\n\nOur EORI number is NL123456789 and I have sent it to Van Dijk Customs.\n\nMarcus',
  );
  expect(model.comment).toBe('');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('a pushState switch to another conversation: the panel follows, Insert lands only in its reply composer', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openFront(page, sw, inboxUrl(A.number));
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Shipment stuck in customs (order #88213)');
  // The numeric in-app id and the cnv_ deep link name the same ticket.
  const keyA = await ticketKeyFromPanel(panel, tabId);
  expect(keyA).toBe(`front:app.frontapp.com:${A.id}`);

  await page.locator(`[data-fixture-nav="${B.number}"]`).click();
  await expect(page).toHaveURL(inboxUrl(B.number));
  await expect(panel.getByTestId('ticket-subject')).toHaveText("Can't add a second admin to our workspace");
  await expect(panel.getByTestId('ticket-requester')).toContainText('Tom Becker <tom@becker-bau.example>');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('3');
  expect(await ticketKeyFromPanel(panel, tabId)).toBe(`front:app.frontapp.com:${B.id}`);

  // Both conversations' composers are in the page now (the first pane is only hidden).
  expect((await lexicalModel(page, A.number)).text).toBe('');
  await panel
    .getByTestId('draft-text')
    .fill('Hi Tom,\n\nInes can invite you as admin from Settings > Teammates.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');
  const b = await lexicalModel(page, B.number);
  expect(b.blocks).toEqual([
    { type: 'paragraph', text: 'Hi Tom,' },
    { type: 'paragraph', text: 'Ines can invite you as admin from Settings > Teammates.' },
  ]);
  expect(b.comment).toBe('');
  expect((await lexicalModel(page, A.number)).text).toBe('');

  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Elena!' }),
    { id: tabId, key: keyA },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect((await lexicalModel(page, A.number)).text).toBe('');

  await page.goBack();
  await expect(page).toHaveURL(inboxUrl(A.number));
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Shipment stuck in customs (order #88213)');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
