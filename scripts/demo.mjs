// `npm run demo`: runs Deskmate for a person to look at, on a fake Zendesk ticket, without any account.
//
//   npm run demo                                  Chromium with the extension, the demo ticket and the panel
//   npm run demo -- --screenshot docs/demo.png    summarize + draft, write one PNG (ticket | panel), exit
//   npm run demo -- --headless | --headed | --profile <dir> | --no-build | --help
//
// Steps: build the extension (wxt build) and the fixture helpdesk (scripts/build-fixtures.mjs) → start the
// fixture server (HTTPS under real helpdesk host names) and, unless the environment names a real model, the
// bundled mock model → launch Chromium (scripts/find-browser.mjs) with the extension → fill the provider
// settings in the real options page → open https://acme.zendesk.com/agent/tickets/123 with the Deskmate panel
// beside it → wait for Ctrl+C or for the browser to be closed → close everything and delete the temp profile.
// The steps shared with scripts/store-screenshots.mjs live in scripts/lib/extension-session.mjs.
//
// Model endpoint (environment):
//   OPENAI_BASE_URL   any OpenAI-compatible endpoint; default: the bundled mock, or https://api.openai.com/v1
//                     when only OPENAI_API_KEY is set
//   OPENAI_API_KEY    sent as the Bearer key; may be empty for local servers (Ollama, LM Studio)
//   OPENAI_MODEL      (or DESKMATE_MODEL) model id; default gpt-4o-mini for OpenAI, the mock's default for the
//                     mock, the endpoint's first listed model otherwise
//   DESKMATE_DEMO_SCREENSHOT   same as --screenshot <file>
//   CHROMIUM_PATH     the browser to use (see scripts/find-browser.mjs)
// e.g. Ollama: OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 npm run demo

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODELS } from '../tests/mock-llm/server.mjs';
import { imagesLoaded, pngSize } from './lib/chromium.mjs';
import {
  assertBuilt,
  buildExtensionAndFixtures,
  DEMO_TICKET_URL,
  EXTENSION_DIR,
  extensionWorker,
  fixtureKeyHash,
  generateInPanel,
  launchWithExtension,
  messageOf,
  openOptions,
  openPanelFor,
  openTicketPage,
  removeProfileDir,
  saveProvider,
  startDemoServers,
  turnOnDemoHelpdesk,
} from './lib/extension-session.mjs';

const OPENAI_URL = 'https://api.openai.com/v1';
const OPENAI_DEFAULT_MODEL = 'gpt-4o-mini';
/** Headless / screenshot geometry: ticket page + panel side by side = 1680 × 1000. */
const HEADLESS_TICKET = { width: 1260, height: 1000 };
const PANEL_WIDTH = 420;
/** Headed: the ticket window is at most this wide, the panel window sits right of it. */
const MAX_TICKET_WINDOW_WIDTH = 1400;
const GENERATION_TIMEOUT_MS = 180_000;

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[demo] ${message}`);
const warn = (message) => console.warn(`[demo] ${message}`);

/** An error whose message is all the user needs; printed without a stack. */
class DemoError extends Error {}

const HELP = `Usage: npm run demo [-- options]

Builds Deskmate, opens a demo Zendesk ticket in Chromium with the extension loaded and the Deskmate panel beside
it. Uses a bundled offline demo model unless the environment names a real one.

Options:
  --screenshot <file.png>  summarize + draft the demo ticket, save one PNG (ticket | panel) and exit
                           (also DESKMATE_DEMO_SCREENSHOT); runs headless unless --headed is given
  --headless               no browser window, even when a display is available
  --headed                 force a browser window (needs a display, e.g. xvfb-run)
  --profile <dir>          keep the Chromium profile in <dir>, e.g. .demo-profile (git-ignored); default: a
                           fresh temp profile per run, deleted at the end
  --no-build               skip \`wxt build\` and the fixture build (use what is already built)
  -h, --help               this text

Environment:
  OPENAI_BASE_URL          OpenAI-compatible endpoint (default: bundled mock; ${OPENAI_URL} if only a key is set)
  OPENAI_API_KEY           API key (leave unset for Ollama / LM Studio)
  OPENAI_MODEL             model id (also DESKMATE_MODEL); default ${OPENAI_DEFAULT_MODEL} for OpenAI
  CHROMIUM_PATH            Chromium/Chrome binary to use

Examples:
  OPENAI_API_KEY=sk-... npm run demo
  OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_MODEL=llama3.2 npm run demo
  xvfb-run -a npm run demo        (no display: a virtual one)`;

