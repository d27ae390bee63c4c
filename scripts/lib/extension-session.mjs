// Building blocks for scripts that run the BUILT extension in Chromium next to the fixture helpdesk and the
// mock model: scripts/demo.mjs (`npm run demo`) and scripts/store-screenshots.mjs use them. Every function does
// one step and throws a plain Error on failure, with a message meant for the person running the script.
//
//   const servers = await startDemoServers({ mock: { port: 0 } });
//   const context = await launchWithExtension({ userDataDir, hostResolverRules: servers.fixtures.hostResolverRules,
//                                               spki: await fixtureKeyHash(servers.fixtures.httpsPort) });
//   const { worker, extensionId } = await extensionWorker(context);

import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { browserExecutable } from './chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3');
export const DEMO_TICKET_URL = 'https://acme.zendesk.com/agent/tickets/123';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** An error's message, or the thrown value as text. */
export const messageOf = (error) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------- build

/** Runs a command in the repository root; resolves with its exit code and combined output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      // Colours when the output ends up on a terminal (it is collected here, and printed on failure).
      env: { ...process.env, ...(process.stderr.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }) },
    });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/**
 * `wxt build` (Chrome MV3) and the fixture helpdesk's bundles, side by side; waits for both. When `wxt build`
 * fails, the error also carries its `exitCode` and combined `output` (for callers that print it themselves).
 */
export async function buildExtensionAndFixtures() {
  const wxt = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'wxt.cmd' : 'wxt');
  if (!fs.existsSync(wxt)) throw new Error('node_modules/.bin/wxt not found: run `npm install` first.');
  const [extension, fixturesError] = await Promise.all([
    run(wxt, ['build']),
    import('../build-fixtures.mjs').then(
      ({ buildFixtures }) => buildFixtures({ quiet: true }).then(() => null),
      (error) => error,
    ),
  ]);
  if (extension.code !== 0) {
    throw Object.assign(new Error(`wxt build failed (exit ${extension.code}):\n${extension.output}`), {
      exitCode: extension.code,
      output: extension.output,
    });
  }
  if (fixturesError) {
    throw new Error(
      `Building the demo helpdesk (scripts/build-fixtures.mjs) failed: ${messageOf(fixturesError)}`,
      { cause: fixturesError },
    );
  }
}

/**
 * Throws unless the extension and the fixture helpdesk have been built. `remedy` ends the message (default:
 * the command that builds the missing part).
 * @param {{ remedy?: string }} [options]
 */
export function assertBuilt({ remedy } = {}) {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension in ${EXTENSION_DIR}: ${remedy ?? 'run `npx wxt build` (or drop --no-build)'}.`,
    );
  }
  if (!fs.existsSync(path.join(ROOT, 'tests', 'fixtures', 'dist', 'zendesk.js'))) {
    throw new Error(
      'The demo helpdesk is not built (tests/fixtures/dist/zendesk.js): ' +
        `${remedy ?? 'run `node scripts/build-fixtures.mjs`'}.`,
    );
  }
}

// ---------------------------------------------------------------- servers

/** True when nothing listens on 127.0.0.1:`port` (so a server can take it). */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The fixture helpdesk (HTTPS under real helpdesk host names) and the mock OpenAI-compatible model, or no mock
 * (`mock: null`) with `mock: false`: a real model endpoint is used instead.
 * @param {{ mock?: Parameters<typeof import('../../tests/mock-llm/server.mjs').startMockLlm>[0] | false }} [options]
 */
export async function startDemoServers(options = {}) {
  const load = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);
  const { startFixtureServer } = await load('tests/fixtures/server.mjs');
  const fixtures = await startFixtureServer();
  let mock = null;
  if (options.mock !== false) {
    try {
      const { startMockLlm } = await load('tests/mock-llm/server.mjs');
      mock = await startMockLlm({ requireAuth: false, ...options.mock });
    } catch (error) {
      await fixtures.close();
      throw error;
    }
  }
  return {
    fixtures,
    mock,
    close: () => Promise.all([fixtures.close(), mock?.close()]).then(() => undefined),
  };
}

/**
 * Base64 SHA-256 of the fixture server's public key, for --ignore-certificate-errors-spki-list (Chromium then
 * trusts exactly that key and the address bar looks normal); null when it cannot be read.
 */
export function fixtureKeyHash(httpsPort, servername = 'acme.zendesk.com') {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: httpsPort, servername, rejectUnauthorized: false });
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('secureConnect', () => {
      try {
        const der = new X509Certificate(socket.getPeerCertificate().raw).publicKey.export({
          type: 'spki',
          format: 'der',
        });
        done(createHash('sha256').update(der).digest('base64'));
      } catch {
        done(null);
      }
    });
    socket.setTimeout(3_000, () => done(null));
    socket.once('error', () => done(null));
  });
}

// ---------------------------------------------------------------- browser with the extension

/**
 * Chromium with the built extension in a persistent profile (extensions need one). Headless unless
 * `headless: false` (that needs a display). No --window-size/--window-position: Chromium would apply them to
 * every new window; set `viewport` instead (null: pages take their window's size).
 * @param {{ userDataDir: string, hostResolverRules: string, spki?: string | null, headless?: boolean,
 *   executablePath?: string, extensionDir?: string, args?: string[] } & Record<string, unknown>} options
 *   Any other key is passed on to Playwright's launchPersistentContext (viewport, colorScheme, …).
 */
export async function launchWithExtension(options) {
  const {
    userDataDir,
    hostResolverRules,
    spki = null,
    headless = true,
    executablePath,
    extensionDir = EXTENSION_DIR,
    args = [],
    ...playwrightOptions
  } = options;
  const { chromium } = await import('@playwright/test');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: executablePath ?? (await browserExecutable()),
    headless,
    ...playwrightOptions,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${hostResolverRules}`,
      // Trusting exactly the fixture server's key keeps the address bar's normal look; without the hash, accept
      // any certificate (what the e2e harness does; the address bar then says "Not secure").
      spki ? `--ignore-certificate-errors-spki-list=${spki}` : '--ignore-certificate-errors',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--hide-crash-restore-bubble',
      // No "unsupported command-line flag" bar over the helpdesk page (what ChromeDriver passes, too).
      '--test-type',
      // Headed on Linux: Wayland when the session has it, else X11.
      ...(headless ? ['--disable-gpu'] : process.platform === 'linux' ? ['--ozone-platform-hint=auto'] : []),
      ...(asRoot ? ['--no-sandbox'] : []),
      ...args,
    ],
  });
}

