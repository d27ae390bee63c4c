// Fresh test profiles that already have every built-in helpdesk turned on, without paying for the grant each time.
//
// Turning the helpdesks on (tests/e2e/helpdesk-grants.ts: chrome://extensions, then the extension's own
// permissions.request) costs a couple of seconds of CPU per test, and a fresh profile also pays for the extension's
// install. Instead, each Playwright worker does that once into a TEMPLATE user data dir (launched with the very
// same options as the tests, then closed cleanly so Chromium writes its preferences), and every test starts
// Chromium on its own copy of it: a profile nobody used before, isolated from every other test, in the state the
// grant leaves behind. Starting on it is a browser restart, which the product handles anyway (runtime.onStartup
// re-syncs the registrations): the harness still checks that the access is active and the scripts registered
// before the test begins, and falls back to the real grant in that profile if not.
//
// Tests that need a fresh install (`helpdeskAccess: false`) and the grant flow's own spec do not use templates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

import { HELPDESK_IDS, registrationIdOfHelpdesk } from '../../utils/helpdesks/access';
import { HELPDESK_MATCHES } from '../../utils/helpdesks/matches';
import { helpdeskRegistrations, turnOnHelpdesksInBrowser } from './helpdesk-grants';

export type LaunchOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');

/** The extension's service worker in `context` (it may have started before anyone listened). */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return (
    context.serviceWorkers().find(isExtensionWorker) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 }))
  );
}

const REGISTRATIONS = HELPDESK_IDS.map(registrationIdOfHelpdesk);

/** Grants every built-in helpdesk in `context` the way helpdesk-grants.ts does (the real flow). */
export async function turnOnAllHelpdesks(context: BrowserContext): Promise<void> {
  await turnOnHelpdesksInBrowser(context, await extensionWorker(context), HELPDESK_MATCHES, REGISTRATIONS);
}

interface PermissionGlobals {
  chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
}

/**
 * Whether every built-in helpdesk is on in this (restarted) profile: its hosts active for the extension and its
 * script registered. Polls briefly: at a browser start the background re-syncs the registrations.
 */
export async function allHelpdesksOn(sw: Worker, timeoutMs = 5_000): Promise<boolean> {
  const want = [...REGISTRATIONS].sort().join(',');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const granted = await sw.evaluate(
      (origins) => (globalThis as unknown as PermissionGlobals).chrome.permissions.contains({ origins }),
      [...HELPDESK_MATCHES],
    );
    if (granted && (await helpdeskRegistrations(sw)).join(',') === want) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// What a copy needs none of: caches Chromium rebuilds (copying them would only cost time) and the lock files of
// the template's (closed) browser, which would make Chromium think the copy is in use.
const NOT_COPIED = new Set([
  'SingletonLock',
  'SingletonCookie',
  'SingletonSocket',
  'Crashpad',
  'GrShaderCache',
  'GraphiteDawnCache',
  'ShaderCache',
  'component_crx_cache',
  'Cache',
  'GPUCache',
  'DawnGraphiteCache',
  'DawnWebGPUCache',
]);

// Profiles live in memory where the system offers it (Linux /dev/shm): Chromium's databases sync their writes, and on
// a busy disk copying and removing a test profile took up to a second each (in memory: tens of milliseconds).
const PROFILE_ROOT = (() => {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
})();

/** A new, empty user data dir (a fresh install). */
export function newProfileDir(prefix = 'deskmate-e2e-'): string {
  return fs.mkdtempSync(path.join(PROFILE_ROOT, prefix));
}

/** A new, private user data dir holding a copy of `template`. */
function copyProfile(template: string): string {
  const dir = newProfileDir();
  fs.cpSync(template, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)),
  });
  return dir;
}

/** Launches a fresh profile with `options`, turns every helpdesk on, closes it; returns the profile's folder. */
async function makeTemplate(options: LaunchOptions): Promise<string> {
  const dir = newProfileDir('deskmate-e2e-template-');
  const context = await chromium.launchPersistentContext(dir, options);
  try {
    await turnOnAllHelpdesks(context);
  } finally {
    // A clean close: Chromium writes the profile's preferences (the grant, the registrations) to disk.
    await context.close();
  }
  return dir;
}

const removeDir = (dir: string) =>
  fs.promises
    .rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 })
    .catch(() => undefined);

export interface TestProfiles {
  /** A new, empty profile: a fresh install. */
  fresh(): string;
  /** A fresh copy of the helpdesks-on template for these launch options (the template is made on first use). */
  helpdesksOn(options: LaunchOptions): Promise<string>;
  /** Removes a test's profile once its browser is closed, without holding up the next test. */
  discard(dir: string): void;
  /** Waits for the removals and removes the templates (end of the worker). */
  dispose(): Promise<void>;
}

/** The profiles of one Playwright worker; templates are kept per launch options (any difference gets its own). */
export function testProfiles(): TestProfiles {
  const templates = new Map<string, Promise<string>>();
  const removals = new Set<Promise<void>>();
  return {
    fresh: () => newProfileDir(),
    async helpdesksOn(options) {
      const key = JSON.stringify(options);
      let template = templates.get(key);
      if (!template) {
        template = makeTemplate(options);
        templates.set(key, template);
        // A failed template is not kept: the next test tries again (and reports its own error).
        template.catch(() => templates.delete(key));
      }
      return copyProfile(await template);
    },
    discard(dir) {
      const removal = removeDir(dir);
      removals.add(removal);
      void removal.then(() => removals.delete(removal));
    },
    async dispose() {
      const made = await Promise.allSettled(templates.values());
      templates.clear();
      await Promise.all([
        ...removals,
        ...made.map((result) => (result.status === 'fulfilled' ? removeDir(result.value) : undefined)),
      ]);
    },
  };
}
