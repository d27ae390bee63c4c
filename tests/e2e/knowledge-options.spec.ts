// The options page's Knowledge section, driven like a team lead would: write a snippet (Save refused with its
// reasons first), edit it, delete it with a confirmation; import a CSV and a Markdown file through their
// previews; a malformed file shows its specific problem and changes nothing. Then the agent's side: "Save as
// snippet" after inserting a draft into the Zendesk fixture, and the snippet is listed in the options page.
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { seriousAxeViolations } from './axe';
import { expect, test } from './harness';
import { zendeskPanelWithMockModel } from './steps';

async function openKnowledge(page: Page, extensionId: string): Promise<Locator> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const section = page.getByTestId('knowledge-section');
  await expect(section.getByTestId('knowledge-count')).toBeVisible();
  return section;
}

async function chooseFile(section: Locator, name: string, text: string) {
  await section.getByTestId('knowledge-file-input').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  });
}

const titlesIn = (group: Locator) => group.getByTestId('snippet-title');

test('a snippet written in the options page: refused with reasons, saved, edited, deleted with confirmation', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const section = await openKnowledge(page, extensionId);
  const personal = section.getByTestId('snippet-group-personal');
  await expect(section.getByTestId('knowledge-count')).toHaveText('0 snippets');

  await section.getByTestId('snippet-new').click();
  const editor = section.getByTestId('snippet-editor');
  await expect(editor.getByTestId('snippet-field-title')).toBeFocused();
  await editor.getByTestId('snippet-save').click();
  await expect(editor.getByTestId('snippet-save-refused')).toContainText('Title: A snippet needs a title.');
  await expect(editor.getByTestId('snippet-save-refused')).toContainText('Body: The body is empty');

  await editor.getByTestId('snippet-field-title').fill('Refund policy (EU)');
  await editor.getByTestId('snippet-field-text').fill('Refunds within **30 days**.\n\n- Keep the receipt');
  // The preview is the Markdown rendered.
  await expect(editor.locator('.snippet-preview-body strong')).toHaveText('30 days');
  await expect(editor.locator('.snippet-preview-body li')).toHaveText('Keep the receipt');
  await editor.getByTestId('snippet-field-tags').fill('refund, billing');
  await editor.getByTestId('snippet-field-language').selectOption('en');
  await editor.getByTestId('snippet-field-valid-from').fill('2026-05-01');
  await editor.getByTestId('snippet-field-valid-until').fill('2026-04-01');
  await editor.getByTestId('snippet-save').click();
  await expect(editor.getByTestId('snippet-field-valid-until-error')).toHaveText(
    '“Valid until” is before “Valid from”.',
  );
  await editor.getByTestId('snippet-field-valid-until').fill('2099-12-31');
  await editor.getByTestId('snippet-save').click();
  await expect(section.getByTestId('knowledge-status')).toHaveText('Saved “Refund policy (EU)”.');
  await expect(titlesIn(personal)).toHaveText(['Refund policy (EU)']);
  await expect(section.getByTestId('knowledge-count')).toHaveText('1 snippet');

  await personal.getByTestId('snippet-edit').click();
  await expect(editor.getByTestId('snippet-field-title')).toHaveValue('Refund policy (EU)');
  await editor.getByTestId('snippet-field-text').fill('Refunds within **14 days**.');
  await editor.getByTestId('snippet-save').click();
  await expect(personal.getByTestId('snippet-excerpt')).toHaveText('Refunds within **14 days**.');
  await expect(section.getByTestId('knowledge-count')).toHaveText('1 snippet');

  await personal.getByTestId('snippet-delete').click();
  await expect(personal.getByTestId('snippet-delete-confirm')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(personal.getByTestId('snippet-delete-confirm-row')).toHaveCount(0);
  await expect(titlesIn(personal)).toHaveText(['Refund policy (EU)']);
  await personal.getByTestId('snippet-delete').click();
  await personal.getByTestId('snippet-delete-confirm').click();
  await expect(section.getByTestId('knowledge-status')).toHaveText('Deleted “Refund policy (EU)”.');
  await expect(section.getByTestId('knowledge-count')).toHaveText('0 snippets');
});