// ---------------------------------------------------------------- arguments and environment

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        screenshot: { type: 'string' },
        headless: { type: 'boolean', default: false },
        headed: { type: 'boolean', default: false },
        profile: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new DemoError(`${messageOf(error)}\n\n${HELP}`);
  }
  // `npm run demo -- --screenshot x.png` runs in the package root; paths are meant from where npm was started.
  const base = process.env.INIT_CWD || process.cwd();
  const screenshotArg = parsed.screenshot ?? (process.env.DESKMATE_DEMO_SCREENSHOT || undefined);
  if (parsed.headless && parsed.headed) throw new DemoError('--headless and --headed exclude each other.');
  return {
    help: parsed.help,
    screenshot: screenshotArg ? path.resolve(base, screenshotArg) : null,
    profile: parsed.profile ? path.resolve(base, parsed.profile) : null,
    build: !parsed['no-build'],
    forceHeadless: parsed.headless,
    forceHeaded: parsed.headed,
  };
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * What the environment asks for. `kind: 'mock'` means the bundled model; its URL is known once it runs.
 * @returns {{ kind: 'mock' | 'remote', baseURL?: string, model?: string, apiKey: string, notes: string[] }}
 */
function providerFromEnv(env = process.env) {
  const baseURL = (env.OPENAI_BASE_URL ?? '').trim().replace(/\/+$/, '');
  const apiKey = (env.OPENAI_API_KEY ?? '').trim();
  const model = (env.OPENAI_MODEL || env.DESKMATE_MODEL || '').trim();
  const notes = [];
  if (baseURL) {
    let url;
    try {
      url = new URL(baseURL);
    } catch {
      throw new DemoError(
        `OPENAI_BASE_URL=${baseURL} is not a URL (expected e.g. http://localhost:11434/v1).`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new DemoError(`OPENAI_BASE_URL must start with http:// or https:// (got ${baseURL}).`);
    }
    const isOpenAI = url.hostname === 'api.openai.com';
    return {
      kind: 'remote',
      baseURL,
      model: model || (isOpenAI ? OPENAI_DEFAULT_MODEL : undefined),
      apiKey,
      notes,
    };
  }
  if (apiKey)
    return { kind: 'remote', baseURL: OPENAI_URL, model: model || OPENAI_DEFAULT_MODEL, apiKey, notes };
  if (model) {
    notes.push(
      `OPENAI_MODEL/DESKMATE_MODEL=${model} without OPENAI_BASE_URL or OPENAI_API_KEY: the bundled demo model ` +
        'answers under that name. For Ollama also set OPENAI_BASE_URL=http://localhost:11434/v1.',
    );
  }
  return { kind: 'mock', model: model || undefined, apiKey: '', notes };
}

function isLoopback(hostname) {
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname) || hostname.endsWith('.localhost');
}

/**
 * Asks a real endpoint for its model list: warns early when nothing answers, and picks a model when none was
 * named. Never fatal: the panel shows the real error when a generation fails.
 */
async function checkRemote(provider) {
  const headers = provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {};
  let ids = [];
  try {
    const response = await fetch(`${provider.baseURL}/models`, {
      headers,
      signal: AbortSignal.timeout(5_000),
    });
    if (response.ok) {
      const body = await response.json().catch(() => null);
      ids = Array.isArray(body?.data)
        ? body.data.map((m) => m?.id).filter((id) => typeof id === 'string')
        : [];
      // Ollama lists `llama3.2:latest` and answers to `llama3.2`.
      const listed = (id) => ids.includes(id) || ids.includes(`${id}:latest`);
      if (provider.model && ids.length > 0 && !listed(provider.model)) {
        warn(
          `${provider.baseURL}/models does not list "${provider.model}" (it lists ${ids.slice(0, 8).join(', ')}` +
            `${ids.length > 8 ? ', …' : ''}).`,
        );
      }
    } else {
      warn(`${provider.baseURL}/models answered HTTP ${response.status}; generating may fail the same way.`);
    }
  } catch (error) {
    const host = new URL(provider.baseURL).host;
    const hint = host.endsWith(':11434')
      ? ' Is Ollama running (`ollama serve`, then `ollama pull <model>`)?'
      : '';
    warn(`Could not reach ${provider.baseURL}/models (${messageOf(error)}).${hint}`);
  }
  if (!provider.model) {
    if (ids.length > 0) {
      provider.model = ids[0];
      say(`No OPENAI_MODEL given: using the endpoint's first listed model, ${provider.model}.`);
    } else {
      provider.model = OPENAI_DEFAULT_MODEL;
      warn(
        `No OPENAI_MODEL given and no model list: trying ${OPENAI_DEFAULT_MODEL}. Set OPENAI_MODEL=<model>.`,
      );
    }
  }
}

