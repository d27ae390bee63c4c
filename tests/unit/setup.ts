import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import { installFakeI18n } from './i18n-fake';

// The fake browser has no permissions.onAdded / onRemoved; the options page's Helpdesks section listens to them
// (utils/helpdesks/access-client.ts). Plain in-memory events, so pages that use them can render in unit tests.
for (const name of ['onAdded', 'onRemoved'] as const) {
  const listeners = new Set<(permissions: unknown) => void>();
  Object.defineProperty(fakeBrowser.permissions, name, {
    configurable: true,
    value: {
      addListener: (listener: (permissions: unknown) => void) => void listeners.add(listener),
      removeListener: (listener: (permissions: unknown) => void) => void listeners.delete(listener),
      hasListener: (listener: (permissions: unknown) => void) => listeners.has(listener),
      trigger: async (permissions: unknown) => {
        for (const listener of listeners) listener(permissions);
      },
    },
  });
}

// browser.i18n from the real locale files (English unless a test picks another): components render real text.
installFakeI18n();
