// The structured summary (a JSON schema where the provider takes one, a card in the panel, plain text with a note
// when the answer is not in the format) and the draft's language (the customer's by default, the agent's choice
// when overridden), driven through the built extension against the mock OpenAI API.
import type { Page } from '@playwright/test';
import { expect, type MockLlm, test } from './harness';
import { chatRequests, clipboardText } from './more-steps';
import { openZendesk, panelFor, recordTextSnapshots, textSnapshots, useMockModel } from './steps';

// The Zendesk fixture's ticket 123 with Maria's two messages in German (comments-123.de.json).
const GERMAN_VARIANT = 'de';

type ChatBody = {
  stream?: boolean;
  response_format?: {
    type: string;
    json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
  messages: { role: string; content: string }[];
};

const bodies = (mock: MockLlm) => chatRequests(mock).map((r) => r.body as ChatBody);
const systemOf = (body: ChatBody | undefined) =>
  body?.messages.find((m) => m.role === 'system')?.content ?? '';

async function summarize(panel: Page) {
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
}

test('the summary is asked for with a strict JSON schema and shown as a card: fields, labels, steps; Copy gives plain text; history shows it again', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await summarize(panel);

  const [body] = bodies(mock);
  expect(body?.stream).toBe(true);
  expect(body?.response_format?.type).toBe('json_schema');
  expect(body?.response_format?.json_schema).toMatchObject({
    name: 'ticket_summary',
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining([
        'issue',
        'customerWants',
        'sentiment',
        'urgency',
        'language',
        'nextSteps',
      ]),
    },
  });

  const card = panel.getByTestId('summary-text');
  await expect(card).toHaveAttribute('data-view', 'card');
  await expect(panel.getByTestId('summary-issue')).toContainText('Charged twice for my March invoice');
  await expect(panel.getByTestId('summary-wants')).toHaveText(
    'Maria Svensson wants the problem resolved and an answer.',
  );
  await expect(panel.getByTestId('summary-done')).toContainText('agent reply');
  await expect(panel.getByTestId('summary-sentiment')).toHaveAttribute('data-value', 'frustrated');
  await expect(panel.getByTestId('summary-urgency')).toHaveText('Urgency: normal');
  // Zendesk's requester locale (en-GB) names the language; the English thread agrees with it.
  await expect(panel.getByTestId('summary-language')).toHaveText('Language: British English');
  await expect(panel.getByTestId('summary-next-steps').locator('li')).toHaveText([
    'Confirm the facts the customer gave.',
    'Reply with what you will do and when.',
  ]);
  await expect(panel.getByTestId('summary-plain-note')).toHaveCount(0);
  // Text only: nothing from the answer became markup.
  await expect(card.locator('a, img, script, strong')).toHaveCount(0);
  // The ticket card shows the summary's sentiment and urgency, as text.
  await expect(panel.getByTestId('ticket-sentiment')).toHaveText('frustrated');
  await expect(panel.getByTestId('ticket-urgency')).toHaveText('normal');
  await expect(panel.getByTestId('ticket-card').locator('dt')).toContainText(['Sentiment', 'Urgency']);

  await panel.getByTestId('summary-copy').click();
  await expect(panel.getByTestId('summary-copy-status')).toHaveText('Copied as plain text.');
  const copied = await clipboardText(panel);
  expect(copied).toMatch(/^Issue: "Charged twice for my March invoice"/);
  expect(copied).toContain(
    '\nSentiment: frustrated · Urgency: normal · Language: British English\nNext steps:\n- Confirm the facts',
  );
  expect(copied).not.toContain('{');

  // Stored generations keep the model's JSON; a reopened panel parses it again into the same card.
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('summary-text')).toHaveAttribute('data-view', 'card');
  await expect(reopened.getByTestId('summary-issue')).toContainText('Charged twice for my March invoice');
  await expect(reopened.getByTestId('summary-next-steps').locator('li')).toHaveCount(2);
  await expect(reopened.getByTestId('ticket-sentiment')).toHaveAttribute('data-value', 'frustrated');
  await expect(reopened.getByTestId('ticket-urgency')).toHaveText('normal');
});

test('while the summary streams, fields appear as they arrive and the raw JSON is never shown', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const answer = JSON.stringify({
    issue: 'The customer was charged twice for invoice INV-2031 and asks for one charge back.',
    customerWants: 'A refund of the duplicate charge of 49 euros.',
    doneSoFar: 'An agent asked for card digits; a refund was approved internally.',
    sentiment: 'neutral',
    urgency: 'high',
    language: 'English',
    nextSteps: ['Refund the second charge.', 'Tell Maria when the money arrives.'],
  });
  // ~440 characters, 6 a chunk, every 25 ms: about 2 s of streaming.
  mock.enqueue({ kind: 'text', content: answer, chunkSize: 6, delayMs: 25 });
  await recordTextSnapshots(panel, 'summary-text');
  // No summary yet: the ticket card has no sentiment or urgency line.
  await expect(panel.getByTestId('ticket-sentiment')).toHaveCount(0);
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-text')).toHaveAttribute('data-view', 'streaming');
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('summary-urgency')).toHaveAttribute('data-value', 'high');
  await expect(panel.getByTestId('ticket-sentiment')).toHaveText('neutral');
  await expect(panel.getByTestId('ticket-urgency')).toHaveText('high');

  const snapshots = await textSnapshots(panel, 'summary-text');
  expect(snapshots.length).toBeGreaterThan(5);
  for (const shown of snapshots) {
    expect(shown).not.toContain('{');
    expect(shown).not.toContain('"issue"');
  }
  // The issue grew in place before the other fields came.
  expect(snapshots.some((s) => s.includes('The customer was charged') && !s.includes('Customer wants'))).toBe(
    true,
  );
  // Stopped half-way: the fields that arrived stay readable (not the half JSON, not the plain-text fallback).
  mock.enqueue({ kind: 'text', content: answer, chunkSize: 3, delayMs: 60 });
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-issue')).toContainText('The customer was charged');
  await panel.getByTestId('summary-stop').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'stopped');
  await expect(panel.getByTestId('summary-text')).toHaveAttribute('data-view', 'incomplete');
  await expect(panel.getByTestId('summary-text')).not.toContainText('{');
  await expect(panel.getByTestId('summary-plain-note')).toHaveCount(0);
  // The stopped summary is not complete: the ticket card keeps the latest complete one's labels.
  await expect(panel.getByTestId('ticket-sentiment')).toHaveText('neutral');
  await expect(panel.getByTestId('ticket-urgency')).toHaveText('high');
});

