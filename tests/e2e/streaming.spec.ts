// Streaming robustness (issue #4): retries before the first token with the wait shown, the first-token
// timeout, a connection cut mid-answer (partial kept, marked incomplete, Continue), a broken proxy's malformed
// SSE events, Stop while connecting and while waiting to retry, and the service worker stopped mid-stream.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests, storedGenerations, useMockModelWithTimeout } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

const DRAFT =
  'Hi Maria,\n\nThank you for flagging the double charge on your March invoice INV-2031. I have asked our ' +
  'billing team to reverse the second charge of €49.00; it will show on your statement within 3–5 ' +
  'business days.\n\nKind regards,\nSam';

interface ChatMessage {
  role: string;
  content: string;
}

/** The messages of a recorded chat request, with the per-request nonce of the ticket block made neutral. */
function sentMessages(request: { body: unknown } | undefined): ChatMessage[] {
  const messages = (request?.body as { messages?: ChatMessage[] } | undefined)?.messages ?? [];
  return messages.map((m) => ({ ...m, content: m.content.replace(/nonce=\w+/g, 'nonce=N') }));
}

test('429 with Retry-After: 1, then success: the status line shows the retry, then the draft arrives', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'status', status: 429, retryAfter: 1 });
  mock.enqueue({ kind: 'text', content: DRAFT });

  await panel.getByTestId('draft-generate').click();
  const status = panel.getByTestId('draft-status');
  await expect(status).toHaveAttribute('data-retry-attempt', '2');
  await expect(status).toContainText('Rate limited by the provider — retrying in 1 s (attempt 2 of 3)');
  await expect(status).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(DRAFT);
  await expect(panel.getByTestId('generation-error')).toHaveCount(0);
  expect(chatRequests(mock)).toHaveLength(2);
});

test('a model whose first token is slower than the configured limit ends in the timeout message, not retried', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModelWithTimeout(context, extensionId, mock, '2');
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  // Headers at once, then 30 s of silence before the first token.
  mock.enqueue({ kind: 'text', content: DRAFT, firstTokenDelayMs: 30_000 });

  await panel.getByTestId('draft-generate').click();
  const error = panel.getByTestId('generation-error');
  await expect(error).toHaveAttribute('data-code', 'timeout', { timeout: 10_000 });
  await expect(error).toContainText('No answer from “gpt-4o-mini” within 2 s');
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'error');
  // Nothing arrived, so nothing is incomplete: "Try again" rather than Continue.
  await expect(panel.getByTestId('draft-incomplete')).toHaveCount(0);
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(chatRequests(mock)).toHaveLength(1);
});

test('a connection cut mid-answer keeps the partial text, marks it incomplete, and Continue writes the rest', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'disconnect', content: DRAFT, afterChars: 80, chunkSize: 10 });

  await panel.getByTestId('draft-generate').click();
  const error = panel.getByTestId('generation-error');
  await expect(error).toHaveAttribute('data-code', 'network');
  await expect(error).toContainText('The connection dropped mid-answer; the partial text was kept.');
  const box = panel.getByTestId('draft-text');
  const partial = await box.inputValue();
  expect(partial.length).toBeGreaterThanOrEqual(80);
  expect(partial.length).toBeLessThan(DRAFT.length);
  expect(DRAFT.startsWith(partial)).toBe(true);
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-incomplete', 'true');
  await expect(panel.getByTestId('draft-incomplete')).toContainText('This answer is incomplete.');
  // Not retried silently.
  expect(chatRequests(mock)).toHaveLength(1);
  const [stored] = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(stored).toMatchObject({ outcome: 'error', output: partial, incomplete: true });

  // Continue: the model repeats its last words, then goes on. The box ends with the whole draft, once.
  const rest = DRAFT.slice(partial.length);
  mock.enqueue({ kind: 'text', content: `${partial.slice(-15)}${rest}` });
  await panel.getByTestId('draft-continue').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(box).toHaveValue(DRAFT);
  await expect(panel.getByTestId('draft-incomplete')).toHaveCount(0);
  const requests = chatRequests(mock);
  expect(requests).toHaveLength(2);
  const sent = sentMessages(requests[1]);
  expect(sent.at(-2)).toEqual({ role: 'assistant', content: partial });
  expect(sent.at(-1)?.content).toContain('Continue it exactly where it stopped');
  // The same ticket payload as the first request (with a fresh nonce), before the partial answer.
  expect(sent.slice(0, -2)).toEqual(sentMessages(requests[0]));
});

test('malformed SSE events from a broken proxy are skipped: the draft still arrives whole', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'malformed', content: DRAFT, chunkSize: 12, every: 2 });

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(DRAFT);
  await expect(panel.getByTestId('generation-error')).toHaveCount(0);
  const [stored] = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(stored).toMatchObject({ outcome: 'complete', output: DRAFT });
});

