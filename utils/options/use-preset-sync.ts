import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { db } from '../db';
import { fingerprint } from '../presets/import-diff';
import { personalPresets } from '../presets/store';
import {
  DEFAULT_SYNC_STATE,
  loadSyncState,
  PRESET_SYNC_KEY,
  PresetSyncState,
  runPresetSync,
  setPresetSyncEnabled,
} from '../presets/sync-runner';

// The options page side of preset sync: shows the state, and pushes after the agent changes a personal preset
// here (the background pulls at start and when another computer writes; utils/background/preset-sync.ts).

const PUSH_DELAY_MS = 400;

export interface PresetSyncControl {
  state: PresetSyncState;
  busy: boolean;
  setEnabled(enabled: boolean): Promise<void>;
  syncNow(): Promise<void>;
}

export function usePresetSync(): PresetSyncControl {
  const [state, setState] = useState<PresetSyncState>(DEFAULT_SYNC_STATE);
  const [busy, setBusy] = useState(false);
  const enabled = useRef(false);
  enabled.current = state.enabled;

  const syncNow = async () => {
    setBusy(true);
    try {
      await runPresetSync(db(), browser.storage.sync);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void loadSyncState().then(setState);
    return storage.watch<unknown>(PRESET_SYNC_KEY, (value) => {
      const parsed = PresetSyncState.safeParse(value ?? {});
      setState(parsed.success ? parsed.data : DEFAULT_SYNC_STATE);
    });
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one subscription for the page's life
  useEffect(() => {
    let last: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = liveQuery(() => personalPresets(db())).subscribe({
      next: (presets) => {
        const print = fingerprint(presets);
        const changed = last !== null && print !== last;
        last = print;
        if (!changed || !enabled.current) return;
        clearTimeout(timer);
        timer = setTimeout(() => void syncNow(), PUSH_DELAY_MS);
      },
    });
    return () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  }, []);

  return {
    state,
    busy,
    async setEnabled(on: boolean) {
      // The switch follows the click at once; the stored state (watched above) confirms it.
      setState((current) => ({ ...current, enabled: on }));
      await setPresetSyncEnabled(on);
      if (on) await syncNow();
    },
    syncNow,
  };
}