test('CSV and Markdown files are imported through a preview; a re-import updates by id; bad files change nothing', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  const section = await openKnowledge(page, extensionId);
  const preview = section.getByTestId('knowledge-import-preview');
  const team = section.getByTestId('snippet-group-team');

  const csv = [
    'title,body,tags,source_url,language,valid_from,valid_until',
    '"Refund policy","Refunds within 30 days.\nKeep the receipt, please.",refund;billing,https://help.acme.test/refunds,en,,',
    'Shipping times,Orders ship in 2 days.,shipping,,,,',
  ].join('\r\n');
  await chooseFile(section, 'faq.csv', csv);
  await expect(preview.getByTestId('knowledge-import-summary')).toContainText(
    '2 new, 0 updated, 0 unchanged, 0 removed.',
  );
  await expect(preview.getByTestId('knowledge-import-added')).toContainText('Refund policy');
  // Cancel changes nothing.
  await preview.getByTestId('knowledge-import-cancel').click();
  await expect(section.getByTestId('knowledge-import-status')).toHaveText(
    'Import cancelled; nothing was changed.',
  );
  await expect(section.getByTestId('knowledge-count')).toHaveText('0 snippets');

  await chooseFile(section, 'faq.csv', csv);
  await preview.getByTestId('knowledge-import-confirm').click();
  await expect(section.getByTestId('knowledge-import-status')).toHaveText(
    'Imported faq.csv: 2 new, 0 updated, 0 removed.',
  );
  await expect(titlesIn(team)).toHaveText(['Refund policy', 'Shipping times']);
  await expect(team.getByTestId('snippet-readonly').first()).toHaveText('Read-only · File “faq.csv”');
  await expect(team.getByTestId('snippet-edit')).toHaveCount(0);

  // The same file name again: updated by id, removed when gone, unchanged counted.
  await chooseFile(
    section,
    'faq.csv',
    'title,body,tags\n"Refund policy","Refunds within 14 days.\nKeep the receipt, please.",refund;billing\n',
  );
  await expect(preview.getByTestId('knowledge-import-summary')).toContainText(
    '0 new, 1 updated, 0 unchanged, 1 removed.',
  );
  await expect(preview.getByTestId('knowledge-import-removed')).toContainText('Shipping times');
  await preview.getByTestId('knowledge-import-confirm').click();
  await expect(titlesIn(team)).toHaveText(['Refund policy']);

  const markdown = [
    '---',
    'title: Rückgabe',
    'tags: [rückgabe, de]',
    'language: de',
    '---',
    'Innerhalb von **30 Tagen**.',
    '',
    '---',
    'title: Outage status',
    'valid_until: 2099-01-31',
    '---',
    'The login service is back.',
  ].join('\n');
  await chooseFile(section, 'policies.md', markdown);
  await expect(preview.getByTestId('knowledge-import-summary')).toContainText(
    '2 new, 0 updated, 0 unchanged, 0 removed.',
  );
  await preview.getByTestId('knowledge-import-confirm').click();
  await expect(section.getByTestId('knowledge-count')).toHaveText('3 snippets');
  await expect(section.getByTestId('snippet-group-team')).toHaveCount(2);

  // The filter looks in titles, tags and bodies.
  await section.getByTestId('knowledge-filter').fill('tagen');
  await expect(section.getByTestId('knowledge-count')).toHaveText('Showing 1 of 3 snippets');
  await expect(section.getByTestId('snippet-title')).toHaveText(['Rückgabe']);
  await section.getByTestId('knowledge-filter').fill('');

  // Malformed files: the specific problem, and nothing changes.
  const errors = section.getByTestId('knowledge-import-error');
  await chooseFile(section, 'broken.csv', 'title,body\nGood,Fine\n,No title here\nDated,Body,extra');
  await expect(section.getByTestId('knowledge-import-errors')).toContainText(
    'broken.csv was not imported, and nothing was changed.',
  );
  await expect(errors).toHaveText([
    'Row 3, Title: A snippet needs a title.',
    'Row 4 has 3 cells, but the header names 2 columns. Put a field holding commas in quotes.',
  ]);
  await chooseFile(section, 'broken.json', '[\n  {"title": "A",, "text": "B"}\n]');
  await expect(errors).toHaveCount(1);
  await expect(errors).toContainText('This file is not valid JSON at line 2, column 17');
  await chooseFile(section, 'broken.md', '---\ntitle: A\ncolour: red\n---\nBody');
  await expect(errors).toHaveText([
    'Line 3: unknown key “colour”. The keys are title, tags, source, language, valid_from, valid_until and id.',
  ]);
  await expect(preview).toHaveCount(0);
  await expect(section.getByTestId('knowledge-count')).toHaveText('3 snippets');
  await expect(titlesIn(section.getByTestId('snippet-group-team').first())).toHaveText(['Refund policy']);
});

