// Presets in the side panel: the quick picker (keyboard only), a reply preset's prompt as the mock API receives
// it (the preset's instruction in the system message, the ticket's subject and requester only inside the
// nonce-tagged data block), a rewrite preset applied to the agent's edited draft (a new version), a summary
// preset feeding the summary card, and the picker's search.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests, storedGenerations } from './more-steps';
import { openZendesk, panelFor, useMockModel } from './steps';

const SUBJECT = 'Charged twice for my March invoice';
const REQUESTER = 'Maria Svensson';

type Mock = Parameters<typeof chatRequests>[0];

/** The system message, and the user message split at the data block's nonce-tagged markers. */
function lastPrompt(mock: Mock) {
  const requests = chatRequests(mock);
  const body = requests[requests.length - 1]?.body as { messages: { role: string; content: string }[] };
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  const open = user.search(/<<<TICKET_DATA nonce=[0-9a-f]{32}>>>/);
  const close = user.search(/<<<END_TICKET_DATA nonce=[0-9a-f]{32}>>>/);
  expect(open).toBeGreaterThanOrEqual(0);
  expect(close).toBeGreaterThan(open);
  return { system, inside: user.slice(open, close), outside: user.slice(0, open) + user.slice(close) };
}

/** The picker's options (the panel has <select> options too). */
const presetOptions = (panel: Page) => panel.getByRole('listbox', { name: 'Presets' }).getByRole('option');

/** Opens the picker from the keyboard and types a search. */
async function searchPresets(panel: Page, query: string) {
  const button = panel.getByTestId('preset-picker-open');
  // Enabled once the ticket is read and the stored draft is loaded.
  await expect(button).toBeEnabled();
  await button.focus();
  await panel.keyboard.press('Enter');
  const search = panel.getByRole('combobox', { name: 'Search presets' });
  await expect(search).toBeFocused();
  await panel.keyboard.type(query);
  return search;
}

test('the refund / returns preset, picked with the keyboard: the API gets its instruction, the ticket stays in the data block', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const reply = 'Hello Maria,\n\nPlease send the item back within 30 days; [return label link].';
  mock.enqueue({ kind: 'text', content: reply });

  const search = await searchPresets(panel, 'refund returns');
  const options = presetOptions(panel);
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveText(/Refund \/ returns reply/);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute(
    'aria-activedescendant',
    (await options.first().getAttribute('id')) ?? '',
  );
  await panel.keyboard.press('Enter');

  // The picker closes, focus goes back to its button, and the preset's answer is the draft.
  await expect(panel.getByRole('listbox')).toHaveCount(0);
  await expect(panel.getByTestId('preset-picker-open')).toBeFocused();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(reply);

  expect(chatRequests(mock)).toHaveLength(1);
  const { system, inside, outside } = lastPrompt(mock);
  expect(system).toContain('Draft a reply about a refund or return.');
  expect(system).toContain('returns are accepted within 30 days from delivery');
  expect(system).toContain('Ticket subject: [ticket data: ticket.subject]');
  expect(system).toContain('[ticket data: NAME]');
  expect(system).not.toContain(SUBJECT);
  expect(system).not.toContain(REQUESTER);
  expect(outside).not.toContain(SUBJECT);
  expect(inside).toContain(`Requester: ${REQUESTER}`);
  expect(inside).toContain(`[field: ticket.subject]\n${SUBJECT}\n[end of field: ticket.subject]`);

  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts).toHaveLength(1);
  expect(drafts[0]).toMatchObject({ presetId: 'reply-refund-returns', presetName: 'Refund / returns reply' });

  // Run again: the preset is now first among the recent ones, with an empty search.
  await panel.getByTestId('preset-picker-open').click();
  await expect(presetOptions(panel).first()).toHaveText(/Refund \/ returns reply/);
  await panel.keyboard.press('Escape');
  await expect(panel.getByRole('listbox')).toHaveCount(0);
});

test('“Make it shorter” rewrites the agent’s edited draft: their text is sent as data and the result is a new version', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const box = panel.getByTestId('draft-text');
  const mine =
    'Hello Maria, thank you so much for writing to us about this, we really do appreciate it. I can see the two charges of 49 euros and I will look into the double charge on INV-2031 today.';
  await box.fill(mine);
  const shorter = 'Hello Maria, I see both 49 euro charges on INV-2031 and will look into it today.';
  mock.enqueue({ kind: 'text', content: shorter });

  await searchPresets(panel, 'shorter');
  await expect(presetOptions(panel)).toHaveCount(1);
  await expect(presetOptions(panel).first()).toContainText('Rewrites the draft');
  await panel.keyboard.press('Enter');

  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(box).toHaveValue(shorter);
  const { system, inside, outside } = lastPrompt(mock);
  expect(system).toContain('Rewrite the draft below so it is about half as long.');
  expect(system).toContain('[ticket data: draft]');
  expect(system).not.toContain(mine);
  expect(outside).not.toContain(mine);
  expect(inside).toContain(`[field: draft]\n${mine}\n[end of field: draft]`);

  // The agent's text is kept as a version next to the rewrite.
  const versions = panel.getByTestId('draft-versions');
  const listed = versions.locator('option:not([value=""])');
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(0)).toHaveText(/^1\. Your text/);
  await expect(listed.nth(1)).toHaveText(/^2\. AI draft/);
  await versions.selectOption('0');
  await panel.getByTestId('draft-restore').click();
  await expect(box).toHaveValue(mine);
  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts.map((g) => (g as { presetId?: string }).presetId)).toEqual(['rewrite-shorter']);
});

