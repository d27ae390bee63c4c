// The options page's preset library, driven like a team lead would: write a preset (the template is checked
// while typing), edit, favourite, duplicate a built-in, delete with confirmation; import a pack file through its
// preview (added / updated / removed), cancel, import a newer version, and see the presets in the side panel's
// picker; bad files are refused with their specific problem and change nothing; export downloads a file that
// imports again.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seriousAxeViolations } from './axe';
import { expect, test } from './harness';
import { openZendesk, panelFor, useMockModel } from './steps';

const PACKS = path.join(import.meta.dirname, '..', 'fixtures', 'packs');
const packFile = (name: string) => path.join(PACKS, name);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The library row of the preset called exactly `name`, within `scope` (a group or the whole library). */
function row(scope: Locator, name: string): Locator {
  return scope.getByTestId('preset-row').filter({
    has: scope
      .page()
      .getByTestId('preset-name')
      .filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
  });
}

async function openOptions(page: Page, extensionId: string): Promise<Locator> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const library = page.getByTestId('preset-library');
  await expect(library.getByTestId('preset-group-builtin').getByTestId('preset-row').first()).toBeVisible();
  return library;
}

async function choosePackFile(library: Locator, file: string | { name: string; text: string }) {
  const input = library.getByTestId('pack-file-input');
  if (typeof file === 'string') await input.setInputFiles(file);
  else
    await input.setInputFiles({
      name: file.name,
      mimeType: 'application/json',
      buffer: Buffer.from(file.text),
    });
}