test('a provider that rejects response_format: the summary is asked again without it and still becomes a card', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  mock.configure({ rejectResponseFormat: true });
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await summarize(panel);

  const sent = bodies(mock);
  expect(sent).toHaveLength(2);
  expect(sent[0]?.response_format?.type).toBe('json_schema');
  expect(sent[1]).not.toHaveProperty('response_format');
  // The same prompt both times: it asks for the JSON object in words, which the tolerant parser reads.
  expect(sent[1]?.messages).toEqual(sent[0]?.messages);
  expect(systemOf(sent[1])).toContain('one JSON object only');
  await expect(panel.getByTestId('summary-text')).toHaveAttribute('data-view', 'card');
  await expect(panel.getByTestId('summary-issue')).toContainText('Charged twice for my March invoice');
  await expect(panel.getByTestId('generation-error')).toHaveCount(0);
});

test('an answer that is not in the expected format is shown as plain text (safe Markdown) with a note', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  mock.enqueue({
    kind: 'text',
    content: '- **Issue:** charged twice <img src=x onerror="window.__pwned=1">\n- **Next:** refund it',
  });
  await summarize(panel);

  const note = panel.getByTestId('summary-plain-note');
  await expect(note).toContainText('Shown as plain text: the model’s answer was not in the expected format.');
  await expect(note).toContainText('no JSON object');
  const text = panel.getByTestId('summary-text');
  await expect(text).toHaveAttribute('data-view', 'plain');
  await expect(text.locator('li')).toHaveText([
    'Issue: charged twice <img src=x onerror="window.__pwned=1">',
    'Next: refund it',
  ]);
  await expect(text.locator('img')).toHaveCount(0);
  await expect(panel.getByTestId('summary-issue')).toHaveCount(0);
  await expect(panel.getByTestId('summary-copy')).toHaveCount(0);
  // No structured summary, so no sentiment or urgency on the ticket card.
  await expect(panel.getByTestId('ticket-sentiment')).toHaveCount(0);
  await expect(panel.getByTestId('ticket-urgency')).toHaveCount(0);
  expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // A model that finishes without a word (or declines under structured output) is not an empty "Done.".
  mock.enqueue({ kind: 'text', content: '' });
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('summary-no-answer')).toContainText('finished without writing a summary');
  await expect(panel.getByTestId('summary-plain-note')).toHaveCount(0);
});

test('a German customer: the draft is asked for in German; "Reply in: English" asks for English, kept for the ticket and shown in the preview', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  fixtures.state.zendeskComments = GERMAN_VARIANT;
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  // Zendesk says Maria's locale is en-GB, but she clearly writes German: her words win.
  const select = panel.getByTestId('reply-language');
  await expect(select).toHaveValue('');
  await expect(select.locator('option:checked')).toHaveText('Auto (German)');
  await expect(select).toHaveAttribute('data-detected', 'de');

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(systemOf(bodies(mock)[0])).toContain(
    'Language: the customer’s language, German (de), detected from their messages.',
  );
  await expect(panel.getByTestId('draft-text')).toHaveValue(/the prompt asked for German\.\)$/);

  // The summary stays in English but reports the customer's language.
  await summarize(panel);
  expect(systemOf(bodies(mock)[1])).toContain('in English (the agent’s interface language)');
  await expect(panel.getByTestId('summary-language')).toHaveText('Language: German');

  // Override: English. The preview states it before anything is sent, and the request carries it.
  await select.selectOption('en');
  await panel.getByTestId('payload-toggle').click();
  await panel.getByTestId('payload-preview').getByRole('radio', { name: /draft/i }).check();
  await expect(panel.getByTestId('payload-messages')).toContainText(
    'Language: English (en), as the agent chose',
  );
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  const third = bodies(mock)[2];
  expect(systemOf(third)).toContain(
    'Language: English (en), as the agent chose, whatever language the customer wrote in.',
  );
  expect(systemOf(third)).not.toContain('German');
  await expect(panel.getByTestId('draft-text')).toHaveValue(/the prompt asked for English\.\)$/);

  // Kept for this ticket: a reopened panel still says English.
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('reply-language')).toHaveValue('en');
  // Back to Auto: German again.
  await reopened.getByTestId('reply-language').selectOption('');
  await reopened.getByTestId('draft-generate').click();
  await expect(reopened.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(systemOf(bodies(mock)[3])).toContain('German (de), detected from their messages');
});
