// Token budget and cost in the built extension: a long Zendesk thread sent to a small-window model arrives
// trimmed (first customer message and latest messages whole, the middle replaced by a marker), the panel says so
// calmly and shows the prompt's tokens, the payload preview shows the same trimmed payload, and with a price set
// in the options page the panel shows the cost computed from the real tokenizer's counts.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests, storedGenerations } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

/** The generated thread's comment i is written at 08:00 + i minutes (tests/fixtures/zendesk/routes.mjs). */
const at = (i: number) =>
  new Date(Date.parse('2026-03-04T08:00:00Z') + i * 60_000).toISOString().replace('.000Z', 'Z');

function userMessageOf(body: unknown): string {
  const messages = (body as { messages: { role: string; content: string }[] }).messages;
  return messages.find((m) => m.role === 'user')?.content ?? '';
}

async function setPriceInOptions(
  context: BrowserContext,
  extensionId: string,
  model: string,
  input: string,
  output: string,
) {
  const options: Page = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByTestId('pricing-section');
  // A bad value first: rejected with a field message, nothing stored.
  await section.getByTestId('price-model').fill(model);
  await section.getByTestId('price-input').fill('cheap');
  await section.getByTestId('price-output').fill(output);
  await section.getByTestId('price-save').click();
  await expect(section.getByTestId('price-input-error')).toContainText('plain number');
  await section.getByTestId('price-input').fill(input);
  await section.getByTestId('price-save').click();
  await expect(section.getByTestId('price-status')).toContainText('Saved.');
  await expect(section.getByTestId(`price-row-${model}`)).toContainText(`$${input}`);
  await options.close();
}

test('a long thread and a small-window model: the request keeps the first customer message and the latest ones, the middle is left out, the panel says so', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  const N = 150;
  fixtures.state.zendeskGeneratedComments = N;
  // llama3.2 on Ollama: budgeted at Ollama's default 4,096-token context.
  await useMockModel(context, extensionId, mock, { model: 'llama3.2' });
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  // The preview, before anything is sent: prepared by the background with the same budget.
  await panel.getByTestId('payload-toggle').click();
  const size = panel.getByTestId('payload-size');
  await expect(size).toContainText(/middle messages were left out to fit llama3\.2's 4k window/);
  await expect(size).toContainText('prompt tokens');
  const previewText = (await panel.getByTestId('payload-messages').textContent()) ?? '';
  const omitted = Number(
    /\[(\d+) earlier messages omitted to fit the model's context\]/.exec(previewText)?.[1],
  );
  expect(omitted).toBeGreaterThan(N / 2);

  mock.enqueue({ kind: 'text', content: 'Hi Maria, I am looking into the double charge now.' });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');

  const requests = chatRequests(mock);
  expect(requests).toHaveLength(1);
  const user = userMessageOf(requests[0]?.body);
  expect(user).toContain(at(0)); // the first customer message (the thread opens with Maria's)
  expect(user).toContain('I was charged twice for my March invoice');
  expect(user).toContain(at(N - 1)); // the latest message
  expect(user).toContain(at(N - 2));
  expect(user).not.toContain(at(Math.floor(N / 2))); // the middle is not sent
  expect(user).toContain(`[${omitted} earlier messages omitted to fit the model's context]`);

  // Under the draft: prompt tokens (estimated for this model), no cost for a local model, the calm notice.
  await expect(panel.getByTestId('draft-usage-tokens')).toContainText(
    /≈ [\d,]+ prompt tokens · ≈ [\d,]+ answer tokens · ≈ \$0/,
  );
  await expect(panel.getByTestId('draft-usage-trimmed')).toHaveText(
    `${omitted} middle messages were left out to fit llama3.2's 4k window; the first customer message and the latest ones were sent whole.`,
  );
  const [record] = (await storedGenerations(panel)) as unknown as {
    promptTokens: number;
    tokenCountMethod: string;
    trimmed: { omittedMessages: number; budgetTokens: number };
  }[];
  expect(record?.tokenCountMethod).toBe('estimate');
  expect(record?.trimmed.omittedMessages).toBe(omitted);
  expect(record?.promptTokens).toBeLessThanOrEqual(record?.trimmed.budgetTokens ?? 0);
});

test('with a price set in the options page, the panel shows the cost of each generation (counted with the real tokenizer)', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock, { model: 'gpt-4o-mini' });
  await setPriceInOptions(context, extensionId, 'gpt-4o-mini', '100', '200');
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  mock.enqueue({ kind: 'text', content: '- **Issue:** charged twice for the March invoice.' });
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-text')).toContainText('charged twice');
  // The record gets its answer tokens and final cost when the stream is done, not with the first text.
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');

  const [record] = (await storedGenerations(panel)) as unknown as {
    promptTokens: number;
    outputTokens: number;
    tokenCountMethod: string;
    costUsd: number;
    trimmed: unknown;
  }[];
  expect(record?.tokenCountMethod).toBe('tokenizer');
  expect(record?.trimmed).toBeNull();
  const expected = ((record?.promptTokens ?? 0) * 100 + (record?.outputTokens ?? 0) * 200) / 1e6;
  expect(record?.costUsd).toBeCloseTo(expected, 10);
  const line = panel.getByTestId('summary-usage-tokens');
  await expect(line).toHaveText(
    `${record?.promptTokens.toLocaleString('en-US')} prompt tokens · ${record?.outputTokens} answer tokens · ≈ $${expected.toFixed(3)}`,
  );
  await expect(panel.getByTestId('summary-usage-trimmed')).toHaveCount(0);

  // Reopened, the line is still there (read from the stored generation).
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('summary-usage-tokens')).toContainText('prompt tokens');
});

test('an unknown model is budgeted with an assumed window, and the panel says how to set the real one', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock, { model: 'acme-support-llm' });
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({ kind: 'text', content: 'Hi Maria, thanks for the details.' });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-usage-tokens')).toContainText('no price set for this model');
  await expect(panel.getByTestId('draft-usage-window')).toContainText(
    "does not know acme-support-llm's context window and assumed 8k tokens",
  );
});
