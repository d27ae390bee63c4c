// Storage figures of issue #9, on the BUILT extension in Chromium:
// - "history open with 10,000 generations": navigation start of draft-history.html → the first animation frame that
//   shows results (budget ≤ 100 ms), for the unfiltered first page and for searches (a common word, a word only
//   the oldest record has, a word nobody wrote), which go through the word index (Dexie v4); and, as the floor
//   of the alternative, reading every stored generation with plain getAll;
// - "bytes stored per 1,000 tickets": what the browser counts for the extension's storage
//   (navigator.storage.estimate().usage, before → after) once 1,000 tickets have the records an agent leaves:
//   a summary, two drafts, the draft box with its versions, the first view.
// Records are written straight into the extension's IndexedDB from one of its pages, with the shapes the product
// writes (utils/db.ts). Nothing is added to the product: the paint stamp is an init script.
//
//   node bench/history-bench.mjs [--runs 10]      (standalone; `npm run bench` runs it too)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import {
  assertBuilt,
  extensionWorker,
  launchWithExtension,
  messageOf,
  ROOT,
  removeProfileDir,
} from '../scripts/lib/extension-session.mjs';
import { summarize, table, verdict } from './stats.mjs';

/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */
/** @typedef {import('@playwright/test').Page} Page */

export const HISTORY_OPEN_BUDGET_MS = 100;
const TOTAL_GENERATIONS = 10_000;
const STORAGE_TICKETS = 1_000;
const say = (message) => console.error(`[bench] ${message}`);

/**
 * Init script: in draft-history.html, stamps window.__benchHistoryMountedAt (the app rendered anything) and
 * window.__benchHistoryPaintedAt (results, or the "nothing matches" line, are on screen), both in ms since
 * navigation start, at the first animation frame that shows them.
 */
