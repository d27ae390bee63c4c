import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { db } from '../db';
import { t } from '../i18n/t';
import { managedArea } from '../managed-area';
import { PackActionResult, type PanelRequest } from '../messaging/protocol';
import { EMPTY_POLICY, loadPolicy, type ReadPolicyResult } from '../presets/policy';
import { listSubscriptions, type PresetDb, removeSubscription } from '../presets/store';
import { type SubscriptionState, type SubscriptionStatus, subscriptionStatus } from '../presets/subscription';

// The options page's side of Team packs and enterprise policy. Fetching packs is the background's job
// (packs/* requests, utils/background/pack-refresh.ts); this page reads the subscriptions table live (Dexie is
// shared within the extension origin, so an alarm refresh shows up at once), unsubscribes directly (a local
// delete), and reads the administrator's policy from storage.managed itself.

async function ask(request: PanelRequest): Promise<PackActionResult> {
  try {
    const parsed = PackActionResult.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
    return {
      ok: false,
      code: 'http',
      message: t('options_background_garbled'),
    };
  } catch (error) {
    return { ok: false, code: 'http', message: t('options_background_silent', String(error)) };
  }
}

export const subscribeToPack = (url: string, intervalHours: number) =>
  ask({ type: 'packs/subscribe', url, intervalHours });
export const refreshPack = (url: string) => ask({ type: 'packs/refresh', url });
export const setPackInterval = (url: string, intervalHours: number) =>
  ask({ type: 'packs/set-interval', url, intervalHours });

export function unsubscribeFromPack(url: string): Promise<void> {
  return removeSubscription(db() as PresetDb, url);
}

export interface SubscriptionRow {
  state: SubscriptionState;
  status: SubscriptionStatus;
}

export interface SubscriptionsView {
  loaded: boolean;
  rows: SubscriptionRow[];
  warnings: string[];
}

/** The subscriptions, updated whenever the table changes (here or in the background). */
export function useSubscriptions(): SubscriptionsView {
  const [view, setView] = useState<SubscriptionsView>({ loaded: false, rows: [], warnings: [] });
  useEffect(() => {
    const subscription = liveQuery(() => listSubscriptions(db() as PresetDb)).subscribe({
      next: ({ subscriptions, warnings }) =>
        setView({
          loaded: true,
          warnings,
          rows: subscriptions
            // The administrator's packs first, then the agent's in the order they were added.
            .sort((a, b) => (a.origin === b.origin ? a.addedAt - b.addedAt : a.origin === 'policy' ? -1 : 1))
            .map((state) => ({ state, status: subscriptionStatus(state) })),
        }),
      error: (error: unknown) =>
        setView({
          loaded: true,
          rows: [],
          warnings: [t('presets_subscriptions_unreadable', String(error))],
        }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return view;
}

export interface PolicyView extends ReadPolicyResult {
  loaded: boolean;
}

/** The administrator's policy as this page sees it, updated when the policy changes. */
export function useManagedPolicy(): PolicyView {
  const [view, setView] = useState<PolicyView>({
    loaded: false,
    policy: { ...EMPTY_POLICY },
    warnings: [],
    managed: false,
  });
  useEffect(() => {
    let live = true;
    const load = () =>
      void loadPolicy(managedArea()).then((result) => {
        if (live) setView({ ...result, loaded: true });
      });
    load();
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return view;
}
