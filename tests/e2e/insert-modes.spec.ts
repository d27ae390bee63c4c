// Insert modes (#7) against the fixtures' real editors, read back from each editor's own model: at the caret (the
// default), append after the agent's text, replace with a confirmation (cancel keeps the text, confirm replaces),
// Copy, the "review it before sending" message, the remembered mode, and "Undo insert" through the editor's own
// undo — refused once the agent has typed after the insert. CKEditor 5 (Zendesk), ProseMirror (Intercom), Quill
// (Salesforce), Slate (Help Scout), Lexical (Front), a generic page's textarea, and TinyMCE (Zoho Desk), whose undo
// is out of reach and so not offered.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { clipboardText, composerOf, openGeneric, setClipboard } from './more-steps';
import { editorData, openZendesk, panelFor } from './steps';

const submitsOf = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __deskmateFixture: { submits: unknown[] } }).__deskmateFixture.submits.length,
  );

/**
 * The shared middle of the per-editor tests: the panel appends `draft` (mode Append), says to review it in
 * `helpdesk`, the editor's model reads `inserted`; then Undo insert brings the model back to `before`.
 */
async function appendThenUndo<T>(
  panel: Page,
  o: { draft: string; helpdesk: string; read: () => Promise<T>; inserted: T; before: T },
): Promise<void> {
  await panel.getByTestId('insert-mode').selectOption('append');
  await panel.getByTestId('draft-text').fill(o.draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    `Inserted — review it in ${o.helpdesk} before sending.`,
  );
  const inserted: unknown = await o.read();
  expect(inserted).toEqual(o.inserted);
  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Insert undone');
  const after: unknown = await o.read();
  expect(after).toEqual(o.before);
}

/** Types into ticket 123's CKEditor the way the agent would. */
async function typeInZendesk(page: Page, text: string): Promise<void> {
  await page.locator(composerOf('123')).click();
  await page.keyboard.type(text);
}

test('the mode defaults to the caret: the draft goes where the agent left the caret, and the message says to review it', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await typeInZendesk(page, 'Dear Maria,');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Best, Sam');
  // The caret goes to the empty line between greeting and sign-off.
  await page.keyboard.press('ArrowUp');
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,</p><p>&nbsp;</p><p>Best, Sam</p>');

  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('insert-mode')).toHaveValue('caret');
  await expect(panel.getByTestId('draft-insert')).toHaveText('Insert into Zendesk reply');
  await panel.getByTestId('draft-text').fill('The second charge is refunded.');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveText('Inserted — review it in Zendesk before sending.');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe(
    '<p>Dear Maria,</p><p>The second charge is refunded.</p><p>Best, Sam</p>',
  );
  expect(await submitsOf(page)).toBe(0);
});

test('append puts the draft in a new paragraph after the agent’s text even with the caret at the start; the mode is remembered', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await typeInZendesk(page, 'Dear Maria,');
  await page.keyboard.press('Home');

  let panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('insert-mode').selectOption('append');
  await expect(panel.getByTestId('draft-insert')).toHaveText('Append to Zendesk reply');
  const draft = 'Your refund of €49.00 is on its way.\n\nBest regards,\nSam';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zendesk before sending.',
  );
  expect(await editorData(page, '123')).toBe(
    '<p>Dear Maria,</p><p>Your refund of €49.00 is on its way.</p><p>Best regards,<br>Sam</p>',
  );

  // A new panel (and a new ticket view) starts in the agent's last mode.
  await panel.close();
  panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('insert-mode')).toHaveValue('append');
  await expect(panel.getByTestId('draft-insert')).toHaveText('Append to Zendesk reply');
});