test('the picker’s search filters, arrows move, a rewrite with no draft says why and sends nothing; a summary preset fills the summary card', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  // "About you" in the options page: the handoff preset signs with the agent's name and team.
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extensionId}/options.html`);
  await settings.getByTestId('agent-name').fill('Ana Lind');
  await settings.getByTestId('agent-team').fill('Billing');
  await settings.getByTestId('agent-profile-save').click();
  await expect(settings.getByTestId('agent-profile-status')).toHaveText('Saved.');
  await settings.close();
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  const search = await searchPresets(panel, 'rewrite');
  const options = presetOptions(panel);
  // Six built-in rewrites: shorter, longer, friendlier, more formal, fix grammar, translate.
  await expect(options).toHaveCount(6);
  for (const option of await options.all()) await expect(option).toContainText('Rewrites the draft');
  await panel.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await panel.keyboard.press('ArrowUp');
  await panel.keyboard.press('ArrowUp');
  await expect(options.nth(5)).toHaveAttribute('aria-selected', 'true');

  // The draft is empty: a rewrite cannot run, and the picker says so.
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('preset-notice')).toContainText('the draft is empty');
  expect(chatRequests(mock)).toHaveLength(0);

  await search.fill('no such preset anywhere');
  await expect(options).toHaveCount(0);
  await expect(panel.getByTestId('preset-empty')).toContainText('No preset matches');

  await search.fill('handoff');
  await expect(options).toHaveCount(1);
  const note = '**Handoff:** Maria was charged twice for INV-2031; refund one charge.';
  mock.enqueue({ kind: 'text', content: note });
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('summary-text')).toContainText('Maria was charged twice for INV-2031');
  // Shown as the preset's own format (Markdown), not as a failed summary card.
  await expect(panel.getByTestId('summary-preset')).toHaveText('From the preset “Escalation / handoff note”');
  await expect(panel.getByTestId('summary-text').locator('strong')).toHaveText('Handoff:');
  await expect(panel.getByTestId('summary-plain-note')).toHaveCount(0);
  const { system, inside } = lastPrompt(mock);
  expect(system).toContain('Write a handoff note');
  expect(system).toContain('(name, then team, where given): Ana Lind Billing');
  expect(system).not.toContain(SUBJECT);
  expect(inside).toContain(`[field: ticket.subject]\n${SUBJECT}`);
  // A summary preset sets its own format: the card's JSON schema is not requested.
  const body = chatRequests(mock)[0]?.body as { response_format?: unknown };
  expect(body.response_format).toBeUndefined();
  const summaries = (await storedGenerations(panel)).filter((g) => g.kind === 'summary');
  expect(summaries.map((g) => (g as { presetId?: string }).presetId)).toEqual(['handoff-note']);

  // Tab out of the search closes the picker, like a native select.
  await panel.getByTestId('preset-picker-open').click();
  await expect(panel.getByRole('listbox', { name: 'Presets' })).toBeVisible();
  await panel.keyboard.press('Tab');
  await expect(panel.getByRole('listbox', { name: 'Presets' })).toHaveCount(0);
});

test('“Require the preview before each send”: a preset opens the preview with its own prompt, and nothing is sent until confirmed', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('privacy-require-preview').check();
  await options.getByTestId('privacy-save').click();
  await expect(options.getByTestId('privacy-status')).toHaveText('Privacy settings saved.');

  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await searchPresets(panel, 'refund returns');
  await panel.keyboard.press('Enter');

  await expect(panel.getByTestId('payload-confirm')).toBeVisible();
  await expect(panel.getByTestId('payload-preset')).toHaveText('Preset: Refund / returns reply');
  const previewed = panel.getByTestId('payload-messages');
  await expect(previewed).toContainText('Draft a reply about a refund or return.');
  await expect(previewed).toContainText(`[field: ticket.subject]`);
  expect(chatRequests(mock)).toHaveLength(0);

  mock.enqueue({ kind: 'text', content: 'Hello Maria, here is how a return works.' });
  await panel.getByTestId('payload-confirm').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);
  expect(lastPrompt(mock).system).toContain('Draft a reply about a refund or return.');
});