// ---------------------------------------------------------------- build

async function build() {
  const started = performance.now();
  try {
    await buildExtensionAndFixtures();
  } catch (error) {
    if (typeof error?.output === 'string') {
      process.stderr.write(error.output);
      throw new DemoError(`\`wxt build\` failed (exit code ${error.exitCode}); its output is above.`);
    }
    throw new DemoError(messageOf(error));
  }
  say(`Built the extension and the demo helpdesk in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

// ---------------------------------------------------------------- browser helpers

/** Chromium with the extension; a failed start says what to do about it. */
async function launchBrowser({ executablePath, headless, ...options }) {
  try {
    return await launchWithExtension({
      ...options,
      executablePath,
      headless,
      // Headed: pages take their window's size; headless: a fixed size for a predictable screenshot.
      viewport: headless ? HEADLESS_TICKET : null,
      // Playwright kills the browser on these by default; the demo closes it itself, then the servers.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    const message = messageOf(error);
    const noDisplay = /XServer|DISPLAY|display/i.test(message) && !headless;
    throw new DemoError(
      `Chromium (${executablePath}) did not start: ${message.split('\n').slice(0, 6).join('\n')}` +
        (noDisplay
          ? '\nNo usable display: run `npm run demo -- --headless` or `xvfb-run -a npm run demo`.'
          : ''),
    );
  }
}

/** The extension's service worker; when it does not start, the likely reason for this browser. */
async function startedExtension(context, executablePath) {
  try {
    return await extensionWorker(context, 20_000);
  } catch {
    const branded = /google-chrome|google chrome/i.test(executablePath);
    throw new DemoError(
      'The Deskmate extension did not start in the browser (no service worker after 20 s). ' +
        (branded
          ? `${executablePath} is Google Chrome, which ignores --load-extension since version 137: install ` +
            'Chromium (`npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium binary.'
          : `Is ${EXTENSION_DIR} a complete build (was it being rebuilt meanwhile)? Run \`npm run demo\` again.`),
    );
  }
}

/**
 * Fills and saves the options page the way a person would, then closes it. A host outside the manifest's host
 * permissions makes Chromium ask for access: headed, the person answers it; headless, nothing can.
 */
async function fillProviderSettings(context, extensionId, provider, headless) {
  const options = await openOptions(await context.newPage(), extensionId);
  const host = new URL(provider.baseURL).host;
  const needsPrompt = provider.kind === 'remote' && !isLoopback(new URL(provider.baseURL).hostname);
  let prompted = false;
  const onStatus = (text) => {
    if (needsPrompt && !headless && !prompted && text.startsWith('Saving')) {
      prompted = true;
      say(`Chromium asks whether Deskmate may access ${host}: click "Allow" in the browser window.`);
    }
  };
  // Headed: a person may need a while to find and answer the permission prompt. Headless has no prompt to
  // answer: Chromium leaves the request pending (the page stays at "Saving…", the settings are already stored).
  const timeoutMs = headless ? (needsPrompt ? 3_000 : 15_000) : 10 * 60_000;
  try {
    await saveProvider(options, provider, timeoutMs, { onStatus });
  } catch (error) {
    if (typeof error?.status !== 'string') throw error;
    const text = error.status;
    if (!error.timedOut) warn(`The options page says: ${text}`);
    else if (needsPrompt && headless && text.startsWith('Saving')) {
      warn(
        `Settings saved, but headless Chromium cannot show the prompt that lets Deskmate access ${host}. ` +
          'Endpoints that allow cross-origin calls may still answer; if the panel cannot reach it, run with a ' +
          'display, click Allow once, and keep that profile with --profile <dir>.',
      );
    } else {
      warn(`The options page did not confirm the settings (status: "${text || 'none'}"); continuing.`);
    }
  }
  await options.close();
}

