// The measurements that need the built extension in Chromium: extraction through the content script, click
// "Draft" → request at the model, first token → painted, and panel time to interactive. Every timing is taken
// from outside the product: the service worker's clock around chrome.tabs.sendMessage, the panel page's clock
// (performance.timeOrigin + now()) for clicks and frames, and the timing proxy's clock for the model's side.

import { summarize } from './stats.mjs';
import { clockOffset, epochNow } from './timing-proxy.mjs';

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').Worker} Worker */
/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */
/** @typedef {{ state: Record<string, unknown> }} Fixtures */

// ---------------------------------------------------------------- panel time to interactive

/**
 * An init script for every page of the context: in the side panel page, the first animation frame in which the
 * ticket card and an enabled "Draft reply" button exist is stamped as window.__benchInteractiveAt, and the first
 * frame in which the app has rendered anything into #root as window.__benchMountedAt, and the first frame with
 * the ticket card as window.__benchTicketAt (performance.now(), i.e. milliseconds since the page's navigation
 * started). They split the script load, the ticket read, and what enables the Draft button after it.
 */
export function stampPanelInteractive() {
  if (!location.pathname.endsWith('/sidepanel.html')) return;
  const w = /** @type {any} */ (window);
  const check = () => {
    if (w.__benchMountedAt === undefined && document.getElementById('root')?.firstElementChild) {
      w.__benchMountedAt = performance.now();
    }
    const card = document.querySelector('[data-testid="ticket-card"]');
    if (w.__benchTicketAt === undefined && card) w.__benchTicketAt = performance.now();
    const ready = card && document.querySelector('[data-testid="draft-generate"]:not([disabled])');
    if (ready) w.__benchInteractiveAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * Opens the panel page for `tabId` and resolves with its time to interactive and to the app's first render
 * (ms since navigation start).
 * @param {BrowserContext} context @param {string} extensionId @param {number} tabId
 */
export async function panelTimeToInteractive(context, extensionId, tabId) {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  const handle = await panel.waitForFunction(
    () => /** @type {any} */ (window).__benchInteractiveAt,
    undefined,
    {
      timeout: 30_000,
    },
  );
  const interactive = /** @type {number} */ (await handle.jsonValue());
  const { mounted, ticket } = await panel.evaluate(() => ({
    mounted: /** @type {number} */ (/** @type {any} */ (window).__benchMountedAt),
    ticket: /** @type {number} */ (/** @type {any} */ (window).__benchTicketAt),
  }));
  await panel.close();
  return { interactive, mounted, ticket };
}

// ---------------------------------------------------------------- extraction

/**
 * Milliseconds from chrome.tabs.sendMessage(command) to its answer, measured in the service worker, `runs`
 * times after `warmup` unmeasured runs; with the answer's message count and reader (api / page).
 * @param {Worker} sw @param {number} tabId @param {{ type: string }} command
 */
async function timeCommand(sw, tabId, command, runs, warmup) {
  return sw.evaluate(
    async ({ tabId, command, runs, warmup }) => {
      const samples = [];
      let last = null;
      for (let i = 0; i < warmup + runs; i++) {
        const start = performance.now();
        // Runs in the service worker, where the extension's chrome global exists.
        last = await /** @type {any} */ (globalThis).chrome.tabs.sendMessage(tabId, command, { frameId: 0 });
        const ms = performance.now() - start;
        if (i >= warmup) samples.push(ms);
      }
      const ticket = last?.ticket;
      return {
        samples,
        ok: last?.ok ?? null,
        messages: Array.isArray(ticket?.messages) ? ticket.messages.length : null,
        method: ticket?.source?.method ?? null,
        warnings: Array.isArray(ticket?.warnings) ? ticket.warnings.length : 0,
      };
    },
    { tabId, command, runs, warmup },
  );
}

/**
 * Replaces the active ticket's conversation in the fixture page with `count` comments, cloned in order from
 * the fixture's own comment articles (each with its own time), so the DOM reader sees a long thread.
 * @param {Page} page @param {number} count
 */
async function fillThread(page, count) {
  await page.evaluate((count) => {
    const log = document.querySelector(
      '[data-test-id="ticket-123-custom-layout"] [data-test-id="omni-log-container"]',
    );
    if (!log) throw new Error('fixture: no conversation log for ticket 123');
    const originals =
      /** @type {any} */ (window).__benchOriginalThread ?? [...log.children].map((n) => n.cloneNode(true));
    /** @type {any} */ (window).__benchOriginalThread = originals;
    const comments = originals.filter((n) => n.getAttribute('data-test-id') === 'omni-log-comment-item');
    const start = Date.parse('2026-03-04T08:00:00Z');
    const nodes = Array.from({ length: count }, (_, i) => {
      const node = comments[i % comments.length].cloneNode(true);
      const time = node.querySelector('time');
      time?.setAttribute('datetime', new Date(start + i * 60_000).toISOString());
      return node;
    });
    log.replaceChildren(...nodes);
  }, count);
}

/**
 * The network share of the API path: the same requests the Zendesk reader makes (the ticket and the first
 * comments page together, then the remaining pages at once, as the first page's count allows), fetched and
 * parsed as JSON in the page, without building a ticket. Milliseconds per run.
 * @param {Page} page @param {number} runs
 */
async function timeApiFetches(page, runs) {
  return page.evaluate(async (runs) => {
    const samples = [];
    const json = (path) => fetch(path).then((r) => r.json());
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const ticket = json('/api/v2/tickets/123.json?include=users');
      const first = await json('/api/v2/tickets/123/comments.json?include=users');
      const rest = [];
      if (first.next_page && typeof first.count === 'number') {
        const next = new URL(first.next_page);
        const perPage = Number(next.searchParams.get('per_page')) || first.comments.length;
        for (let n = 2; n <= Math.ceil(first.count / perPage); n++) {
          next.searchParams.set('page', String(n));
          rest.push(json(next.pathname + next.search));
        }
      }
      await Promise.all([ticket, ...rest]);
      samples.push(performance.now() - start);
    }
    return samples;
  }, runs);
}

/**
 * Extraction through the API path (generated thread served by the fixture API) and the DOM path (API refused,
 * the page holds a generated thread) for each size.
 * @param {{ sw: Worker, page: Page, tabId: number, fixtures: Fixtures, sizes: number[], runs: number }} ctx
 */
export async function benchExtraction({ sw, page, tabId, fixtures, sizes, runs }) {
  const ping = await timeCommand(sw, tabId, { type: 'content/ping' }, runs, 3);
  const results = [];
  for (const size of sizes) {
    fixtures.state.zendeskGeneratedComments = size;
    const api = await timeCommand(sw, tabId, { type: 'content/extract' }, runs, 2);
    const apiFetchOnly = summarize(await timeApiFetches(page, runs));
    delete fixtures.state.zendeskGeneratedComments;

    fixtures.state.zendeskApi = 'error';
    await fillThread(page, size);
    const dom = await timeCommand(sw, tabId, { type: 'content/extract' }, runs, 2);
    delete fixtures.state.zendeskApi;

    for (const [path, r] of /** @type {const} */ ([
      ['api', api],
      ['dom', dom],
    ])) {
      results.push({
        size,
        path,
        reader: r.method,
        messages: r.messages,
        ...summarize(r.samples),
        ...(path === 'api' ? { fetchOnlyMedian: apiFetchOnly.median } : {}),
      });
    }
  }
  await page.reload();
  return { pingRoundTrip: summarize(ping.samples), results };
}

// ---------------------------------------------------------------- drafting

/**
 * In the panel: the click event's time, and the first animation frame whose draft box contains `marker`
 * (both as the panel's epoch milliseconds).
 * @param {Page} panel @param {string} marker
 */
async function armPaintProbe(panel, marker) {
  await panel.evaluate((marker) => {
    const w = /** @type {any} */ (window);
    w.__bench = { clickAt: null, paintedAt: null };
    const onClick = (/** @type {Event} */ event) => {
      const target = /** @type {Element | null} */ (event.target);
      if (!target?.closest('[data-testid="draft-generate"]')) return;
      w.__bench.clickAt = performance.timeOrigin + event.timeStamp;
      window.removeEventListener('click', onClick, true);
    };
    window.addEventListener('click', onClick, true);
    const box = /** @type {HTMLTextAreaElement | null} */ (
      document.querySelector('[data-testid="draft-text"]')
    );
    const frame = () => {
      if (box?.value.includes(marker)) w.__bench.paintedAt = performance.timeOrigin + performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, marker);
}

/**
 * `runs` drafts of the ticket shown in `panel`: click → request at the proxy, first text sent → painted.
 * @param {{ panel: Page, mock: { enqueue(b: object): number }, proxy: { chats: { arrivedAt: number,
 *   firstTextAt: number | null, bodyBytes: number }[] }, runs: number, label: string }} ctx
 */
export async function benchDrafts({ panel, mock, proxy, runs, label }) {
  const clickToRequest = [];
  const firstTokenToPaint = [];
  let bodyBytes = 0;
  let clock = await clockOffset(panel);
  for (let i = 0; i < runs; i++) {
    const marker = `bench-${label}-${i}-`;
    mock.enqueue({
      kind: 'text',
      content: `${marker} Thanks for writing in. ${'We are looking into it. '.repeat(8)}`,
      chunkSize: 24,
      delayMs: 10,
      firstTokenDelayMs: 30,
    });
    const before = proxy.chats.length;
    await armPaintProbe(panel, marker);
    await panel.getByTestId('draft-generate').click();
    await panel.waitForFunction(() => /** @type {any} */ (window).__bench.paintedAt !== null, undefined, {
      timeout: 30_000,
    });
    await panel.waitForFunction(
      () => document.querySelector('[data-testid="draft-status"]')?.getAttribute('data-status') === 'done',
      undefined,
      { timeout: 30_000 },
    );
    const { clickAt, paintedAt } = await panel.evaluate(() => /** @type {any} */ (window).__bench);
    const chat = proxy.chats[before];
    if (!chat || chat.firstTextAt === null) throw new Error(`draft ${label} #${i}: no chat request recorded`);
    bodyBytes = chat.bodyBytes;
    // Panel epoch → Node epoch: subtract the measured offset (page − node).
    clickToRequest.push(chat.arrivedAt - (clickAt - clock.offsetMs));
    firstTokenToPaint.push(paintedAt - clock.offsetMs - chat.firstTextAt);
    if (i % 4 === 3) clock = await clockOffset(panel);
  }
  return {
    label,
    requestBodyBytes: bodyBytes,
    clockErrorBoundMs: Math.round(clock.errorBoundMs * 100) / 100,
    clickToRequest: summarize(clickToRequest),
    firstTokenToPaint: summarize(firstTokenToPaint),
  };
}

export { epochNow };
