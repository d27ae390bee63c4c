// Languages (issue #7): Deskmate speaks the browser's UI language. Chromium started in German (or French) shows
// the manifest's commands, the dashboard and the History page in that language, numbers and dates written the
// way that language writes them, and never a raw message key (the sign of a key missing from the build).
import type { Page } from '@playwright/test';
import { type ChromeApi, expect, test } from './harness';

declare const chrome: ChromeApi & {
  commands: { getAll(): Promise<Array<{ name?: string; description?: string }>> };
  i18n: { getMessage(name: string): string };
};

/** What a message key looks like (`history_results_other`): none may reach the screen. */
const RAW_KEY = /\b[a-z]+(_[a-z0-9]+){2,}\b/;

const DAY = 86_400_000;

/**
 * Two tickets' drafts (one inserted after a few edits, with five-digit token counts) and a summary, stored as the
 * panel stores them, in the page's own IndexedDB (opened at the version the page created).
 */
async function seedHistory(page: Page): Promise<void> {
  await page.evaluate(async (day) => {
    const open = indexedDB.open('deskmate');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = database.transaction(['generations', 'ticketViews'], 'readwrite');
    const start = Date.now() - 2 * day;
    const zendesk = {
      ticketKey: 'zendesk:acme.zendesk.com:123',
      ticketSubject: 'Refund for order 1234',
      helpdesk: 'zendesk',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/123',
      model: 'gpt-4o-mini',
      promptChars: 900,
      outcome: 'complete',
    };
    tx.objectStore('generations').add({
      ...zendesk,
      kind: 'summary',
      output: 'The customer was charged twice for order 1234.',
      startedAt: start - 60_000,
      finishedAt: start - 55_000,
      promptTokens: 12_345,
      outputTokens: 678,
    });
    tx.objectStore('generations').add({
      ...zendesk,
      kind: 'draft',
      output: 'Hello Maria, the refund is on its way.',
      startedAt: start,
      finishedAt: start + 5_000,
      promptTokens: 12_345,
      outputTokens: 678,
      inserted: true,
      insertedAt: start + 95_000,
      insertMethod: 'insert',
      editRate: 0.12,
      insertedChars: 40,
    });
    tx.objectStore('generations').add({
      ticketKey: 'freshdesk:acme.freshdesk.com:7',
      ticketSubject: 'Where is my parcel?',
      helpdesk: 'freshdesk',
      kind: 'draft',
      model: 'gpt-4o-mini',
      promptChars: 700,
      outcome: 'stopped',
      output: 'Hi Tom, could you send the order number?',
      startedAt: start + day,
      finishedAt: start + day + 4_000,
    });
    tx.objectStore('ticketViews').add({ ticketKey: zendesk.ticketKey, firstViewedAt: start - 5_000 });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
  }, DAY);
}

async function expectNoRawKeys(page: Page, what: string): Promise<void> {
  const { text, attributes } = await page.evaluate(() => ({
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, as a person reads it
    text: document.body.innerText,
    // Names and hints a screen reader or a hover shows.
    attributes: [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
      .flatMap((el) => ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''))
      .join('\n'),
  }));
  expect(text.trim().length, `${what} shows text`).toBeGreaterThan(0);
  expect(text.match(RAW_KEY)?.[0] ?? null, `${what}: a raw message key is visible`).toBeNull();
  expect(attributes.match(RAW_KEY)?.[0] ?? null, `${what}: a raw message key in a label`).toBeNull();
}

/** Opens the dashboard, fills the database and reloads it; returns the dashboard and a History page. */
async function openPages(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  await seedHistory(page);
  await page.reload();
  const history = await page.context().newPage();
  await history.goto(`chrome-extension://${extensionId}/draft-history.html`);
  return { dashboard: page, history };
}