/** Headed: the panel in a narrow popup window right of the ticket window, both sized to the screen. */
async function openPanelWindow(context, worker, ticketPage, panelUrl, ticketWindowId) {
  const screen = await ticketPage.evaluate(() => ({
    left: /** @type {any} */ (window.screen).availLeft ?? 0,
    top: /** @type {any} */ (window.screen).availTop ?? 0,
    width: window.screen.availWidth,
    height: window.screen.availHeight,
  }));
  const ticketWidth = Math.max(640, Math.min(MAX_TICKET_WINDOW_WIDTH, screen.width - PANEL_WIDTH));
  const height = Math.max(600, Math.min(screen.height, 1100));
  const layout = {
    ticket: { left: screen.left, top: screen.top, width: ticketWidth, height },
    panel: { left: screen.left + ticketWidth, top: screen.top, width: PANEL_WIDTH, height },
  };
  const panelPage = context.waitForEvent('page', {
    predicate: (p) => p.url().includes('/sidepanel.html'),
    timeout: 15_000,
  });
  await worker.evaluate(
    async ({ url, windowId, layout }) => {
      await chrome.windows.update(windowId, { state: 'normal' }).catch(() => {});
      await chrome.windows.update(windowId, layout.ticket).catch(() => {});
      await chrome.windows.create({ url, type: 'popup', focused: true, ...layout.panel });
    },
    { url: panelUrl, windowId: ticketWindowId, layout },
  );
  return panelPage;
}

/** Clicks `button`, waits until `status` is done; throws with the panel's error text otherwise. */
async function generate(panel, what, button, status) {
  const started = performance.now();
  try {
    await generateInPanel(panel, button, status, GENERATION_TIMEOUT_MS, `The ${what}`);
  } catch (error) {
    throw new DemoError(messageOf(error));
  }
  say(
    `${what[0].toUpperCase()}${what.slice(1)} streamed in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/** One PNG: the ticket page left, the panel right, composed in a throwaway page. */
async function writeScreenshot(context, ticketPage, panel, file) {
  await panel.evaluate(() => window.scrollTo(0, 0));
  const left = await ticketPage.screenshot();
  const right = await panel.screenshot();
  const a = pngSize(left);
  const b = pngSize(right);
  const width = a.width + b.width;
  const height = Math.max(a.height, b.height);
  const canvas = await context.newPage();
  try {
    await canvas.setViewportSize({ width, height });
    const img = (png) => `<img alt="" src="data:image/png;base64,${png.toString('base64')}">`;
    await canvas.setContent(
      `<!doctype html><style>html,body{margin:0;background:#d0d4da}body{display:flex;align-items:flex-start}` +
        `img{display:block}img+img{box-shadow:-1px 0 0 #9aa1ab}</style>${img(left)}${img(right)}`,
    );
    await imagesLoaded(canvas);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await canvas.screenshot({ path: file });
  } finally {
    await canvas.close();
  }
  return { width, height };
}

// ---------------------------------------------------------------- main