test('replace asks first when the reply holds text: Cancel keeps it, confirming replaces it, Undo brings it back', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await typeInZendesk(page, 'Old macro: refunds take 10 days.');
  const before = '<p>Old macro: refunds take 10 days.</p>';
  expect(await editorData(page, '123')).toBe(before);

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('insert-mode').selectOption('replace');
  await expect(panel.getByTestId('draft-insert')).toHaveText('Replace Zendesk reply');
  const draft = 'Hi Maria,\n\nThe refund was sent today.';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();

  const confirm = panel.getByTestId('replace-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('The Zendesk reply already holds 32 characters');
  await expect(confirm).toContainText('“Old macro: refunds take 10 days.”');
  // The question takes the focus, so a keyboard user answers it next.
  await expect(panel.getByTestId('replace-confirm-yes')).toBeFocused();
  expect(await editorData(page, '123')).toBe(before);

  // Answered from the keyboard: Tab to "Keep the reply", Enter; the focus goes back to Insert.
  await panel.keyboard.press('Tab');
  await expect(panel.getByTestId('replace-confirm-cancel')).toBeFocused();
  await panel.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByTestId('draft-insert')).toBeFocused();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Nothing was replaced: the reply is as you left it.',
  );
  expect(await editorData(page, '123')).toBe(before);

  await panel.getByTestId('draft-insert').click();
  await panel.getByTestId('replace-confirm-yes').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zendesk before sending.',
  );
  expect(await editorData(page, '123')).toBe('<p>Hi Maria,</p><p>The refund was sent today.</p>');

  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Insert undone: the Zendesk reply is back to what it was.',
  );
  expect(await editorData(page, '123')).toBe(before);
  await expect(panel.getByTestId('insert-undo')).toHaveCount(0);
  expect(await editorData(page, '124')).toBe('');
  expect(await submitsOf(page)).toBe(0);
});

test('replace into an empty reply needs no confirmation', async ({ context, page, sw, extensionId }) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('insert-mode').selectOption('replace');
  await panel.getByTestId('draft-text').fill('Hi Maria, the refund was sent today.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zendesk before sending.',
  );
  await expect(panel.getByTestId('replace-confirm')).toHaveCount(0);
  expect(await editorData(page, '123')).toBe('<p>Hi Maria, the refund was sent today.</p>');
});

test('Undo insert takes back only the insert; once the agent has typed after it, undo is refused and nothing changes', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await typeInZendesk(page, 'Dear Maria,');
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('The refund is on its way.');
  await expect(panel.getByTestId('insert-undo')).toHaveCount(0);

  // First insert, then undo: back to exactly the agent's own text, in CKEditor's model.
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,The refund is on its way.</p>');
  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Insert undone');
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,</p>');

  // Second insert, then the agent types: undoing now would undo their typing too, so it is refused.
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('insert-undo')).toBeVisible();
  const inserted = await editorData(page, '123');
  expect(inserted).toContain('The refund is on its way.');
  await page.locator(composerOf('123')).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Sam');
  const typed = await editorData(page, '123');
  expect(typed).toContain('Sam');
  await panel.getByTestId('insert-undo').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'warn');
  await expect(message).toContainText('The reply changed after the insert');
  expect(await editorData(page, '123')).toBe(typed);
});

test('Copy puts exactly the draft on the clipboard and leaves the reply alone', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  await typeInZendesk(page, 'Dear Maria,');
  const panel = await panelFor(context, extensionId, tabId);
  await setClipboard(panel, 'stale clipboard');
  const draft = 'Hello Maria,\n\nYour refund of €49.00 is on its way.\n\n— Sam';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-copy').click();
  await expect(panel.getByTestId('draft-message')).toHaveText('Copied to the clipboard.');
  expect(await clipboardText(panel)).toBe(draft);
  expect(await editorData(page, '123')).toBe('<p>Dear Maria,</p>');
});

// ---------- ProseMirror (Intercom fixture) ----------

const INTERCOM = 'https://app.intercom.com';
const CONVERSATION = '215471';
const conversationUrl = `${INTERCOM}/a/inbox/k7x2p9qa/inbox/shared/all/conversation/${CONVERSATION}`;

interface PmNode {
  childCount: number;
  textContent: string;
  child(index: number): PmNode;
}
type IntercomWindow = Window & {
  __deskmateFixture?: {
    isReady: boolean;
    editors: Record<string, { state: { doc: PmNode }; dom: HTMLElement }>;
  };
};

