import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export interface TargetTab {
  tabId: number;
  url: string | undefined;
  /** Bumps whenever the tab navigates, so readers know to read again. */
  navigation: number;
}

/** `sidepanel.html?tabId=N` pins a tab (tests, and "open in a tab" use); otherwise follow the active tab. */
export function pinnedTabIdFrom(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

interface TabLike {
  id?: number;
  url?: string;
  active?: boolean;
  windowId?: number;
  lastAccessed?: number;
}

const isOwnPage = (url: string | undefined) => !!url && url.startsWith(browser.runtime.getURL('/'));

/**
 * The tab the panel should work on, among the tabs of the window it follows. Normally the active tab. When the
 * panel itself is that tab (opened as a page rather than docked), the tab the agent used just before it.
 */
export function pickTargetTab(
  tabs: readonly TabLike[],
  ownPage: (url: string | undefined) => boolean,
): TabLike | null {
  const active = tabs.find((t) => t.active);
  if (active && !ownPage(active.url)) return active;
  const others = tabs.filter((t) => !ownPage(t.url) && t.id !== undefined);
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0] ?? null;
}

/** The window to follow: the panel's own, or, for a panel in its own popup window, the last normal window. */
async function windowToFollow(): Promise<number | undefined> {
  const current = await browser.windows.getCurrent().catch(() => null);
  if (current?.type === 'popup' || current?.type === 'panel') {
    const normal = await browser.windows.getLastFocused({ windowTypes: ['normal'] }).catch(() => null);
    return normal?.id ?? current.id;
  }
  return current?.id;
}

export function useTargetTab(pinnedTabId: number | null): TargetTab | null {
  const [target, setTarget] = useState<TargetTab | null>(null);

  useEffect(() => {
    let windowId: number | undefined;
    let cancelled = false;
    let followedTabId: number | null = pinnedTabId;
    const set = (tabId: number, url: string | undefined) => {
      followedTabId = tabId;
      setTarget((prev) =>
        prev && prev.tabId === tabId && prev.url === url
          ? prev
          : { tabId, url, navigation: (prev?.navigation ?? 0) + 1 },
      );
    };

    const init = async () => {
      if (pinnedTabId !== null) {
        const tab = await browser.tabs.get(pinnedTabId).catch(() => null);
        if (!cancelled) set(pinnedTabId, tab?.url);
        return;
      }
      windowId = await windowToFollow();
      const tabs = await browser.tabs.query(windowId !== undefined ? { windowId } : { currentWindow: true });
      const tab = pickTargetTab(tabs, isOwnPage);
      if (!cancelled && tab?.id !== undefined) set(tab.id, tab.url);
    };
    void init();

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (pinnedTabId !== null || (windowId !== undefined && info.windowId !== windowId)) return;
      void browser.tabs
        .get(info.tabId)
        .then((tab) => {
          // Switching to the panel's own tab keeps the ticket it was showing.
          if (!isOwnPage(tab.url)) set(info.tabId, tab.url);
        })
        .catch(() => {});
    };
    const onUpdated = (tabId: number, change: { url?: string; status?: string }, tab: TabLike) => {
      // The followed tab navigated (it need not be the active one: the panel may be the active tab).
      if (tabId !== followedTabId || isOwnPage(tab.url)) return;
      if (change.url !== undefined || change.status === 'complete') set(tabId, tab.url);
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      cancelled = true;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [pinnedTabId]);

  return target;
}