test('a preset written in the options page: live template errors, save, edit, favourite, duplicate a built-in, delete with confirmation', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const library = await openOptions(page, extensionId);
  const personal = library.getByTestId('preset-group-personal');
  const builtin = library.getByTestId('preset-group-builtin');

  await library.getByTestId('preset-new').click();
  const editor = library.getByTestId('preset-editor');
  await expect(editor.getByTestId('preset-field-name')).toBeFocused();
  await page.keyboard.type('Refund EU');
  // The id follows the name until one is typed.
  await expect(editor.getByTestId('preset-field-id')).toHaveValue('refund-eu');
  const save = editor.getByTestId('preset-save');
  await expect(save).toBeDisabled();
  await expect(editor.getByTestId('preset-save-blocked')).toContainText('The template is empty.');

  // A typo in a variable, shown while typing, with its place and the suggestion.
  const template = editor.getByTestId('preset-field-template');
  await template.fill(
    'Hello {{ticket.requestor.name}},\nanswer about {{ticket.subject}} within {{return_window}}.',
  );
  const errors = editor.getByTestId('preset-template-error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('line 1:7: unknown variable “ticket.requestor.name”');
  await expect(errors.nth(0)).toContainText('Did you mean “ticket.requester.name”?');
  await expect(errors.nth(1)).toContainText('line 2:40: unknown variable “return_window”');
  await expect(save).toBeDisabled();
  await expect(editor.getByTestId('preset-save-blocked')).toContainText('Template, line 1:7');

  // An unclosed placeholder is a syntax error with its place too.
  await template.fill('Hello {{ticket.requester.name');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('line 1:7');

  // Fixed: the right name, and the custom variable declared with a default.
  await template.fill(
    'Hello {{ticket.requester.name}},\nanswer about {{ticket.subject}} within {{return_window}}.',
  );
  await editor.getByTestId('preset-variable-add').click();
  await editor.getByTestId('preset-variable-name-0').fill('return_window');
  await editor.getByTestId('preset-variable-default-0').fill('14 days');
  await template.fill(
    'Hello {{ticket.requester.name}},\nanswer about {{ticket.subject}} within {{return_window}}.',
  );
  await expect(errors).toHaveCount(0);

  // A field-level error from the schema, under its field.
  await editor.getByTestId('preset-field-id').fill('Refund EU');
  await expect(editor.getByTestId('preset-field-id-error')).toContainText('lower-case letters');
  await expect(save).toBeDisabled();
  await editor.getByTestId('preset-field-id').fill('refund-eu');
  await expect(editor.getByTestId('preset-field-id-error')).toHaveCount(0);
  await editor.getByTestId('preset-field-tags').fill('refund, eu');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(library.getByTestId('preset-library-status')).toHaveText('Saved “Refund EU”.');
  await expect(editor).toHaveCount(0);
  const mine = row(personal, 'Refund EU');
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId('preset-readonly')).toHaveCount(0);

  // A second preset with the same id is refused by the store, with the reason under the id field.
  await library.getByTestId('preset-new').click();
  await editor.getByTestId('preset-field-name').fill('Refund EU');
  await editor.getByTestId('preset-field-template').fill('Reply to {{conversation}}');
  await editor.getByTestId('preset-save').click();
  await expect(editor.getByTestId('preset-field-id-error')).toHaveText(
    'You already have a preset with the id “refund-eu”. Choose another id.',
  );
  await expect(editor.getByTestId('preset-save-error')).toContainText('Id: You already have a preset');
  await editor.getByTestId('preset-cancel').click();
  await expect(personal.getByTestId('preset-row')).toHaveCount(1);

  // Edit, then Cancel: nothing saved changes.
  await mine.getByTestId('preset-edit').click();
  await expect(editor.getByTestId('preset-field-template')).toHaveValue(/within \{\{return_window\}\}/);
  await editor.getByTestId('preset-field-name').fill('Something else');
  // While it is open, no other preset can replace it (its unsaved changes would be lost).
  await expect(row(builtin, 'Make it shorter').getByTestId('preset-duplicate')).toBeDisabled();
  await editor.getByTestId('preset-cancel').click();
  await expect(editor).toHaveCount(0);
  await expect(mine.getByTestId('preset-edit')).toBeFocused();
  await expect(row(personal, 'Something else')).toHaveCount(0);

  // Edit and save.
  await mine.getByTestId('preset-edit').click();
  await editor.getByTestId('preset-field-description').fill('EU customers: 14-day window.');
  await editor.getByTestId('preset-save').click();
  await expect(mine).toContainText('EU customers: 14-day window.');

  // Favourite.
  const star = mine.getByTestId('preset-favourite');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');

  // A built-in is read-only and says where it comes from; "Duplicate to edit" makes an editable copy.
  const shorter = row(builtin, 'Make it shorter');
  await expect(shorter.getByTestId('preset-readonly')).toHaveText('Read-only · Built into Deskmate');
  await expect(shorter.getByTestId('preset-edit')).toHaveCount(0);
  await expect(shorter.getByTestId('preset-delete')).toHaveCount(0);
  await shorter.getByRole('button', { name: 'Duplicate to edit' }).click();
  await expect(library.getByTestId('preset-library-status')).toHaveText(
    'Made your own copy, “Make it shorter (copy)”; edit it below.',
  );
  await expect(editor.getByTestId('preset-field-name')).toHaveValue('Make it shorter (copy)');
  await expect(editor.getByTestId('preset-field-id')).toHaveValue('rewrite-shorter-copy');
  await editor.getByTestId('preset-field-name').fill('Shorter, my way');
  await editor.getByTestId('preset-save').click();
  const copy = row(personal, 'Shorter, my way');
  await expect(copy).toBeVisible();
  await expect(row(builtin, 'Make it shorter')).toBeVisible();

  // Delete asks first; "Keep it" keeps it.
  await copy.getByTestId('preset-delete').click();
  await expect(copy.getByTestId('preset-delete-confirm')).toBeFocused();
  await copy.getByTestId('preset-delete-cancel').click();
  await expect(copy.getByTestId('preset-delete-confirm')).toHaveCount(0);
  await copy.getByTestId('preset-delete').click();
  await copy.getByTestId('preset-delete-confirm').click();
  await expect(library.getByTestId('preset-library-status')).toHaveText('Deleted “Shorter, my way”.');
  await expect(row(personal, 'Shorter, my way')).toHaveCount(0);

  // Everything is stored: after a reload the preset, its edit and its favourite are there.
  await page.reload();
  const again = row(page.getByTestId('preset-group-personal'), 'Refund EU');
  await expect(again).toContainText('EU customers: 14-day window.');
  await expect(again.getByTestId('preset-favourite')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('preset-group-personal').getByTestId('preset-row')).toHaveCount(1);
});