export function stampHistoryPainted() {
  if (!location.pathname.endsWith('/draft-history.html')) return;
  const w = /** @type {any} */ (window);
  const check = () => {
    if (w.__benchHistoryMountedAt === undefined && document.getElementById('root')?.firstElementChild) {
      w.__benchHistoryMountedAt = performance.now();
    }
    const results = document.querySelectorAll('[data-testid="history-result"]').length;
    const line = document.querySelector('[data-testid="history-count"]')?.textContent ?? '';
    if (results > 0 || /^Nothing matches|^No history/.test(line)) {
      w.__benchHistoryPaintedAt = performance.now();
      w.__benchHistoryResults = results;
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * The product's own word index function (utils/history/words.ts) compiled for the page, so raw writes carry the
 * words the product's Dexie hooks would compute (a copy here could drift).
 */
async function wordsScript() {
  const result = await build({
    entryPoints: [path.join(ROOT, 'utils', 'history', 'words.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__deskmateWords',
    target: 'es2022',
    logLevel: 'silent',
  });
  // page.evaluate runs the text inside a function: publish the result on the global object explicitly.
  return `${result.outputFiles[0].text}\nglobalThis.__deskmateWords = __deskmateWords;`;
}

/**
 * Runs in an extension page (after wordsScript): writes `tickets` tickets' worth of records (ids `first`…) with deterministic,
 * realistic text. Each ticket: one summary (the card's JSON) and `draftsPerTicket` drafts; with `withDrafts`,
 * the draft box (its text and one version per AI draft, as the panel keeps them) and the first view.
 * @param {Page} page
 * @param {{ first: number, tickets: number, draftsPerTicket: number, withDrafts: boolean, rareWordAt?: number }} o
 */
async function seed(page, o) {
  return page.evaluate(async ({ first, tickets, draftsPerTicket, withDrafts, rareWordAt }) => {
    const words = (
      'thank you for reaching out about your order the refund invoice payment was charged twice we have ' +
      'checked account billing team shipping parcel tracking delivery password reset login email address ' +
      'sorry for the trouble please let me know if anything else is needed subscription plan upgrade ' +
      'cancel renewal receipt bank card days working confirm'
    ).split(' ');
    let state = 42;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const sentence = (n) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(words[Math.floor(random() * words.length)]);
      const text = out.join(' ');
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    };
    const paragraph = (sentences) => Array.from({ length: sentences }, () => sentence(12)).join(' ');
    const open = indexedDB.open('deskmate');
    const database = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const now = Date.now();
    const tx = database.transaction(['generations', 'drafts', 'ticketViews'], 'readwrite');
    const generations = tx.objectStore('generations');
    let bytes = 0;
    const { searchWordsOf } = /** @type {any} */ (globalThis).__deskmateWords;
    const put = (store, record) => {
      if (store === generations) record.searchWords = searchWordsOf(record);
      bytes += new TextEncoder().encode(JSON.stringify(record)).length;
      store.add(record);
    };
    let added = 0;
    for (let t = 0; t < tickets; t++) {
      const id = first + t;
      const ticketKey = `zendesk:acme.zendesk.com:${id}`;
      const startedAt = now - (tickets - t) * 60_000;
      const label = {
        ticketSubject: sentence(6).slice(0, 80),
        helpdesk: 'zendesk',
        ticketUrl: `https://acme.zendesk.com/agent/tickets/${id}`,
      };
      const usage = {
        promptChars: 4_000,
        promptTokens: 1_000,
        tokenCountMethod: 'tokenizer',
        contextWindow: { tokens: 128_000, source: 'known' },
        trimmed: null,
        costUsd: 0.0004,
      };
      put(generations, {
        ticketKey,
        kind: 'summary',
        model: 'gpt-4o-mini',
        output: JSON.stringify({
          issue: sentence(20),
          customerWants: sentence(14),
          doneSoFar: sentence(14),
          sentiment: 'frustrated',
          urgency: 'normal',
          language: 'English',
          nextSteps: [sentence(10), sentence(10)],
        }),
        startedAt,
        finishedAt: startedAt + 3_000,
        outcome: 'complete',
        outputTokens: 160,
        ...usage,
        ...label,
      });
      added++;
      const versions = [];
      for (let d = 0; d < draftsPerTicket; d++) {
        let output = `Hello,\n\n${paragraph(4)}\n\n${paragraph(3)}\n\nBest regards,\nSam`;
        if (rareWordAt === added) output += ' Zanzibar.';
        const inserted = d === draftsPerTicket - 1 && random() < 0.6;
        put(generations, {
          ticketKey,
          kind: 'draft',
          model: 'gpt-4o-mini',
          output,
          startedAt: startedAt + 10_000 + d * 20_000,
          finishedAt: startedAt + 16_000 + d * 20_000,
          outcome: 'complete',
          outputTokens: 190,
          ...usage,
          ...label,
          ...(inserted
            ? {
                inserted: true,
                insertedAt: startedAt + 90_000,
                insertMethod: 'insert',
                editRate: 0.12,
                insertedChars: output.length,
              }
            : {}),
        });
        versions.push({ source: 'ai', generationId: first * 10 + added, text: output, createdAt: startedAt });
        added++;
      }
      if (withDrafts) {
        put(tx.objectStore('drafts'), {
          ticketKey,
          text: versions.at(-1).text,
          edited: true,
          versions,
          updatedAt: startedAt + 90_000,
        });
        put(tx.objectStore('ticketViews'), { ticketKey, firstViewedAt: startedAt - 30_000 });
      }
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
    return { generations: added, logicalBytes: bytes };
  }, o);
}

/** @param {Page} page */
const usage = (page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
/** @param {Page} page */
const countGenerations = (page) =>
  page.evaluate(async () => {
    const open = indexedDB.open('deskmate');
    const database = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise((resolve, reject) => {
      const request = database.transaction('generations').objectStore('generations').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.close();
    return count;
  });

/**
 * The floor of a full scan: every generation read with plain IndexedDB getAll in 2,000-id chunks (no Dexie, no
 * matching, no rendering), ms per scan, in an already open page.
 * @param {Page} page @param {number} runs
 */
async function rawScanTimes(page, runs) {
  return page.evaluate(async (runs) => {
    const open = indexedDB.open('deskmate');
    const database = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const store = database.transaction('generations').objectStore('generations');
      const requests = [];
      for (let lower = 0; lower < 12_000; lower += 2_000) {
        requests.push(
          new Promise((resolve, reject) => {
            const request = store.getAll(IDBKeyRange.bound(lower, lower + 2_000, false, true));
            request.onsuccess = () => resolve(request.result.length);
            request.onerror = () => reject(request.error);
          }),
        );
      }
      await Promise.all(requests);
      samples.push(performance.now() - start);
    }
    database.close();
    return samples;
  }, runs);
}

/**
 * Opens draft-history.html`query` in a new page `runs` times; ms since navigation start to results painted and to the
 * app's first render, and how many results were shown.
 * @param {BrowserContext} context @param {string} extensionId @param {string} query @param {number} runs
 */
async function timeOpens(context, extensionId, query, runs) {
  const painted = [];
  const mounted = [];
  let results = 0;
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/draft-history.html${query}`);
    const handle = await page.waitForFunction(
      () => /** @type {any} */ (window).__benchHistoryPaintedAt,
      undefined,
      {
        timeout: 30_000,
      },
    );
    painted.push(/** @type {number} */ (await handle.jsonValue()));
    const stamps = await page.evaluate(() => ({
      mounted: /** @type {any} */ (window).__benchHistoryMountedAt,
      results: /** @type {any} */ (window).__benchHistoryResults,
    }));
    mounted.push(stamps.mounted);
    results = stamps.results;
    await page.close();
  }
  return {
    ...summarize(painted),
    mountedMedian: summarize(mounted).median,
    afterMountMedian: summarize(painted.map((p, i) => p - mounted[i])).median,
    results,
  };
}

/**
 * Both storage scenarios in `context` (a fresh profile: the byte figure is a delta, but an empty database makes
 * it plain). The context must have the init script `stampHistoryPainted`.
 * @param {{ context: BrowserContext, extensionId: string, runs: number }} o
 */
export async function benchHistory({ context, extensionId, runs }) {
  const page = await context.newPage();
  // The page opens the database with the product's schema (Dexie, current version) before anything is seeded.
  await page.goto(`chrome-extension://${extensionId}/draft-history.html`);
  await page.waitForFunction(() => /** @type {any} */ (window).__benchHistoryPaintedAt, undefined, {
    timeout: 30_000,
  });

  await page.evaluate(await wordsScript());
  say(`storage: ${STORAGE_TICKETS} tickets (a summary, 2 drafts, the draft box, the first view each)`);
  const before = await usage(page);
  const stored = await seed(page, {
    first: 1,
    tickets: STORAGE_TICKETS,
    draftsPerTicket: 2,
    withDrafts: true,
  });
  const after = await usage(page);
  const storage = {
    tickets: STORAGE_TICKETS,
    generations: stored.generations,
    usageBytes: after - before,
    logicalBytes: stored.logicalBytes,
  };

  // Up to 10,000 generations: more tickets with a summary and two drafts each (the last one carries a word only
  // it has: counted from the oldest, so a search for it reads everything).
  const existing = Number(await countGenerations(page));
  const moreTickets = Math.ceil((TOTAL_GENERATIONS - existing) / 3);
  await seed(page, {
    first: STORAGE_TICKETS + 1,
    tickets: moreTickets,
    draftsPerTicket: 2,
    withDrafts: false,
    rareWordAt: 1,
  });
  const total = Number(await countGenerations(page));
  const rawScan = summarize(await rawScanTimes(page, runs));
  await page.close();

  say(`history open with ${total} generations, ${runs} runs each`);
  const open = {
    generations: total,
    firstPage: await timeOpens(context, extensionId, '', runs),
    commonWord: await timeOpens(context, extensionId, '?q=refund', runs),
    rareWord: await timeOpens(context, extensionId, '?q=zanzibar', runs),
    noMatch: await timeOpens(context, extensionId, '?q=qwxyzzy', runs),
    rawScan,
  };
  return { storage, open };
}

/** The budget this scenario checks, as run.mjs lists budgets. */
export function historyBudgets(history) {
  return [
    {
      name: `history open, ${history.open.generations.toLocaleString('en')} generations, median ≤ ${HISTORY_OPEN_BUDGET_MS} ms`,
      value: history.open.firstPage.median,
      pass: history.open.firstPage.median <= HISTORY_OPEN_BUDGET_MS,
    },
  ];
}

/** The report's tables. */
export function historyReport(history) {
  const s = history.storage;
  const rows = [
    ['first page (no search)', history.open.firstPage],
    ['search, common word', history.open.commonWord],
    ['search, word in the oldest only', history.open.rareWord],
    ['search, no match', history.open.noMatch],
  ];
  const raw = history.open.rawScan;
  return [
    `\nHistory open with ${history.open.generations.toLocaleString('en')} generations (ms since navigation start → results painted)\n${table(
      [
        ['open', 'median', 'p95', 'min', 'max', 'n', 'app rendered', 'after render', 'results', 'budget'],
        ...rows.map(([name, r], i) => [
          name,
          r.median,
          r.p95,
          r.min,
          r.max,
          r.n,
          r.mountedMedian,
          r.afterMountMedian,
          r.results,
          i === 0 ? verdict(r.median <= HISTORY_OPEN_BUDGET_MS) : '-',
        ]),
      ],
    )}`,
    `floor of a full scan (plain getAll of every generation, no product code): median ${raw.median} ms, p95 ${raw.p95} ms`,
    `\nStorage per ${s.tickets.toLocaleString('en')} tickets (${s.generations} generations, ${s.tickets} drafts with versions, ${s.tickets} first views)\n${table(
      [
        ['measure', 'bytes', 'MiB'],
        ['browser usage (storage.estimate delta)', s.usageBytes, (s.usageBytes / 1024 ** 2).toFixed(2)],
        ['records as JSON (UTF-8)', s.logicalBytes, (s.logicalBytes / 1024 ** 2).toFixed(2)],
      ],
    )}`,
  ].join('\n');
}

/** The scenario in its own fresh browser (no helpdesk page, no provider needed). */
export async function runHistoryBench({ runs }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskmate-bench-history-'));
  // No helpdesk page is visited: nothing to resolve.
  const context = await launchWithExtension({ userDataDir, hostResolverRules: 'MAP * ~NOTFOUND' });
  try {
    await context.addInitScript(stampHistoryPainted);
    const { extensionId } = await extensionWorker(context);
    return await benchHistory({ context, extensionId, runs });
  } finally {
    await context.close();
    await removeProfileDir(userDataDir);
  }
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const runs = Number.parseInt(String(values.runs), 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  assertBuilt({ remedy: 'build first: `npx wxt build`' });
  const history = await runHistoryBench({ runs });
  console.log(JSON.stringify(history, null, 2));
  console.log(historyReport(history));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`[bench] ${messageOf(error)}`);
    process.exitCode = 1;
  });
}
