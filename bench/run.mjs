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
  turnOnDemoHelpdesk,
} from '../scripts/lib/extension-session.mjs';
import {
  benchDrafts,
  benchExtraction,
  panelTimeToInteractive,
  stampPanelInteractive,
} from './browser-bench.mjs';
import { CONTENT_SCRIPT_BUDGET_GZIP, measureBytes } from './bytes.mjs';
import { historyBudgets, historyReport, runHistoryBench } from './history-bench.mjs';
import { benchInsertion } from './insert-bench.mjs';
import { benchKnowledge, knowledgeBudgets, knowledgeReport } from './knowledge-bench.mjs';
import { benchMemory } from './memory-bench.mjs';
import { benchPageCost } from './page-cost-bench.mjs';
import { summarize, table, verdict } from './stats.mjs';
import { benchStream } from './stream-bench.mjs';
import { startTimingProxy } from './timing-proxy.mjs';

/** Budgets from issue #9 (milliseconds unless named otherwise). */
const BUDGETS = {
  extraction1000MedianMs: 50,
  firstTokenPaintMedianMs: 16,
  clickToRequest1000Ms: 30,
  panelColdStartMs: 300,
  streamLongTaskMs: 50,
};
/** Parts of the bench, in the order they run; `--only a,b` runs some of them. */
const SECTIONS = [
  'bytes',
  'panel',
  'extraction',
  'drafts',
  'stream',
  'insertion',
  'memory',
  'page',
  'knowledge',
];
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
      'insert-runs': { type: 'string', default: '10' },
      'page-runs': { type: 'string', default: '5' },
      generations: { type: 'string', default: '100' },
      'knowledge-runs': { type: 'string', default: '30' },
      only: { type: 'string', default: SECTIONS.join(',') },
    },
  });
  const only = String(values.only)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const unknown = only.filter((x) => !SECTIONS.includes(x));
  if (unknown.length > 0)
    throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${SECTIONS.join(', ')})`);
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
    insertRuns: int('insert-runs'),
    pageRuns: int('page-runs'),
    generations: int('generations'),
    knowledgeRuns: int('knowledge-runs'),
    only,
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
    // Helpdesk access is the agent's choice (optional host permissions): turned on as an agent would.
    await turnOnDemoHelpdesk(context, worker);
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

  const wants = (part) => opts.only.includes(part);
  if (wants('bytes')) {
    say('bytes of the build');
    results.bytes = measureBytes(EXTENSION_DIR);
  }

  const servers = await startDemoServers({ mock: { port: 0 } });
  const mock = /** @type {NonNullable<typeof servers.mock>} */ (servers.mock);
  const proxy = await startTimingProxy(mock.port);
  const fixtures = servers.fixtures;
  try {
    if (wants('panel')) {
      /** @type {{ interactive: number, mounted: number, ticket: number }[][]} */
      const [cold, warm] = [[], []];
      for (let i = 0; i < opts.coldRuns; i++) {
        say(`panel cold start ${i + 1}/${opts.coldRuns} (fresh browser)`);
        await withSession(fixtures, proxy.url, async ({ context, extensionId, tabId }) => {
          cold.push(await panelTimeToInteractive(context, extensionId, tabId));
          if (i === 0) {
            for (let w = 0; w < opts.warmRuns; w++) {
              warm.push(await panelTimeToInteractive(context, extensionId, tabId));
            }
          }
        });
      }
      const split = (runs) => ({
        ...summarize(runs.map((r) => r.interactive)),
        mountedMedian: summarize(runs.map((r) => r.mounted)).median,
        ticketMedian: summarize(runs.map((r) => r.ticket)).median,
      });
      results.panel = { cold: split(cold), warm: split(warm) };
    }

    await withSession(fixtures, proxy.url, async ({ context, worker, extensionId, page, tabId }) => {
      results.machine = machine(context.browser()?.version() ?? 'unknown');
      if (wants('extraction')) {
        say(`extraction, ${SIZES.join(' / ')} messages × API and DOM, ${opts.runs} runs each`);
        results.extraction = await benchExtraction({
          sw: worker,
          page,
          tabId,
          fixtures,
          sizes: SIZES,
          runs: opts.runs,
        });
      }

      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
      await panel.getByTestId('ticket-card').waitFor({ timeout: 30_000 });
      if (wants('stream')) {
        results.stream = [];
        for (const kind of /** @type {const} */ (['draft', 'summary'])) {
          say(`streaming smoothness: a 2,000-token ${kind} at 100 tokens/s`);
          results.stream.push(await benchStream({ panel, mock, kind }));
        }
      }
      if (wants('drafts')) {
        results.drafts = [];
        for (const size of [null, 1000]) {
          if (size !== null) {
            fixtures.state.zendeskGeneratedComments = size;
            await panel.getByTestId('ticket-reread').click();
            // The count is written the UI language's way ("1,000"): compare its digits.
            await panel.waitForFunction(
              (n) =>
                document
                  .querySelector('[data-testid="ticket-message-count"]')
                  ?.textContent?.replace(/\D/g, '') === String(n),
              size,
              { timeout: 30_000 },
            );
          }
          const messages = (await panel.getByTestId('ticket-message-count').textContent())?.replace(
            /\D/g,
            '',
          );
          say(`drafts on the ${messages}-message ticket, ${opts.draftRuns} runs`);
          results.drafts.push({
            messages: Number(messages),
            ...(await benchDrafts({ panel, mock, proxy, runs: opts.draftRuns, label: `m${messages}` })),
          });
        }
        delete fixtures.state.zendeskGeneratedComments;
        await panel.getByTestId('ticket-reread').click();
      }
      await panel.close();
    });

    if (wants('insertion') || wants('memory') || wants('page')) {
      await withSession(fixtures, mock.url, async ({ context, worker, extensionId, tabId }) => {
        results.machine ??= machine(context.browser()?.version() ?? 'unknown');
        if (wants('insertion')) {
          results.insertion = await benchInsertion({
            context,
            worker,
            extensionId,
            genericOrigin: `http://127.0.0.1:${fixtures.httpPort}`,
            runs: opts.insertRuns,
            say,
          });
        }
        if (wants('page')) {
          const openPanel = async (page) => {
            const id = await worker.evaluate(
              async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null,
              page.url(),
            );
            const p = await context.newPage();
            await p.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${id}`);
            await p.getByTestId('ticket-card').waitFor({ timeout: 30_000 });
            return p;
          };
          // The fixture Zendesk switches tickets with history.pushState, as the real one does.
          const navigate = (page, i) =>
            page.locator(`header [data-entity-id="${i % 2 === 0 ? '124' : '123'}"]`).click();
          results.pageCost = {};
          for (const [name, withPanel] of /** @type {const} */ ([
            ['panelClosed', undefined],
            ['panelOpen', openPanel],
          ])) {
            say(`content script cost to the page (${name}), ${opts.pageRuns} loads and navigations`);
            results.pageCost[name] = await benchPageCost({
              context,
              extensionId,
              url: DEMO_TICKET_URL,
              runs: opts.pageRuns,
              navigate,
              ...(withPanel ? { withPanel } : {}),
            });
          }
        }
        if (wants('memory')) {
          const panel = await context.newPage();
          await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
          await panel.getByTestId('ticket-card').waitFor({ timeout: 30_000 });
          say(`memory after ${opts.generations} generations`);
          results.memory = await benchMemory({
            context,
            extensionId,
            panel,
            mock,
            generations: opts.generations,
            say,
          });
          await panel.close();
        }
      });
    }
    if (wants('knowledge')) {
      await withSession(fixtures, mock.url, async ({ context, extensionId, tabId }) => {
        results.machine ??= machine(context.browser()?.version() ?? 'unknown');
        results.knowledge = await benchKnowledge({
          context,
          extensionId,
          tabId,
          runs: opts.knowledgeRuns,
          say,
        });
      });
    }
  } finally {
    await proxy.close();
    await servers.close();
  }

  say('history and storage (bench/history-bench.mjs)');
  results.history = await runHistoryBench({ runs: opts.warmRuns });

  results.budgets = [
    ...budgets(results),
    ...historyBudgets(results.history),
    ...knowledgeBudgets(results.knowledge),
  ];
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(report(results) + historyReport(results.history) + knowledgeReport(results.knowledge));
  say(`wrote ${path.relative(ROOT, RESULTS_FILE)}`);
}

/** Each budget of issue #9 this bench measures, with its figure and pass/fail (parts not run are left out). */
function budgets(results) {
  const ext1000 = results.extraction?.results.filter((r) => r.size === 1000) ?? [];
  const drafts = results.drafts ?? [];
  const draft1000 = drafts.find((d) => d.messages >= 1000);
  const checks = [
    ...(results.bytes ?? [])
      .filter((b) => b.budgetGzip !== undefined)
      .map((b) => ({ name: `${b.file} gzip ≤ ${b.budgetGzip} B`, value: b.gzip, pass: b.pass })),
    ...ext1000.map((r) => ({
      name: `extraction 1,000 messages (${r.path}) median ≤ ${BUDGETS.extraction1000MedianMs} ms`,
      value: r.median,
      pass: r.median <= BUDGETS.extraction1000MedianMs,
    })),
    ...drafts.map((d) => ({
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
    ...(results.panel
      ? [
          {
            name: `panel cold start median ≤ ${BUDGETS.panelColdStartMs} ms`,
            value: results.panel.cold.median,
            pass: results.panel.cold.median <= BUDGETS.panelColdStartMs,
          },
        ]
      : []),
    ...(results.stream ?? []).map((r) => ({
      name: `longest task while streaming a ${r.kind} ≤ ${BUDGETS.streamLongTaskMs} ms`,
      value: r.longTasks.maxMs,
      pass: r.longTasks.maxMs <= BUDGETS.streamLongTaskMs,
    })),
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
  if (r.bytes) {
    parts.push(
      `\nBytes (kB; content-script budget ${kB(CONTENT_SCRIPT_BUDGET_GZIP)} kB gzip)\n${table([
        ['entry', 'raw', 'gzip', 'budget'],
        ...r.bytes.map((b) => [b.file, kB(b.raw), kB(b.gzip), verdict(b.pass)]),
      ])}`,
    );
  }
  if (r.extraction) {
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
  }
  if (r.drafts) {
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
  }
  if (r.panel) {
    parts.push(
      `\nPanel time to interactive (ms since navigation start)\n${table([
        ['start', 'median', 'p95', 'min', 'max', 'n', 'app rendered (median)', 'ticket shown (median)'],
        ...[
          ['cold (fresh browser)', r.panel.cold],
          ['warm (reopened)', r.panel.warm],
        ].map(([name, s]) => [name, s.median, s.p95, s.min, s.max, s.n, s.mountedMedian, s.ticketMedian]),
      ])}`,
    );
  }
  if (r.stream) {
    parts.push(
      `\nStreaming smoothness (panel, 2,000 tokens at 100 tokens/s; ms)\n${table([
        [
          'answer',
          'seconds',
          'long tasks',
          'longest',
          'total',
          'frames',
          'gap med',
          'gap p95',
          'gap p99',
          'gap max',
          'gaps > 50',
        ],
        ...r.stream.map((x) => [
          x.kind,
          x.seconds,
          x.longTasks.count,
          x.longTasks.maxMs,
          x.longTasks.totalMs,
          x.frameGaps.frames,
          x.frameGaps.median,
          x.frameGaps.p95,
          x.frameGaps.p99,
          x.frameGaps.max,
          x.frameGaps.over50,
        ]),
      ])}`,
    );
  }
  if (r.insertion) {
    parts.push(
      `\nInsertion (ms, panel: reply/insert request → verified answer)\n${table([
        ['editor', 'fixture', 'method', 'median', 'p95', 'min', 'max', 'n'],
        ...r.insertion.map((x) => [
          x.kind,
          x.helpdesk,
          x.methods.join('/'),
          x.median,
          x.p95,
          x.min,
          x.max,
          x.n,
        ]),
      ])}`,
    );
  }
  if (r.pageCost) {
    const rows = [];
    for (const [name, c] of Object.entries(r.pageCost)) {
      rows.push([
        `page load, ${name}`,
        c.pageLoad.median,
        c.pageLoad.p95,
        c.pageLoad.n,
        c.pageLoad.pageOwnMedian,
      ]);
      rows.push([
        `SPA navigation, ${name}`,
        c.spaNavigation.median,
        c.spaNavigation.p95,
        c.spaNavigation.n,
        c.spaNavigation.pageOwnMedian,
      ]);
    }
    parts.push(
      `\nContent script's main-thread time in the helpdesk page (ms, CPU profile)\n${table([
        ['when', 'Deskmate median', 'p95', 'n', 'page own (median)'],
        ...rows,
      ])}`,
    );
  }
  if (r.memory) {
    const m = r.memory;
    parts.push(
      `\nJS heap after GC (MB), before and after ${m.generations} generations\n${table([
        ['context', 'before', 'after'],
        ['background service worker', m.before.background.usedMB, m.after.background.usedMB],
        ['side panel', m.before.panel.usedMB, m.after.panel.usedMB],
      ])}`,
    );
  }
  parts.push(
    `\nBudgets\n${table([['budget', 'value', 'result'], ...r.budgets.map((b) => [b.name, b.value, verdict(b.pass)])])}`,
  );
  return parts.join('\n');
}

main().catch((error) => {
  console.error(`[bench] ${messageOf(error)}`);
  process.exitCode = 1;
});
