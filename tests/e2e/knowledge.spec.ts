// Team knowledge in the side panel (#10): the refund ticket (Zendesk fixture 123, "Charged twice for my March
// invoice") gets the team's refund-policy snippet proposed; Draft sends it in its own block; the model's
// "Sources: K1" line becomes a citation with its link and never reaches the draft box. Pin and remove decide what is
// sent, per ticket, across a reopened panel; "Check against knowledge" lists findings and leaves the draft alone.
import type { Page } from '@playwright/test';
import { seriousAxeViolations } from './axe';
import { expect, type MockLlm, test } from './harness';
import { chatRequests, storedGenerations } from './more-steps';
import { panelFor, zendeskPanelWithMockModel } from './steps';

const PACK = 'Acme Support';
const REFUND_URL = 'https://help.acme.example/articles/refunds';
const REFUND_TEXT =
  'When a customer was charged twice for the same invoice, refund the duplicate charge in full. The refund reaches the card within 5 business days. Refunds over €40 need a team lead’s approval first.';

const SNIPPETS = [
  {
    id: 'refund-policy',
    title: 'Refund policy: duplicate charges',
    text: REFUND_TEXT,
    tags: ['billing', 'refund'],
    sourceUrl: REFUND_URL,
  },
  {
    id: 'invoice-copies',
    title: 'Invoice copies',
    text: 'Customers download a copy of any invoice under Billing → Invoices; no refund is involved.',
    tags: ['billing'],
  },
  {
    id: 'two-factor',
    title: 'Two-factor lockouts',
    text: 'Authenticator apps lose sync after a phone swap; reset a second factor via admin console.',
    tags: ['login'],
  },
];
const keyOf = (id: string) => `file:${PACK}/${id}`;

/**
 * The snippets arrive as a team lead ships them: a pack file imported in the options page (preview, then Import),
 * stored by the import in the same transaction as the pack's presets.
 */
async function importTeamPack(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const library = page.getByTestId('preset-library');
  await expect(library.getByTestId('preset-group-builtin')).toBeVisible();
  await library.getByTestId('pack-file-input').setInputFiles({
    name: 'acme-support.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        schemaVersion: 1,
        name: PACK,
        version: '1.0.0',
        presets: [{ id: 'reply', name: 'Acme reply', kind: 'reply', template: 'Reply to {{conversation}}' }],
        knowledge: SNIPPETS,
      }),
    ),
  });
  const preview = library.getByTestId('pack-import-preview');
  await expect(preview.getByTestId('pack-import-knowledge-added').getByRole('listitem')).toHaveCount(
    SNIPPETS.length,
  );
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('pack-import-status')).toContainText(`Imported “${PACK}” 1.0.0`);
}

type ChatBody = { messages: Array<{ role: string; content: string }> };
const bodyOf = (mock: MockLlm, index: number) => chatRequests(mock)[index]?.body as ChatBody;
const userOf = (body: ChatBody) => body.messages.find((m) => m.role === 'user')?.content ?? '';
const systemOf = (body: ChatBody) => body.messages.find((m) => m.role === 'system')?.content ?? '';
/** The knowledge block of a prompt (empty when there is none). */
const knowledgeBlock = (user: string) => {
  const open = user.indexOf('<<<TEAM_KNOWLEDGE nonce=');
  return open === -1 ? '' : user.slice(open, user.indexOf('<<<END_TEAM_KNOWLEDGE nonce=', open));
};

const item = (panel: Page, id: string) =>
  panel.locator(`[data-testid="knowledge-item"][data-key="${keyOf(id)}"]`);

const REPLY =
  'Hello Maria,\n\nSorry about the double charge on INV-2031. I have refunded the duplicate €49.00 in full; it reaches your card within 5 business days.';

