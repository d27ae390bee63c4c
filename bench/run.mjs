// `npm run bench`: measures what agents feel, on the BUILT extension in real Chromium against the fixture
// Zendesk and the mock model (issue #9, first part). Writes bench/results.json and prints a table.
//
//   npx wxt build && node scripts/build-fixtures.mjs   (the bench builds nothing itself)
//   npm run bench [-- --runs 20 --draft-runs 10 --cold-runs 3]
//
// Nothing here is a test: budgets are reported pass/fail, only the byte budget also fails CI (that check lives
// in scripts/check-budgets.mjs, run by .ci/run).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  assertBuilt,
  DEMO_TICKET_URL,
  EXTENSION_DIR,
  extensionWorker,
  launchWithExtension,
  messageOf,
  openOptions,
  openTicketPage,
  ROOT,
  removeProfileDir,
  saveProvider,
  startDemoServers,
} from '../scripts/lib/extension-session.mjs';
import {
  benchDrafts,
  benchExtraction,
  panelTimeToInteractive,
  stampPanelInteractive,
} from './browser-bench.mjs';
import { CONTENT_SCRIPT_BUDGET_GZIP, measureBytes } from './bytes.mjs';
import { historyBudgets, historyReport, runHistoryBench } from './history-bench.mjs';
import { summarize, table, verdict } from './stats.mjs';
import { startTimingProxy } from './timing-proxy.mjs';

/** Budgets from issue #9 (milliseconds unless named otherwise). */
const BUDGETS = {
  extraction1000MedianMs: 50,
  firstTokenPaintMedianMs: 16,
  clickToRequest1000Ms: 30,
  panelColdStartMs: 300,
};
const SIZES = [10, 100, 1000];
const RESULTS_FILE = path.join(ROOT, 'bench', 'results.json');
const say = (message) => console.error(`[bench] ${message}`);

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      'draft-runs': { type: 'string', default: '10' },
      'cold-runs': { type: 'string', default: '3' },
      'warm-runs': { type: 'string', default: '10' },
    },
  });
  const int = (name) => {
    const n = Number.parseInt(String(values[name]), 10);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    runs: int('runs'),
    draftRuns: int('draft-runs'),
    coldRuns: int('cold-runs'),
    warmRuns: int('warm-runs'),
  };
}

/** The machine the figures belong to. */
function machine(browserVersion) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    browser: browserVersion,
    gitCommit: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
      } catch {
        return 'unknown';
      }
    })(),
  };
}

/**
 * One browser session: a fresh profile, the provider saved through the real options page (pointing at the
 * timing proxy), the fixture ticket open. `fn` gets the pieces; everything is closed afterwards.
 * @template T
 * @param {{ hostResolverRules: string }} fixtures @param {string} providerURL
 * @param {(s: { context: import('@playwright/test').BrowserContext, worker: import('@playwright/test').Worker,
 *   extensionId: string, page: import('@playwright/test').Page, tabId: number }) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withSession(fixtures, providerURL, fn) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskmate-bench-'));
  const context = await launchWithExtension({ userDataDir, hostResolverRules: fixtures.hostResolverRules });
  try {
    await context.addInitScript(stampPanelInteractive);
    const { worker, extensionId } = await extensionWorker(context);
    const options = await openOptions(await context.newPage(), extensionId);
    await saveProvider(options, { baseURL: providerURL, model: 'gpt-4o-mini', apiKey: 'sk-bench' });
    await options.close();
    const page = context.pages()[0] ?? (await context.newPage());
    const { tabId } = await openTicketPage(page, worker, DEMO_TICKET_URL);
    return await fn({ context, worker, extensionId, page, tabId });
  } finally {
    await context.close();
    await removeProfileDir(userDataDir);
  }
}

async function main() {
  const opts = readOptions();
  assertBuilt({ remedy: 'build first: `npx wxt build && node scripts/build-fixtures.mjs`' });
  /** @type {Record<string, any>} */
  const results = { startedAt: new Date().toISOString(), options: opts };

  say('bytes of the build');
  results.bytes = measureBytes(EXTENSION_DIR);

  const servers = await startDemoServers({ mock: { port: 0 } });
  const mock = /** @type {NonNullable<typeof servers.mock>} */ (servers.mock);
  const proxy = await startTimingProxy(mock.port);
  const fixtures = servers.fixtures;
  try {
    /** @type {{ interactive: number, mounted: number }[][]} */
    const [cold, warm] = [[], []];
    for (let i = 0; i < opts.coldRuns; i++) {
      say(`panel cold start ${i + 1}/${opts.coldRuns} (fresh browser)`);
      await withSession(fixtures, proxy.url, async ({ context, extensionId, tabId }) => {
        cold.push(await panelTimeToInteractive(context, extensionId, tabId));
        if (i === 0) {
          results.machine = machine(context.browser()?.version() ?? 'unknown');
          for (let w = 0; w < opts.warmRuns; w++) {
            warm.push(await panelTimeToInteractive(context, extensionId, tabId));
          }
        }
      });
    }
    const split = (runs) => ({
      ...summarize(runs.map((r) => r.interactive)),
      mountedMedian: summarize(runs.map((r) => r.mounted)).median,
    });
    results.panel = { cold: split(cold), warm: split(warm) };

    await withSession(fixtures, proxy.url, async ({ context, worker, extensionId, page, tabId }) => {
      results.machine.browser = context.browser()?.version() ?? results.machine.browser;
      say(`extraction, ${SIZES.join(' / ')} messages × API and DOM, ${opts.runs} runs each`);
      results.extraction = await benchExtraction({
        sw: worker,
        page,
        tabId,
        fixtures,
        sizes: SIZES,
        runs: opts.runs,
      });

      results.drafts = [];
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
      await panel.getByTestId('ticket-card').waitFor({ timeout: 30_000 });
      for (const size of [null, 1000]) {
        if (size !== null) {
          fixtures.state.zendeskGeneratedComments = size;
          await panel.getByTestId('ticket-reread').click();
          await panel.waitForFunction(
            (n) => document.querySelector('[data-testid="ticket-message-count"]')?.textContent === String(n),
            size,
            { timeout: 30_000 },
          );
        }
        const messages = await panel.getByTestId('ticket-message-count').textContent();
        say(`drafts on the ${messages}-message ticket, ${opts.draftRuns} runs`);
        results.drafts.push({
          messages: Number(messages),
          ...(await benchDrafts({ panel, mock, proxy, runs: opts.draftRuns, label: `m${messages}` })),
        });
      }
      delete fixtures.state.zendeskGeneratedComments;
    });
  } finally {
    await proxy.close();
    await servers.close();
  }

  say('history and storage (bench/history-bench.mjs)');
  results.history = await runHistoryBench({ runs: opts.warmRuns });

  results.budgets = [...budgets(results), ...historyBudgets(results.history)];
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(report(results) + historyReport(results.history));
  say(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
}