/** The extension's service worker and id, once it has started. */
export async function extensionWorker(context, timeoutMs = 20_000) {
  const ours = (worker) => worker.url().startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find(ours) ??
    (await context.waitForEvent('serviceworker', { predicate: ours, timeout: timeoutMs }).catch(() => null));
  if (!worker) {
    throw new Error(
      `The extension's service worker did not start within ${timeoutMs / 1000} s. Is ${EXTENSION_DIR} a ` +
        'complete build, and is the browser Chromium (branded Chrome ignores --load-extension)?',
    );
  }
  return { worker, extensionId: new URL(worker.url()).host };
}

/** Zendesk's hosts and Deskmate's content-script registration for it (utils/helpdesks/{matches,access}.ts). */
export const DEMO_HELPDESK = {
  origins: ['https://*.zendesk.com/*'],
  registration: 'deskmate-helpdesk:zendesk',
};

/**
 * Turns the demo helpdesk on in a fresh profile. Helpdesk hosts are optional permissions the agent grants with a
 * click, and a script cannot answer the browser's prompt; so, as tests/e2e/helpdesk-grants.ts does, the sites are
 * added in the extension's details page (chrome://extensions, what "Site access → On specific sites" does), the
 * extension's own permissions.request then resolves without a prompt, and the background registers the
 * helpdesk's content script. Resolves once it is registered.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Worker} worker the extension's service worker
 */
export async function turnOnDemoHelpdesk(context, worker, helpdesk = DEMO_HELPDESK, timeoutMs = 15_000) {
  const extensionId = new URL(worker.url()).host;
  const page = await context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${extensionId}`);
    await page.evaluate(
      async ({ id, hosts }) => {
        for (const host of hosts) await chrome.developerPrivate.addHostPermission(id, host);
      },
      { id: extensionId, hosts: helpdesk.origins },
    );
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    const granted = await page.evaluate(
      (origins) => chrome.permissions.request({ origins }),
      helpdesk.origins,
    );
    if (!granted) throw new Error(`The browser did not grant Deskmate ${helpdesk.origins.join(', ')}.`);
  } finally {
    await page.close();
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ids = await worker.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id),
    );
    if (ids.includes(helpdesk.registration)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Deskmate did not register its ${helpdesk.registration} script within ${timeoutMs / 1000} s.`,
      );
    }
    await sleep(100);
  }
}

/** The options page, open in `page`. */
export async function openOptions(page, extensionId) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('provider-base-url').waitFor();
  return page;
}

/**
 * Types a provider into the open options page and saves it, as a person would. Resolves once the page says
 * "Saved."; throws with the page's status text otherwise (the error's `status`, and `timedOut` when the page
 * neither confirmed nor refused within `timeoutMs`). `onStatus` sees every status text while waiting. Hosts
 * outside the manifest's host permissions make Chromium ask for permission, which headless Chromium cannot
 * answer (the page stays at "Saving…"): use loopback or helpdesk hosts there.
 * @param {{ onStatus?: (text: string) => void }} [hooks]
 */
