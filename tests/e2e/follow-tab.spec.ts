// The panel without ?tabId follows the tab the agent is working in, as the docked side panel does.
import { expect, test } from './harness';
import { openZendesk } from './steps';

test('an unpinned panel follows the active tab and reads each one', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  await openZendesk(page, sw);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // The panel is the active tab here, so it works on the tab used just before it: the ticket.
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');

  const forum = await context.newPage();
  await forum.goto(`http://127.0.0.1:${fixtures.httpPort}/`);
  await forum.bringToFront();
  await expect(panel.getByTestId('read-failure')).toHaveAttribute('data-code', 'no-adapter');

  await page.bringToFront();
  await expect(panel.getByTestId('ticket-subject')).toHaveText('Charged twice for my March invoice');
});
