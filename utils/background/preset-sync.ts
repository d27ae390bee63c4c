import { browser } from 'wxt/browser';
import { db } from '../db';
import { isAgreedCopy, loadSyncState, runPresetSync } from '../presets/sync-runner';

// The background side of preset sync: pulls at worker start and whenever another computer writes the synced copy,
// so the side panel's picker has the agent's presets without the options page being opened.

const META_KEY = 'presets.meta';

async function runIfEnabled(): Promise<void> {
  if (!(await loadSyncState()).enabled) return;
  await runPresetSync(db(), browser.storage.sync);
}

export function startPresetSync(): void {
  void runIfEnabled().catch(() => {});
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[META_KEY];
    if (area !== 'sync' || !change) return;
    const updatedAt = (change.newValue as { updatedAt?: unknown } | undefined)?.updatedAt;
    // This computer's own write (options page or this worker) needs no pass.
    void isAgreedCopy(updatedAt)
      .then((own) => (own ? undefined : runIfEnabled()))
      .catch(() => {});
  });
}
