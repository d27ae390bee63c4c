// Playwright fixtures for Deskmate's end-to-end tests.
//
//   import { expect, test } from './harness';
//   test('…', async ({ context, page, sw, extensionId, mock, fixtures }) => { … });
//
// Worker-scoped: the fixture web server (HTTPS helpdesk hosts + plain-HTTP generic pages) and the mock LLM.
// Test-scoped: a fresh persistent Chromium profile with the BUILT extension (.output/chrome-mv3, run
// `npx wxt build` first), its service worker `sw` and `extensionId`; `mock` and `fixtures` are the worker's
// servers, reset before every test (requests/queue, writes/state).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type BrowserContext,
  test as base,
  chromium,
  expect,
  type Page,
  type Worker,
} from '@playwright/test';

import type { MockBehaviour, MockLlm, MockLlmOptions, RecordedRequest } from '../mock-llm/server.mjs';
import {
  allHelpdesksOn,
  extensionWorker,
  type LaunchOptions,
  type TestProfiles,
  testProfiles,
  turnOnAllHelpdesks,
} from './profile-template';

export { expect };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// DESKMATE_EXTENSION_DIR lets a run use a copy of the build, so a concurrent `wxt build` cannot pull it away.
export const EXTENSION_DIR = process.env.DESKMATE_EXTENSION_DIR || path.join(ROOT, '.output', 'chrome-mv3');

// ---- types of the .mjs servers (they are plain JS so Node can run them without a TS loader) ----

// The mock's types live beside it (tests/mock-llm/server.d.mts), the one description of that module.
export type { MockBehaviour, MockLlm, MockLlmOptions, RecordedRequest };

export interface FixtureWrite {
  [key: string]: unknown;
}

export interface FixtureServer {
  httpsPort: number;
  httpPort: number;
  /** Value for Chromium's --host-resolver-rules: every helpdesk host suffix → 127.0.0.1:<httpsPort>. */
  hostResolverRules: string;
  /** The same, plus every other host name unresolvable: tests never reach beyond this machine. */
  isolatedHostResolverRules: string;
  /** What the fixture sites recorded via ctx.recordWrite(entry), oldest first. */
  writes: FixtureWrite[];
  /** Mutable state shared with the site modules (ctx.state). */
  state: Record<string, unknown>;
  /** Clears writes and state in place. */
  reset(): void;
  close(): Promise<void>;
}

interface MockModule {
  startMockLlm(opts?: MockLlmOptions): Promise<MockLlm>;
}
interface FixtureModule {
  startFixtureServer(opts?: { log?: boolean }): Promise<FixtureServer>;
}

async function importFromRoot<T>(relative: string): Promise<T> {
  // A computed specifier: TypeScript does not try to type the .mjs file; the interfaces above describe it.
  return (await import(pathToFileURL(path.join(ROOT, relative)).href)) as T;
}

export async function startMockLlm(opts?: MockLlmOptions): Promise<MockLlm> {
  const mod = await importFromRoot<MockModule>('tests/mock-llm/server.mjs');
  return mod.startMockLlm(opts);
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const mod = await importFromRoot<FixtureModule>('tests/fixtures/server.mjs');
  return mod.startFixtureServer({ log: !!process.env.DESKMATE_FIXTURE_LOG });
}

// ---- the bits of the `chrome` API that tests evaluate inside the service worker ----

export interface ChromeTab {
  id?: number;
  windowId: number;
  url?: string;
  title?: string;
  active: boolean;
}

/**
 * The part of the extension `chrome` global used from tests. Specs that call `sw.evaluate(() => chrome…)`
 * write `declare const chrome: ChromeApi;` (the function runs in the service worker, where `chrome` exists).
 */
export interface ChromeApi {
  runtime: {
    id: string;
    getManifest(): { name: string; version: string; manifest_version: number; [key: string]: unknown };
    getURL(path: string): string;
  };
  tabs: {
    query(query: {
      url?: string | string[];
      active?: boolean;
      currentWindow?: boolean;
    }): Promise<ChromeTab[]>;
    get(tabId: number): Promise<ChromeTab>;
  };
  storage: {
    local: {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
    };
  };
}

declare const chrome: ChromeApi;

// ---- helpers ----

/** Opens the side panel UI as a normal tab for the helpdesk tab `tabId` (sidePanel.open needs a user gesture). */
export async function openPanel(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  return panel;
}

