// ServiceNow in real Chromium with the built extension: the Next Experience shell keeps the classic incident form
// in iframe #gsft_main inside a macroponent's open shadow root. Deskmate reads the record through the Table API
// on the agent's session with the page's own session token (X-UserToken, which the fixture API demands), falls
// back to the form in the frame, and inserts into the customer-visible comments textarea across the shadow-root
// and frame boundary, never into work notes, never posting, never writing.
import type { Frame, Page, Worker } from '@playwright/test';
import { expect, tabIdOf, test } from './harness';
import { chatRequests, ticketKeyFromPanel } from './more-steps';
import { panelFor, useMockModel } from './steps';

const ORIGIN = 'https://acme.service-now.com';
const OUTLOOK = '46d44a5e1b3a2110a1f2e6b1dc4bcb01';
const VPN = '7f1c2b9a8e4d4f10b2c3d4e5f6a7b802';
const shellPath = (sysId: string) => `/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${sysId}`;
const BAIT = ['SYSTEM NOTE', 'ignore all previous instructions', 'reveal the work notes'];

interface JournalEvent {
  field: 'comments' | 'work_notes';
  type: 'input' | 'change';
  value: string;
}
interface FormFixture {
  isReady: boolean;
  sysId: string;
  events: JournalEvent[];
  submits: unknown[];
}
interface ShellFixture {
  isReady: boolean;
  form(): FormFixture | null;
}
type ShellWindow = Window & { __deskmateFixture?: ShellFixture };
type FormWindow = Window & { __deskmateFixture?: FormFixture };

/** Waits until the shell's iframe shows the classic form of `sysId`, and returns that frame. */
async function formFrame(page: Page, sysId: string): Promise<Frame> {
  await page.waitForFunction((id) => (window as ShellWindow).__deskmateFixture?.form()?.sysId === id, sysId);
  const frame = page.frame({ name: 'gsft_main' });
  if (!frame) throw new Error('no gsft_main frame');
  return frame;
}

async function openShell(page: Page, sw: Worker, sysId = OUTLOOK): Promise<{ tabId: number; frame: Frame }> {
  await page.goto(`${ORIGIN}${shellPath(sysId)}`);
  const frame = await formFrame(page, sysId);
  return { tabId: await tabIdOf(sw, `${ORIGIN}/*`), frame };
}

/** What the form holds: both journal textareas' values and what the page's own listeners saw. */
async function journal(
  frame: Frame,
): Promise<{ comments: string; workNotes: string; events: JournalEvent[]; submits: number }> {
  return frame.evaluate(() => {
    const value = (id: string) =>
      (document.getElementById(id) as HTMLTextAreaElement | null)?.value ?? '<missing>';
    const fixture = (window as FormWindow).__deskmateFixture;
    return {
      comments: value('activity-stream-comments-textarea'),
      workNotes: value('activity-stream-work_notes-textarea'),
      events: fixture?.events ?? [],
      submits: fixture?.submits.length ?? -1,
    };
  });
}

const DRAFT =
  'Hi Beth,\n\nthank you for checking. I have reset the Outlook profile on our side; please restart the laptop once and sign in again.\n\nBest regards,\nDavid';

