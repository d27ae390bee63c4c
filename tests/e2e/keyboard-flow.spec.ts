// Keyboard first (#7): from the open ticket to the reply in the helpdesk's editor with the keyboard alone — Tab and
// Shift+Tab to move, Enter and Space to press — summarize, draft, refine ("Shorter"), edit, insert. At every stop the
// focused control shows a visible focus indicator (a computed outline or box-shadow), and a button that is disabled
// while its work runs hands the focus back afterwards. The reply is read back from CKEditor's own model.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests } from './more-steps';
import { editorData, zendeskPanelWithMockModel } from './steps';

const DRAFT =
  'Hello Maria, thank you for your patience. I can see two charges of 49 euros for invoice INV-2031, and I have asked our billing team to refund the second one.';
const SHORTER = 'Hello Maria, I have asked billing to refund the duplicate 49 euro charge on INV-2031.';

interface Focused {
  testId: string | null;
  tag: string;
  name: string;
  indicator: boolean;
}

/** The focused element, and whether the page draws a focus indicator on it (outline or box-shadow). */
function focused(panel: Page): Promise<Focused> {
  return panel.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) {
      return { testId: null, tag: el?.tagName.toLowerCase() ?? 'nothing', name: '', indicator: false };
    }
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== '' && style.boxShadow !== 'none';
    return {
      testId: el.dataset.testid ?? null,
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40),
      indicator: outline || shadow,
    };
  });
}

async function expectVisibleFocus(panel: Page): Promise<Focused> {
  const now = await focused(panel);
  expect(now.indicator, `focus on <${now.tag} data-testid=${now.testId}> “${now.name}” is not visible`).toBe(
    true,
  );
  return now;
}

/** Presses `key` until the control `testId` has the focus, checking the focus is visible at every stop. */
async function moveFocusTo(panel: Page, testId: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < 60; i++) {
    await panel.keyboard.press(key);
    const now = await expectVisibleFocus(panel);
    if (now.testId === testId) return;
    stops.push(now.testId ?? now.tag);
  }
  throw new Error(`${key} never reached ${testId}; it went through ${stops.join(', ')}`);
}

test('keyboard-only flow from ticket open to insert: summarize, draft, refine, edit and insert with Tab, Shift+Tab, Enter and Space, the focus always visible', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const { panel } = await zendeskPanelWithMockModel({ context, page, sw, extensionId, mock });
  await panel.bringToFront();

  // Summarize (Enter). The button keeps the focus through Stop and back; the ticket card shows the summary's labels.
  await moveFocusTo(panel, 'summarize');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('summary-issue')).toContainText('Charged twice for my March invoice');
  await expect(panel.getByTestId('ticket-sentiment')).toHaveText('frustrated');
  expect((await expectVisibleFocus(panel)).testId).toBe('summarize');

  // Draft (Space).
  mock.enqueue({ kind: 'text', content: DRAFT });
  await moveFocusTo(panel, 'draft-generate');
  await panel.keyboard.press('Space');
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(DRAFT);
  expect((await expectVisibleFocus(panel)).testId).toBe('draft-generate');

  // Refine: on through the draft box to "Shorter" (Enter). It is disabled while the rewrite streams, then has the
  // focus again.
  mock.enqueue({ kind: 'text', content: SHORTER });
  await moveFocusTo(panel, 'refine-shorter');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('draft-text')).toHaveValue(SHORTER);
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('refine-shorter')).toBeEnabled();
  await expect(panel.getByTestId('refine-shorter')).toBeFocused();
  await expectVisibleFocus(panel);
  const refineRequest = chatRequests(mock).at(-1)?.body as { messages: { content: string }[] };
  expect(refineRequest.messages.map((m) => m.content).join('\n')).toContain(DRAFT);
  await expect(panel.getByTestId('draft-versions').locator('option')).toContainText([/Shorter/]);

  // Back (Shift+Tab) into the draft box: the agent adds a sign-off.
  await moveFocusTo(panel, 'draft-text', 'Shift+Tab');
  await panel.keyboard.press('Control+End');
  await panel.keyboard.type('\n\nBest regards,\nSam');
  await expect(panel.getByTestId('draft-text')).toHaveValue(`${SHORTER}\n\nBest regards,\nSam`);

  // Insert (Enter): into the reply editor's model, never submitted; the focus comes back to Insert.
  await moveFocusTo(panel, 'draft-insert');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('draft-message')).toHaveText(
    'Inserted — review it in Zendesk before sending.',
  );
  expect(await editorData(page, '123')).toBe(`<p>${SHORTER}</p><p>Best regards,<br>Sam</p>`);
  await expect(panel.getByTestId('draft-insert')).toBeFocused();
  await expectVisibleFocus(panel);
});