test.describe('German browser', () => {
  test.use({ browserLanguage: 'de' });

  test('the commands, the dashboard, the History page and the options page speak German, with German numbers and dates', async ({
    page,
    sw,
    extensionId,
  }) => {
    // The manifest's texts (keyboard shortcut settings) come from _locales/de.
    const commands = await sw.evaluate(async () => {
      const all = await chrome.commands.getAll();
      return Object.fromEntries(all.map((c) => [c.name ?? '', c.description ?? '']));
    });
    expect(commands.summarize).toBe('Das offene Ticket zusammenfassen');
    expect(commands.draft).toBe('Eine Antwort auf das offene Ticket entwerfen');
    expect(commands.insert).toBe('Den Entwurf in das Antwortfeld des Helpdesks einfügen');
    expect(await sw.evaluate(() => chrome.i18n.getMessage('manifest_description'))).toMatch(
      /^KI-Hilfe für Support-Mitarbeitende/,
    );

    const { dashboard, history } = await openPages(page, extensionId);
    await expect(dashboard).toHaveTitle('Deskmate-Qualität — auf diesem Computer');
    await expect(dashboard.locator('html')).toHaveAttribute('lang', 'de');
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Qualität der KI-Entwürfe');
    await expect(dashboard.getByTestId('tile-drafts')).toHaveText('2 KI-Entwürfe');
    // German writes a space before the percent sign and abbreviates minutes "Min.".
    await expect(dashboard.getByTestId('tile-acceptance')).toContainText('50 % übernommen');
    await expect(dashboard.getByTestId('tile-time')).toContainText('2 Min.');
    await expect(dashboard.getByRole('heading', { name: 'Nach Helpdesk' })).toBeVisible();
    await expect(dashboard.getByRole('button', { name: 'CSV exportieren' })).toBeVisible();
    // The per-day chart's day labels: 26.11. rather than 11-26.
    const dayLabels = await dashboard.getByTestId('chart-per-day').locator('text').allTextContents();
    expect(dayLabels.length).toBeGreaterThan(0);
    for (const label of dayLabels) expect(label).toMatch(/^\d{2}\.\d{2}\.$/);
    await expectNoRawKeys(dashboard, 'dashboard');

    await expect(history).toHaveTitle('Deskmate-Verlauf — auf diesem Computer');
    await expect(history.getByRole('heading', { level: 1 })).toHaveText('Deskmate-Verlauf');
    await expect(history.getByTestId('history-count')).toHaveText('3 Ergebnisse, neueste zuerst.');
    await expect(history.getByRole('link', { name: 'Einstellungen' })).toHaveAttribute(
      'href',
      '/options.html',
    );
    await expect(history.getByLabel('Suche', { exact: true })).toHaveAttribute(
      'placeholder',
      'Wörter im Text, Betreff, in der Vorlage oder im Modell',
    );
    const zendesk = history.locator('[data-testid="history-group"][data-ticket-key^="zendesk"]');
    const entries = zendesk.getByTestId('history-result');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0).getByTestId('history-kind')).toHaveText('Entwurf');
    await expect(entries.nth(0).getByTestId('history-inserted')).toHaveText('eingefügt');
    await expect(entries.nth(1).getByTestId('history-kind')).toHaveText('Zusammenfassung');
    // 12.345 with a German thousands separator; a German date (28.11.2026, 14:05).
    await expect(entries.nth(0).getByTestId('history-tokens')).toHaveText('12.345 Tokens rein / 678 raus');
    await expect(entries.nth(0).getByTestId('history-time')).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await expect(zendesk.getByRole('link', { name: 'Ticket öffnen' })).toBeVisible();
    const freshdesk = history.locator('[data-testid="history-group"][data-ticket-key^="freshdesk"]');
    await expect(freshdesk.getByTestId('history-outcome')).toHaveText('angehalten');
    await expect(freshdesk.getByTestId('history-inserted')).toHaveText('nicht eingefügt');
    await expectNoRawKeys(history, 'history page');

    // The refused date range speaks German too.
    await history.getByLabel('Von', { exact: true }).fill('2026-03-10');
    await history.getByLabel('Bis', { exact: true }).fill('2026-03-01');
    await expect(history.getByTestId('history-range-error')).toHaveText(
      'Der Tag bei „Von“ liegt nach dem Tag bei „Bis“.',
    );
    await history.getByLabel('Bis', { exact: true }).fill('');
    await history.getByTestId('history-search').fill('kein Treffer xyz');
    await expect(history.getByTestId('history-count')).toHaveText('Nichts passt zu dieser Suche.');

    const options = await page.context().newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.locator('main, [data-testid]').first()).toBeVisible();
    await expectNoRawKeys(options, 'options page');
  });
});

test.describe('French browser', () => {
  test.use({ browserLanguage: 'fr' });

  test('the dashboard and the History page speak French, with French numbers', async ({
    page,
    sw,
    extensionId,
  }) => {
    const commands = await sw.evaluate(async () => {
      const all = await chrome.commands.getAll();
      return Object.fromEntries(all.map((c) => [c.name ?? '', c.description ?? '']));
    });
    expect(commands.draft).toBe(await sw.evaluate(() => chrome.i18n.getMessage('command_draft')));
    expect(commands.draft).not.toBe('Draft a reply to the open ticket');

    const { dashboard, history } = await openPages(page, extensionId);
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Qualité des brouillons IA');
    await expect(dashboard.getByTestId('tile-acceptance')).toContainText('50 % acceptés');
    await expectNoRawKeys(dashboard, 'dashboard');

    await expect(history.getByTestId('history-count')).toHaveText(
      '3 résultats, du plus récent au plus ancien.',
    );
    // French groups thousands with a (narrow no-break) space: 12 345.
    await expect(history.getByTestId('history-tokens').first()).toHaveText(
      /^12\s345 jetons en entrée \/ 678 en sortie$/,
    );
    await expectNoRawKeys(history, 'history page');
  });
});

test('an English browser (the default) gets English, the manifest’s __MSG_ texts resolved', async ({
  page,
  sw,
  extensionId,
}) => {
  const commands = await sw.evaluate(async () => {
    const all = await chrome.commands.getAll();
    return Object.fromEntries(all.map((c) => [c.name ?? '', c.description ?? '']));
  });
  expect(commands.insert).toBe("Insert the draft into the helpdesk's reply box");
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page).toHaveTitle('Deskmate quality — on this computer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quality of AI drafts');
  await expectNoRawKeys(page, 'dashboard');
});