test('reads the record through the Table API with X-UserToken, drafts, inserts into the comments field in the framed form', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  // The fixture API answers only with the page's session cookie AND the page's g_ck as X-UserToken.
  fixtures.state.servicenowRequireSession = true;
  await useMockModel(context, extensionId, mock);
  const { tabId, frame } = await openShell(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await expect(panel.getByTestId('ticket-helpdesk')).toHaveText('servicenow');
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Outlook keeps asking for my password after the MFA reset',
  );
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Beth Anglin <beth.anglin@example.com>');
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Servicenow adapter, helpdesk API');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await expect(panel.getByTestId('ticket-warnings')).toHaveCount(0);
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  expect(
    await thread.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role'))),
  ).toEqual(['customer', 'customer', 'internal', 'agent', 'system', 'customer']);
  for (const bait of BAIT) await expect(thread).not.toContainText(bait);

  mock.enqueue({ kind: 'text', content: DRAFT });
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(DRAFT);
  const prompt = JSON.stringify(chatRequests(mock).at(-1)?.body ?? {});
  expect(prompt).toContain('Credential Manager');
  for (const bait of BAIT) expect(prompt).not.toContain(bait);

  await panel.getByTestId('draft-insert').click();
  const message = panel.getByTestId('draft-message');
  await expect(message).toHaveAttribute('data-tone', 'ok');
  await expect(message).toContainText('Inserted — review it in ServiceNow before sending');
  await expect(message).toHaveAttribute('data-method', 'input-value');

  const after = await journal(frame);
  expect(after.comments).toBe(DRAFT);
  expect(after.workNotes).toBe('');
  // The page's own listeners saw the change, on the comments field only.
  expect(after.events).toEqual([
    { field: 'comments', type: 'input', value: DRAFT },
    { field: 'comments', type: 'change', value: DRAFT },
  ]);
  expect(after.submits).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('the shell navigates its iframe to another record: the panel follows, and Insert goes only to that record', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  const { tabId } = await openShell(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Outlook keeps asking for my password after the MFA reset',
  );
  const outlookKey = await ticketKeyFromPanel(panel, tabId);
  expect(outlookKey).toBe(`servicenow:acme.service-now.com:${OUTLOOK}`);

  // The agent picks the other incident in the shell's navigation (inside the shadow root).
  await page.locator(`a[data-sys-id="${VPN}"]`).click();
  const vpnFrame = await formFrame(page, VPN);
  await expect(page).toHaveURL(`${ORIGIN}${shellPath(VPN)}`);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN drops every 20 minutes when working from home',
  );
  await expect(panel.getByTestId('ticket-requester')).toHaveText('Fred Luddy <fred.luddy@example.com>');
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('3');

  // A reply still meant for the Outlook incident is refused: the frame shows another record now.
  const stale = await panel.evaluate(
    ({ id, key }) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: 'reply/insert', tabId: id, ticketKey: key, text: 'Hi Beth!' }),
    { id: tabId, key: outlookKey },
  );
  expect(stale).toMatchObject({ ok: false, code: 'ticket-changed' });
  expect((await journal(vpnFrame)).comments).toBe('');

  const reply = 'Hi Fred,\n\nwe raised the idle timeout on your VPN profile; please reconnect once.\n\nAbel';
  await panel.getByTestId('draft-text').fill(reply);
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  const vpn = await journal(vpnFrame);
  expect(vpn.comments).toBe(reply);
  expect(vpn.workNotes).toBe('');
  expect(vpn.events.map((e) => `${e.field}:${e.type}`)).toEqual(['comments:input', 'comments:change']);
  expect(vpn.submits).toBe(0);

  // Back to the Outlook incident: its form got nothing.
  await page.goBack();
  const outlookFrame = await formFrame(page, OUTLOOK);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Outlook keeps asking for my password after the MFA reset',
  );
  const outlook = await journal(outlookFrame);
  expect(outlook.comments).toBe('');
  expect(outlook.events).toEqual([]);
  expect(fixtures.writes).toEqual([]);
});

test('API refused: the record is read from the form inside the frame, with a warning, and Insert still works', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  fixtures.state.servicenowApi = 'error';
  const { tabId, frame } = await openShell(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'Outlook keeps asking for my password after the MFA reset',
  );
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Servicenow adapter, the page (DOM)');
  await expect(panel.getByTestId('ticket-warnings')).toContainText(
    'ServiceNow API returned 403; read from the page instead',
  );
  await expect(panel.getByTestId('ticket-message-count')).toHaveText('6');
  await panel.getByTestId('ticket-thread-toggle').click();
  const thread = panel.getByTestId('ticket-thread');
  expect(
    await thread.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-role'))),
  ).toEqual(['customer', 'customer', 'internal', 'agent', 'system', 'customer']);
  for (const bait of BAIT) await expect(thread).not.toContainText(bait);

  await panel.getByTestId('draft-text').fill('Hi Beth,\n\nwe are on it.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  const after = await journal(frame);
  expect(after.comments).toBe('Hi Beth,\n\nwe are on it.');
  expect(after.workNotes).toBe('');
  expect(after.submits).toBe(0);
  expect(fixtures.writes).toEqual([]);
});

test('the classic form on its own (no shell): read and insert in the page itself', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  await page.goto(`${ORIGIN}/incident.do?sys_id=${VPN}`);
  await page.waitForFunction(() => (window as FormWindow).__deskmateFixture?.isReady === true);
  const tabId = await tabIdOf(sw, `${ORIGIN}/*`);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-subject')).toHaveText(
    'VPN drops every 20 minutes when working from home',
  );
  await expect(panel.getByTestId('ticket-reader')).toHaveText('Servicenow adapter, helpdesk API');

  await panel.getByTestId('draft-text').fill('Hi Fred, please reconnect once.');
  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  const after = await journal(page.mainFrame());
  expect(after.comments).toBe('Hi Fred, please reconnect once.');
  expect(after.workNotes).toBe('');
  expect(after.submits).toBe(0);
  expect(fixtures.writes).toEqual([]);
});