async function openIntercom(page: Page, sw: Worker): Promise<number> {
  await page.goto(conversationUrl);
  await page.waitForFunction(() => (window as IntercomWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${INTERCOM}/*`);
}

/** The paragraphs of ProseMirror's document (the model), not of the DOM. */
function proseMirrorBlocks(page: Page): Promise<string[] | null> {
  return page.evaluate((id) => {
    const view = (window as IntercomWindow).__deskmateFixture?.editors[id];
    if (!view) return null;
    const blocks: string[] = [];
    for (let i = 0; i < view.state.doc.childCount; i += 1) blocks.push(view.state.doc.child(i).textContent);
    return blocks;
  }, CONVERSATION);
}

async function typeInIntercom(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (id) => (window as IntercomWindow).__deskmateFixture?.editors[id]?.dom.focus(),
    CONVERSATION,
  );
  await page.keyboard.type(text);
}

test('ProseMirror: append adds the draft as new paragraphs after the agent’s text; Undo insert restores the document', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const tabId = await openIntercom(page, sw);
  await typeInIntercom(page, 'Hi Maya,');
  await page.keyboard.press('Home');
  expect(await proseMirrorBlocks(page)).toEqual(['Hi Maya,']);

  const panel = await panelFor(context, extensionId, tabId);
  await appendThenUndo(panel, {
    draft: 'The second payment is refunded.\n\nPriya',
    helpdesk: 'Intercom',
    read: () => proseMirrorBlocks(page),
    inserted: ['Hi Maya,', 'The second payment is refunded.', 'Priya'],
    before: ['Hi Maya,'],
  });
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Insert undone: the Intercom reply is back to what it was.',
  );
});

test('ProseMirror: replace after confirmation leaves only the draft; Undo insert brings the agent’s text back', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const tabId = await openIntercom(page, sw);
  await typeInIntercom(page, 'Old notes to self');
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('insert-mode').selectOption('replace');
  await panel.getByTestId('draft-text').fill('Hi Maya,\n\nThe refund is done.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('replace-confirm')).toContainText('“Old notes to self”');
  expect(await proseMirrorBlocks(page)).toEqual(['Old notes to self']);
  await panel.getByTestId('replace-confirm-yes').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await proseMirrorBlocks(page)).toEqual(['Hi Maya,', 'The refund is done.']);

  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toContainText('Insert undone');
  expect(await proseMirrorBlocks(page)).toEqual(['Old notes to self']);
});

// ---------- Quill (Salesforce fixture) ----------

const SALESFORCE = 'https://acme.lightning.force.com';
const CASE = '5008d00000Kq3XbAAJ';
type SalesforceWindow = Window & {
  __deskmateFixture?: {
    isReady: boolean;
    editors: Record<
      string,
      { getText(): string; root: HTMLElement; setSelection(i: number, l: number): void }
    >;
  };
};

test('Quill: append keeps the agent’s line and adds the draft after a blank line; Undo insert restores Quill’s text', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  await page.goto(`${SALESFORCE}/lightning/r/Case/${CASE}/view`);
  await page.waitForFunction(() => (window as SalesforceWindow).__deskmateFixture?.isReady === true);
  const tabId = await tabIdOf(sw, `${SALESFORCE}/*`);
  const quillText = () =>
    page.evaluate(
      (id) => (window as SalesforceWindow).__deskmateFixture?.editors[id]?.getText() ?? null,
      CASE,
    );
  await page.evaluate(
    (id) => (window as SalesforceWindow).__deskmateFixture?.editors[id]?.root.focus(),
    CASE,
  );
  await page.keyboard.type('Hi Priya,');
  await page.keyboard.press('Home');
  expect(await quillText()).toBe('Hi Priya,\n');

  const panel = await panelFor(context, extensionId, tabId);
  await appendThenUndo(panel, {
    draft: 'The duplicate charge is refunded.\n\nMarcus',
    helpdesk: 'Salesforce Service Cloud',
    read: quillText,
    inserted: 'Hi Priya,\n\nThe duplicate charge is refunded.\n\nMarcus\n',
    before: 'Hi Priya,\n',
  });
});

// ---------- TinyMCE (Zoho Desk fixture): an editor whose undo Deskmate cannot reach ----------

test('TinyMCE: after an insert, Undo is not offered and the panel says why and what to do instead', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const ticket = '1892000000412017';
  type ZohoWindow = Window & {
    __deskmateFixture?: {
      isReady: boolean;
      shown: string | null;
      editors: Record<string, { getContent(): string }>;
    };
  };
  await page.goto(`https://desk.zoho.com/agent/acme/support/tickets/details/${ticket}`);
  await page.waitForFunction((id) => {
    const f = (window as ZohoWindow).__deskmateFixture;
    return f?.isReady === true && f.shown === id && !!f.editors[id];
  }, ticket);
  const tabId = await tabIdOf(sw, 'https://desk.zoho.com/*');
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('The duplicate charge is refunded.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zoho Desk before sending.',
  );
  expect(
    await page.evaluate((id) => (window as ZohoWindow).__deskmateFixture?.editors[id]?.getContent(), ticket),
  ).toContain('The duplicate charge is refunded.');
  await expect(panel.getByTestId('insert-undo')).toHaveCount(0);
  const unavailable = panel.getByTestId('insert-undo-unavailable');
  await expect(unavailable).toContainText('Undo not available here');
  await expect(unavailable).toHaveAttribute('title', /press Ctrl\+Z/);
});

