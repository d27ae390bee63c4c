// Selector overrides (options → Advanced): a Zendesk selector is broken through an override, the panel shows the
// effect (the subject is no longer found on the page) and "Diagnose this page" points at the overridden field;
// a working override fixes it without reloading the helpdesk tab; Reset brings the defaults back. Bad input is
// explained precisely and never thrown away.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './harness';
import { openZendesk, panelFor } from './steps';

const SUBJECT_123 = 'Charged twice for my March invoice';

async function zendeskOverrides(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('advanced').locator('summary').first().click();
  const box = options.getByTestId('overrides-zendesk');
  if ((await box.getAttribute('open')) === null) await box.locator('summary').click();
  return options;
}

async function saveOverride(options: Page, json: string): Promise<void> {
  await options.getByTestId('overrides-text-zendesk').fill(json);
  await options.getByTestId('overrides-save-zendesk').click();
  await expect(options.getByTestId('overrides-status-zendesk')).toContainText('Saved.');
}

// The content script applies a saved override when storage tells it (an event, not part of the save): act again
// until the tab shows it.
async function readAgainUntilSubject(panel: Page, subject: string): Promise<void> {
  await expect(async () => {
    await panel.getByTestId('ticket-reread').click();
    await expect(panel.getByTestId('ticket-subject')).toHaveText(subject, { timeout: 1_000 });
  }).toPass();
}

async function diagnoseUntil(panel: Page, row: string): Promise<void> {
  await expect(async () => {
    await panel.getByTestId('diagnose-run').click();
    await expect(panel.getByTestId('diagnose-report')).toContainText(row, { timeout: 1_000 });
  }).toPass();
}

test('an override breaks the subject selector, Diagnose shows it, a better override fixes it, Reset restores', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  // The page (DOM) reader is the one that uses the selectors: the API is refused here.
  fixtures.state.zendeskApi = 'error';
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
  await expect(panel.getByTestId('ticket-reader')).toContainText('page (DOM)');

  // Break it: Zendesk "renamed" its subject field.
  const options = await zendeskOverrides(context, extensionId);
  await saveOverride(options, '{ "subject": ["input[data-test-id=\\"omni-header-title\\"]"] }');
  await expect(options.getByTestId('overrides-zendesk').locator('summary')).toContainText('overridden');

  await panel.bringToFront();
  await readAgainUntilSubject(panel, '(no subject)');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('5'); // the rest still reads

  await panel.getByTestId('diagnose-run').click();
  const report = panel.getByTestId('diagnose-report');
  await expect(report).toContainText('| subject (override) | none matched (1 tried) |');
  await expect(report).toContainText('| log | `[data-test-id="omni-log-container"]` — #1 of 1');

  // Fix it with a selector that matches the page as it is; the open tab picks it up without a reload.
  await options.bringToFront();
  await saveOverride(
    options,
    '{\n  "subject": ["input[data-test-id=\\"omni-header-title\\"]", "[data-test-id=\\"ticket-pane-header\\"] input[aria-label=\\"Subject\\"]"]\n}',
  );
  await panel.bringToFront();
  await readAgainUntilSubject(panel, SUBJECT_123);
  await panel.getByTestId('diagnose-run').click();
  await expect(report).toContainText(
    '| subject (override) | `[data-test-id="ticket-pane-header"] input[aria-label="Subject"]` — #2 of 2, 2 elements |',
  );

  // Reset: the defaults are back, nothing stays stored.
  await options.bringToFront();
  await options.getByTestId('overrides-reset-zendesk').click();
  await expect(options.getByTestId('overrides-status-zendesk')).toContainText(
    'uses its default selectors again',
  );
  await expect(options.getByTestId('overrides-text-zendesk')).toHaveValue('');
  const stored = await sw.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local.get('selectorOverrides'),
  );
  expect(stored.selectorOverrides).toEqual({ schemaVersion: 1, adapters: {} });
  await panel.bringToFront();
  await diagnoseUntil(
    panel,
    '| subject | `input[data-test-id="omni-header-subject"]` — #1 of 2, 2 elements |',
  );
  await panel.getByTestId('ticket-reread').click();
  await expect(panel.getByTestId('ticket-subject')).toHaveText(SUBJECT_123);
});

test('bad overrides are explained one by one and the text stays as typed', async ({
  context,
  extensionId,
  sw,
}) => {
  const options = await zendeskOverrides(context, extensionId);
  const box = options.getByTestId('overrides-text-zendesk');
  const errors = options.getByTestId('overrides-errors-zendesk');

  const broken = '{ "subject": ["h1.title"],, }';
  await box.fill(broken);
  await options.getByTestId('overrides-save-zendesk').click();
  await expect(errors).toContainText('This is not valid JSON (line 1, column');
  await expect(box).toHaveValue(broken);

  const wrong = '{ "subjct": ["h1"], "body": [], "composer": ["div..reply", 42] }';
  await box.fill(wrong);
  await options.getByTestId('overrides-save-zendesk').click();
  await expect(errors.locator('li')).toHaveCount(4);
  await expect(errors).toContainText('"subjct" is not a Zendesk selector field. Known fields: pane,');
  await expect(errors).toContainText('"body" needs at least one selector');
  await expect(errors).toContainText('composer[0]: "div..reply" is not a valid CSS selector.');
  await expect(errors).toContainText('composer[1] must be a string in quotes, not 42.');
  await expect(options.getByTestId('overrides-status-zendesk')).toContainText('Not saved');
  await expect(box).toHaveValue(wrong);

  const stored = await sw.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local.get('selectorOverrides'),
  );
  expect(stored.selectorOverrides).toBeUndefined();
});
