import { describe, expect, it } from 'vitest';
import { pickTargetTab, pinnedTabIdFrom } from '@/utils/panel/target-tab';

const own = (url: string | undefined) => !!url?.startsWith('chrome-extension://me/');

describe('pickTargetTab', () => {
  it('takes the active tab when it is a web page', () => {
    const tabs = [
      { id: 1, url: 'https://acme.zendesk.com/agent/tickets/1', active: false, lastAccessed: 50 },
      { id: 2, url: 'https://acme.zendesk.com/agent/tickets/2', active: true, lastAccessed: 10 },
    ];
    expect(pickTargetTab(tabs, own)?.id).toBe(2);
  });
  it('when the panel itself is the active tab, takes the tab the agent used last', () => {
    const tabs = [
      { id: 1, url: 'https://acme.zendesk.com/agent/tickets/1', active: false, lastAccessed: 50 },
      { id: 2, url: 'https://blog.example.org/', active: false, lastAccessed: 90 },
      { id: 3, url: 'chrome-extension://me/sidepanel.html', active: true, lastAccessed: 99 },
    ];
    expect(pickTargetTab(tabs, own)?.id).toBe(2);
  });
  it('returns null when there is nothing but the panel', () => {
    expect(
      pickTargetTab([{ id: 3, url: 'chrome-extension://me/sidepanel.html', active: true }], own),
    ).toBeNull();
  });
});

describe('pinnedTabIdFrom', () => {
  it('reads a numeric tabId and ignores anything else', () => {
    expect(pinnedTabIdFrom('?tabId=42')).toBe(42);
    expect(pinnedTabIdFrom('?tabId=4x')).toBeNull();
    expect(pinnedTabIdFrom('?tabId=-1')).toBeNull();
    expect(pinnedTabIdFrom('')).toBeNull();
  });
});
