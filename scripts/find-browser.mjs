// Finds a Chromium/Chrome for the e2e tests, installing one when none is found.
//
//   node scripts/find-browser.mjs [--no-install]    → prints the executable path; exit 1 with a message if none
//   import { findBrowser } from './find-browser.mjs'; const exe = await findBrowser();
//
// Order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome(-stable),
// Playwright's own download (chromium.executablePath()). If none exists: `npx playwright install chromium`,
// then (root + apt-get only) `apt-get update && apt-get install -y chromium`.

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function isExecutable(file) {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const exe = chromium.executablePath();
    return isExecutable(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
}

/** The first browser found without installing anything, or undefined. */
export async function locateBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`[find-browser] CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere`);
  }
  return SYSTEM_PATHS.find(isExecutable) ?? (await playwrightChromium());
}

function tryRun(cmd, args) {
  console.error(`[find-browser] $ ${cmd} ${args.join(' ')}`);
  // stdout → stderr so that the CLI's stdout stays just the path.
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  return result.status === 0;
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Find a browser, installing one if needed and allowed. Resolves with its path; rejects with a readable error.
 * @param {{ install?: boolean }} [opts]
 */
export async function findBrowser({ install = true } = {}) {
  const found = await locateBrowser();
  if (found) return found;
  if (!install) throw new Error('no Chromium/Chrome found (installing was not allowed)');

  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (tryRun(npx, ['playwright', 'install', 'chromium'])) {
    const exe = await playwrightChromium();
    if (exe) return exe;
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    if (tryRun('apt-get', ['update']) && tryRun('apt-get', ['install', '-y', 'chromium'])) {
      const exe = SYSTEM_PATHS.find(isExecutable);
      if (exe) return exe;
    }
  }

  throw new Error(
    'no Chromium/Chrome found. Tried $CHROMIUM_PATH, ' +
      `${SYSTEM_PATHS.join(', ')}, Playwright's browser cache, \`npx playwright install chromium\`` +
      `${isRoot ? ' and apt-get install chromium' : ' (apt-get skipped: not root)'}. ` +
      'Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}

if (isMain(import.meta.url)) {
  try {
    const exe = await findBrowser({ install: !process.argv.includes('--no-install') });
    console.log(exe);
  } catch (err) {
    console.error(`[find-browser] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
