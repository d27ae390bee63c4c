import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { trackPanelPort } from '@/utils/background/panel-presence';
import { routeMessage } from '@/utils/background/router';
import { getTabTicket, setTabTicket } from '@/utils/background/tab-tickets';
import type { Ticket } from '@/utils/ticket/ticket';

// The background's front door: who may ask what. fakeBrowser's runtime id is "test-extension-id".
const EXT = 'chrome-extension://test-extension-id';
const panel = { id: 'test-extension-id', url: `${EXT}/sidepanel.html?tabId=7` };
const contentScript = {
  id: 'test-extension-id',
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 7 },
  frameId: 0,
};

const ticket: Ticket = {
  id: '1',
  url: 'https://acme.zendesk.com/agent/tickets/1',
  helpdesk: 'zendesk',
  subject: 'S',
  requester: { name: 'R' },
  messages: [],
  tags: [],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('routeMessage', () => {
  it('never lets a content script insert, read other tabs or test providers', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    for (const message of [
      { type: 'reply/insert', tabId: 7, ticketKey: 'zendesk:acme.zendesk.com:1', text: 'Hi' },
      { type: 'ticket/read', tabId: 3 },
      { type: 'provider/test' },
      { type: 'start', kind: 'draft', tabId: 7, ticketKey: 'k' },
    ]) {
      expect(await routeMessage(message, contentScript)).toBeUndefined();
    }
    expect(send).not.toHaveBeenCalled();
    expect(exec).not.toHaveBeenCalled();
  });

  it('drops messages from other extensions and from unknown senders', async () => {
    const get = vi.spyOn(fakeBrowser.tabs, 'get');
    expect(
      await routeMessage({ type: 'ticket/read', tabId: 7 }, { ...panel, id: 'another-extension' }),
    ).toBeUndefined();
    expect(
      await routeMessage(
        { type: 'ticket/read', tabId: 7 },
        { id: 'test-extension-id', url: 'https://evil.example/' },
      ),
    ).toBeUndefined();
    expect(get).not.toHaveBeenCalled();
  });

  it('answers malformed panel requests with a specific error', async () => {
    expect(await routeMessage({ type: 'ticket/read', tabId: 'seven' }, panel)).toEqual({
      ok: false,
      code: 'bad-request',
      message: 'Malformed request.',
    });
  });

  it('ignores ticket-change events from sub-frames and keeps the stored ticket', async () => {
    await setTabTicket(7, { ok: true, ticket, ticketKey: 'zendesk:acme.zendesk.com:1' });
    const get = vi.spyOn(fakeBrowser.tabs, 'get');
    await routeMessage(
      { type: 'content/ticket-changed', ticketId: '2', url: ticket.url },
      { ...contentScript, frameId: 3 },
    );
    expect(get).not.toHaveBeenCalled();
    expect((await getTabTicket(7))?.result.ok).toBe(true);
  });

  it('with every panel closed, a ticket change reads nothing and forgets the stored ticket', async () => {
    await setTabTicket(7, { ok: true, ticket, ticketKey: 'zendesk:acme.zendesk.com:1' });
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    await routeMessage({ type: 'content/ticket-changed', ticketId: '2', url: ticket.url }, contentScript);
    expect(send).not.toHaveBeenCalled();
    expect(await getTabTicket(7)).toBeNull();
  });

  it('with a panel open, a ticket change from the top frame re-reads that tab', async () => {
    const listeners: (() => void)[] = [];
    trackPanelPort({ onDisconnect: { addListener: (l: () => void) => listeners.push(l) } } as never);
    await setTabTicket(7, { ok: true, ticket, ticketKey: 'zendesk:acme.zendesk.com:1' });
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
      id: 7,
      url: 'https://example.org/nothing',
    } as never);
    await routeMessage(
      { type: 'content/ticket-changed', ticketId: null, url: 'https://example.org/nothing' },
      contentScript,
    );
    const stored = await getTabTicket(7);
    expect(stored?.result).toMatchObject({ ok: false, code: 'no-adapter' });
    for (const l of listeners) l(); // the panel closes
  });

  it('refuses to insert a draft written for another ticket than the one the tab shows', async () => {
    await setTabTicket(7, { ok: true, ticket, ticketKey: 'zendesk:acme.zendesk.com:1' });
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    const result = await routeMessage(
      { type: 'reply/insert', tabId: 7, ticketKey: 'zendesk:acme.zendesk.com:2', text: 'Hi' },
      panel,
    );
    expect(result).toMatchObject({ ok: false, code: 'ticket-changed' });
    expect(send).not.toHaveBeenCalled();
  });

  it('tells the panel when a page is not a helpdesk, so it can offer the generic readers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
      id: 7,
      url: 'https://blog.example.org/post',
    } as never);
    expect(await routeMessage({ type: 'ticket/read', tabId: 7 }, panel)).toMatchObject({
      ok: false,
      code: 'no-adapter',
    });
  });

  it('rejects a ticket from a content script that does not match the schema', async () => {
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7, url: ticket.url } as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      ok: true,
      ticket: { ...ticket, messages: [{ role: 'root', text: 'x' }] },
    });
    const result = await routeMessage({ type: 'ticket/read', tabId: 7 }, panel);
    expect(result).toMatchObject({ ok: false, code: 'read-failed' });
  });
});