test('a pack file imported through its preview; a newer version shows added / updated / removed; cancel changes nothing; the presets reach the side panel picker', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const options = await context.newPage();
  const library = await openOptions(options, extensionId);
  await expect(library.getByTestId('preset-group-team-empty')).toBeVisible();

  await choosePackFile(library, packFile('acme-support-1.0.0.json'));
  const preview = library.getByTestId('pack-import-preview');
  await expect(preview.getByTestId('pack-import-title')).toHaveText(
    'Import “Acme Support” 1.0.0 by Dana (support lead)?',
  );
  await expect(preview.getByTestId('pack-import-summary')).toContainText('3 added.');
  await expect(preview.getByTestId('pack-import-added').getByRole('listitem')).toHaveText([
    /Outage reply/,
    /Refund reply/,
    /Handoff to payments/,
  ]);
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('pack-import-status')).toHaveText(
    'Imported “Acme Support” 1.0.0: 3 added, 0 updated, 0 removed.',
  );
  const team = library.getByTestId('preset-group-team');
  await expect(team.getByRole('heading')).toContainText('Team pack “Acme Support”');
  await expect(team.getByTestId('preset-row')).toHaveCount(3);
  const outage = row(team, 'Outage reply');
  await expect(outage.getByTestId('preset-readonly')).toHaveText('Read-only · Team pack “Acme Support”');
  await expect(outage.getByTestId('preset-edit')).toHaveCount(0);
  // With the keyboard: the star toggles in place and keeps the focus.
  await outage.getByTestId('preset-favourite').focus();
  await options.keyboard.press('Space');
  await expect(outage.getByTestId('preset-favourite')).toHaveAttribute('aria-pressed', 'true');
  await expect(outage.getByTestId('preset-favourite')).toBeFocused();

  // Version 1.1.0: the preview lists what changes, field by field; Cancel leaves 1.0.0 as it was.
  await choosePackFile(library, packFile('acme-support-1.1.0.json'));
  await expect(preview.getByTestId('pack-import-title')).toContainText('“Acme Support” 1.1.0');
  await expect(preview.getByTestId('pack-import-summary')).toContainText(
    '1 added, 1 updated, 1 removed, 1 unchanged.',
  );
  await expect(preview.getByTestId('pack-import-added')).toContainText('Shipping delay');
  await expect(preview.getByTestId('pack-import-removed')).toContainText('Handoff to payments');
  const updated = preview.getByTestId('pack-import-updated');
  await expect(updated).toContainText('Refund reply (14 days)');
  const changes = updated.getByTestId('pack-import-change');
  await expect(changes.locator('th')).toHaveText(['Name', 'Template', 'Tone', 'Tags']);
  await expect(changes.nth(2).locator('td')).toHaveText(['clear', 'clear and kind']);
  await preview.getByTestId('pack-import-cancel').click();
  await expect(preview).toHaveCount(0);
  await expect(library.getByTestId('pack-import-status')).toHaveText(
    'Import cancelled; nothing was changed.',
  );
  await expect(row(team, 'Handoff to payments')).toBeVisible();
  await expect(row(team, 'Refund reply')).toBeVisible();
  await expect(row(team, 'Shipping delay')).toHaveCount(0);

  // Imported for real: the pack's presets are exactly 1.1.0's, and the favourite survived.
  await choosePackFile(library, packFile('acme-support-1.1.0.json'));
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('pack-import-status')).toHaveText(
    'Imported “Acme Support” 1.1.0: 1 added, 1 updated, 1 removed.',
  );
  await expect(team.getByTestId('preset-name')).toHaveText([
    'Outage reply',
    'Refund reply (14 days)',
    'Shipping delay',
  ]);
  await expect(row(team, 'Outage reply').getByTestId('preset-favourite')).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The side panel's picker lists them, the favourite first.
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const button = panel.getByTestId('preset-picker-open');
  await expect(button).toBeEnabled();
  await button.click();
  const listed = panel.getByRole('listbox', { name: 'Presets' }).getByRole('option');
  await expect(listed.first()).toContainText('Outage reply');
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('shipping delay');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText('Shipping delay');
  await panel.getByRole('combobox', { name: 'Search presets' }).fill('handoff payments');
  await expect(listed).toHaveCount(0);
});

