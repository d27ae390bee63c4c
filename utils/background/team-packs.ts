import { browser } from 'wxt/browser';
import { db } from '../db';
import { managedArea } from '../managed-area';
import type { PackActionResult } from '../messaging/protocol';
import type { PresetDb } from '../presets/store';
import { syncPolicyPacks } from './managed-policy';
import {
  type PackRefreshDeps,
  refreshDue,
  refreshUrl,
  setIntervalHours,
  startPackRefresh,
  subscribeUrl,
} from './pack-refresh';

// The real browser behind pack-refresh.ts and managed-policy.ts: the shared database, the worker's fetch, the
// managed storage area and the alarms. Called once per worker start (entrypoints/background.ts), and by the
// router for the options page's packs/* requests.

const log = (message: string) => console.warn(`[Deskmate] ${message}`);

function deps(): PackRefreshDeps {
  return { db: db() as unknown as PresetDb, fetch: (url, init) => fetch(url, init), log };
}

let policyApplied: Promise<unknown> = Promise.resolve();

/** Applies the policy's packs, then fetches the policy subscriptions that never ran. */
function applyPolicy(): Promise<unknown> {
  policyApplied = syncPolicyPacks({ db: deps().db, area: managedArea(), log })
    .then(() => refreshDue(deps(), 'startup'))
    .catch((error: unknown) => log(`The managed policy could not be applied: ${String(error)}`));
  return policyApplied;
}

export function startTeamPacks(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyPolicy();
  });
  // The policy first, so its subscriptions exist before the startup pass decides what is due.
  void applyPolicy().then(() => startPackRefresh(deps(), browser.alarms));
}

/** The options page's Team packs requests (router: packs/*). */
export async function handlePackRequest(
  request:
    | { type: 'packs/subscribe'; url: string; intervalHours?: number | undefined }
    | { type: 'packs/refresh'; url: string }
    | { type: 'packs/set-interval'; url: string; intervalHours: number },
): Promise<PackActionResult> {
  await policyApplied;
  switch (request.type) {
    case 'packs/subscribe':
      return subscribeUrl(deps(), request.url, request.intervalHours);
    case 'packs/refresh':
      return refreshUrl(deps(), request.url);
    case 'packs/set-interval': {
      const result = await setIntervalHours(deps(), request.url, request.intervalHours);
      return result.ok
        ? { ok: true, outcome: 'saved' }
        : { ok: false, code: 'bad-url', message: result.message };
    }
  }
}
