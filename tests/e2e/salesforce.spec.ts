// Salesforce Service Cloud (Lightning console) in real Chromium with the built extension: two Case tabs open in one
// console (the background tab's DOM stays in the page), parts rendered through open shadow roots, and a real Quill
// 2.0.3 editor per case for the Email action (plus one for the Chatter Post action that must never get a reply).
// Read from the page only, insert so that Quill's own getText() holds the reply, never send, never write.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://acme.lightning.force.com';
const CASE_A = '5008d00000Kq3XbAAJ';
const CASE_B = '5008d00000Kq4ZcAAN';
const SUBJECT_A = 'Invoice INV-2231 charged twice';
const SUBJECT_B = 'Warranty claim for SmartHub X2 (serial SH2-88410)';
/** Text hidden in the page (display:none in an email, font-size:0 in the subject's shadow tree). */
const HIDDEN_BAIT = ['SYSTEM NOTE', '$5,000', 'mark this case as fraud'];

interface QuillLike {
  getText(): string;
}
interface SalesforceFixture {
  isReady: boolean;
  shownCase: string | null;
  editors: Record<string, QuillLike>;
  postEditors: Record<string, QuillLike>;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: SalesforceFixture };

/** Opens a case in the fixture console and waits until its script (Quill editors, shadow roots) is up. */
async function openConsole(page: Page, sw: Worker, caseId = CASE_A): Promise<number> {
  // The console adds its own query parameters to record URLs.
  await page.goto(`${ORIGIN}/lightning/r/Case/${caseId}/view?ws=%2Flightning%2Fr%2FCase%2F${caseId}%2Fview`);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** Quill's own text (its model) of a case's Email editor, or of its Chatter Post editor. */
async function quillText(page: Page, caseId: string, action: 'email' | 'post' = 'email'): Promise<string> {
  return page.evaluate(
    ({ id, which }) => {
      const fixture = (window as FixtureWindow).__deskmateFixture;
      const editor = which === 'email' ? fixture?.editors[id] : fixture?.postEditors[id];
      return editor?.getText() ?? '<missing editor>';
    },
    { id: caseId, which: action },
  );
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

test('reads the open case from its console tab, drafts, and Insert lands in Quill (getText), never sends', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openConsole(page, sw);
  // Both cases' tabs are in the DOM; only A's is shown.
  await expect(page.locator('section[role="tabpanel"]')).toHaveCount(2);
  await expect(page.locator('#tabpanel-1031')).toBeHidden();

  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('salesforce');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_A);
  await expect(panel.getByTestId('ticket-requester')).toHaveText(
    'Priya Raman <priya.raman@contoso-retail.example>',
  );
  await expect(panel.getByTestId('ticket-reader')).toContainText('the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await panel.getByTestId('ticket-thread-toggle').click();
  const items = panel.getByTestId('ticket-thread').locator('li');
  await expect(items).toHaveCount(6);
  // Oldest first (the feed shows the latest first); the first email's body is in a shadow root.
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role')))).toEqual([
    'customer',
    'system',
    'agent',
    'agent',
    'customer',
    'internal',
  ]);
  await expect(items.first()).toContainText('charged twice for invoice INV-2231');
  await expect(items.last()).toContainText('Refund approved up to $420');
  for (const bait of HIDDEN_BAIT) await expect(panel.getByTestId('ticket-thread')).not.toContainText(bait);
  await expect(panel.getByTestId('ticket-thread')).not.toContainText('SmartHub');

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Priya,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('Please refund the duplicate');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  const edited =
    'Hi Priya,\n\nThe duplicate charge of $419.80 has been refunded; it should show on your statement within 5 business days.\n\nKind regards,\nMarcus';
  await panel.getByTestId('draft-text').fill(edited);
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in Salesforce Service Cloud before sending');
  // Quill 2 takes the synthetic paste (text/plain + text/html), the first rung of its ladder.
  await expect(message).toHaveAttribute('data-method', 'paste');

  // Quill's model holds exactly the agent's text, blank lines between paragraphs included (Quill's paragraphs
  // have no spacing, so they are kept as empty lines), plus Quill's trailing newline.
  expect(await quillText(page, CASE_A)).toBe(`${edited}\n`);
  // Not into the Chatter post publisher, not into the other case.
  expect(await quillText(page, CASE_A, 'post')).toBe('\n');
  expect(await quillText(page, CASE_B)).toBe('\n');
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('switching console tabs (pushState to another Case) updates the panel; Insert goes to the new case only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openConsole(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_A);
  const keyA = await ticketKeyFromPanel(panel, tabId);
  expect(keyA).toBe(`salesforce:acme.lightning.force.com:${CASE_A}`);

  // The agent clicks the other console tab: the console pushes the record URL, no reload.
  await page.locator('#tab-1031').click();
  await expect(page).toHaveURL(`${ORIGIN}/lightning/r/Case/${CASE_B}/view`);
  expect(await page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.shownCase)).toBe(CASE_B);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_B);
  await expect(panel.getByTestId('ticket-requester')).toHaveText(
    'Tomás Ortega <tomas.ortega@fabrikam.example>',
  );
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');
  await panel.getByTestId('ticket-thread-toggle').click();
  const items = panel.getByTestId('ticket-thread').locator('li');
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role')))).toEqual([
    'customer',
    'internal',
  ]);
  await expect(panel.getByTestId('ticket-thread')).not.toContainText('INV-2231');

  await panel
    .getByTestId('draft-text')
    .fill(
      'Hi Tomás,\n\nWe have issued RMA 7731 for your SmartHub X2; a prepaid label is on its way.\n\nDana',
    );
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await quillText(page, CASE_B)).toBe(
    'Hi Tomás,\n\nWe have issued RMA 7731 for your SmartHub X2; a prepaid label is on its way.\n\nDana\n',
  );
  expect(await quillText(page, CASE_A)).toBe('\n');

  // A reply still meant for case A is refused now that the tab shows B.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Priya!' }),
    { id: tabId, key: keyA },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect(await quillText(page, CASE_A)).toBe('\n');

  // Back (popstate): the panel follows again.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/lightning/r/Case/${CASE_A}/view`));
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_A);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
