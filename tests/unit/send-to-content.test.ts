// The background's message to a tab's content script (utils/background/tab-tickets.ts): a tab with no script gets
// it injected, and the freshly injected script, which starts listening only after reading its settings, is asked
// again until it answers — the race a fresh install's "Allow Deskmate on Zendesk" hit now and then.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { INJECTED_SCRIPT_WAIT, sendToContent } from '@/utils/background/tab-tickets';

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const TAB_URL = 'https://acme.zendesk.com/agent/tickets/123';

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  // The browser types have callback overloads that a mock's return type cannot satisfy: cast once, here.
  vi.spyOn(browser.tabs, 'get').mockImplementation((async () => ({
    id: 7,
    url: TAB_URL,
  })) as unknown as typeof browser.tabs.get);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const mockInject = () =>
  vi
    .spyOn(browser.scripting, 'executeScript')
    .mockImplementation((async () => []) as unknown as typeof browser.scripting.executeScript);

/** sendMessage failing with "no receiver" `failures` times, then answering. */
function receiverAfter(failures: number) {
  let calls = 0;
  return vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(async () => {
    calls += 1;
    if (calls <= failures) throw new Error(NO_RECEIVER);
    return { ok: true, answeredOnCall: calls };
  });
}

describe('sendToContent', () => {
  it('injects the script once and waits for it to start listening', async () => {
    const send = receiverAfter(4);
    const inject = mockInject();
    const answer = sendToContent(7, { type: 'content/extract' });
    await vi.runAllTimersAsync();
    await expect(answer).resolves.toEqual({ ok: true, answeredOnCall: 5 });
    expect(inject).toHaveBeenCalledTimes(1);
    expect(inject.mock.calls[0]?.[0]).toMatchObject({ target: { tabId: 7, frameIds: [0] } });
    expect(send).toHaveBeenCalledTimes(5);
  });

  it('gives up after its wait with the browser’s own error', async () => {
    receiverAfter(1 + INJECTED_SCRIPT_WAIT.attempts);
    mockInject();
    const answer = sendToContent(7, { type: 'content/extract' });
    const settled = expect(answer).rejects.toThrow(NO_RECEIVER);
    await vi.runAllTimersAsync();
    await settled;
  });

  it('does not retry another failure', async () => {
    const send = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockRejectedValueOnce(new Error(NO_RECEIVER))
      .mockRejectedValueOnce(new Error('The tab was closed.'));
    mockInject();
    await expect(sendToContent(7, { type: 'content/extract' })).rejects.toThrow('The tab was closed.');
    expect(send).toHaveBeenCalledTimes(2);
  });
});
