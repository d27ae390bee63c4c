// Drafting: Stop, Regenerate with versions, the agent's edits winning over a running stream, the provider
// timeout, the "no provider" state, Test connection in the options page, and web pages being unable to
// start a model call.
import { expect, test } from './harness';
import {
  chatRequests,
  markRealm,
  realmMark,
  storedGenerations,
  ticketKeyFromPanel,
  useMockModelWithTimeout,
} from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

const LONG_DRAFT =
  'Hello Maria, thank you for flagging the double charge on your March invoice INV-2031. '.repeat(24);

test('Stop ends the stream: status "stopped", the text so far stays, and the request is not completed later', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  // ~2,000 characters, 5 a chunk, every 40 ms: about 16 s if nobody stops it.
  mock.enqueue({ kind: 'text', content: LONG_DRAFT, chunkSize: 5, delayMs: 40 });

  await panel.getByTestId('draft-generate').click();
  const box = panel.getByTestId('draft-text');
  await expect(box).toHaveValue(/^Hello Maria, thank you for flagging/);
  await panel.getByTestId('draft-stop').click();
  const status = panel.getByTestId('draft-status');
  await expect(status).toHaveAttribute('data-status', 'stopped');
  await expect(status).toContainText('Stopped — the text so far is kept.');
  const kept = await box.inputValue();
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(LONG_DRAFT.length);
  expect(LONG_DRAFT.startsWith(kept)).toBe(true);
  await expect(panel.getByTestId('draft-generate')).toHaveText('Regenerate');

  // Nothing keeps arriving: the box, and the background's record of the generation, stay where Stop left them.
  await page.waitForTimeout(1_500);
  await expect(box).toHaveValue(kept);
  expect(chatRequests(mock)).toHaveLength(1);
  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts).toHaveLength(1);
  expect(drafts[0]?.outcome).toBe('stopped');
  expect(drafts[0]?.output).toBe(kept);

  // Reopened later, the panel shows the stopped text, not a longer one.
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('draft-text')).toHaveValue(kept);
  expect(chatRequests(mock)).toHaveLength(1);
});

test('Regenerate keeps the previous version: Versions lists both and "Use this version" restores the first', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const textA = 'Hi Maria,\n\nVersion A: we refunded the duplicate charge.\n\nSam';
  const textB = 'Hello Maria,\n\nVersion B: the second €49.00 charge is reversed; allow 3–5 days.\n\nSam';

  mock.enqueue({ kind: 'text', content: textA });
  await expect(panel.getByTestId('draft-generate')).toHaveText('Draft reply');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(textA);

  mock.enqueue({ kind: 'text', content: textB });
  await expect(panel.getByTestId('draft-generate')).toHaveText('Regenerate');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(textB);

  const versions = panel.getByTestId('draft-versions');
  const options = versions.locator('option:not([value=""])');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveText(/^1\. AI draft/);
  await expect(options.nth(1)).toHaveText(/^2\. AI draft/);

  await versions.selectOption('0');
  await panel.getByTestId('draft-restore').click();
  await expect(panel.getByTestId('draft-text')).toHaveValue(textA);
  expect(chatRequests(mock)).toHaveLength(2);
});

test('typing in the draft box while the AI streams: the agent’s text stays, the AI version goes to Versions', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const aiText = LONG_DRAFT.slice(0, 600);
  // 600 characters, 6 a chunk, every 30 ms: about 3 s of streaming.
  mock.enqueue({ kind: 'text', content: aiText, chunkSize: 6, delayMs: 30 });

  await panel.getByTestId('draft-generate').click();
  const box = panel.getByTestId('draft-text');
  await expect(box).toHaveValue(/^Hello Maria, thank you/);
  await box.click();
  await box.press('Control+End');
  await box.pressSequentially(' [my own words]');
  // The stream is still running when the agent typed.
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'streaming');
  const agentText = await box.inputValue();
  expect(agentText.endsWith(' [my own words]')).toBe(true);

  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  await expect(box).toHaveValue(agentText);
  const notice = panel.getByTestId('draft-diverged');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('version 1 is kept in Versions');

  // The complete AI text is in Versions.
  const versions = panel.getByTestId('draft-versions');
  await expect(versions.locator('option:not([value=""])')).toHaveCount(1);
  await versions.selectOption('0');
  await panel.getByTestId('draft-restore').click();
  await expect(box).toHaveValue(aiText);
  // …and the agent's text was kept as a version of its own when it was replaced.
  await expect(versions.locator('option:not([value=""])')).toHaveCount(2);
  await expect(versions.locator('option').nth(2)).toHaveText(/^2\. Your text/);
});

