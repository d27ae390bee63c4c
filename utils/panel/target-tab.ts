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

export function useTargetTab(pinnedTabId: number | null): TargetTab | null {
  const [target, setTarget] = useState<TargetTab | null>(null);

  useEffect(() => {
    let windowId: number | undefined;
    let cancelled = false;
    const set = (tabId: number, url: string | undefined) =>
      setTarget((prev) =>
        prev && prev.tabId === tabId && prev.url === url
          ? prev
          : { tabId, url, navigation: (prev?.navigation ?? 0) + 1 },
      );

    const init = async () => {
      if (pinnedTabId !== null) {
        const tab = await browser.tabs.get(pinnedTabId).catch(() => null);
        if (!cancelled) set(pinnedTabId, tab?.url);
        return;
      }
      const current = await browser.windows.getCurrent().catch(() => null);
      windowId = current?.id;
      const [tab] = await browser.tabs.query({
        active: true,
        ...(windowId !== undefined ? { windowId } : { currentWindow: true }),
      });
      if (!cancelled && tab?.id !== undefined) set(tab.id, tab.url);
    };
    void init();

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (pinnedTabId !== null || (windowId !== undefined && info.windowId !== windowId)) return;
      void browser.tabs
        .get(info.tabId)
        .then((tab) => set(info.tabId, tab.url))
        .catch(() => {});
    };
    const onUpdated = (
      tabId: number,
      change: { url?: string; status?: string },
      tab: { url?: string; active?: boolean; windowId?: number },
    ) => {
      const following =
        pinnedTabId ?? (tab.active && (windowId === undefined || tab.windowId === windowId) ? tabId : null);
      if (following !== tabId) return;
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