/** The Chrome tab id of the first tab whose URL matches the match pattern (e.g. `https://acme.zendesk.com/*`). */
export async function tabIdOf(sw: Worker, urlPattern: string, timeoutMs = 5_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const id = await sw.evaluate(async (pattern) => {
      const tabs = await chrome.tabs.query({ url: pattern });
      return tabs[0]?.id ?? null;
    }, urlPattern);
    if (typeof id === 'number') return id;
    if (Date.now() > deadline) throw new Error(`tabIdOf: no tab matches ${urlPattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ProviderConfig {
  baseURL: string;
  model: string;
  apiKey: string;
}

/** A provider config pointing at the mock LLM. */
export function mockProvider(mock: MockLlm, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  return { baseURL: mock.url, model: 'gpt-4o-mini', apiKey: 'sk-test-deskmate', ...overrides };
}

// Providers are configured through the real options page: see configureProviderInOptions in steps.ts.

// ---- fixtures ----

interface WorkerFixtures {
  fixtureServer: FixtureServer;
  mockServer: MockLlm;
  extensionPath: string;
  browserPath: string;
  /** Where the worker's test profiles come from (tests/e2e/profile-template.ts). */
  testProfiles: TestProfiles;
}

interface TestFixtures {
  /**
   * Whether every built-in helpdesk is turned on before the test (granted in the browser's settings, then the
   * extension's request: tests/e2e/helpdesk-grants.ts). Default true; `test.use({ helpdeskAccess: false })`
   * starts with none, as a fresh install does.
   */
  helpdeskAccess: boolean;
  /**
   * The browser's UI language, which picks the extension's _locales (e.g. 'de'). Default undefined: the
   * machine's (English here). `test.use({ browserLanguage: 'de' })` starts Chromium with --lang and LANGUAGE.
   */
  browserLanguage: string | undefined;
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  mock: MockLlm;
  fixtures: FixtureServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  browserPath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      await use(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
    },
    { scope: 'worker' },
  ],

  extensionPath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
        throw new Error(`no built extension at ${EXTENSION_DIR}: run \`npx wxt build\` first`);
      }
      await use(EXTENSION_DIR);
    },
    { scope: 'worker' },
  ],

  fixtureServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  mockServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      const server = await startMockLlm();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  mock: [
    async ({ mockServer }, use) => {
      mockServer.reset();
      await use(mockServer);
    },
    { auto: true },
  ],

  fixtures: [
    async ({ fixtureServer }, use) => {
      fixtureServer.reset();
      await use(fixtureServer);
    },
    { auto: true },
  ],

  testProfiles: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      const profiles = testProfiles();
      await use(profiles);
      await profiles.dispose();
    },
    { scope: 'worker' },
  ],

  helpdeskAccess: [true, { option: true }],
  browserLanguage: [undefined, { option: true }],

  context: async (
    { extensionPath, browserPath, fixtureServer, helpdeskAccess, browserLanguage, testProfiles },
    use,
  ) => {
    const launchOptions: LaunchOptions = {
      executablePath: browserPath,
      headless: true,
      permissions: ['clipboard-read', 'clipboard-write'],
      // On Linux, Chromium takes its UI language (and so chrome.i18n's) from LANGUAGE as well as --lang.
      ...(browserLanguage ? { env: { ...process.env, LANGUAGE: browserLanguage } } : {}),
      args: [
        ...(browserLanguage ? [`--lang=${browserLanguage}`] : []),
        `--disable-extensions-except=${extensionPath}`,
        `--load-extension=${extensionPath}`,
        `--host-resolver-rules=${fixtureServer.isolatedHostResolverRules}`,
        '--ignore-certificate-errors',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Lets a test reload the unpacked extension over CDP (Extensions.loadUnpacked), i.e. simulate an update.
        '--enable-unsafe-extension-debugging',
      ],
    };
    // Helpdesks on: a fresh copy of the worker's template profile, granted once (profile-template.ts). Off: a new,
    // empty profile, i.e. a fresh install.
    const userDataDir = helpdeskAccess ? await testProfiles.helpdesksOn(launchOptions) : testProfiles.fresh();
    const context = await chromium.launchPersistentContext(userDataDir, launchOptions);
    try {
      if (helpdeskAccess && !(await allHelpdesksOn(await extensionWorker(context)))) {
        // The copy did not keep the access (it always has so far): grant it here, the slow way.
        console.warn('harness: the template profile lost its helpdesk access; granting it in this profile');
        await turnOnAllHelpdesks(context);
      }
      await use(context);
    } finally {
      await context.close();
      testProfiles.discard(userDataDir);
    }
  },

  sw: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },

  extensionId: async ({ sw }, use) => {
    await use(new URL(sw.url()).host);
  },
});