async function main() {
  const options = readOptions();
  if (options.help) {
    console.log(HELP);
    return;
  }

  const headless =
    options.forceHeadless || (!options.forceHeaded && (options.screenshot !== null || !hasDisplay()));
  const provider = providerFromEnv();
  for (const note of provider.notes) warn(note);

  if (options.build) await build();
  try {
    assertBuilt({ remedy: 'run without --no-build' });
  } catch (error) {
    throw new DemoError(messageOf(error));
  }

  /** Cleanup steps, newest first. */
  const cleanups = [];
  let shuttingDown = null;
  const shutdown = (reason) => {
    shuttingDown ??= (async () => {
      if (reason) say(reason);
      for (const step of cleanups.reverse()) {
        await Promise.race([step().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 8_000))]);
      }
    })();
    return shuttingDown;
  };
  let signals = 0;
  const onSignal = (signal) => {
    signals += 1;
    if (signals > 1) {
      warn(`${signal} again: exiting without cleaning up.`);
      process.exit(130);
    }
    void shutdown(`${signal}: closing the browser and the servers…`).then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);

  try {
    // The bundled model (unless a real one is named) at a human-watchable pace; no key needed, like a local
    // model server.
    const servers = await startDemoServers({
      mock: provider.kind === 'mock' && { delayMs: 25, firstTokenDelayMs: 350 },
    });
    cleanups.push(() => servers.close());
    const { fixtures, mock } = servers;

    if (mock) {
      provider.baseURL = mock.url;
      provider.model ??= DEFAULT_MODELS[0];
      say(`Using the bundled demo model (offline): ${mock.url}, model ${provider.model}.`);
      say('  For a real model set OPENAI_API_KEY, or OPENAI_BASE_URL + OPENAI_MODEL (e.g. Ollama).');
    } else {
      await checkRemote(provider);
      const keyNote = provider.apiKey ? 'API key from OPENAI_API_KEY' : 'no API key';
      say(
        `Using ${new URL(provider.baseURL).host} with model ${provider.model} (${provider.baseURL}, ${keyNote}).`,
      );
      if (new URL(provider.baseURL).port === '11434') {
        say(
          '  Ollama answers a browser extension only if it allows the origin: start it with ' +
            '`OLLAMA_ORIGINS=chrome-extension://* ollama serve` (a 403 in the panel means it does not).',
        );
      }
    }

    const { findBrowser } = await import('./find-browser.mjs');
    let executablePath;
    try {
      executablePath = await findBrowser();
    } catch (error) {
      throw new DemoError(
        `${messageOf(error)}\n` +
          'Then run `npm run demo` again (or point CHROMIUM_PATH at a Chromium/Chrome binary).',
      );
    }

    const userDataDir = options.profile ?? fs.mkdtempSync(path.join(os.tmpdir(), 'deskmate-demo-'));
    if (options.profile) fs.mkdirSync(userDataDir, { recursive: true });
    else {
      cleanups.push(async () => {
        if (!(await removeProfileDir(userDataDir))) {
          warn(`Could not delete the temp profile ${userDataDir}; remove it by hand.`);
        }
      });
    }
    say(
      `Starting ${headless ? 'headless ' : ''}Chromium (${executablePath})` +
        `${options.profile ? `, profile ${userDataDir}` : ''}…`,
    );
    if (headless && !options.screenshot) {
      say(
        options.forceHeadless
          ? 'Headless (--headless): the browser runs but shows nothing.'
          : 'No display found (DISPLAY/WAYLAND_DISPLAY unset), so the browser runs headless and shows nothing.',
      );
      say('  See it with `xvfb-run -a npm run demo` or a desktop session; or take a picture:');
      say('  `npm run demo -- --screenshot demo.png`.');
    }
    const context = await launchBrowser({
      executablePath,
      userDataDir,
      headless,
      hostResolverRules: fixtures.hostResolverRules,
      spki: await fixtureKeyHash(fixtures.httpsPort),
    });
    context.on('close', () => {
      if (!options.screenshot) void shutdown('The browser was closed: stopping.').then(() => process.exit(0));
    });
    // Also after the browser closed itself: this waits until its process has exited.
    cleanups.push(() => context.close());

    const { worker, extensionId } = await startedExtension(context, executablePath);
    await fillProviderSettings(context, extensionId, provider, headless);
    // Helpdesk access is optional (the agent turns each helpdesk on); the demo profile starts with Zendesk on.
    try {
      await turnOnDemoHelpdesk(context, worker);
    } catch (error) {
      throw new DemoError(messageOf(error));
    }

    const ticketPage = context.pages().find((p) => !p.isClosed()) ?? (await context.newPage());
    let panel;
    try {
      const { tabId, windowId } = await openTicketPage(ticketPage, worker);
      panel = headless
        ? await openPanelFor(context, extensionId, tabId, {
            width: PANEL_WIDTH,
            height: HEADLESS_TICKET.height,
          })
        : await openPanelFor(context, extensionId, tabId, null, {
            open: (url) => openPanelWindow(context, worker, ticketPage, url, windowId),
          });
    } catch (error) {
      throw new DemoError(messageOf(error));
    }
    const panelUrl = panel.url();
    const subject = ((await panel.getByTestId('ticket-subject').textContent()) ?? '').trim();
    say(`Panel ready after ${elapsed()}: Deskmate read ticket #123 "${subject}".`);

    if (options.screenshot) {
      await generate(panel, 'summary', 'summarize', 'summary-status');
      await generate(panel, 'draft reply', 'draft-generate', 'draft-status');
      const size = await writeScreenshot(context, ticketPage, panel, options.screenshot);
      say(`Screenshot (${size.width}×${size.height}) written to ${options.screenshot}`);
      await shutdown();
      return;
    }

    console.log('');
    say(`Ticket: ${DEMO_TICKET_URL} (a local copy of a Zendesk agent page; ticket #124 is its second tab).`);
    say(`Panel:  ${panelUrl}`);
    if (!headless) {
      say(
        'The panel has its own window, right of the ticket: Chromium opens its real side panel only on a click.',
      );
      say(
        'In everyday use, click the Deskmate toolbar button (puzzle-piece menu → Deskmate; pin it) and the',
      );
      say('same panel docks in the browser side panel next to the ticket.');
    }
    say(
      'Try: Summarize, Draft reply, edit the draft, Insert into the Zendesk reply box. Nothing is ever sent.',
    );
    say("Settings: the panel's settings link (or chrome://extensions → Deskmate → Extension options).");
    say('Running. Press Ctrl+C or close the browser to stop.');
    // Stay alive until a signal or the browser's 'close' event runs shutdown() and exits.
    await new Promise(() => {});
  } catch (error) {
    await shutdown();
    throw error;
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  if (error instanceof DemoError) console.error(`[demo] ${error.message}`);
  else console.error('[demo] failed:', error);
  process.exit(1);
}