export async function saveProvider(page, { baseURL, model, apiKey = '' }, timeoutMs = 15_000, hooks = {}) {
  await page.getByTestId('provider-base-url').fill(baseURL);
  await page.getByTestId('provider-model').fill(model);
  await page.getByTestId('provider-api-key').fill(apiKey);
  await page.getByTestId('provider-save').click();
  const status = page.getByTestId('provider-status');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = ((await status.textContent().catch(() => '')) ?? '').trim();
    if (text === 'Saved.') return;
    const refused = /could not|Nothing was saved|not granted/.test(text);
    if (refused || Date.now() > deadline) {
      throw Object.assign(
        new Error(`The options page did not save the provider: "${text || 'no status'}".`),
        { status: text, timedOut: !refused },
      );
    }
    hooks.onStatus?.(text);
    await sleep(100);
  }
}

/** Opens `url` in `page`, waits for the fixture's editors, and finds the tab from the extension's side. */
export async function openTicketPage(page, worker, url = DEMO_TICKET_URL) {
  try {
    await page.goto(url, { timeout: 30_000 });
    await page.waitForFunction(
      () => Object.keys(/** @type {any} */ (window).__deskmateFixture?.editors ?? {}).length > 0,
      undefined,
      { timeout: 30_000 },
    );
  } catch (error) {
    throw new Error(`The ticket ${url} did not load: ${messageOf(error).split('\n')[0]}`, { cause: error });
  }
  const tab = await worker.evaluate(async (pageUrl) => {
    const [found] = await chrome.tabs.query({ url: `${new URL(pageUrl).origin}/*` });
    return found ? { tabId: found.id, windowId: found.windowId } : null;
  }, url);
  if (!tab) throw new Error(`The extension cannot see a tab for ${url}.`);
  return tab;
}

/**
 * The side panel's page pinned to `tabId`, in a tab of its own (sidePanel.open() needs a user gesture) sized
 * to `viewport`, or wherever `open(url)` puts it (the demo: a popup window beside the ticket); and ready: it
 * shows the ticket card. Throws with the panel's own words when it shows a read failure instead.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} extensionId
 * @param {number} tabId
 * @param {{ width: number, height: number } | null} [viewport]
 * @param {{ open?: (url: string) => Promise<import('@playwright/test').Page> }} [how]
 */
export async function openPanelFor(context, extensionId, tabId, viewport, how = {}) {
  const url = `chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`;
  let panel;
  if (how.open) panel = await how.open(url);
  else {
    panel = await context.newPage();
    if (viewport) await panel.setViewportSize(viewport);
    await panel.goto(url);
  }
  const card = panel.getByTestId('ticket-card');
  const failure = panel.getByTestId('read-failure');
  try {
    await card.or(failure).first().waitFor({ timeout: 45_000 });
  } catch {
    throw new Error('The Deskmate panel did not show the ticket within 45 s.');
  }
  if (await failure.isVisible()) {
    const text = ((await failure.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    throw new Error(`The Deskmate panel could not read the ticket: ${text}`);
  }
  return panel;
}

/**
 * Clicks the panel's `button` (a data-testid) and waits until the stream status line `statusTestId` says done.
 * Throws with the panel's error text when the generation fails; `label` names the generation in errors.
 */
export async function generateInPanel(panel, button, statusTestId, timeoutMs = 120_000, label = button) {
  await panel.getByTestId(button).click();
  const status = panel.getByTestId(statusTestId);
  const error = panel.getByTestId('generation-error');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await status.getAttribute('data-status').catch(() => null);
    if (state === 'done') return;
    if (state === 'error' || (await error.isVisible().catch(() => false))) {
      const text =
        (await error.textContent().catch(() => null)) ?? (await status.textContent().catch(() => null));
      throw new Error(
        `${label} failed in the panel: ${(text || 'unknown error').replace(/\s+/g, ' ').trim()}`,
      );
    }
    if (Date.now() > deadline) throw new Error(`${label} did not finish within ${timeoutMs / 1000} s.`);
    await sleep(100);
  }
}

/**
 * Deletes a temporary profile. Chromium's helper processes can outlive the browser's 'close' event by a moment
 * and still write into it, so retry until it stays gone. Resolves false when it could not be deleted.
 */
export async function removeProfileDir(dir) {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // ENOTEMPTY/EBUSY while a process still writes: try again below.
    }
    await sleep(300);
    if (!fs.existsSync(dir)) return true;
  }
  return false;
}
