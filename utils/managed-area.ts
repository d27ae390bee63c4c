import { browser } from 'wxt/browser';

// The browser's managed storage area (enterprise policy, utils/presets/policy.ts), as every context reads it.
// Absent in some contexts and browsers; Firefox rejects reads when no policy names Deskmate. Either way: no policy.

export interface ManagedArea {
  get: (keys?: null) => Promise<Record<string, unknown>>;
}

const NO_AREA: ManagedArea = {
  get: () => Promise.reject(new Error('storage.managed is not available here')),
};

export function managedArea(): ManagedArea {
  return (browser.storage as unknown as { managed?: ManagedArea }).managed ?? NO_AREA;
}
