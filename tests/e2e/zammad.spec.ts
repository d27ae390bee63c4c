// Zammad in real Chromium with the built extension: the classic UI (hash routes, several ticket zooms in one
// DOM, a plain contenteditable reply box whose innerHTML is what Zammad submits) and the new desktop view (a
// real ProseMirror editor). Read through the REST API on the agent's session, fall back to the page, insert
// into the editor's own model, never submit, never write.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://acme.zammad.com';

interface ProseMirrorNode {
  childCount: number;
  content: { size: number };
  textBetween(from: number, to: number, blockSeparator: string, leafText: string): string;
  child(index: number): ProseMirrorNode & { type: { name: string } };
}
interface ZammadFixture {
  isReady: boolean;
  ui: 'legacy' | 'desktop';
  pasteHandler: 'none' | 'zammad';
  editors: Record<string, { state: { doc: ProseMirrorNode } }>;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: ZammadFixture };

/** Opens a Zammad fixture page (classic UI by default) and waits until its script is up. */
async function openZammad(page: Page, sw: Worker, path = '/#ticket/zoom/42'): Promise<number> {
  await page.goto(`${ORIGIN}${path}`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** The classic UI's model of a reply: the innerHTML of the ticket's `[data-name="body"]` (the form submits it). */
const legacyBody = (ticketId: string) => `#content_permanent_Ticket-${ticketId} [data-name="body"]`;
async function legacyBodyHtml(page: Page, ticketId: string): Promise<string> {
  return page.evaluate(
    (selector) => document.querySelector(selector)?.innerHTML ?? '<missing body>',
    legacyBody(ticketId),
  );
}

/** ProseMirror's document (the model, not the DOM) of the desktop view's reply editor. */
async function proseMirrorModel(
  page: Page,
  ticketId: string,
): Promise<{ text: string; blocks: Array<{ type: string; text: string }> }> {
  return page.evaluate((id) => {
    const view = (window as FixtureWindow).__deskmateFixture?.editors[id];
    if (!view) return { text: '<missing editor>', blocks: [] };
    const doc = view.state.doc;
    const blocks: Array<{ type: string; text: string }> = [];
    for (let i = 0; i < doc.childCount; i += 1) {
      const node = doc.child(i);
      // A hard_break is a leaf without text: count it as the line break it is.
      blocks.push({ type: node.type.name, text: node.textBetween(0, node.content.size, '\n', '\n') });
    }
    return { text: doc.textBetween(0, doc.content.size, '\n\n', '\n'), blocks };
  }, ticketId);
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

const DRAFT_42 =
  'Hi Lena,\n\nTomasz now has VPN access for the WMS and the label printers, valid for 90 days.\n\nBest regards,\nSven';
const DRAFT_42_HTML =
  '<p>Hi Lena,</p><p>Tomasz now has VPN access for the WMS and the label printers, valid for 90 days.</p><p>Best regards,<br>Sven</p>';

test('classic UI: reads ticket 42 through the API, inserts the draft into the reply body, never submits', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  // The API only answers with the page's session cookie: the content script's reads must carry it.
  fixtures.state.zammadRequireSession = true;
  await useMockModel(context, extensionId, mock);
  const tabId = await openZammad(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN access for new contractor (starts Monday)',
  );
  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('zammad');
  await expect(panel.getByTestId('ticket-requester')).toContainText(
    'Lena Fischer <lena.fischer@northwind-logistics.example>',
  );
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zammad adapter, helpdesk API');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li')).toHaveCount(6);
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toHaveCount(1);
  await expect(thread).not.toContainText('Domain Admins');

  await panel.getByTestId('draft-text').fill(DRAFT_42);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toContainText(
    'Inserted — review it in Zammad before sending',
  );
  // A bare contenteditable ignores synthetic paste and beforeinput: the ladder's insertHTML rung did it.
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'exec-command');

  expect(await legacyBodyHtml(page, '42')).toBe(DRAFT_42_HTML);
  expect(await legacyBodyHtml(page, '57')).toBe('');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('classic UI: switching the hash to another ticket updates the panel, and Insert goes to that zoom only', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openZammad(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN access for new contractor (starts Monday)',
  );
  const key42 = await ticketKeyFromPanel(panel, tabId);
  expect(key42).toBe('zammad:acme.zammad.com:42');

  // The agent clicks the other task in Zammad's task bar: only the hash changes.
  await page.locator('.tasks .task[data-key="Ticket-57"]').click();
  await expect(page).toHaveURL(`${ORIGIN}/#ticket/zoom/57`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Drucker im 2. OG druckt nur leere Seiten');
  await expect(panel.getByTestId('ticket-requester')).toContainText('Jan Becker');
  await expect(panel.getByTestId('ticket-reader')).toContainText('helpdesk API');

  await panel
    .getByTestId('draft-text')
    .fill('Hallo Herr Becker,\n\nwir tauschen die Trommeleinheit heute Nachmittag.\n\nViele Grüße\nSven');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await legacyBodyHtml(page, '57')).toBe(
    '<p>Hallo Herr Becker,</p><p>wir tauschen die Trommeleinheit heute Nachmittag.</p><p>Viele Grüße<br>Sven</p>',
  );
  expect(await legacyBodyHtml(page, '42')).toBe('');

  // A reply still meant for 42 is refused now that the tab shows 57 (the content script re-reads the hash).
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Lena!' }),
    { id: tabId, key: key42 },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect(await legacyBodyHtml(page, '42')).toBe('');

  // And back: the panel follows the hash again.
  await page.goBack();
  await expect(page).toHaveURL(`${ORIGIN}/#ticket/zoom/42`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN access for new contractor (starts Monday)',
  );
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('classic UI: Insert goes in at the caret, on the new line after what the agent already typed', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const tabId = await openZammad(page, sw);
  await page.locator(legacyBody('42')).click();
  await page.keyboard.type('Dear Lena,');
  await page.keyboard.press('Enter');
  expect(await legacyBodyHtml(page, '42')).toBe('Dear Lena,<div><br></div>');

  const panel = await panelFor(context, extensionId, tabId);
  const draft = 'The VPN account for Tomasz is ready.';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');

  // Chrome's insertHTML puts the paragraph into the empty line the agent's Enter made.
  expect(await legacyBodyHtml(page, '42')).toBe(
    'Dear Lena,<div><p>The VPN account for Tomasz is ready.</p></div>',
  );
  expect(await submitCount(page)).toBe(0);
});

test("classic UI with Zammad's own paste handler: the synthetic paste is taken by the editor", async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openZammad(page, sw, '/?fixture-paste=zammad#ticket/zoom/42');
  expect(await page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.pasteHandler)).toBe('zammad');
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN access for new contractor (starts Monday)',
  );

  await panel.getByTestId('draft-text').fill(DRAFT_42);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');
  expect(await legacyBodyHtml(page, '42')).toBe(DRAFT_42_HTML);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('classic UI: when the API refuses, the ticket is read from its zoom on the page, and Insert still works', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  fixtures.state.zammadApi = 'error';
  const tabId = await openZammad(page, sw, '/#ticket/zoom/57');
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-subject')).toHaveText('Drucker im 2. OG druckt nur leere Seiten');
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zammad adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-warnings')).toContainText('Zammad API returned 401');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('3');
  await expect(panel.getByTestId('ticket-requester')).toContainText('Jan Becker');

  await panel.getByTestId('draft-text').fill('Hallo Herr Becker,\n\nder Techniker kommt um 14 Uhr.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await legacyBodyHtml(page, '57')).toBe(
    '<p>Hallo Herr Becker,</p><p>der Techniker kommt um 14 Uhr.</p>',
  );
  expect(await legacyBodyHtml(page, '42')).toBe('');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test("desktop view: reads through the API and Insert lands in ProseMirror's model, paragraph for paragraph", async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  fixtures.state.zammadRequireSession = true;
  await useMockModel(context, extensionId, mock);
  const tabId = await openZammad(page, sw, '/desktop/tickets/42');
  expect(await page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.ui)).toBe('desktop');
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN access for new contractor (starts Monday)',
  );
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zammad adapter, helpdesk API');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');

  await panel.getByTestId('draft-text').fill(DRAFT_42);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');

  const model = await proseMirrorModel(page, '42');
  expect(model.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  expect(model.blocks.map((b) => b.text)).toEqual([
    'Hi Lena,',
    'Tomasz now has VPN access for the WMS and the label printers, valid for 90 days.',
    'Best regards,\nSven',
  ]);
  expect(model.text).toBe(
    'Hi Lena,\n\nTomasz now has VPN access for the WMS and the label printers, valid for 90 days.\n\nBest regards,\nSven',
  );
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('desktop view: with the API refused there is no guessing from the page, and the panel says why', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  fixtures.state.zammadApi = 'error';
  const tabId = await openZammad(page, sw, '/desktop/tickets/57');
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('read-failure')).toContainText(
    'desktop view can only be read through the API',
  );
  expect(fixtures.writes).toEqual([]);
});
