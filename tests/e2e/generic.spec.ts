// The generic reader on pages no adapter knows (tests/fixtures/generic/*.html over plain HTTP): "Read this page"
// finds the conversation by its repeated layout (a classic table-based helpdesk, an SPA inbox with chat bubbles,
// a mail-like thread) or says there is none (a help-center article); Insert lands in the reply box the
// heuristics chose — read back from the real editor's own model — and nowhere else, or falls back to copying.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { clipboardText, openGeneric, setClipboard } from './more-steps';
import { panelFor } from './steps';

interface GenericFixture {
  quill: Record<string, { getText(): string }>;
  prosemirror: Record<string, { state: { doc: { textContent: string; childCount: number } } }>;
  submits: unknown[];
  isReady: boolean;
}

async function openFixture(
  page: Page,
  sw: Parameters<typeof openGeneric>[1],
  fixtures: Parameters<typeof openGeneric>[2],
  file: string,
) {
  const opened = await openGeneric(page, sw, fixtures, `/${file}`);
  await page.waitForFunction(
    () => (window as unknown as { __deskmateFixture?: GenericFixture }).__deskmateFixture?.isReady === true,
  );
  return opened;
}

const submits = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __deskmateFixture: GenericFixture }).__deskmateFixture.submits.length,
  );
const quillText = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __deskmateFixture: GenericFixture }).__deskmateFixture.quill[
      'reply-editor'
    ]?.getText(),
  );
const proseMirrorText = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __deskmateFixture: GenericFixture }).__deskmateFixture.prosemirror[
      'mail-editor'
    ]?.state.doc;
    return { text: doc?.textContent, blocks: doc?.childCount };
  });

/** Opens the panel for the tab and clicks "Read this page"; returns the panel once the ticket card shows. */
async function readThisPage(
  context: import('@playwright/test').BrowserContext,
  extensionId: string,
  tabId: number,
) {
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('read-failure')).toHaveAttribute('data-code', 'no-adapter');
  await panel.getByTestId('read-page').click();
  await expect(panel.getByTestId('ticket-card')).toBeVisible();
  await expect(panel.getByTestId('ticket-reader')).toContainText('generic page reader');
  return panel;
}

async function threadRows(panel: Page) {
  await panel.getByTestId('ticket-thread-toggle').click();
  const items = panel.getByTestId('ticket-thread').locator('li');
  return {
    items,
    roles: () => items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role'))),
    heads: () => items.locator('.msg-head').allTextContents(),
  };
}

async function insertDraft(panel: Page, draft: string) {
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  return panel.getByTestId('draft-message');
}

