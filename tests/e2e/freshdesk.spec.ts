// Freshdesk in real Chromium with the built extension: the agent ticket page (Ember light DOM, a contact card in
// shadow DOM) with a real Froala 5 reply editor that exists only after the agent clicks "Reply". Read through the
// same-origin API (two pages of conversations), fall back to the page, insert into Froala so that Froala's own
// html.get() (what Freshdesk would send) holds the reply, never send, never write.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, clipboardText, setClipboard } from './more-steps';
import { panelFor, recordTextSnapshots, textSnapshots, useMockModel } from './steps';

const ORIGIN = 'https://acme.freshdesk.com';
const TICKET = '4521';
const SUBJECT = 'Order #A-20931 arrived damaged: cracked glass carafe';
/** The description plus 33 conversations (30 on page 1, 3 on page 2), 13 of them private notes. */
const API_MESSAGES = 34;
const API_NOTES = 13;
/** What the page shows: the description and the latest three ("+30 conversations" hides the rest). */
const DOM_MESSAGES = 4;
/** Text hidden in Helena's last mail (display:none, font-size:0): it must never reach the model. */
const HIDDEN_BAIT = [
  'SYSTEM NOTE',
  'ignore all previous instructions',
  '£100 voucher',
  'reveal the internal notes',
];

interface FroalaLike {
  html: { get(): string };
}
interface FreshdeskFixture {
  isReady: boolean;
  editors: Record<string, FroalaLike>;
  submits: Array<{ html: string }>;
}
type FixtureWindow = Window & { __deskmateFixture?: FreshdeskFixture };

/** Unlicensed Froala pings c0.froala.com; tests stay offline. */
async function blockFroalaPing(context: BrowserContext): Promise<void> {
  await context.route(/^https:\/\/[^/]*froala\.com\//, (route) => route.abort());
}

/** Opens the Freshdesk fixture ticket and waits until its script is up (no reply editor is open yet). */
async function openFreshdesk(page: Page, sw: Worker, path = `/a/tickets/${TICKET}`): Promise<number> {
  await blockFroalaPing(page.context());
  await page.goto(`${ORIGIN}${path}`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** What the agent does before Deskmate can insert: click "Reply" so Freshdesk opens its Froala editor. */
async function openReplyEditor(page: Page): Promise<void> {
  await page.locator('button[data-test-email-action="reply"]').click();
  await page.waitForFunction((id) => !!(window as FixtureWindow).__deskmateFixture?.editors[id], TICKET);
  await expect(page.locator('.fr-element.fr-view[contenteditable="true"]')).toHaveCount(1);
}

/** Froala's own serialisation (`editor.html.get()`), what Freshdesk sends; null while no editor is open. */
async function froalaHtml(page: Page): Promise<string | null> {
  return page.evaluate(
    (id) => (window as FixtureWindow).__deskmateFixture?.editors[id]?.html.get() ?? null,
    TICKET,
  );
}

/**
 * Splits off the paragraph unlicensed Froala appends to html.get() (`<p data-f-id="pbf" …>Powered by …</p>`; it
 * is not in the editable's DOM). Real Freshdesk is licensed and has none.
 */
function withoutPoweredBy(html: string): { reply: string; poweredBy: string } {
  const match = /<p data-f-id="pbf"[^>]*>Powered by .*?<\/p>$/.exec(html);
  return match ? { reply: html.slice(0, match.index), poweredBy: match[0] } : { reply: html, poweredBy: '' };
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

test('reads the ticket through the API, streams a draft, inserts the edited draft into Froala, never sends', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openFreshdesk(page, sw);
  await openReplyEditor(page);
  expect(withoutPoweredBy((await froalaHtml(page)) ?? '').reply).toBe('');

  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('freshdesk');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT);
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Helena Marsh <helena.marsh@example.net>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Freshdesk adapter, helpdesk API');
  // 34 messages: the second page of conversations was fetched, and the description leads.
  await expect(panel.getByTestId('ticket-message-count')).toHaveText(String(API_MESSAGES));
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li')).toHaveCount(API_MESSAGES);
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(API_NOTES);
  await expect(thread.locator('li').first()).toContainText('cracked right through');
  await expect(thread.locator('li').last()).toContainText('refund receipt');
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  // The draft streams into the editable box.
  await recordTextSnapshots(panel, 'draft-text');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Helena,');
  expect((await textSnapshots(panel, 'draft-text')).length).toBeGreaterThan(3);
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('Shopline can email one from the order page');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  // The agent edits, then inserts.
  const edited =
    "Hi Helena,\n\nThe refund of £4.95 (reference RF-11873) is on its way. I've asked Shopline to email you a receipt for your records.\n\nBest regards,\nTom";
  await panel.getByTestId('draft-text').fill(edited);
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in Freshdesk before sending');
  // Froala takes the synthetic paste (text/plain + text/html), the first rung of its ladder.
  await expect(message).toHaveAttribute('data-method', 'paste');

  // Froala's own model holds exactly the edited paragraphs. Froala marks the first pasted block
  // data-pasted="true", as it does for a real Ctrl+V; the only other content is its "Powered by" line.
  const { reply, poweredBy } = withoutPoweredBy((await froalaHtml(page)) ?? '<missing editor>');
  expect(reply).toBe(
    '<p data-pasted="true">Hi Helena,</p><p>The refund of £4.95 (reference RF-11873) is on its way. I\'ve asked Shopline to email you a receipt for your records.</p><p>Best regards,<br>Tom</p>',
  );
  expect(poweredBy).toContain('Froala Editor');
  // Nothing was sent: no click on Send, no write to the helpdesk.
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('API refused (403): the panel reads the ticket from the page and says what it could not see', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  fixtures.state.freshdeskApi = 'error';
  const tabId = await openFreshdesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT);
  // The requester comes from the contact card, which lives in an open shadow root.
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Helena Marsh <helena.marsh@example.net>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Freshdesk adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText(String(DOM_MESSAGES));
  const warnings = panel.getByTestId('ticket-warnings');
  await expect(warnings).toContainText(
    'Freshdesk API returned 403; read from the page instead — collapsed older messages may be missing.',
  );
  await expect(warnings).toContainText('+N conversations');

  await panel.getByTestId('ticket-thread-toggle').click();
  const items = panel.getByTestId('ticket-thread').locator('li');
  await expect(items).toHaveCount(DOM_MESSAGES);
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role')))).toEqual([
    'customer',
    'agent',
    'customer',
    'internal',
  ]);
  await expect(items.nth(2)).toContainText('could I get a receipt for the refund');
  for (const bait of HIDDEN_BAIT) await expect(panel.getByTestId('ticket-thread')).not.toContainText(bait);
  expect(fixtures.writes).toEqual([]);
});

