// Keyboard shortcuts: the manifest declares them, and a shortcut's command reaches the panel of its tab (open
// already, or opened by it). Headless Chromium does not route key presses to extension commands, so the test
// leaves the command exactly as the background's onCommand handler does (utils/background/commands.ts, unit-
// tested) and checks what the panel does with it.
import type { Worker } from '@playwright/test';
import { expect, test } from './harness';
import { chatRequests } from './more-steps';
import { editorData, openZendesk, panelFor, useMockModel } from './steps';

declare const chrome: {
  runtime: { getManifest(): { commands?: Record<string, { suggested_key?: { default?: string } }> } };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
};

async function press(sw: Worker, command: string, tabId: number): Promise<void> {
  await sw.evaluate(
    ([name, tab]) =>
      chrome.storage.session.set({
        panelCommand: { id: crypto.randomUUID(), command: name, tabId: tab, at: Date.now() },
      }),
    [command, tabId] as const,
  );
}

test('the manifest declares open, summarize, draft and insert shortcuts', async ({ sw }) => {
  const commands = await sw.evaluate(() => chrome.runtime.getManifest().commands ?? {});
  expect(Object.fromEntries(Object.entries(commands).map(([k, v]) => [k, v.suggested_key?.default]))).toEqual(
    {
      _execute_action: 'Alt+Shift+D',
      summarize: 'Alt+Shift+S',
      draft: 'Alt+Shift+R',
      insert: 'Alt+Shift+I',
    },
  );
});

test('draft, then insert, by shortcut: the open panel of that tab runs each once; another tab’s command is ignored', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('draft-generate')).toBeEnabled();

  await press(sw, 'draft', tabId + 1000);
  await press(sw, 'draft', tabId);
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);
  const text = await panel.getByTestId('draft-text').inputValue();

  await press(sw, 'insert', tabId);
  await expect(panel.getByTestId('draft-message')).toContainText('Inserted — review it');
  expect(await editorData(page, '123')).toContain('Thank you for getting in touch about');
  expect(text).toContain('Thank you for getting in touch about');
  expect(chatRequests(mock)).toHaveLength(1);
});

test('a shortcut pressed before the panel opened runs when the panel starts', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  await useMockModel(context, extensionId, mock);
  const { tabId } = await openZendesk(page, sw);
  await press(sw, 'summarize', tabId);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('summary-status')).toHaveAttribute('data-status', 'done');
  expect(chatRequests(mock)).toHaveLength(1);
});