/** Each budget of issue #9 this bench measures, with its figure and pass/fail. */
function budgets(results) {
  const ext1000 = results.extraction.results.filter((r) => r.size === 1000);
  const draft1000 = results.drafts.find((d) => d.messages >= 1000);
  const checks = [
    ...results.bytes
      .filter((b) => b.budgetGzip !== undefined)
      .map((b) => ({ name: `${b.file} gzip ≤ ${b.budgetGzip} B`, value: b.gzip, pass: b.pass })),
    ...ext1000.map((r) => ({
      name: `extraction 1,000 messages (${r.path}) median ≤ ${BUDGETS.extraction1000MedianMs} ms`,
      value: r.median,
      pass: r.median <= BUDGETS.extraction1000MedianMs,
    })),
    ...results.drafts.map((d) => ({
      name: `first token → painted (${d.messages} messages) median ≤ ${BUDGETS.firstTokenPaintMedianMs} ms`,
      value: d.firstTokenToPaint.median,
      pass: d.firstTokenToPaint.median <= BUDGETS.firstTokenPaintMedianMs,
    })),
    ...(draft1000
      ? [
          {
            name: `click Draft → request, 1,000 messages, median ≤ ${BUDGETS.clickToRequest1000Ms} ms`,
            value: draft1000.clickToRequest.median,
            pass: draft1000.clickToRequest.median <= BUDGETS.clickToRequest1000Ms,
          },
        ]
      : []),
    {
      name: `panel cold start median ≤ ${BUDGETS.panelColdStartMs} ms`,
      value: results.panel.cold.median,
      pass: results.panel.cold.median <= BUDGETS.panelColdStartMs,
    },
  ];
  return checks;
}

/** @param {Record<string, any>} r */
function report(r) {
  const kB = (n) => (n / 1024).toFixed(1);
  const parts = [];
  parts.push(
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, load ${r.machine.loadAverage1m}, ` +
      `Chromium ${r.machine.browser}, Node ${r.machine.node}, commit ${r.machine.gitCommit}`,
  );
  parts.push(
    `\nBytes (kB; content-script budget ${kB(CONTENT_SCRIPT_BUDGET_GZIP)} kB gzip)\n${table([
      ['entry', 'raw', 'gzip', 'budget'],
      ...r.bytes.map((b) => [b.file, kB(b.raw), kB(b.gzip), verdict(b.pass)]),
    ])}`,
  );
  const ext = r.extraction.results;
  const growth = (p) => {
    const at = (n) => ext.find((x) => x.size === n && x.path === p)?.median ?? Number.NaN;
    return (at(1000) / at(100)).toFixed(1);
  };
  parts.push(
    `\nExtraction (ms, service worker: sendMessage → answer; ping round trip median ${r.extraction.pingRoundTrip.median} ms)\n${table(
      [
        ['size × path', 'reader', 'messages', 'median', 'p95', 'min', 'max', 'n', 'fetch only'],
        ...ext.map((x) => [
          `${x.size} × ${x.path}`,
          x.reader,
          x.messages,
          x.median,
          x.p95,
          x.min,
          x.max,
          x.n,
          x.fetchOnlyMedian ?? '-',
        ]),
      ],
    )}\ngrowth 100 → 1,000 (median ratio): api ×${growth('api')}, dom ×${growth('dom')}`,
  );
  parts.push(
    `\nDrafting (ms)\n${table([
      ['ticket', 'request body', 'click→request med', 'p95', 'first token→paint med', 'p95', 'n'],
      ...r.drafts.map((d) => [
        `${d.messages} messages`,
        `${kB(d.requestBodyBytes)} kB`,
        d.clickToRequest.median,
        d.clickToRequest.p95,
        d.firstTokenToPaint.median,
        d.firstTokenToPaint.p95,
        d.clickToRequest.n,
      ]),
    ])}`,
  );
  parts.push(
    `\nPanel time to interactive (ms since navigation start)\n${table([
      ['start', 'median', 'p95', 'min', 'max', 'n', 'app rendered (median)'],
      ...[
        ['cold (fresh browser)', r.panel.cold],
        ['warm (reopened)', r.panel.warm],
      ].map(([name, s]) => [name, s.median, s.p95, s.min, s.max, s.n, s.mountedMedian]),
    ])}`,
  );
  parts.push(
    `\nBudgets\n${table([['budget', 'value', 'result'], ...r.budgets.map((b) => [b.name, b.value, verdict(b.pass)])])}`,
  );
  return parts.join('\n');
}

main().catch((error) => {
  console.error(`[bench] ${messageOf(error)}`);
  process.exitCode = 1;
});
