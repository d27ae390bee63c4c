// Languages (issue #7), Deskmate's own presets: in a German browser the built-ins read in German wherever the
// agent sees them — the options library, the panel's picker (found by their German name), the summary card and
// the History page — while the preset and what is stored stay English data (the prompt, the record's name).
import { expect, test } from './harness';
import { saveMockModel } from './language-steps';
import { chatRequests, storedGenerations } from './more-steps';
import { openZendesk, panelFor } from './steps';

test.use({ browserLanguage: 'de' });

test('a built-in preset reads in German in the library, the picker, the summary card and History; the data stays English', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await saveMockModel(context, extensionId, mock);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const builtinRow = options
    .getByTestId('preset-group-builtin')
    .locator('[data-testid="preset-row"][data-preset-key="builtin/summary-structured"]');
  await expect(builtinRow.getByTestId('preset-name')).toHaveText('Strukturierte Zusammenfassung');
  await expect(builtinRow).toContainText('Anliegen, Kunde, bisherige Lösungsversuche');
  await options.close();

  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const picker = panel.getByTestId('preset-picker-open');
  await expect(picker).toBeEnabled();
  await picker.click();
  await panel.getByRole('combobox', { name: 'Vorlagen durchsuchen' }).fill('strukturierte');
  const found = panel.getByRole('listbox', { name: 'Vorlagen' }).getByRole('option');
  await expect(found).toHaveCount(1);
  await expect(found.first().locator('.preset-name')).toHaveText('Strukturierte Zusammenfassung');

  mock.enqueue({ kind: 'text', content: '- **Issue:** charged twice for the March invoice.' });
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('summary-preset')).toHaveText(
    'Aus der Vorlage „Strukturierte Zusammenfassung“',
  );

  // The model got the English prompt; the record keeps the English name (exports and CSV are data).
  const body = chatRequests(mock).at(-1)?.body as { messages: { role: string; content: string }[] };
  expect(body.messages.find((m) => m.role === 'system')?.content).toContain('Summarise this');
  const summaries = (await storedGenerations(panel)).filter((g) => g.kind === 'summary');
  expect(summaries.at(-1)).toMatchObject({
    presetId: 'summary-structured',
    presetName: 'Structured summary',
  });

  const history = await context.newPage();
  await history.goto(`chrome-extension://${extensionId}/draft-history.html`);
  await expect(history.getByTestId('history-preset')).toHaveText('Strukturierte Zusammenfassung');
});
