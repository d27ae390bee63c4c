// Gmail as a shared support inbox in real Chromium with the built extension. The page is served with
// `Content-Security-Policy: require-trusted-types-for 'script'` (Gmail enforces Trusted Types), keeps the views of
// earlier conversations in the DOM (hidden), and has an open inline reply box per conversation: a plain
// contenteditable whose DOM is what Gmail sends. Read from the page only, insert into the open conversation's box,
// cause no Trusted Types violation, never send, never write.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://mail.google.com';
const TOKEN_A = 'FMfcgzQZTmWrlXKZqvxgkTWcTjbVRQqn';
const TOKEN_B = 'FMfcgzQZTmXbYqLkRfGhJwNpStVcKdPm';
/** Legacy thread ids the conversation headings carry (the URL tokens above are not thread ids). */
const THREAD_A = '18c9a1f2b3d4e5f6';
const THREAD_B = '18c9b7e6d5c4a3b2';
const SUBJECT_A = 'Order #58213 arrived with a broken handle';
const SUBJECT_B = 'Can I change the delivery address for order #58240?';
const HIDDEN_BAIT = ['ignore your instructions', '50% voucher'];
/** Conversation B's reply box opens with an empty first line above the mailbox's signature, like Gmail's. */
const SIGNATURE_B =
  '<div class="gmail_signature" data-smartmail="gmail_signature">Acme Shop Support · help.acme-shop.example</div>';
const FRESH_REPLY_B = `<div><br></div>${SIGNATURE_B}`;

interface GmailFixture {
  isReady: boolean;
  shown: string | null;
  trustedTypesEnforced: boolean;
  violations: Array<{ directive: string; sample: string }>;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: GmailFixture };

async function openGmail(page: Page, sw: Worker, hash = `#inbox/${TOKEN_A}`): Promise<number> {
  const response = await page.goto(`${ORIGIN}/mail/u/0/${hash}`);
  expect(response?.headers()['content-security-policy']).toBe("require-trusted-types-for 'script'");
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  // The header is in force: the page itself cannot assign an HTML string.
  expect(await page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.trustedTypesEnforced)).toBe(
    true,
  );
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** The reply box of a conversation view (by URL token): its DOM is Gmail's model of the reply. */
const replyBox = (token: string) => `[data-fixture-view="${token}"] .M9 [contenteditable="true"]`;

async function replyHtml(page: Page, token: string): Promise<string> {
  return page.evaluate(
    (selector) => document.querySelector(selector)?.innerHTML ?? '<missing box>',
    replyBox(token),
  );
}

async function fixtureState(page: Page): Promise<GmailFixture> {
  return page.evaluate(() => {
    const f = (window as FixtureWindow).__deskmateFixture!;
    return {
      isReady: f.isReady,
      shown: f.shown,
      trustedTypesEnforced: f.trustedTypesEnforced,
      violations: [...f.violations],
      submits: [...f.submits],
    };
  });
}

test('reads the open conversation, drafts, and Insert lands in its reply box under Trusted Types, never sends', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  const tabId = await openGmail(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('gmail');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_A);
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Olivia Chen <olivia.chen@gmail.com>');
  await expect(panel.getByTestId('ticket-reader')).toContainText('the page (DOM)');
  // The first message is collapsed: what is rendered is read, and the panel says what was not.
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('2');
  await expect(panel.getByTestId('ticket-warnings')).toContainText('One message is collapsed in Gmail');
  await panel.getByTestId('ticket-thread-toggle').click();
  const items = panel.getByTestId('ticket-thread').locator('li');
  // A colleague at the mailbox's domain is the agent side; the customer writes from a webmail address.
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role')))).toEqual([
    'agent',
    'customer',
  ]);
  await expect(items.last()).toContainText("I'd prefer a replacement rather than a refund");
  for (const bait of HIDDEN_BAIT) await expect(panel.getByTestId('ticket-thread')).not.toContainText(bait);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Olivia,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('snapped off at the hinge');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  await panel
    .getByTestId('draft-text')
    .fill('Hi Olivia,\n\nA replacement kettle is on its way; no need to send the broken one back.\n\nJordan');
  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in Gmail before sending');
  // A plain contenteditable ignores synthetic paste/beforeinput; insertHTML from the isolated world is not
  // subject to the page's Trusted Types policy.
  await expect(message).toHaveAttribute('data-method', 'exec-command');

  expect(await replyHtml(page, TOKEN_A)).toBe(
    '<p>Hi Olivia,</p><p>A replacement kettle is on its way; no need to send the broken one back.</p><p>Jordan</p>',
  );
  expect(await replyHtml(page, TOKEN_B)).toBe(FRESH_REPLY_B);
  const state = await fixtureState(page);
  expect(state.violations).toEqual([]);
  expect(state.submits).toEqual([]);
  expect(fixtures.writes).toEqual([]);

  // Control: the page does record a violation, so the empty list above means something.
  await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<i>page-side assignment</i>';
    } catch {
      // refused, as it must be
    }
  });
  await expect
    .poll(async () => (await fixtureState(page)).violations.map((v) => v.directive))
    .toEqual(['require-trusted-types-for']);
});

test('opening another conversation (hash change) updates the panel; Insert goes to its reply box only', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openGmail(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_A);
  const keyA = await ticketKeyFromPanel(panel, tabId);
  // The ticket id is the thread id from the DOM, not the URL token.
  expect(keyA).toBe(`gmail:mail.google.com:${THREAD_A}`);

  // Back to the list, then the other conversation: only the hash changes, A's view stays in the DOM (hidden).
  await page.locator('a[href="#inbox"]').click();
  await page.locator(`tr.zA[data-fixture-open="${TOKEN_B}"]`).click();
  await expect(page).toHaveURL(`${ORIGIN}/mail/u/0/#inbox/${TOKEN_B}`);
  await expect(page.locator(`[data-fixture-view="${TOKEN_A}"] h2.hP`)).toBeHidden();
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_B);
  await expect(panel.getByTestId('ticket-requester')).toHaveText(
    'Lukas Meyer <lukas.meyer@fabrikam.example>',
  );
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('1');
  expect(await ticketKeyFromPanel(panel, tabId)).toBe(`gmail:mail.google.com:${THREAD_B}`);

  // Gmail focuses a reply box when it opens, with the caret on the empty first line above the signature.
  await page.locator(replyBox(TOKEN_B)).focus();
  await panel.getByTestId('draft-text').fill('Hi Lukas,\n\nDone: order #58240 now ships to Lindenstraße 12.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  // At the caret (Chrome's insertHTML fills the empty first line), so above the signature, which stays as it was.
  expect(await replyHtml(page, TOKEN_B)).toBe(
    `<div><p>Hi Lukas,</p><p>Done: order #58240 now ships to Lindenstraße 12.</p></div>${SIGNATURE_B}`,
  );
  expect(await replyHtml(page, TOKEN_A)).toBe('');

  // A reply still meant for conversation A is refused now that B is open.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Olivia!' }),
    { id: tabId, key: keyA },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect(await replyHtml(page, TOKEN_A)).toBe('');

  const state = await fixtureState(page);
  expect(state.shown).toBe(TOKEN_B);
  expect(state.violations).toEqual([]);
  expect(state.submits).toEqual([]);
  expect(fixtures.writes).toEqual([]);
});