test('Save as snippet after inserting a draft into Zendesk: prefilled from the ticket, listed in the options page', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  const reply = 'Hello Maria,\n\nThe second €49.00 charge is reversed; allow 3–5 days.\n\nSam';
  mock.enqueue({ kind: 'text', content: reply });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  // Nothing to save before the draft went anywhere.
  await expect(panel.getByTestId('save-snippet')).toHaveCount(0);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zendesk before sending.',
  );

  await panel.getByTestId('save-snippet-open').click();
  const form = panel.getByTestId('save-snippet-form');
  await expect(form.getByTestId('save-snippet-title')).toBeFocused();
  await expect(form.getByTestId('save-snippet-title')).toHaveValue('Charged twice for my March invoice');
  // The customer's name is shared knowledge no more: it became a placeholder, and the form says so.
  await expect(form.getByTestId('save-snippet-text')).toHaveValue(
    reply.replace('Hello Maria,', 'Hello [NAME],'),
  );
  await expect(form.getByTestId('save-snippet-depersonalized')).toContainText('[NAME]');
  await expect(form.getByTestId('save-snippet-tags')).toHaveValue('billing, double_charge, refund_request');
  await expect(form.getByTestId('save-snippet-language')).toHaveValue('en');
  await form.getByTestId('save-snippet-title').fill('Double charge reversed');
  await form.getByTestId('save-snippet-save').click();
  await expect(panel.getByTestId('save-snippet-saved')).toHaveText(
    'Saved “Double charge reversed” to your snippets. Edit or delete it in Settings → Knowledge.',
  );
  await expect(panel.getByTestId('save-snippet-saved')).toBeFocused();

  const options = await context.newPage();
  const section = await openKnowledge(options, extensionId);
  const personal = section.getByTestId('snippet-group-personal');
  await expect(titlesIn(personal)).toHaveText(['Double charge reversed']);
  await expect(personal.getByTestId('snippet-tags')).toHaveText('#billing #double_charge #refund_request');
  await expect(personal.getByTestId('snippet-row')).toContainText('Saved from a reply');

  // Export: the agent's own snippets, in a file that imports again.
  const download = options.waitForEvent('download');
  await section.getByTestId('knowledge-export-button').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^deskmate-knowledge-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as {
    knowledge: { title: string }[];
  };
  expect(exported.knowledge.map((s) => s.title)).toEqual(['Double charge reversed']);
  expect(JSON.stringify(exported)).not.toContain('Maria');
  await chooseFile(section, file.suggestedFilename(), fs.readFileSync(await file.path(), 'utf8'));
  await expect(section.getByTestId('knowledge-import-summary')).toContainText(
    '1 new, 0 updated, 0 unchanged, 0 removed.',
  );
});

test('the snippet editor with problems, an import preview, import errors and the panel form have no serious or critical axe violations', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  // axe runs over the whole (long) options page several times; on a busy machine that takes a while.
  test.setTimeout(150_000);
  const check = async (target: Page, state: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await target.emulateMedia({ colorScheme: scheme });
      expect(await seriousAxeViolations(target), `${state}, ${scheme}`).toEqual([]);
    }
  };
  const options = await context.newPage();
  const section = await openKnowledge(options, extensionId);
  await chooseFile(section, 'broken.csv', 'title,body,colour\nA,B,C');
  await expect(section.getByTestId('knowledge-import-errors')).toBeVisible();
  await section.getByTestId('snippet-new').click();
  const editor = section.getByTestId('snippet-editor');
  await editor.getByTestId('snippet-field-text').fill('**Bold** and a [link](https://help.acme.test/).');
  await editor.getByTestId('snippet-field-source-url').fill('not a link');
  await editor.getByTestId('snippet-save').click();
  await expect(editor.getByTestId('snippet-save-refused')).toBeVisible();
  await check(options, 'editor with problems and import errors');

  await chooseFile(section, 'faq.csv', 'title,body\nShipping,Two days');
  await expect(section.getByTestId('knowledge-import-preview')).toBeVisible();
  await check(options, 'import preview');

  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  mock.enqueue({ kind: 'text', content: 'Hello Maria, the charge is reversed.' });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await panel.getByTestId('draft-copy').click();
  await panel.getByTestId('save-snippet-open').click();
  await panel.getByTestId('save-snippet-title').fill('');
  await panel.getByTestId('save-snippet-save').click();
  await expect(panel.getByTestId('save-snippet-refused')).toBeVisible();
  await check(panel, 'panel save form with a problem');
});
