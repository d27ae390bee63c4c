// The worker keeps the tab's ticket in memory next to storage.session (issue #9, click → request): the memory
// copy answers reads, and anything else writing or removing that entry (delete all, another worker) wins.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { clearTabTicket, getTabTicket, setTabTicket, tabStorageKey } from '@/utils/background/tab-tickets';
import type { ReadTicketResult } from '@/utils/messaging/protocol';
import type { Ticket } from '@/utils/ticket/ticket';

const ticket = (subject: string): Ticket => ({
  id: '1',
  url: 'https://acme.zendesk.com/agent/tickets/1',
  helpdesk: 'zendesk',
  subject,
  requester: { name: 'R' },
  messages: [],
  tags: [],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
});
const read = (subject: string): ReadTicketResult => ({
  ok: true,
  ticket: ticket(subject),
  ticketKey: `k-${subject}`,
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the tab ticket in the worker memory', () => {
  it('answers from memory after a write, without reading storage.session', async () => {
    await setTabTicket(7, read('first'));
    const get = vi.spyOn(browser.storage.session, 'get');
    expect((await getTabTicket(7))?.result).toEqual(read('first'));
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  it('gives way to a write by anything else', async () => {
    await setTabTicket(7, read('first'));
    await browser.storage.session.set({ [tabStorageKey(7)]: { result: read('other'), at: Date.now() + 1 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await getTabTicket(7))?.result).toEqual(read('other'));
  });

  it('is gone after storage.session loses the entry (delete all) and after clearTabTicket', async () => {
    await setTabTicket(7, read('first'));
    await browser.storage.session.remove(tabStorageKey(7));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await getTabTicket(7)).toBeNull();

    await setTabTicket(8, read('second'));
    await clearTabTicket(8);
    expect(await getTabTicket(8)).toBeNull();
  });

  it('keeps nothing when the write fails', async () => {
    await setTabTicket(7, read('first'));
    const set = vi.spyOn(browser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(setTabTicket(7, read('second'))).rejects.toThrow('quota');
    set.mockRestore();
    // Neither the failed write nor the older copy: storage.session still has the first.
    expect((await getTabTicket(7))?.result).toEqual(read('first'));
  });
});