test('a refund ticket gets the refund-policy snippet proposed; Draft sends it in its block; "Sources: K1" becomes a linked citation, never part of the draft', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { panel, tabId } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });

  // No snippets yet: the card says how to add some, and drafting is not held up.
  const card = panel.getByTestId('knowledge-card');
  await expect(card.getByTestId('knowledge-empty-library')).toContainText('no knowledge snippets yet');
  await expect(card.getByTestId('knowledge-open-options')).toBeVisible();
  await expect(panel.getByTestId('draft-generate')).toBeEnabled();

  const options = await context.newPage();
  await importTeamPack(options, extensionId);
  await options.close();
  await card.getByTestId('knowledge-refresh').click();
  const refund = item(panel, 'refund-policy');
  await expect(refund.getByTestId('knowledge-title')).toHaveText('Refund policy: duplicate charges');
  await expect(refund.getByTestId('knowledge-source')).toHaveText(`Team pack “${PACK}”`);
  await expect(refund.getByTestId('knowledge-excerpt')).toContainText('refund the duplicate charge in full');
  await expect(refund.getByTestId('knowledge-tags')).toContainText('billing, refund');
  await expect(refund.getByTestId('knowledge-matched')).toContainText('Matched:');
  const link = refund.getByTestId('knowledge-source-link');
  await expect(link).toHaveAttribute('href', REFUND_URL);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // The login snippet has nothing to do with a double charge.
  await expect(item(panel, 'two-factor')).toHaveCount(0);

  // Remove the invoice-copies proposal: it is not used for this ticket.
  await expect(item(panel, 'invoice-copies')).toBeVisible();
  await item(panel, 'invoice-copies').getByTestId('knowledge-remove').click();
  await expect(item(panel, 'invoice-copies')).toHaveCount(0);
  await expect(card.getByTestId('knowledge-removed')).toContainText('1 removed for this ticket');
  await expect(card.getByTestId('knowledge-summary')).toHaveText(
    '1 snippet will be sent with the next draft (at most 8).',
  );

  // "What will be sent" shows the block, as the request will carry it.
  await panel.getByTestId('payload-toggle').click();
  await expect(panel.getByTestId('payload-messages')).toContainText('[K1] Refund policy: duplicate charges');
  await expect(panel.getByTestId('payload-messages')).not.toContainText('Invoice copies');
  await panel.getByTestId('payload-toggle').click();

  mock.enqueue({ kind: 'text', content: `${REPLY}\n\nSources: K1`, chunkSize: 4, delayMs: 5 });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(REPLY);

  const body = bodyOf(mock, 0);
  const block = knowledgeBlock(userOf(body));
  expect(block).toContain('[K1] Refund policy: duplicate charges');
  expect(block).toContain(`Source: Team pack “${PACK}” · ${REFUND_URL}`);
  expect(block).toContain(REFUND_TEXT);
  expect(block).not.toContain('Invoice copies');
  expect(block).not.toContain('Two-factor');
  expect(systemOf(body)).toContain('Sources: K1, K3');

  const sources = panel.getByTestId('draft-sources-cited');
  await expect(sources.getByTestId('draft-source')).toHaveCount(1);
  await expect(sources.getByTestId('draft-source')).toContainText('Refund policy: duplicate charges');
  await expect(sources.getByTestId('knowledge-source-link')).toHaveAttribute('href', REFUND_URL);
  await expect(sources.getByTestId('knowledge-source-link')).toHaveAttribute('rel', 'noopener noreferrer');
  // The generation record keeps what was sent and cited, and the reply without its Sources line.
  const [stored] = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(stored?.output).toBe(REPLY);
  expect((stored as { knowledge?: unknown } | undefined)?.knowledge).toMatchObject({
    use: 'cite',
    sent: [
      {
        key: keyOf('refund-policy'),
        ref: 'K1',
        title: 'Refund policy: duplicate charges',
        sourceUrl: REFUND_URL,
      },
    ],
    cited: ['K1'],
    missing: [],
    dropped: [],
  });

  // Reopened, the panel shows the same draft (no trailer), its citation, and the removal is remembered.
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(reopened.getByTestId('draft-text')).toHaveValue(REPLY);
  await expect(reopened.getByTestId('draft-sources-cited').getByTestId('draft-source')).toContainText(
    'Refund policy: duplicate charges',
  );
  await expect(item(reopened, 'refund-policy')).toBeVisible();
  await expect(item(reopened, 'invoice-copies')).toHaveCount(0);
  await expect(reopened.getByTestId('knowledge-removed-item')).toHaveAttribute(
    'data-key',
    keyOf('invoice-copies'),
  );
});

