// Building blocks for scripts that run the BUILT extension in Chromium next to the fixture helpdesk and the
// mock model: scripts/store-screenshots.mjs uses them, and scripts/demo.mjs has its own copies of most of them
// (see the notes in store/README.md). Every function does one step and throws a plain Error on failure.
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

// ---------------------------------------------------------------- build

/** Runs a command in the repository root; resolves with its exit code and combined output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
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

/** `wxt build` (Chrome MV3) and the fixture helpdesk's bundles, side by side. */
export async function buildExtensionAndFixtures() {
  const wxt = path.join(ROOT, 'node_modules', '.bin', 'wxt');
  if (!fs.existsSync(wxt)) throw new Error('node_modules/.bin/wxt not found: run `npm install` first.');
  const { buildFixtures } = await import('../build-fixtures.mjs');
  const [extension] = await Promise.all([run(wxt, ['build']), buildFixtures({ quiet: true })]);
  if (extension.code !== 0)
    throw new Error(`wxt build failed (exit ${extension.code}):\n${extension.output}`);
}

/** Throws unless the extension and the fixture helpdesk have been built. */
export function assertBuilt() {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npx wxt build\` (or drop --no-build).`);
  }
  if (!fs.existsSync(path.join(ROOT, 'tests', 'fixtures', 'dist', 'zendesk.js'))) {
    throw new Error('The fixture helpdesk is not built: run `node scripts/build-fixtures.mjs`.');
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
 * The fixture helpdesk (HTTPS under real helpdesk host names) and the mock OpenAI-compatible model.
 * @param {{ mock?: import('../../tests/mock-llm/server.mjs').MockLlmOptions }} [options]
 */
export async function startDemoServers(options = {}) {
  const load = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);
  const { startFixtureServer } = await load('tests/fixtures/server.mjs');
  const { startMockLlm } = await load('tests/mock-llm/server.mjs');
  const fixtures = await startFixtureServer();
  let mock;
  try {
    mock = await startMockLlm({ requireAuth: false, ...options.mock });
  } catch (error) {
    await fixtures.close();
    throw error;
  }
  return {
    fixtures,
    mock,
    close: () => Promise.all([fixtures.close(), mock.close()]).then(() => undefined),
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
 * Chromium with the built extension in a persistent profile (extensions need one).
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
      spki ? `--ignore-certificate-errors-spki-list=${spki}` : '--ignore-certificate-errors',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--hide-crash-restore-bubble',
      '--test-type',
      ...(headless ? ['--disable-gpu'] : []),
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

/** The options page, open in `page`. */
export async function openOptions(page, extensionId) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('provider-base-url').waitFor();
  return page;
}

/**
 * Types a provider into the open options page and saves it, as a person would. Resolves once the page says
 * "Saved."; throws with the page's status text otherwise. Hosts outside the manifest's host permissions make
 * Chromium ask for permission, which headless Chromium cannot answer: use loopback or helpdesk hosts here.
 */
export async function saveProvider(page, { baseURL, model, apiKey = '' }, timeoutMs = 15_000) {
  await page.getByTestId('provider-base-url').fill(baseURL);
  await page.getByTestId('provider-model').fill(model);
  await page.getByTestId('provider-api-key').fill(apiKey);
  await page.getByTestId('provider-save').click();
  const status = page.getByTestId('provider-status');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = ((await status.textContent()) ?? '').trim();
    if (text === 'Saved.') return;
    if (Date.now() > deadline || /could not|Nothing was saved|not granted/.test(text)) {
      throw new Error(`The options page did not save the provider: "${text || 'no status'}".`);
    }
    await sleep(100);
  }
}

/** Opens `url` in `page`, waits for the fixture's editors, and finds the tab from the extension's side. */
export async function openTicketPage(page, worker, url = DEMO_TICKET_URL) {
  await page.goto(url, { timeout: 30_000 });
  await page.waitForFunction(
    () => Object.keys(/** @type {any} */ (window).__deskmateFixture?.editors ?? {}).length > 0,
    undefined,
    { timeout: 30_000 },
  );
  const tab = await worker.evaluate(async (pageUrl) => {
    const [found] = await chrome.tabs.query({ url: `${new URL(pageUrl).origin}/*` });
    return found ? { tabId: found.id, windowId: found.windowId } : null;
  }, url);
  if (!tab) throw new Error(`The extension cannot see a tab for ${url}.`);
  return tab;
}

/**
 * The side panel's page pinned to `tabId`, in a tab of its own (sidePanel.open() needs a user gesture), and
 * ready: it shows the ticket card. Throws with the panel's own words when it shows a read failure instead.
 */
export async function openPanelFor(context, extensionId, tabId, viewport) {
  const panel = await context.newPage();
  if (viewport) await panel.setViewportSize(viewport);
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  const card = panel.getByTestId('ticket-card');
  const failure = panel.getByTestId('read-failure');
  await card.or(failure).first().waitFor({ timeout: 45_000 });
  if (await failure.isVisible()) {
    const text = ((await failure.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    throw new Error(`The panel could not read the ticket: ${text}`);
  }
  return panel;
}

/**
 * Clicks the panel's `button` (a data-testid) and waits until the stream status line `statusTestId` says done.
 * Throws with the panel's error text when the generation fails.
 */
export async function generateInPanel(panel, button, statusTestId, timeoutMs = 120_000) {
  await panel.getByTestId(button).click();
  const status = panel.getByTestId(statusTestId);
  const error = panel.getByTestId('generation-error');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await status.getAttribute('data-status').catch(() => null);
    if (state === 'done') return;
    if (state === 'error' || (await error.isVisible().catch(() => false))) {
      const text = (await error.textContent().catch(() => null)) ?? (await status.textContent());
      throw new Error(`${button} failed in the panel: ${(text ?? '').replace(/\s+/g, ' ').trim()}`);
    }
    if (Date.now() > deadline) throw new Error(`${button} did not finish within ${timeoutMs / 1000} s.`);
    await sleep(100);
  }
}

/** Deletes a temporary profile, retrying while Chromium's helper processes still write into it. */
export async function removeProfileDir(dir) {
  for (let attempt = 0; attempt < 20; attempt++) {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    await sleep(250);
    if (!fs.existsSync(dir)) return true;
  }
  return false;
}