// ---------- a page read by "Read this page" (textarea) ----------

test('generic page: replace after confirmation, then Undo insert puts the agent’s text back in the textarea', async ({
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

  const box = page.locator('textarea#reply-body');
  await box.fill('Hi Marta, quick note');
  await panel.getByTestId('insert-mode').selectOption('replace');
  await expect(panel.getByTestId('draft-insert')).toHaveText('Replace page reply');
  await panel.getByTestId('draft-text').fill('Hi Marta,\n\nPlease try a full resync.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('replace-confirm')).toContainText('“Hi Marta, quick note”');
  await panel.getByTestId('replace-confirm-yes').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it on this page before sending.',
  );
  await expect(box).toHaveValue('Hi Marta,\n\nPlease try a full resync.');

  await panel.getByTestId('insert-undo').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Insert undone: the reply on this page is back to what it was.',
  );
  await expect(box).toHaveValue('Hi Marta, quick note');
});

// ---------- Slate (Help Scout fixture) and Lexical (Front fixture): undo through their history plugins ----------

test('Slate: append after the agent’s line, then Undo insert restores Slate’s model', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const origin = 'https://secure.helpscout.net';
  const id = '2749301';
  type HelpscoutWindow = Window & {
    __deskmateFixture?: { isReady: boolean; textOf(id: string): string | null };
  };
  await page.goto(`${origin}/conversation/${id}/4817?folderId=6620041`);
  await page.waitForFunction(() => (window as HelpscoutWindow).__deskmateFixture?.isReady === true);
  const tabId = await tabIdOf(sw, `${origin}/*`);
  const slateText = () =>
    page.evaluate((c) => (window as HelpscoutWindow).__deskmateFixture?.textOf(c) ?? null, id);
  await page.locator(`[data-fixture-editor-mount="${id}"] [data-slate-editor="true"]`).click();
  await page.keyboard.type('Dear Priya,');
  await expect.poll(slateText).toBe('Dear Priya,');

  const panel = await panelFor(context, extensionId, tabId);
  // Slate takes plain text (beforeinput): the reply follows a blank line, as in a textarea.
  await appendThenUndo(panel, {
    draft: 'The second charge is refunded.',
    helpdesk: 'Help Scout',
    read: slateText,
    inserted: 'Dear Priya,\n\nThe second charge is refunded.',
    before: 'Dear Priya,',
  });
});

test('Lexical: append after the agent’s line, then Undo insert restores Lexical’s editor state', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const origin = 'https://app.frontapp.com';
  const number = '26183726081';
  type FrontWindow = Window & {
    __deskmateFixture?: {
      isReady: boolean;
      editors: Record<string, { getRootElement(): HTMLElement | null }>;
      modelBlocks(n: string): Array<{ type: string; text: string }> | null;
    };
  };
  await page.goto(`${origin}/inboxes/shared/support/open/${number}`);
  await page.waitForFunction(() => (window as FrontWindow).__deskmateFixture?.isReady === true);
  const tabId = await tabIdOf(sw, `${origin}/*`);
  const blocks = () =>
    page.evaluate(
      (n) => (window as FrontWindow).__deskmateFixture?.modelBlocks(n)?.map((b) => b.text) ?? null,
      number,
    );
  await page.evaluate(
    (n) => (window as FrontWindow).__deskmateFixture?.editors[n]?.getRootElement()?.focus(),
    number,
  );
  await page.keyboard.type('Hi Tom,');
  await expect.poll(blocks).toEqual(['Hi Tom,']);

  const panel = await panelFor(context, extensionId, tabId);
  // Lexical keeps the separating paragraph: the reply follows a blank line, as in Slate, Quill and a textarea.
  await appendThenUndo(panel, {
    draft: 'The shipment cleared customs today.',
    helpdesk: 'Front',
    read: blocks,
    inserted: ['Hi Tom,', '', 'The shipment cleared customs today.'],
    before: ['Hi Tom,'],
  });
});
