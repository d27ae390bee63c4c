// Privacy: redaction before the model call, the payload preview with highlighted redactions, "require the
// preview before each send", and the draft getting the real values back locally (in the panel and in the
// helpdesk's editor) only where the model used a placeholder it was given.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests, clipboardText, storedGenerations } from './more-steps';
import { editorData, openZendesk, panelFor, useMockModel } from './steps';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'maria@example.com';
const PHONE = '+46 70 123 45 67';
// The Zendesk fixture's thread with these three values in Maria's last message (comments-123.pii.json).
const PII_VARIANT = 'pii';

const sentBodies = (mock: Parameters<typeof chatRequests>[0]) =>
  chatRequests(mock).map((r) => JSON.stringify(r.body));

async function setPrivacy(options: Page, change: (o: Page) => Promise<void>) {
  await change(options);
  await options.getByTestId('privacy-save').click();
  await expect(options.getByTestId('privacy-status')).toHaveText('Privacy settings saved.');
}

test('a draft on Zendesk: no e-mail, card or phone reaches the model; the preview highlights the placeholders; the inserted draft has the real values', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  fixtures.state.zendeskComments = PII_VARIANT;
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  // The preview, before anything is sent: placeholders highlighted, raw values absent.
  await panel.getByTestId('payload-toggle').click();
  const preview = panel.getByTestId('payload-messages');
  await expect(preview).toContainText('[CARD_1]');
  const marks = preview.getByTestId('redaction');
  await expect(marks.filter({ hasText: '[CARD_1]' })).toHaveCount(1);
  await expect(marks.filter({ hasText: '[PHONE_1]' })).toHaveCount(1);
  expect(await marks.filter({ hasText: /^\[EMAIL_\d+\]$/ }).count()).toBeGreaterThanOrEqual(1);
  expect(await marks.first().evaluate((el) => el.tagName)).toBe('MARK');
  const previewText = (await preview.textContent()) ?? '';
  for (const value of [CARD, EMAIL, PHONE]) expect(previewText).not.toContain(value);
  await expect(panel.getByTestId('payload-redactions')).toContainText('redacted');
  const emailPlaceholder = previewText.match(/\[EMAIL_\d+\]/)?.[0] ?? '';
  expect(emailPlaceholder).not.toBe('');

  // The model answers with two placeholders it was given and one it invented.
  const answer = `Hi Maria,\n\nThank you. I will confirm by e-mail to ${emailPlaceholder} and check the card [CARD_1]; if needed I will call [PHONE_1]. Copy to [EMAIL_7].`;
  mock.enqueue({ kind: 'text', content: answer, chunkSize: 7 });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');

  // What reached the API: placeholders, never the values.
  const bodies = sentBodies(mock);
  expect(bodies).toHaveLength(1);
  for (const value of [CARD, EMAIL, PHONE, '4111', '123 45 67']) expect(bodies[0]).not.toContain(value);
  expect(bodies[0]).toContain('[CARD_1]');
  expect(bodies[0]).toContain('[PHONE_1]');

  // The panel shows the real values where the model used given placeholders; [EMAIL_7] stays.
  const restored = `Hi Maria,\n\nThank you. I will confirm by e-mail to ${EMAIL} and check the card ${CARD}; if needed I will call ${PHONE}. Copy to [EMAIL_7].`;
  await expect(panel.getByTestId('draft-text')).toHaveValue(restored);
  // Stored generations keep what the model returned.
  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts.map((g) => g.output)).toEqual([answer]);

  // "Last sent" shows exactly what went out.
  await panel.getByTestId('payload-mode-sent').check();
  await expect(preview.getByTestId('redaction').filter({ hasText: '[CARD_1]' })).toHaveCount(1);

  // Inserted into CKEditor: the editor's own model holds the real values.
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  const data = await editorData(page, '123');
  expect(data).toContain(EMAIL);
  expect(data).toContain(CARD);
  expect(data).toContain(PHONE);
  expect(data).toContain('[EMAIL_7]');
  expect(data).not.toContain('[CARD_1]');
  expect(fixtures.writes).toEqual([]);

  // Copy carries the real values too.
  await panel.getByTestId('draft-copy').click();
  await expect(panel.getByTestId('draft-message')).toHaveText('Copied to the clipboard.');
  expect(await clipboardText(panel)).toBe(restored);

  // A summary that used placeholders, reloaded from history in a reopened panel, shows the real values.
  mock.enqueue({ kind: 'text', content: '- **Customer:** Maria ([PHONE_1]) was charged twice on [CARD_1].' });
  await panel.getByTestId('summarize').click();
  await expect(panel.getByTestId('summary-text')).toHaveText(
    `Customer: Maria (${PHONE}) was charged twice on ${CARD}.`,
  );
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('summary-text')).toHaveText(
    `Customer: Maria (${PHONE}) was charged twice on ${CARD}.`,
  );
  await expect(reopened.getByTestId('draft-text')).toHaveValue(restored);
});

test('"Require the preview before each send": Draft opens the preview, nothing is sent until the agent confirms', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  fixtures.state.zendeskComments = PII_VARIANT;
  await useMockModel(context, extensionId, mock);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await setPrivacy(options, (o) => o.getByTestId('privacy-require-preview').check());

  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('payload-confirm')).toBeVisible();
  await expect(panel.getByTestId('payload-messages').getByTestId('redaction').first()).toBeVisible();
  expect(chatRequests(mock)).toHaveLength(0);

  // Cancel sends nothing either.
  await panel.getByTestId('payload-cancel').click();
  await expect(panel.getByTestId('payload-confirm')).toHaveCount(0);
  expect(chatRequests(mock)).toHaveLength(0);

  await panel.getByTestId('draft-generate').click();
  await panel.getByTestId('payload-confirm').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);

  // Redaction switched off for Zendesk in the options page: the preview says so and the values go as read.
  await setPrivacy(options, (o) => o.getByTestId('privacy-helpdesk-zendesk').uncheck());
  await expect(panel.getByTestId('payload-redactions')).toContainText('Redaction is off');
  await panel.getByTestId('summarize').click();
  await panel.getByTestId('payload-confirm').click();
  await expect.poll(() => chatRequests(mock).length).toBe(2);
  expect(sentBodies(mock)[1]).toContain(EMAIL);
});