test('a pinned snippet is sent first and stays pinned; a removed one is not sent; the policy check lists findings and leaves the draft alone', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const options = await context.newPage();
  await importTeamPack(options, extensionId);
  await options.close();
  const { panel, tabId } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });

  // Pin the lower-ranked invoice snippet, remove the refund policy: only the pinned one goes, as K1.
  await item(panel, 'invoice-copies').getByTestId('knowledge-pin').click();
  await expect(item(panel, 'invoice-copies')).toHaveAttribute('data-state', 'pinned');
  await item(panel, 'refund-policy').getByTestId('knowledge-remove').click();
  await expect(item(panel, 'refund-policy')).toHaveCount(0);

  mock.enqueue({
    kind: 'text',
    content: 'Hello Maria,\n\nYou can download the invoice under Billing.\n\nSources: none',
  });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(
    'Hello Maria,\n\nYou can download the invoice under Billing.',
  );
  const block = knowledgeBlock(userOf(bodyOf(mock, 0)));
  expect(block).toContain('[K1] Invoice copies');
  expect(block).not.toContain('Refund policy');
  expect(block).not.toContain('[K2]');
  // The model cited none: the panel says which snippets were sent.
  await expect(panel.getByTestId('draft-sources-none')).toBeVisible();
  await expect(panel.getByTestId('draft-sources-sent').getByTestId('draft-source')).toContainText(
    'Invoice copies',
  );

  // Reopened: still pinned, still removed; put back, the refund policy is used again (after the pin).
  await panel.close();
  const reopened = await panelFor(context, extensionId, tabId);
  await expect(item(reopened, 'invoice-copies')).toHaveAttribute('data-state', 'pinned');
  await expect(item(reopened, 'refund-policy')).toHaveCount(0);
  await reopened.getByTestId('knowledge-removed').locator('summary').click();
  await reopened.getByTestId('knowledge-restore').click();
  await expect(item(reopened, 'refund-policy')).toHaveAttribute('data-state', 'proposed');
  await expect(reopened.getByTestId('knowledge-summary')).toHaveText(
    '2 snippets will be sent with the next draft (at most 8).',
  );

  // The agent writes a promise of their own, then checks it against the snippets.
  const draft =
    'Hello Maria,\n\nI refunded the €49.00 today; it is back on your card within 24 hours, plus a €10 voucher.';
  await reopened.getByTestId('draft-text').fill(draft);
  mock.enqueue({
    kind: 'text',
    content:
      '- "back on your card within 24 hours" — the refund policy says within 5 business days\n- "plus a €10 voucher" — no snippet covers vouchers',
  });
  await reopened.getByTestId('policy-check-run').click();
  const findings = reopened.getByTestId('policy-check-finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.first()).toContainText('within 5 business days');
  await expect(findings.nth(1)).toContainText('no snippet covers vouchers');
  // The draft is untouched: same text, no new version from the check.
  await expect(reopened.getByTestId('draft-text')).toHaveValue(draft);
  await expect(reopened.getByTestId('draft-versions').locator('option')).toHaveCount(2);

  const check = bodyOf(mock, 1);
  const checkUser = userOf(check);
  expect(checkUser).toContain('within 24 hours, plus a €10 voucher');
  const checkBlock = knowledgeBlock(checkUser);
  expect(checkBlock).toContain('[K1] Invoice copies');
  expect(checkBlock).toContain('[K2] Refund policy: duplicate charges');
  expect(systemOf(check)).toContain('no snippet supports');
  expect(systemOf(check)).not.toContain('Sources: K1, K3');

  // The card with pins, removals, sources and findings is accessible.
  expect(await seriousAxeViolations(reopened)).toEqual([]);
});

test('with “Require the preview before each send”, the draft’s and the check’s previews show the knowledge block and nothing is sent until confirmed', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const options = await context.newPage();
  await importTeamPack(options, extensionId);
  await options.getByTestId('privacy-require-preview').check();
  await options.getByTestId('privacy-save').click();
  await expect(options.getByTestId('privacy-status')).toHaveText('Privacy settings saved.');
  await options.close();
  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  await expect(item(panel, 'refund-policy')).toBeVisible();

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('payload-confirm')).toBeVisible();
  await expect(panel.getByTestId('payload-messages')).toContainText('[K1] Refund policy: duplicate charges');
  expect(chatRequests(mock)).toHaveLength(0);
  mock.enqueue({ kind: 'text', content: `${REPLY}\nSources: K1` });
  await panel.getByTestId('payload-confirm').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(REPLY);
  expect(knowledgeBlock(userOf(bodyOf(mock, 0)))).toContain(REFUND_TEXT);

  // The check shows what it would send; Cancel sends nothing.
  await panel.getByTestId('policy-check-run').click();
  const preview = panel.getByTestId('policy-check-preview');
  await expect(preview.getByTestId('policy-check-preview-messages')).toContainText(
    '[K1] Refund policy: duplicate charges',
  );
  await expect(preview.getByTestId('policy-check-preview-messages')).toContainText(
    'reaches your card within 5',
  );
  await preview.getByTestId('policy-check-cancel').click();
  await expect(preview).toHaveCount(0);
  expect(chatRequests(mock)).toHaveLength(1);

  await panel.getByTestId('policy-check-run').click();
  mock.enqueue({ kind: 'text', content: 'NO_FINDINGS' });
  await panel.getByTestId('policy-check-send').click();
  await expect(panel.getByTestId('policy-check-result')).toHaveAttribute('data-status', 'clean');
  await expect(panel.getByTestId('policy-check-result')).toContainText(
    'No unsupported policy statement found',
  );
  await expect(panel.getByTestId('draft-text')).toHaveValue(REPLY);
  expect(chatRequests(mock)).toHaveLength(2);
});
