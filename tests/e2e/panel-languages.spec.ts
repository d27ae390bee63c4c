// Languages (issue #7), the side panel: Chromium started in German (or French) shows the panel in that language —
// the ticket card, the summary's fields and values, the draft's buttons, versions, status and live-region
// announcement, the insert message — numbers written the language's way, and never a raw message key.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { saveMockModel } from './language-steps';
import { openZendesk, panelFor } from './steps';

/** What a message key looks like (`panel_draft_button`): none may reach the screen. */
const RAW_KEY = /\b[a-z]+(_[a-z0-9]+){2,}\b/;

async function expectNoRawKeys(panel: Page): Promise<void> {
  const { text, attributes } = await panel.evaluate(() => ({
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, as a person reads it
    text: document.body.innerText,
    attributes: [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
      .flatMap((el) => ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''))
      .join('\n'),
  }));
  expect(text.match(RAW_KEY)?.[0] ?? null, 'a raw message key is visible').toBeNull();
  expect(attributes.match(RAW_KEY)?.[0] ?? null, 'a raw message key in a label').toBeNull();
}

test.describe('German browser', () => {
  test.use({ browserLanguage: 'de' });

  test('the panel speaks German from ticket to insert: card, summary, draft, versions, status, insert message', async ({
    context,
    page,
    sw,
    extensionId,
    mock,
  }) => {
    await saveMockModel(context, extensionId, mock);
    const { tabId } = await openZendesk(page, sw);
    const panel = await panelFor(context, extensionId, tabId);
    await expect(panel.locator('html')).toHaveAttribute('lang', 'de');

    const card = panel.getByTestId('ticket-card');
    await expect(card).toContainText('Anfragende Person');
    await expect(card).toContainText('Gelesen über');
    await expect(panel.getByTestId('ticket-reader')).toHaveText('Zendesk-Adapter, Helpdesk-API');
    await expect(panel.getByTestId('ticket-reread')).toHaveText('Erneut lesen');
    await expect(panel.getByTestId('summarize')).toHaveText('Zusammenfassen');
    await expect(panel.getByTestId('draft-generate')).toHaveText('Antwort entwerfen');
    await expect(panel.getByTestId('draft-insert')).toHaveText('In Zendesk-Antwort einfügen');
    await expect(panel.getByTestId('draft-text')).toHaveAttribute(
      'placeholder',
      /^Klicken Sie auf „Antwort entwerfen“/,
    );

    // The summary card and the ticket card name the fields and the model's English values in German.
    await panel.getByTestId('summarize').click();
    await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
    await expect(panel.getByTestId('summary-status')).toContainText('Fertig.');
    await expect(panel.getByTestId('summary-status-announce')).toHaveText('Die Zusammenfassung ist fertig.');
    await expect(panel.getByTestId('summary-sentiment')).toHaveText('Stimmung: frustriert');
    await expect(panel.getByTestId('summary-urgency')).toHaveText('Dringlichkeit: normal');
    await expect(panel.getByTestId('ticket-sentiment')).toHaveText('frustriert');
    await expect(panel.getByTestId('summary-usage-tokens')).toContainText('Prompt-Tokens');

    mock.enqueue({ kind: 'text', content: 'Hallo Maria, wir prüfen die doppelte Abbuchung sofort.' });
    await panel.getByTestId('draft-generate').click();
    await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
    await expect(panel.getByTestId('draft-status-announce')).toHaveText('Der Entwurf ist fertig.');
    await expect(panel.getByTestId('draft-generate')).toHaveText('Neu erzeugen');
    await expect(panel.getByTestId('draft-versions').locator('option').nth(1)).toContainText(
      '1. KI-Entwurf ·',
    );
    await expect(panel.getByTestId('refine-shorter')).toHaveText('Kürzer');

    await panel.getByTestId('draft-insert').click();
    await expect(panel.getByTestId('draft-message')).toHaveText(
      'Eingefügt — prüfen Sie den Text in Zendesk, bevor Sie ihn senden.',
    );
    await expect(panel.getByTestId('insert-undo')).toHaveText('Einfügen rückgängig machen');
    await expectNoRawKeys(panel);
  });
});

test.describe('French browser', () => {
  test.use({ browserLanguage: 'fr' });

  test('without a model: the set-up card, the ticket card and the reply language in French', async ({
    context,
    page,
    sw,
    extensionId,
  }) => {
    const { tabId } = await openZendesk(page, sw);
    const panel = await panelFor(context, extensionId, tabId);
    await expect(panel.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(panel.getByTestId('no-provider')).toContainText(
      'Connectez un modèle pour obtenir des résumés et des brouillons.',
    );
    await expect(panel.getByTestId('ticket-card')).toContainText('Demandeur');
    await expect(panel.getByTestId('ticket-thread-toggle')).toHaveText('Voir tout le fil tel qu’il a été lu');
    await panel.getByTestId('ticket-thread-toggle').click();
    // The thread's accessible name counts the messages with the French plural.
    await expect(panel.getByTestId('ticket-thread-viewport')).toHaveAttribute(
      'aria-label',
      /^Fil tel qu’il a été lu, \d+ messages?$/,
    );
    await expect(panel.getByTestId('reply-language').locator('option[value="de"]')).toHaveText('Allemand');
    await expectNoRawKeys(panel);
  });
});
