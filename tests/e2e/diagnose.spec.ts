// "Diagnose this page" on the Zendesk fixture: which adapter and reader ran, how each selector of the adapter's
// table fares, the composer's editor family, the last insertion — and not one word of the ticket (subject,
// messages, names, addresses, the draft) or its id. "Copy report" puts the same Markdown on the clipboard.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zendeskSelectors } from '../../utils/helpdesks/zendesk';
import { expect, test } from './harness';
import { clipboardText, openGeneric } from './more-steps';
import { openZendesk, panelFor } from './steps';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/zendesk/api');
const readApi = (name: string) => JSON.parse(readFileSync(path.join(API_DIR, name), 'utf8'));

/** Every piece of ticket text the fixture holds: subjects, message bodies (line by line), people. */
function ticketTexts(): string[] {
  const texts: string[] = [];
  for (const id of ['123', '124']) {
    texts.push(readApi(`ticket-${id}.json`).ticket.subject);
    for (const comment of readApi(`comments-${id}.json`).comments as Array<{ plain_body: string }>) {
      texts.push(
        ...comment.plain_body
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.length >= 8),
      );
    }
  }
  for (const user of readApi('users.json').users as Array<{ name: string; email: string }>) {
    texts.push(user.name, user.email);
  }
  return texts;
}

test('the report names adapter, reader, selectors, composer and last insertion, and holds no ticket text', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-reader')).toContainText('Zendesk adapter, helpdesk API');
  const draft = 'Hello Maria, the second charge of €49.00 is refunded today.';
  await panel.getByTestId('draft-text').fill(draft);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-method', 'editor-api');

  await panel.getByTestId('diagnose-run').click();
  const reportBox = panel.getByTestId('diagnose-report');
  await expect(reportBox).toContainText('## Deskmate page diagnosis');
  const report = (await reportBox.textContent()) ?? '';

  expect(report).toContain('- Deskmate: 0.1.0');
  expect(report).toMatch(/- Browser: (Chrome|Chromium \(headless\)) \d+/);
  expect(report).toContain('- Page: `acme.zendesk.com` `/agent/tickets/:id`');
  expect(report).toContain('- Host: built-in helpdesk host');
  expect(report).toContain('- Adapter: Zendesk (`zendesk`)');
  expect(report).toContain('- Ticket open: yes');
  expect(report).toContain('- Composer: found (ckeditor5)');
  expect(report).toContain('- Reader: helpdesk API (zendesk), 0 warnings');
  expect(report).toMatch(/- Last insertion: editor-api, verified \(\d{4}-\d\d-\d\dT/);
  // One row per field of the adapter's selector table, with the first matching selector and its count.
  expect(report).toContain('| subject | `input[data-test-id="omni-header-subject"]` — #1 of 2, 2 elements |');
  expect(report).toContain(
    '| ticketRoot | `[data-test-id="ticket-{id}-custom-layout"]` — #1 of 3, 1 element |',
  );
  expect(report).toContain('| showMore | none matched (1 tried) |');
  expect(report).toMatch(
    /\| composer \| `\[contenteditable="true"\]\[data-test-id="omnicomposer-rich-text-ckeditor"\]` — #1 of 2, 2 elements \|/,
  );
  const rows = report
    .split('\n')
    .filter((line) => /^\| [a-zA-Z]+ /.test(line) && !line.startsWith('| Field'));
  expect(rows.map((row) => row.split(' ')[1])).toEqual(Object.keys(zendeskSelectors));

  // Nothing from the ticket: no subject, no message line, no name, no address, no draft, no ticket id in the path.
  for (const text of [...ticketTexts(), draft]) expect(report, `report leaks “${text}”`).not.toContain(text);
  expect(report).not.toContain('/tickets/123');

  await panel.getByTestId('diagnose-copy').click();
  await expect(panel.getByTestId('diagnose-copied')).toHaveText('Copied as Markdown.');
  expect(await clipboardText(panel)).toBe(report);
  expect(fixtures.writes).toEqual([]);
});

test('on a page no adapter knows, the report says the generic reader ran and has no selector table', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openGeneric(page, sw, fixtures);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('read-page').click();
  await expect(panel.getByTestId('ticket-card')).toBeVisible();
  await panel.getByTestId('diagnose-run').click();
  const report = panel.getByTestId('diagnose-report');
  await expect(report).toContainText('- Host: no adapter');
  await expect(report).toContainText('- Adapter: none (generic reader)');
  await expect(report).toContainText('- Reader: generic page reader (generic-thread)');
  await expect(report).toContainText('- Last insertion: none in this tab yet');
  await expect(report).not.toContainText('### Selectors');
});