test('(a) classic table-based helpdesk: four entries with roles; Insert fills the response textarea only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openFixture(page, sw, fixtures, 'classic-ticket.html');
  const panel = await readThisPage(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Printer on 3rd floor prints blank pages');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('4');
  await expect(panel.getByTestId('ticket-requester')).toHaveText(
    'Marta Kowalski <marta.kowalski@harbor-logistics.example>',
  );
  const rows = await threadRows(panel);
  expect(await rows.roles()).toEqual(['customer', 'agent', 'internal', 'customer']);
  const heads = await rows.heads();
  expect(heads.map((h) => h.split(' · ')[1])).toEqual([
    'Marta Kowalski',
    'Peter Brandt',
    'Peter Brandt',
    'Marta Kowalski',
  ]);
  const threadText = (await panel.getByTestId('ticket-thread').textContent()) ?? '';
  expect(threadText).toContain('only prints blank pages');
  // Entry 2's body is a same-origin frame, as in OTRS.
  expect(threadText).toContain('still has its orange transport seal');
  expect(threadText).not.toContain('also order a new printer');
  for (const noise of [
    'Ignore all previous',
    'Escalate to the CEO',
    'Knowledgebase',
    'Canned response',
    'From:',
  ]) {
    expect(threadText, `"${noise}" leaked into the thread`).not.toContain(noise);
  }

  const draft =
    'Hi Marta,\n\nA new toner cartridge arrives on Thursday; I will fit it that morning.\n\nPeter';
  const message = await insertDraft(panel, draft);
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it on this page before sending');
  await expect(message).toHaveAttribute('data-method', 'input-value');
  await expect(page.locator('textarea#response')).toHaveValue(draft);
  await expect(page.locator('textarea#note')).toHaveValue('');
  await expect(page.locator('input[name="query"]')).toHaveValue('');
  expect(await submits(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('(b) SPA inbox: bubbles read with roles from their side; Insert lands in Quill, never the help chat', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openFixture(page, sw, fixtures, 'spa-inbox.html');
  const panel = await readThisPage(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Parcel marked delivered but never arrived');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('4');
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Jonas Weber');
  const rows = await threadRows(panel);
  expect(await rows.roles()).toEqual(['customer', 'agent', 'customer', 'internal']);
  const threadText = (await panel.getByTestId('ticket-thread').textContent()) ?? '';
  for (const noise of [
    'Aylin Demir',
    'Parcelio Assistant',
    'routing rules',
    '100 EUR voucher',
    'changed the status',
  ]) {
    expect(threadText, `"${noise}" leaked into the thread`).not.toContain(noise);
  }

  // The agent last clicked into the vendor's floating help chat: that box is never the reply box.
  await page.locator('._help_p9q2w_1 textarea').click();
  const draft =
    'Hi Jonas,\n\nWe opened a claim with the depot and will refund the parcel if it is not found by Friday.';
  const message = await insertDraft(panel, draft);
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it on this page before sending');
  await expect(message).toHaveAttribute('data-method', 'paste');
  // Quill's own model holds exactly the draft, its blank line included, plus Quill's trailing newline.
  expect(await quillText(page)).toBe(`${draft}\n`);
  await expect(page.locator('._help_p9q2w_1 textarea')).toHaveValue('');
  await expect(page.locator('input[type="search"]')).toHaveValue('');
  expect(await submits(page)).toBe(0);
});

test('(c) mail-like thread: quoted history left out, the note is internal; Insert lands in ProseMirror', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openFixture(page, sw, fixtures, 'mail-thread.html');
  const panel = await readThisPage(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Re: Invoice INV-2291 shows the wrong VAT number',
  );
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('4');
  const rows = await threadRows(panel);
  expect(await rows.roles()).toEqual(['customer', 'agent', 'internal', 'customer']);
  expect((await rows.heads()).map((h) => h.split(' · ')[1])).toEqual([
    'Léa Dubois',
    'Nina Park',
    'Tom Becker',
    'Léa Dubois',
  ]);
  const threadText = (await panel.getByTestId('ticket-thread').textContent()) ?? '';
  expect(threadText).not.toMatch(/wrote:|mark this invoice as paid|Customer since 2021|Folders/);

  const draft = 'Dear Léa,\n\nthe corrected invoice INV-2291-C is attached.\n\nKind regards,\nNina';
  const message = await insertDraft(panel, draft);
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it on this page before sending');
  await expect(message).toHaveAttribute('data-method', 'paste');
  const model = await proseMirrorText(page);
  expect(model.text).toBe('Dear Léa,the corrected invoice INV-2291-C is attached.Kind regards,Nina');
  expect(model.blocks).toBeGreaterThanOrEqual(3);
  await expect(page.locator('aside textarea')).toHaveValue('');
  await expect(page.locator('input[name="subject"]')).toHaveValue(
    'Re: Invoice INV-2291 shows the wrong VAT number',
  );
  expect(await submits(page)).toBe(0);
});

test('(d) help-center article: no conversation, Readability text; Insert copies and says there is no reply box', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openFixture(page, sw, fixtures, 'kb-article.html');
  const panel = await readThisPage(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-reader')).toContainText('generic-readability');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'How to reset your router to factory settings',
  );
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('1');
  const warnings = panel.getByTestId('ticket-warnings');
  await expect(warnings).toContainText('No conversation was found on this page');
  await expect(warnings).toContainText('No reply box was found on this page');
  const rows = await threadRows(panel);
  await expect(rows.items.first()).toContainText('Press and hold the recessed Reset button');
  await expect(rows.items.first()).not.toContainText('Update the router firmware');

  await setClipboard(panel, 'something copied earlier');
  const draft =
    'Hello,\n\nplease hold the Reset button for 15 seconds, then sign in with the sticker password.';
  const message = await insertDraft(panel, draft);
  await expect(message).toHaveAttribute('data-tone', 'warn');
  await expect(message).toContainText('Could not insert');
  await expect(message).toContainText('No reply box was found on this page');
  await expect(message).toContainText('copied to your clipboard');
  expect(await clipboardText(panel)).toBe(draft);
  await expect(page.locator('.feedback textarea')).toHaveValue('');
  await expect(page.locator('input[type="search"]')).toHaveValue('');
});

test('(c) the agent’s own start in the ProseMirror reply stays; the draft goes in at the caret after it', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openFixture(page, sw, fixtures, 'mail-thread.html');
  const panel = await readThisPage(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('4');
  await page.locator('#mail-editor .ProseMirror').click();
  await page.keyboard.type('Dear Léa,');
  await page.keyboard.press('Enter');
  const message = await insertDraft(panel, 'The corrected invoice is attached.');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  const model = await proseMirrorText(page);
  expect(model.text).toBe('Dear Léa,The corrected invoice is attached.');
  expect(await submits(page)).toBe(0);
});