test('bad pack files are refused with their specific problem, and nothing changes; an old-format pack is converted with its warnings', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const library = await openOptions(page, extensionId);
  const errors = library.getByTestId('pack-import-errors');
  const unchanged = async () => {
    await expect(library.getByTestId('pack-import-preview')).toHaveCount(0);
    await expect(library.getByTestId('preset-group-team-empty')).toBeVisible();
  };

  await choosePackFile(library, {
    name: 'broken.json',
    text: '{\n  "schemaVersion": 1,\n  "name": "Broken",\n}\n',
  });
  await expect(errors).toContainText('broken.json was not imported, and nothing was changed.');
  await expect(errors.getByTestId('pack-import-error')).toHaveAttribute('data-code', 'json-syntax');
  await expect(errors.getByTestId('pack-import-error')).toContainText(
    'This file is not valid JSON at line 4, column 1',
  );
  await unchanged();

  const newer = { schemaVersion: 2, name: 'Future', version: '1.0.0', presets: [] };
  await choosePackFile(library, { name: 'future.json', text: JSON.stringify(newer) });
  await expect(errors.getByTestId('pack-import-error')).toContainText(
    'This pack was made by a newer Deskmate',
  );
  await expect(errors.getByTestId('pack-import-error')).toContainText('Update Deskmate');
  await unchanged();

  const invalid = {
    schemaVersion: 1,
    name: 'Mistakes',
    version: '1.0.0',
    presets: [
      { id: 'refund', name: 'Refund', kind: 'reply', template: 'Dear {{customer_name}},\n{{conversation}}' },
      { id: 'refund', name: 'Refund again', kind: 'reply', template: 'Hello {{ticket.subject' },
    ],
  };
  await choosePackFile(library, { name: 'mistakes.json', text: JSON.stringify(invalid) });
  const problems = errors.getByTestId('pack-import-error');
  await expect(
    problems.filter({
      hasText: 'presets[0].template (preset “Refund”): line 1:6: unknown variable “customer_name”',
    }),
  ).toHaveCount(1);
  await expect(
    problems.filter({ hasText: 'presets[1].template (preset “Refund again”): line 1:7' }),
  ).toHaveCount(1);
  await expect(
    problems.filter({ hasText: 'presets[1].id (preset “Refund again”): The id “refund” is used twice' }),
  ).toHaveCount(1);
  await unchanged();

  const big = {
    schemaVersion: 1,
    name: 'Big',
    version: '1.0.0',
    presets: [],
    padding: 'x'.repeat(1024 * 1024),
  };
  await choosePackFile(library, { name: 'big.json', text: JSON.stringify(big) });
  await expect(errors.getByTestId('pack-import-error')).toHaveAttribute('data-code', 'too-large');
  await expect(errors.getByTestId('pack-import-error')).toContainText('up to 1,024 kB (1 MB)');
  await unchanged();

  // A file dropped on the import box is read the same way.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return transfer;
  }, JSON.stringify(newer));
  await library.getByTestId('pack-drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(errors).toContainText('dropped.json was not imported');
  await expect(errors.getByTestId('pack-import-error')).toHaveAttribute('data-code', 'newer-version');
  await unchanged();

  // The old format is converted; its warnings are shown before anything is imported.
  await choosePackFile(library, packFile('legacy-format-0.json'));
  const preview = library.getByTestId('pack-import-preview');
  await expect(preview.getByTestId('pack-import-migrated')).toContainText('older pack format (0)');
  await expect(preview.getByTestId('pack-import-title')).toHaveText(
    'Import “Acme prompts (old format)” 2.0.0 by Ops?',
  );
  await preview.getByTestId('pack-import-confirm').click();
  await expect(library.getByTestId('preset-group-team').getByTestId('preset-row')).toHaveCount(2);
});

test('export: the chosen presets download as a pack file that parses back and imports again', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const library = await openOptions(page, extensionId);
  const exporter = library.getByTestId('pack-export');
  const choice = (key: string) =>
    exporter.locator(`[data-testid="pack-export-choice"][data-preset-key="${key}"]`);

  // Nothing chosen and no name: a message per field, no download.
  await exporter.getByTestId('pack-export-version').fill('1.0');
  await exporter.getByTestId('pack-export-download').click();
  await expect(exporter.getByTestId('pack-export-presets-error')).toHaveText(
    'Choose at least one preset to export.',
  );
  await expect(exporter.getByTestId('pack-export-name-error')).toHaveText('A pack needs a name.');
  await expect(exporter.getByTestId('pack-export-version-error')).toContainText('semantic version');
  await expect(exporter.getByTestId('pack-export-status')).toHaveText(
    'Not exported: correct the fields marked above.',
  );

  await choice('builtin/rewrite-shorter').check();
  await choice('builtin/reply-refund-returns').check();
  await exporter.getByTestId('pack-export-name').fill('Billing Team');
  await exporter.getByTestId('pack-export-version').fill('2.1.0');
  await exporter.getByTestId('pack-export-author').fill('Dana');
  const downloading = page.waitForEvent('download');
  await exporter.getByTestId('pack-export-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('billing-team-2.1.0.deskmate-pack.json');
  await expect(exporter.getByTestId('pack-export-status')).toHaveText(
    'Downloaded billing-team-2.1.0.deskmate-pack.json (2 presets).',
  );
  const file = await download.path();
  const pack = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & {
    presets: { id: string; favourite?: unknown }[];
  };
  expect(pack).toMatchObject({ schemaVersion: 1, name: 'Billing Team', version: '2.1.0', author: 'Dana' });
  expect(pack.presets.map((p) => p.id)).toEqual(['reply-refund-returns', 'rewrite-shorter']);
  expect(JSON.stringify(pack)).not.toContain('favourite');

  // It imports again through the same screen.
  await choosePackFile(library, file);
  const preview = library.getByTestId('pack-import-preview');
  await expect(preview.getByTestId('pack-import-title')).toHaveText('Import “Billing Team” 2.1.0 by Dana?');
  await expect(preview.getByTestId('pack-import-summary')).toContainText('2 added.');
});