test('a provider that never answers ends in a timeout error after the configured 1 s', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModelWithTimeout(context, extensionId, mock, '1');
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'hang' });

  const started = Date.now();
  await panel.getByTestId('summarize').click();
  const error = panel.getByTestId('generation-error');
  await expect(error).toHaveAttribute('data-code', 'timeout', { timeout: 8_000 });
  expect(Date.now() - started).toBeLessThan(8_000);
  await expect(error).toContainText('1 s');
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'error');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(chatRequests(mock)).toHaveLength(1);
});

test('no provider: the notice shows and Summarize/Draft are disabled until settings are saved (no panel reload)', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  await expect(panel.getByTestId('no-provider')).toBeVisible();
  await expect(panel.getByTestId('no-provider')).toContainText('Connect a model');
  await expect(panel.getByTestId('summarize')).toBeDisabled();
  await expect(panel.getByTestId('draft-generate')).toBeDisabled();
  const mark = await markRealm(panel);

  await useMockModel(context, extensionId, mock);

  await expect(panel.getByTestId('no-provider')).toHaveCount(0);
  await expect(panel.getByTestId('summarize')).toBeEnabled();
  await expect(panel.getByTestId('draft-generate')).toBeEnabled();
  expect(await realmMark(panel)).toBe(mark);
  // And they work.
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);
});

test('Test connection in the options page lists the mock’s models, and explains a rejected key (401)', async ({
  context,
  extensionId,
  mock,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('provider-base-url').fill(mock.url);
  await options.getByTestId('provider-model').fill('gpt-4o-mini');
  await options.getByTestId('provider-api-key').fill('sk-test-deskmate');
  await options.getByTestId('provider-test').click();
  const status = options.getByTestId('provider-status');
  await expect(status).toContainText('Connected to');
  await expect(status).toContainText('“gpt-4o-mini” is available');
  const models = options.getByTestId('provider-models').locator('li');
  await expect(models).toHaveCount(5);
  await expect(options.getByTestId('provider-models')).toContainText('gpt-4.1-mini');
  expect(
    mock.requests.filter((r) => r.method === 'GET' && r.path === '/v1/models').at(-1)?.headers.authorization,
  ).toBe('Bearer sk-test-deskmate');

  await options.getByTestId('provider-api-key').fill('sk-invalid-0000');
  await options.getByTestId('provider-test').click();
  await expect(status).toContainText('The API key was rejected (401)');
  await expect(status).toContainText('auth');
  await expect(options.getByTestId('provider-models')).toHaveCount(0);
  // Testing saves nothing.
  await options.reload();
  await expect(options.getByTestId('provider-base-url')).toHaveValue('');
});

test('a web page cannot start a model call: no chrome.runtime in the page, and message spam reaches no model', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
  const ticketKey = await ticketKeyFromPanel(panel, tabId);
  mock.reset();

  const noRuntime = await page.evaluate(() => {
    const c = (
      globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }
    ).chrome;
    return typeof c === 'undefined' || (!c.runtime?.sendMessage && !c.runtime?.connect);
  });
  expect(noRuntime).toBe(true);

  await page.evaluate(
    ({ tabId: id, ticketKey: key }) => {
      const shapes: unknown[] = [
        { type: 'start', kind: 'draft', tabId: id, ticketKey: key },
        { type: 'start', kind: 'summary', tabId: id, ticketKey: key },
        { name: 'generation', message: { type: 'start', kind: 'draft', tabId: id, ticketKey: key } },
        { type: 'reply/insert', tabId: id, ticketKey: key, text: 'pwned' },
        { type: 'provider/test', baseURL: 'http://127.0.0.1:1/v1', model: 'x', apiKey: 'k' },
        { type: 'content/ticket-changed', ticketId: '124', url: location.href },
      ];
      for (const shape of shapes) {
        window.postMessage(shape, '*');
        window.postMessage(JSON.stringify(shape), '*');
        for (const name of ['deskmate', 'deskmate:start', 'generation', 'message', 'deskmate-generation']) {
          window.dispatchEvent(new CustomEvent(name, { detail: shape }));
          document.dispatchEvent(new CustomEvent(name, { detail: JSON.stringify(shape) }));
        }
      }
    },
    { tabId, ticketKey },
  );
  await page.waitForTimeout(1_500);
  expect(chatRequests(mock)).toHaveLength(0);
  expect(mock.requests).toHaveLength(0);
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'idle');
  await expect(panel.getByTestId('draft-text')).toHaveValue('');
  // The page did not even switch the panel's ticket.
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');

  // Control: the panel itself can start one, so the mock would have seen the page's if it had got through.
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);
});
