// Store images: screenshots of the built extension on the demo helpdesk, and the small promo tile.
//
//   node scripts/store-screenshots.mjs               build (wxt build + fixtures), then write every image
//   node scripts/store-screenshots.mjs --no-build    use the current .output/chrome-mv3 and fixture build
//   node scripts/store-screenshots.mjs --promo-only  only the promo tile (no extension, no servers)
//   node scripts/store-screenshots.mjs --out DIR     write the images to DIR instead of store/ (used by CI)
//   node scripts/store-screenshots.mjs --docs        also the README's pictures under docs/screenshots/ (with
//                                                    --out: into DIR too; CI runs it so, to keep the path working)
//
// Writes (all PNG):
//   store/screenshots/1-ticket-and-panel.png          1280×800  ticket | panel with summary and draft
//   store/screenshots/2-inserted-into-reply.png       1280×800  the edited draft in Zendesk's reply editor
//   store/screenshots/3-what-will-be-sent.png         1280×800  ticket | panel showing the exact request
//   store/screenshots/4-settings-test-connection.png  1280×800  options page, local model, test succeeded
//   store/promo/small-tile-440x280.png                 440×280  from store/promo/small-tile.html
//   with --docs:
//   docs/screenshots/panel.png       420 wide, whole panel: ticket card, summary card, draft with the Refine bar
//   docs/screenshots/dashboard.png   1280 wide: the quality dashboard over sample figures (scripts/lib/sample-metrics.mjs)
//   docs/screenshots/history.png     1280×800: the history page, this ticket's generations and the sample's
//
// The ticket is the fixture Zendesk page (tests/fixtures/zendesk) served under acme.zendesk.com; the model is
// the mock OpenAI-compatible server (tests/mock-llm) listening where Ollama would (localhost:11434) when that
// port is free. Its two answers are scripted below: what a good model writes for this ticket with Deskmate's
// real prompts, so the pictures show a realistic result rather than the mock's generic placeholder text.
// Everything else is the real extension doing what it does for an agent: reading, streaming, inserting. Zendesk is
// turned on for the fresh profile first (helpdesk access is optional, granted per helpdesk by the agent).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { imagesLoaded, launchHeadless, pngSize, withPage } from './lib/chromium.mjs';
import {
  assertBuilt,
  buildExtensionAndFixtures,
  extensionWorker,
  fixtureKeyHash,
  generateInPanel,
  launchWithExtension,
  openOptions,
  openPanelFor,
  openTicketPage,
  portIsFree,
  ROOT,
  removeProfileDir,
  saveProvider,
  startDemoServers,
  turnOnDemoHelpdesk,
} from './lib/extension-session.mjs';
import { seedSampleDrafts } from './lib/sample-metrics.mjs';

const SCREEN = { width: 1280, height: 800 };
/** The side panel's width in Chrome is adjustable; 420 px is a comfortable everyday width. */
const PANEL = { width: 420, height: SCREEN.height };
const TICKET = { width: SCREEN.width - PANEL.width, height: SCREEN.height };
const PROMO = { width: 440, height: 280 };

// --out <dir> writes every image there instead (CI checks the script works without touching tracked files).
let OUT_SCREENSHOTS = path.join(ROOT, 'store', 'screenshots');
const PROMO_TEMPLATE = path.join(ROOT, 'store', 'promo', 'small-tile.html');
let PROMO_OUT = path.join(ROOT, 'store', 'promo', 'small-tile-440x280.png');
let OUT_DOCS = path.join(ROOT, 'docs', 'screenshots');
const ICON_SVG = path.join(ROOT, 'store', 'assets', 'icon.svg');

/** Where Ollama listens; the settings screenshot shows a local model there. */
const LOCAL_MODEL_PORT = 11434;
const MODEL = 'llama3.2';
const LISTED_MODELS = [MODEL, 'qwen2.5:7b', 'mistral-nemo', 'gemma2:9b'];

// What a model answers for ticket #123 (a double charge; the refund was approved in an internal note),
// following Deskmate's prompts: the summary as the structured JSON object the summary card shows (and whose
// sentiment and urgency the ticket card shows); the draft as plain text with [placeholders] for facts the agent
// must supply, no sign-off, internal notes not quoted.
const SUMMARY = JSON.stringify({
  issue:
    'Maria was charged €49.00 twice for invoice INV-2031 on 3 March and asks for one charge to be refunded.',
  customerWants: 'A refund of the duplicate charge, and to know when the money will be back.',
  doneSoFar:
    'She sent the card ending and charge times as asked; two charges 58 seconds apart were found and a full refund of the second one was approved internally.',
  sentiment: 'frustrated',
  urgency: 'high',
  language: 'English',
  nextSteps: [
    'Issue the refund of the second charge and note it on the account.',
    'Tell Maria when to expect the money back.',
  ],
});

