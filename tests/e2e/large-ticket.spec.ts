// Large tickets (#7): a 500-message Zendesk thread (the fixture's generated thread, as the benchmarks use) is read
// whole — the card says 500 — while the thread view keeps only a window of rows in the DOM. The rows keep list
// semantics with their place in the whole list (aria-posinset / aria-setsize), the region scrolls by keyboard, and
// End shows the last message.
import type { Locator } from '@playwright/test';
import { seriousAxeViolations } from './axe';
import { expect, test } from './harness';
import { openZendesk, panelFor, zendeskPanelWithMockModel } from './steps';

const MESSAGES = 500;

/** The first message row reaching into the thread's viewport: its place in the thread and its top (px) there. */
function topRow(viewport: Locator): Promise<{ place: number; offset: number }> {
  return viewport.evaluate((vp) => {
    const top = vp.getBoundingClientRect().top;
    const row = [...vp.querySelectorAll('li')].find((li) => li.getBoundingClientRect().bottom > top + 1);
    return {
      place: Number(row?.getAttribute('aria-posinset') ?? 0),
      offset: Math.round((row?.getBoundingClientRect().top ?? 0) - top),
    };
  });
}

/** topRow once it holds still (the rows in view measured, the window re-rendered). */
async function settledTopRow(viewport: Locator): Promise<{ place: number; offset: number }> {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await topRow(viewport));
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  return JSON.parse(last) as { place: number; offset: number };
}

test('a 500-message ticket: the count says 500, the thread holds a window of rows, End shows the last message and Home the first', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
  mock,
}) => {
  fixtures.state.zendeskGeneratedComments = MESSAGES;
  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  await expect(panel.getByTestId('ticket-message-count')).toHaveText(String(MESSAGES));

  const toggle = panel.getByTestId('ticket-thread-toggle');
  await toggle.click();
  const viewport = panel.getByTestId('ticket-thread-viewport');
  const thread = panel.getByTestId('ticket-thread');
  const rows = thread.locator('li');
  await expect(viewport).toHaveAttribute('data-windowed', 'true');
  await expect(viewport).toHaveAccessibleName(`Thread as read, ${MESSAGES} messages`);
  await viewport.scrollIntoViewIfNeeded();

  // The first message, numbered within the whole thread; far fewer rows than messages in the DOM.
  const first = thread.locator('li[aria-posinset="1"]');
  await expect(first).toBeInViewport();
  await expect(first).toHaveAttribute('aria-setsize', String(MESSAGES));
  await expect(first.locator('.msg-text')).toContainText('I was charged twice for my March invoice');
  const atTop = await rows.count();
  expect(atTop).toBeGreaterThan(2);
  expect(atTop).toBeLessThan(60);
  expect(await thread.getAttribute('start')).toBe('1');

  // By keyboard: Tab from the toggle into the thread region, End to the last message (generated comment 500 is the
  // fixture's fifth comment, the internal note).
  await toggle.focus();
  await panel.keyboard.press('Tab');
  await expect(viewport).toBeFocused();

  // Reading in the middle: the message at the top stays where it is when the panel gets narrower and the rows
  // above it re-wrap (measured again, taller).
  for (let i = 0; i < 6; i++) await panel.keyboard.press('PageDown');
  const reading = await settledTopRow(viewport);
  expect(reading.place).toBeGreaterThan(5);
  await panel.setViewportSize({ width: 420, height: 720 });
  await expect.poll(() => viewport.evaluate((vp) => vp.clientWidth)).toBeLessThan(420);
  const afterResize = await settledTopRow(viewport);
  expect(afterResize.place).toBe(reading.place);
  expect(Math.abs(afterResize.offset - reading.offset)).toBeLessThanOrEqual(2);

  await panel.keyboard.press('End');
  const last = thread.locator(`li[aria-posinset="${MESSAGES}"]`);
  await expect(last).toBeInViewport({ ratio: 0.9 });
  await expect(last).toHaveAttribute('data-role', 'internal');
  await expect(last.locator('.msg-text')).toContainText('Approved. Refund ch_3OqA2y in full');
  await expect(first).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(60);
  // Every row in the DOM sits at its own place in the whole list, in order.
  const places = (await rows.evaluateAll((items) => items.map((li) => li.getAttribute('aria-posinset')))).map(
    Number,
  );
  expect(places.at(-1)).toBe(MESSAGES);
  expect(places).toEqual(places.map((_, i) => (places[0] ?? 0) + i));
  expect(Number(await thread.getAttribute('start'))).toBe(places[0]);
  // The last message stays in view once its neighbours are measured (the end holds).
  await expect(last).toBeInViewport({ ratio: 0.9 });

  // PageUp moves back through the thread; Home returns to the first message.
  const before = places[0] ?? 0;
  for (let i = 0; i < 3; i++) await panel.keyboard.press('PageUp');
  await expect
    .poll(async () => Number(await rows.first().getAttribute('aria-posinset')))
    .toBeLessThan(before);
  await panel.keyboard.press('Home');
  await expect(first).toBeInViewport();
  expect(await rows.count()).toBeLessThan(60);

  expect(await seriousAxeViolations(panel)).toEqual([]);

  // What will be sent: one entry per request message (system, user), not one node per ticket message.
  await panel.getByTestId('payload-toggle').click();
  const payload = panel.getByTestId('payload-messages');
  await expect(payload).toContainText('Approved. Refund ch_3OqA2y in full');
  expect(await payload.locator('li').count()).toBeLessThanOrEqual(3);
  expect(await payload.locator('*').count()).toBeLessThan(100);
});

test('a short thread is rendered whole (no window), with the same list semantics', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const count = Number(await panel.getByTestId('ticket-message-count').textContent());
  await panel.getByTestId('ticket-thread-toggle').click();
  await expect(panel.getByTestId('ticket-thread-viewport')).toHaveAttribute('data-windowed', 'false');
  const rows = panel.getByTestId('ticket-thread').locator('li');
  await expect(rows).toHaveCount(count);
  await expect(rows.last()).toHaveAttribute('aria-posinset', String(count));
  await expect(rows.last()).toHaveAttribute('aria-setsize', String(count));
});
