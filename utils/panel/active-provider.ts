import { useEffect, useState } from 'react';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { PROVIDER_SETTINGS_KEY } from '../settings';

// Seam: "is the active provider Chrome's on-device model?" The provider store is being rewritten into a list
// of providers (each with a presetId); this one function is what the panel asks, so the rewrite only has to
// change it. Until then the choice is stored in 'local:provider' as { presetId: 'chrome-ai' }.

export const CHROME_AI_PRESET_ID = 'chrome-ai';

const OnDeviceChoice = z.union([
  z.object({ presetId: z.literal(CHROME_AI_PRESET_ID) }),
  z.object({ kind: z.literal(CHROME_AI_PRESET_ID) }),
]);

export function isOnDeviceChoice(raw: unknown): boolean {
  return OnDeviceChoice.safeParse(raw).success;
}

/** Never throws: an unreadable store means "not on-device" (the background path then explains the problem). */
export async function activeProviderIsOnDevice(): Promise<boolean> {
  try {
    return isOnDeviceChoice(await storage.getItem<unknown>(PROVIDER_SETTINGS_KEY));
  } catch {
    return false;
  }
}

/** Makes Chrome's on-device model the active provider (the options page's "Use on-device model"). */
export async function chooseOnDeviceProvider(): Promise<void> {
  await storage.setItem(PROVIDER_SETTINGS_KEY, { presetId: CHROME_AI_PRESET_ID });
}

/** Calls `cb` whenever the choice may have changed. Returns unwatch. */
export function watchOnDeviceChoice(cb: (onDevice: boolean) => void): () => void {
  return storage.watch<unknown>(PROVIDER_SETTINGS_KEY, (raw) => cb(isOnDeviceChoice(raw)));
}

/** React: whether the on-device model is the active provider, kept current. */
export function useOnDeviceChoice(): boolean {
  const [onDevice, setOnDevice] = useState(false);
  useEffect(() => {
    let live = true;
    void activeProviderIsOnDevice().then((value) => {
      if (live) setOnDevice(value);
    });
    const unwatch = watchOnDeviceChoice(setOnDevice);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return onDevice;
}
