// Knowledge travels in packs, end to end in the built extension: a team lead imports a pack file whose snippets the
// preview lists; the background's index (another context) then proposes the right one for the open Zendesk ticket
// ("Charged twice for my March invoice"), never an expired one; a newer version of the pack that drops it is
// previewed as removed and, once imported, is no longer proposed.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { openZendesk } from './steps';

const pack = (version: string, knowledge: object[]) => ({
  name: 'pack-kb.json',
  mimeType: 'application/json',
  buffer: Buffer.from(
    JSON.stringify({
      schemaVersion: 1,
      name: 'Acme KB',
      version,
      presets: [{ id: 'reply', name: 'KB reply', kind: 'reply', template: 'Reply to {{conversation}}' }],
      knowledge,
    }),
  ),
});
const doubleCharge = {
  id: 'double-charge',
  title: 'Charged twice: duplicate charges',
  tags: ['billing', 'invoice'],
  sourceUrl: 'https://help.acme.test/articles/double-charge',
  text: 'When a customer is **charged twice** for the same invoice, refund the duplicate charge at once; it reaches the card in 5–10 business days.',
};
const oldDoubleCharge = {
  id: 'double-charge-2024',
  title: 'Charged twice (2024 process)',
  validUntil: '2024-12-31',
  text: 'Duplicate charges for an invoice were refunded by the finance team within 30 days.',
};
const shipping = {
  id: 'shipping',
  title: 'Shipping delays',
  text: 'Parcels ship within 2 business days; if tracking stalls for 7 days we send a replacement.',
};

/** The extension page's API, as far as this test uses it (the function runs in the options page). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; ticketKey?: string }> };
};

type Suggest = {
  ok: boolean;
  indexSize?: number;
  suggestions?: { key: string; title: string; sourceUrl?: string; sourceLabel: string; matched: string[] }[];
};

/** What the panel would get: the background reads the tab's ticket, then answers `knowledge/suggest`. */
function suggest(page: Page, tabId: number): Promise<Suggest> {
  return page.evaluate(async (tabId) => {
    const read = await chrome.runtime.sendMessage({ type: 'ticket/read', tabId });
    if (!read?.ok) throw new Error(`ticket/read failed: ${JSON.stringify(read)}`);
    return chrome.runtime.sendMessage({ type: 'knowledge/suggest', tabId, ticketKey: read.ticketKey });
  }, tabId) as Promise<Suggest>;
}

test('a pack’s snippets are previewed, imported, proposed for the matching ticket, and gone when a new version drops them', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const library = options.getByTestId('preset-library');
  await expect(library.getByTestId('preset-group-builtin')).toBeVisible();
  expect(await suggest(options, tabId)).toMatchObject({ ok: true, indexSize: 0, suggestions: [] });

  await library
    .getByTestId('pack-file-input')
    .setInputFiles(pack('1.0.0', [doubleCharge, oldDoubleCharge, shipping]));
  const preview = library.getByTestId('pack-import-preview');
  await expect(preview.getByTestId('pack-import-knowledge-added').getByRole('listitem')).toHaveText([
    /Charged twice: duplicate charges/,
    /Charged twice \(2024 process\)/,
    /Shipping delays/,
  ]);
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('pack-import-status')).toHaveText(
    'Imported “Acme KB” 1.0.0: 1 added, 0 updated, 0 removed; knowledge snippets: 3 added, 0 updated, 0 removed.',
  );

  // The Knowledge section lists the pack's snippets, read-only; the pack is removed with its presets in the library,
  // so the section offers no "Remove file" for it.
  const packGroup = options.getByTestId('snippet-group-team').filter({ hasText: 'Acme KB' });
  await expect(packGroup.getByTestId('snippet-row')).toHaveCount(3);
  await expect(packGroup.getByTestId('snippet-file-remove')).toHaveCount(0);

  const first = await suggest(options, tabId);
  expect(first.indexSize).toBe(3);
  const keys = first.suggestions?.map((s) => s.key) ?? [];
  expect(keys[0]).toBe('file:Acme KB/double-charge');
  expect(keys).not.toContain('file:Acme KB/double-charge-2024'); // expired
  expect(first.suggestions?.[0]).toMatchObject({
    sourceUrl: 'https://help.acme.test/articles/double-charge',
    sourceLabel: 'Team pack “Acme KB”',
    matched: expect.arrayContaining(['charged', 'twice', 'invoice']),
  });

  // A newer version drops the snippet: the preview says so, and after the import it is no longer proposed.
  await library.getByTestId('pack-file-input').setInputFiles(pack('1.1.0', [shipping]));
  await expect(preview.getByTestId('pack-import-knowledge-removed').getByRole('listitem')).toHaveText([
    /Charged twice: duplicate charges/,
    /Charged twice \(2024 process\)/,
  ]);
  await expect(preview.getByTestId('pack-import-knowledge-unchanged')).toHaveText('Unchanged: 1');
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('pack-import-status')).toHaveText(
    'Imported “Acme KB” 1.1.0: 0 added, 0 updated, 0 removed; knowledge snippets: 0 added, 0 updated, 2 removed.',
  );
  const second = await suggest(options, tabId);
  expect(second.indexSize).toBe(1);
  expect(second.suggestions?.map((s) => s.key)).not.toContain('file:Acme KB/double-charge');
});
