// Intercom in real Chromium with the built extension: the conversation is read from the page (the stream lives in an
// open shadow root; one conversation uses the legacy part markup, the other the Tailwind markup whose roles come
// from where the bubbles are laid out), the draft is inserted into ProseMirror's own document, nothing is sent or
// written, and a pushState switch to another conversation is followed by the panel and by Insert.
import type { Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://app.intercom.com';
const APP = 'k7x2p9qa';
const LEGACY_ID = '215471';
const TAILWIND_ID = '215498';
const inboxUrl = (id: string) => `${ORIGIN}/a/inbox/${APP}/inbox/shared/all/conversation/${id}`;

interface ProseMirrorNode {
  childCount: number;
  textContent: string;
  child(index: number): ProseMirrorNode & { type: { name: string } };
}
interface IntercomFixture {
  isReady: boolean;
  editors: Record<string, { state: { doc: ProseMirrorNode } }>;
  submits: unknown[];
}
type FixtureWindow = Window & { __deskmateFixture?: IntercomFixture };

async function openIntercom(page: Page, sw: Worker, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as FixtureWindow).__deskmateFixture?.isReady === true);
  return tabIdOf(sw, `${ORIGIN}/*`);
}

/** ProseMirror's document (the model, not the DOM) of a conversation's reply composer. */
async function composerModel(
  page: Page,
  conversationId: string,
): Promise<{ text: string; blocks: Array<{ type: string; text: string }> } | null> {
  return page.evaluate((id) => {
    const view = (window as FixtureWindow).__deskmateFixture?.editors[id];
    if (!view) return null;
    const doc = view.state.doc;
    const blocks: Array<{ type: string; text: string }> = [];
    for (let i = 0; i < doc.childCount; i += 1) {
      blocks.push({ type: doc.child(i).type.name, text: doc.child(i).textContent });
    }
    return { text: doc.textContent, blocks };
  }, conversationId);
}

async function submitCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as FixtureWindow).__deskmateFixture?.submits.length ?? -1);
}

const HIDDEN_BAIT = ['5000 EUR', 'watch list', 'admin password', 'API keys'];

test('legacy link → inbox route; the shadow-DOM stream is read; the mock draft goes into ProseMirror, never sent', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  // The legacy address answers with a 301 to the inbox form, as Intercom does.
  const tabId = await openIntercom(
    page,
    sw,
    `${ORIGIN}/a/apps/${APP}/inbox/inbox/all/conversations/${LEGACY_ID}`,
  );
  await expect(page).toHaveURL(inboxUrl(LEGACY_ID));
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('intercom');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Refund for double charge on invoice INV-2291',
  );
  await expect(panel.getByTestId('ticket-requester')).toContainText('Maya Okafor');
  await expect(panel.getByTestId('ticket-reader')).toContainText('Intercom adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li[data-role="customer"]')).toHaveCount(2);
  await expect(thread.locator('li[data-role="agent"]')).toHaveCount(2);
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toHaveCount(1);
  for (const bait of HIDDEN_BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(await panel.getByTestId('draft-text').inputValue()).toContain('Hi Maya,');
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('charged twice for invoice INV-2291');
  for (const bait of HIDDEN_BAIT) expect(prompt).not.toContain(bait);

  const edited =
    'Hi Maya,\n\nThe second payment for INV-2291 is refunded; it shows on your card within 5 business days.\n\nPriya';
  await panel.getByTestId('draft-text').fill(edited);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toContainText(
    'Inserted — review it in Intercom before sending',
  );
  // ProseMirror takes the synthetic paste (text/plain + text/html): the first rung of its ladder.
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');

  const model = await composerModel(page, LEGACY_ID);
  expect(model?.blocks).toEqual([
    { type: 'paragraph', text: 'Hi Maya,' },
    {
      type: 'paragraph',
      text: 'The second payment for INV-2291 is refunded; it shows on your card within 5 business days.',
    },
    { type: 'paragraph', text: 'Priya' },
  ]);
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('a pushState switch to the Tailwind-markup conversation: the panel follows, Insert lands only in its composer', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const tabId = await openIntercom(page, sw, inboxUrl(LEGACY_ID));
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Refund for double charge on invoice INV-2291',
  );
  const legacyKey = await ticketKeyFromPanel(panel, tabId);
  expect(legacyKey).toBe(`intercom:app.intercom.com:${LEGACY_ID}`);

  // The agent clicks the other conversation in the list: the app switches with history.pushState.
  await page.locator(`[data-fixture-nav="${TAILWIND_ID}"]`).click();
  await expect(page).toHaveURL(inboxUrl(TAILWIND_ID));
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Webhook retries flood our endpoint');
  await expect(panel.getByTestId('ticket-requester')).toContainText('Jonas Berg');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5');
  // No role attribute on these parts: the bubbles' sides told the roles, so nothing was guessed.
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  await expect(thread.locator('li')).toHaveCount(5);
  await expect(thread.locator('li[data-role="customer"]')).toHaveCount(2);
  await expect(thread.locator('li[data-role="agent"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="internal"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="system"]')).toHaveCount(1);
  await expect(thread.locator('li[data-role="agent"]')).toContainText('Retries back off exponentially');

  // Both composers are in the page now (the first conversation's pane is only hidden).
  expect(await composerModel(page, LEGACY_ID)).not.toBeNull();
  await panel.getByTestId('draft-text').fill('Hi Jonas,\n\nThe backoff fix ships in release 2026.03.2.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'paste');
  expect((await composerModel(page, TAILWIND_ID))?.blocks).toEqual([
    { type: 'paragraph', text: 'Hi Jonas,' },
    { type: 'paragraph', text: 'The backoff fix ships in release 2026.03.2.' },
  ]);
  expect((await composerModel(page, LEGACY_ID))?.text).toBe('');

  // A reply still meant for the first conversation is refused now that the tab shows the other one.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Maya!' }),
    { id: tabId, key: legacyKey },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect((await composerModel(page, LEGACY_ID))?.text).toBe('');

  // Back: the panel follows the route again.
  await page.goBack();
  await expect(page).toHaveURL(inboxUrl(LEGACY_ID));
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Refund for double charge on invoice INV-2291',
  );
  expect(await submitCount(page)).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