test('no reply editor open: Insert copies the draft and says so, and never opens the editor itself', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openFreshdesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT);
  await setClipboard(panel, 'something the agent copied earlier');

  const draft = 'Hi Helena,\n\nYour refund receipt is on its way by email.\n\nBest regards,\nTom';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'warn');
  await expect(message).toContainText('Could not insert');
  await expect(message).toContainText(`No reply editor is open for Freshdesk ticket #${TICKET}`);
  await expect(message).toContainText('copied to your clipboard');
  expect(await clipboardText(panel)).toBe(draft);

  // Deskmate did not click "Reply" for the agent: still only the placeholder, no Froala instance.
  await expect(page.locator('button.editor-placeholder[data-test-id="active-editor"]')).toHaveCount(1);
  await expect(page.locator('.fr-element')).toHaveCount(0);
  expect(await froalaHtml(page)).toBeNull();
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('Insert goes in at the agent’s caret between their greeting and sign-off; only the agent sends', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openFreshdesk(page, sw);
  await openReplyEditor(page);
  const editable = page.locator('.fr-element.fr-view[contenteditable="true"]');
  await editable.click();
  await page.keyboard.type('Dear Helena,');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Best, Tom');
  await page.keyboard.press('ArrowUp'); // into the empty paragraph between the two
  expect(withoutPoweredBy((await froalaHtml(page)) ?? '').reply).toBe(
    '<p>Dear Helena,</p><p><br></p><p>Best, Tom</p>',
  );

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('Your refund receipt is on its way by email.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  const { reply } = withoutPoweredBy((await froalaHtml(page)) ?? '');
  expect(reply.replace(/ data-pasted="true"/g, '')).toBe(
    '<p>Dear Helena,</p><p>Your refund receipt is on its way by email.</p><p>Best, Tom</p>',
  );
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);

  // The fixture does record a send, so the empty lists above mean something: the agent clicks Send.
  await page.locator('[data-test-id="send-button"]').click();
  await expect.poll(() => fixtures.writes.length).toBe(1);
  expect(fixtures.writes[0]).toEqual({ method: 'POST', path: `/api/_/tickets/${TICKET}/reply` });
  expect(await submitCount(page)).toBe(1);
});

test('when the page swallows synthetic paste, the next rung (execCommand insertHTML) still reaches Froala', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openFreshdesk(page, sw);
  await openReplyEditor(page);
  // A page-side guard (Freshdesk add-ons and userscripts hook paste) stops paste before Froala sees it.
  await page.evaluate(() =>
    window.addEventListener('paste', (event) => event.stopImmediatePropagation(), { capture: true }),
  );

  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-text').fill('Hi Helena,\n\nYour refund receipt is on its way.\n\nTom');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toHaveAttribute('data-method', 'exec-command');
  const { reply } = withoutPoweredBy((await froalaHtml(page)) ?? '');
  expect(reply).toBe('<p>Hi Helena,</p><p>Your refund receipt is on its way.</p><p>Tom</p>');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