test('Stop works while waiting to retry and while connecting: no further request is made', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const status = panel.getByTestId('draft-status');

  // 1. During the backoff wait (the server asked for 10 s).
  mock.enqueue({ kind: 'status', status: 503, retryAfter: 10 });
  await panel.getByTestId('draft-generate').click();
  await expect(status).toContainText('retrying in');
  await panel.getByTestId('draft-stop').click();
  await expect(status).toHaveAttribute('data-status', 'stopped');
  await page.waitForTimeout(1_500);
  expect(chatRequests(mock)).toHaveLength(1);

  // 2. While connecting (the server never answers).
  mock.reset();
  mock.enqueue({ kind: 'hang' });
  await panel.getByTestId('draft-generate').click();
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect.poll(() => chatRequests(mock).length).toBe(1);
  await panel.getByTestId('draft-stop').click();
  await expect(status).toHaveAttribute('data-status', 'stopped');
  await expect(panel.getByTestId('generation-error')).toHaveCount(0);

  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts.map((g) => g.outcome)).toEqual(['stopped', 'stopped']);
});

/**
 * Stops the extension's service worker the way Chrome does when it shuts one down. A CDP session on an
 * extension page (not a worker target: Playwright keeps workers it attached to alive) can call
 * ServiceWorker.stopAllWorkers; Chromium 156 then reports the background's version as 'stopped'.
 */
async function stopServiceWorker(panelPage: Page): Promise<void> {
  const cdp = await panelPage.context().newCDPSession(panelPage);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.runningStatus === 'stopped' && v.scriptURL.endsWith('/background.js')))
        resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

test('the service worker stopped mid-stream: the partial draft is kept and marked, and survives a reopen', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const long = `${DRAFT}\n\n${'P.S. We also checked your other invoices this year and they are correct. '.repeat(20)}`;
  // ~1,700 characters, 5 a chunk, every 40 ms: about 14 s if nothing stops it.
  mock.enqueue({ kind: 'text', content: long, chunkSize: 5, delayMs: 40 });

  await panel.getByTestId('draft-generate').click();
  const box = panel.getByTestId('draft-text');
  await expect(box).toHaveValue(/^Hi Maria,\n\nThank you for flagging the double charge/);
  await stopServiceWorker(panel);

  const error = panel.getByTestId('generation-error');
  await expect(error).toContainText(
    'Deskmate’s background stopped while writing; the text that arrived is kept.',
  );
  await expect(panel.getByTestId('draft-incomplete')).toBeVisible();
  const partial = await box.inputValue();
  expect(partial.length).toBeGreaterThan(0);
  expect(partial.length).toBeLessThan(long.length);
  expect(long.startsWith(partial)).toBe(true);
  // Nothing lost: the stored generation holds everything the panel showed, marked interrupted.
  await expect
    .poll(async () => (await storedGenerations(panel)).find((g) => g.kind === 'draft'))
    .toMatchObject({ outcome: 'interrupted', output: partial, incomplete: true });

  // Reopened (the worker starts again for it): the same text, the same clear state, Continue offered.
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('draft-text')).toHaveValue(partial);
  await expect(reopened.getByTestId('draft-status')).toContainText(
    'Deskmate’s background stopped while writing; the text that arrived is kept.',
  );
  await expect(reopened.getByTestId('draft-status')).toHaveAttribute('data-incomplete', 'true');

  // Continue finishes it from what was kept.
  mock.reset();
  mock.enqueue({ kind: 'text', content: long.slice(partial.length) });
  await reopened.getByTestId('draft-continue').click();
  await expect(reopened.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(reopened.getByTestId('draft-text')).toHaveValue(long);
  const sent = sentMessages(chatRequests(mock)[0]);
  expect(sent.at(-2)).toEqual({ role: 'assistant', content: partial });
});

test('a summary cut mid-answer offers Continue too, and the summary ends whole', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const summary =
    '- **Issue:** charged twice for the March invoice INV-2031.\n- **Customer:** Maria Svensson.\n' +
    '- **Next step:** refund the second charge and confirm by e-mail.';
  mock.enqueue({ kind: 'disconnect', content: summary, afterChars: 60, chunkSize: 10 });

  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-incomplete')).toBeVisible();
  await expect(panel.getByTestId('summary-text')).toContainText('charged twice');
  await expect(panel.getByTestId('summary-text')).not.toContainText('Next step');

  const [stored] = (await storedGenerations(panel)).filter((g) => g.kind === 'summary');
  mock.enqueue({ kind: 'text', content: summary.slice(stored?.output.length ?? 0) });
  await panel.getByTestId('summary-continue').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('summary-text')).toContainText('Next step: refund the second charge');
  await expect(panel.getByTestId('summary-incomplete')).toHaveCount(0);
  const summaries = (await storedGenerations(panel)).filter((g) => g.kind === 'summary');
  expect(summaries.map((g) => g.outcome)).toEqual(['error', 'complete']);
  expect(summaries[1]?.output).toBe(summary);
});