test('the editor with problems, an import preview and import errors have no serious or critical axe violations', async ({
  context,
  extensionId,
}) => {
  // axe runs over the whole (long) options page four times; on a busy machine that takes a while.
  test.setTimeout(120_000);
  const page = await context.newPage();
  const library = await openOptions(page, extensionId);
  const check = async (state: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousAxeViolations(page), `${state}, ${scheme}`).toEqual([]);
    }
  };

  await choosePackFile(library, { name: 'broken.json', text: '{ "schemaVersion": 1, ' });
  await expect(library.getByTestId('pack-import-errors')).toBeVisible();
  await check('import errors');

  // The editor with problems and an import preview with updates, open together.
  await library.getByTestId('preset-new').click();
  const editor = library.getByTestId('preset-editor');
  await editor.getByTestId('preset-field-name').fill('Checked');
  await editor.getByTestId('preset-field-id').fill('Not An Id');
  await editor.getByTestId('preset-field-template').fill('Hi {{ticket.subjct}}');
  await editor.getByTestId('preset-variable-add').click();
  await expect(editor.getByTestId('preset-template-error')).toHaveCount(1);
  await choosePackFile(library, packFile('acme-support-1.0.0.json'));
  await library.getByTestId('pack-import-confirm').click();
  await choosePackFile(library, packFile('acme-support-1.1.0.json'));
  await expect(library.getByTestId('pack-import-updated')).toBeVisible();
  await check('editor with problems and import preview');
});

declare const chrome: {
  storage: {
    sync: {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
};

test('sync: my presets go to the browser’s sync storage when I turn it on, and a copy another computer wrote arrives in my library', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const library = await openOptions(page, extensionId);
  const personal = library.getByTestId('preset-group-personal');
  await row(library.getByTestId('preset-group-builtin'), 'Make it shorter')
    .getByRole('button', { name: 'Duplicate to edit' })
    .click();
  await library.getByTestId('preset-editor').getByTestId('preset-field-name').fill('Shorter, my way');
  await library.getByTestId('preset-editor').getByTestId('preset-save').click();
  await expect(row(personal, 'Shorter, my way')).toBeVisible();

  await library.getByTestId('preset-sync-toggle').check();
  await expect(library.getByTestId('preset-sync-status')).toHaveAttribute('data-outcome', 'pushed');
  const stored = await page.evaluate(async () => {
    const meta = (await chrome.storage.sync.get('presets.meta'))['presets.meta'] as { chunks: number };
    const keys = Array.from({ length: meta.chunks }, (_, i) => `presets.${i}`);
    const chunks = await chrome.storage.sync.get(keys);
    return JSON.parse(keys.map((k) => chunks[k]).join('')) as { id: string; name: string }[];
  });
  expect(stored.map((p) => p.name)).toEqual(['Shorter, my way']);
  // Only personal presets travel: no built-in, no favourites, no settings.
  const everything = await page.evaluate(() => chrome.storage.sync.get(null));
  expect(Object.keys(everything).every((k) => k.startsWith('presets.'))).toBe(true);

  // Another computer adds a preset: it writes a newer copy; the background pulls it into this library.
  await page.evaluate(
    async (presets) => {
      const text = JSON.stringify(presets);
      let hash = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
      }
      await chrome.storage.sync.set({
        'presets.0': text,
        'presets.meta': {
          v: 1,
          chunks: 1,
          chars: text.length,
          checksum: (hash >>> 0).toString(16).padStart(8, '0'),
          updatedAt: Date.now() + 1000,
        },
      });
    },
    [
      ...stored,
      {
        id: 'from-laptop',
        name: 'Written on my laptop',
        kind: 'reply',
        template: 'Answer {{latest_customer_message}} briefly.',
      },
    ],
  );
  await expect(row(personal, 'Written on my laptop')).toBeVisible();
  await expect(row(personal, 'Shorter, my way')).toBeVisible();
  await expect(library.getByTestId('preset-sync-status')).toHaveAttribute('data-outcome', 'pulled');
});
