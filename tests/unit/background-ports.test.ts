import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import { GENERATION_PORT, PANEL_PORT } from '@/utils/messaging/protocol';

// Ports are how a model call starts (one generation port per call). Only extension pages may open one: a
// content script, another extension or a page gets disconnected before any listener is attached.
const EXT = 'chrome-extension://test-extension-id';

function fakePort(name: string, sender: Record<string, unknown>) {
  return {
    name,
    sender,
    disconnect: vi.fn(),
    postMessage: vi.fn(),
    onMessage: { addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() },
    onDisconnect: { addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() },
  };
}

let onConnect: (port: unknown) => void = () => {
  throw new Error('the background registered no onConnect listener');
};

beforeEach(() => {
  fakeBrowser.reset();
  // fakeBrowser lists Firefox's browserAction without implementing it; the toolbar toggle is not under test.
  const firefox = fakeBrowser as unknown as {
    browserAction?: { onClicked: { addListener(cb: () => void): void } };
  };
  if (firefox.browserAction)
    vi.spyOn(firefox.browserAction.onClicked, 'addListener').mockImplementation(() => {});
  // Nor runtime.onConnect: keep the listener the background registers and call it as the browser would.
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((listener) => {
    onConnect = listener as unknown as (port: unknown) => void;
  });
  vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => {});
  // Keyboard shortcuts (commands) are not under test here either.
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
  background.main();
});

describe('background: who may open a port', () => {
  const refused = {
    'a content script': {
      id: 'test-extension-id',
      url: 'https://acme.zendesk.com/agent/tickets/1',
      tab: { id: 7 },
      frameId: 0,
    },
    'another extension': { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' },
    'a web page': { url: 'https://evil.example/', tab: { id: 7 } },
  };
  for (const [label, sender] of Object.entries(refused)) {
    for (const name of [GENERATION_PORT, PANEL_PORT]) {
      it(`disconnects a "${name}" port from ${label} without listening to it`, async () => {
        const port = fakePort(name, sender);
        onConnect(port);
        expect(port.disconnect).toHaveBeenCalled();
        expect(port.onMessage.addListener).not.toHaveBeenCalled();
        expect(port.postMessage).not.toHaveBeenCalled();
      });
    }
  }

  it('serves the generation port of the side panel', async () => {
    const port = fakePort(GENERATION_PORT, { id: 'test-extension-id', url: `${EXT}/sidepanel.html?tabId=7` });
    onConnect(port);
    expect(port.disconnect).not.toHaveBeenCalled();
    expect(port.onMessage.addListener).toHaveBeenCalled();
  });
});