const DRAFT = [
  'Hi Maria,',
  'Thank you for sending the card and payment details so quickly.',
  'I can confirm that invoice INV-2031 was charged twice on 3 March. The duplicate charge of €49.00 has been approved for a full refund. [Confirm the refund has been issued.] Refunds usually reach your card ending in 4242 within [number] business days, depending on your bank.',
  "I'm sorry for the trouble this caused. If anything else looks wrong on your statement, just reply to this message and I'll look into it.",
].join('\n\n');

/** The agent's edit before inserting: placeholders filled in, their own sign-off added. */
const EDITED_DRAFT = DRAFT.replace(
  '[Confirm the refund has been issued.]',
  'I issued the refund this morning.',
)
  .replace('[number]', '5–10')
  .concat('\n\nBest regards,\nJonas');

const say = (message) => console.log(`[store-screenshots] ${message}`);

// ---------------------------------------------------------------- composing and checking images

/** Writes `png` to `file` after checking its size. */
function writePng(file, png, expected) {
  const { width, height } = pngSize(png);
  if (width !== expected.width || height !== expected.height) {
    throw new Error(
      `${path.relative(ROOT, file)} is ${width}×${height}, expected ${expected.width}×${expected.height}`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, png);
  say(`${path.relative(ROOT, file)} (${width}×${height}, ${Math.round(png.length / 1024)} KB)`);
}

/** The ticket page on the left and the panel on the right, the way Chrome's side panel sits beside a page. */
async function sideBySide(renderer, ticketPng, panelPng) {
  const img = (png) => `<img alt="" src="data:image/png;base64,${png.toString('base64')}">`;
  return withPage(renderer, SCREEN, async (page) => {
    await page.setContent(
      '<!doctype html><style>html,body{margin:0;overflow:hidden;background:#fff}body{display:flex}' +
        'img{display:block}img+img{box-shadow:-1px 0 0 #c5cad3}</style>' +
        `${img(ticketPng)}${img(panelPng)}`,
    );
    await imagesLoaded(page);
    return page.screenshot();
  });
}

async function renderPromo(renderer) {
  const svg = fs.readFileSync(ICON_SVG, 'utf8').replace(/<\?xml[^>]*>\s*/, '');
  const html = fs.readFileSync(PROMO_TEMPLATE, 'utf8').replace('<!-- icon.svg -->', svg);
  if (!html.includes(svg))
    throw new Error('store/promo/small-tile.html lost its <!-- icon.svg --> placeholder');
  const png = await withPage(renderer, PROMO, async (page) => {
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    return page.screenshot({ clip: { x: 0, y: 0, ...PROMO } });
  });
  writePng(PROMO_OUT, png, PROMO);
}

// ---------------------------------------------------------------- the screenshots

/** Scrolls the panel so that the element with `testId` sits near the top (or as high as the page allows). */
async function scrollPanelTo(panel, testId, offset = 12) {
  await panel.evaluate(
    ({ id, gap }) => {
      const el = document.querySelector(`[data-testid="${id}"]`)?.closest('section') ?? null;
      window.scrollTo(0, el ? el.getBoundingClientRect().top + window.scrollY - gap : 0);
    },
    { id: testId, gap: offset },
  );
}

/** A page of the extension in a tab of its own, sized to the screen. */
async function extensionPage(context, extensionId, file) {
  const page = await context.newPage();
  await page.setViewportSize(SCREEN);
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}

/**
 * The README's pictures: the whole panel (ticket card with the summary's sentiment and urgency, summary card, the
 * draft with its Refine bar), then, after sample figures are added, the dashboard and the history page.
 */
async function docsPanel(panel) {
  await panel.evaluate(() => window.scrollTo(0, 0));
  // The whole panel, as tall as it is: the width is what must match.
  const png = await panel.screenshot({ fullPage: true });
  writePng(path.join(OUT_DOCS, 'panel.png'), png, { width: PANEL.width, height: pngSize(png).height });
}

async function docsDashboardAndHistory(context, extensionId) {
  const dashboard = await extensionPage(context, extensionId, 'dashboard.html');
  await dashboard.getByTestId('tile-drafts').waitFor();
  const dashboardPng = await dashboard.screenshot({ fullPage: true });
  writePng(path.join(OUT_DOCS, 'dashboard.png'), dashboardPng, {
    width: SCREEN.width,
    height: pngSize(dashboardPng).height,
  });
  await dashboard.close();

  const history = await extensionPage(context, extensionId, 'draft-history.html');
  await history.getByTestId('history-result').first().waitFor();
  writePng(path.join(OUT_DOCS, 'history.png'), await history.screenshot(), SCREEN);
  await history.close();
}

async function takeScreenshots(renderer, { build, docs }) {
  if (build) {
    say('Building the extension and the fixture helpdesk…');
    await buildExtensionAndFixtures();
  }
  assertBuilt();

  const port = (await portIsFree(LOCAL_MODEL_PORT)) ? LOCAL_MODEL_PORT : 0;
  if (port === 0) say(`Port ${LOCAL_MODEL_PORT} is taken: the settings screenshot shows another port.`);
  const servers = await startDemoServers({
    mock: { port, models: LISTED_MODELS, chunkSize: 24, delayMs: 4, firstTokenDelayMs: 50 },
  });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskmate-store-'));
  let context;
  try {
    context = await launchWithExtension({
      userDataDir,
      hostResolverRules: servers.fixtures.isolatedHostResolverRules,
      spki: await fixtureKeyHash(servers.fixtures.httpsPort),
      viewport: TICKET,
      deviceScaleFactor: 1,
      colorScheme: 'light',
      locale: 'en-GB',
    });
    const { worker, extensionId } = await extensionWorker(context);
    await turnOnDemoHelpdesk(context, worker);

    // Settings first, like an agent on day one. The page stays open for the last screenshot.
    const options = await openOptions(await context.newPage(), extensionId);
    await options.setViewportSize(SCREEN);
    const baseURL = `http://localhost:${new URL(servers.mock.url).port}/v1`;
    await saveProvider(options, { baseURL, model: MODEL });

    const ticketPage = context.pages().find((p) => p !== options) ?? (await context.newPage());
    await ticketPage.setViewportSize(TICKET);
    const { tabId } = await openTicketPage(ticketPage, worker);
    const panel = await openPanelFor(context, extensionId, tabId, PANEL);
    // Sample figures for the dashboard picture, added before this ticket's generations so that these stay the
    // newest on the history page. (The panel has created the database by now.)
    if (docs) await seedSampleDrafts(panel);

    servers.mock.enqueue({ kind: 'text', content: SUMMARY });
    await generateInPanel(panel, 'summarize', 'summary-status');
    servers.mock.enqueue({ kind: 'text', content: DRAFT });
    await generateInPanel(panel, 'draft-generate', 'draft-status');
    await panel.getByTestId('draft-text').evaluate((el) => el.blur());
    if (docs) await docsPanel(panel);

    // 1: the ticket and the panel with both answers, the panel from its top (the draft continues below).
    await panel.evaluate(() => window.scrollTo(0, 0));
    writePng(
      path.join(OUT_SCREENSHOTS, '1-ticket-and-panel.png'),
      await sideBySide(renderer, await ticketPage.screenshot(), await panel.screenshot()),
      SCREEN,
    );

    // 3 (taken now, before anything is inserted): the exact request, shown before it is sent.
    await panel.getByTestId('payload-toggle').click();
    await panel.getByTestId('payload-messages').waitFor();
    await scrollPanelTo(panel, 'payload-toggle');
    writePng(
      path.join(OUT_SCREENSHOTS, '3-what-will-be-sent.png'),
      await sideBySide(renderer, await ticketPage.screenshot(), await panel.screenshot()),
      SCREEN,
    );
    await panel.getByTestId('payload-toggle').click();

    // 2: the agent edits the draft and inserts it; it lands in Zendesk's reply editor, not sent.
    await panel.getByTestId('draft-text').fill(EDITED_DRAFT);
    await panel.getByTestId('draft-insert').click();
    const message = panel.getByTestId('draft-message');
    await message.waitFor({ timeout: 20_000 });
    if ((await message.getAttribute('data-tone')) !== 'ok') {
      throw new Error(`Insert did not succeed: ${(await message.textContent())?.trim()}`);
    }
    await panel.getByTestId('draft-insert').evaluate((el) => el.blur());
    await scrollPanelTo(panel, 'draft-text', 40);
    await ticketPage.bringToFront();
    // The caret stays in the reply editor after the insert; without focus the editor looks as it does at rest.
    await ticketPage.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
    writePng(
      path.join(OUT_SCREENSHOTS, '2-inserted-into-reply.png'),
      await sideBySide(renderer, await ticketPage.screenshot(), await panel.screenshot()),
      SCREEN,
    );

    if (docs) await docsDashboardAndHistory(context, extensionId);

    // 4: the settings page after a successful "Test connection".
    await options.bringToFront();
    await options.getByTestId('provider-test').click();
    await options.getByTestId('provider-models').waitFor({ timeout: 20_000 });
    await options.getByTestId('provider-test').evaluate((el) => el.blur());
    writePng(
      path.join(OUT_SCREENSHOTS, '4-settings-test-connection.png'),
      await options.screenshot(),
      SCREEN,
    );
  } finally {
    await context?.close().catch(() => {});
    await servers.close();
    if (!(await removeProfileDir(userDataDir))) say(`Could not delete ${userDataDir}; remove it by hand.`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      'promo-only': { type: 'boolean', default: false },
      out: { type: 'string' },
      docs: { type: 'boolean', default: false },
    },
  });
  if (values.out) {
    OUT_SCREENSHOTS = path.resolve(values.out);
    PROMO_OUT = path.join(OUT_SCREENSHOTS, path.basename(PROMO_OUT));
    OUT_DOCS = path.join(OUT_SCREENSHOTS, 'docs');
  }
  const renderer = await launchHeadless();
  try {
    await renderPromo(renderer);
    if (!values['promo-only'])
      await takeScreenshots(renderer, { build: !values['no-build'], docs: values.docs });
  } finally {
    await renderer.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`[store-screenshots] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
