// What the content script costs the helpdesk page (issue #9): main-thread time spent in Deskmate's content
// script while the fixture Zendesk loads, and per SPA navigation (the fixture switches tickets with
// history.pushState). Measured with the V8 sampling profiler on the page (CDP, 100 µs): a sample counts as
// Deskmate's when any frame of its stack comes from the extension (chrome-extension://<id>/), so the script's own
// calls into the DOM are counted and the page's work is not. The page's own main-thread time in the same window
// is reported next to it for scale.

import { summarize } from './stats.mjs';

/**
 * Milliseconds of samples in `profile` whose stack touches a script URL starting with `prefix`, and all
 * non-idle samples.
 * @param {any} profile @param {string} prefix
 */
export function attributedTime(profile, prefix) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const node = byId.get(id);
    const mine = node.callFrame.url.startsWith(prefix) || (parent.has(id) && isOurs(parent.get(id)));
    ours.set(id, mine);
    return mine;
  };
  let extension = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id).callFrame.functionName;
    if (name === '(idle)') return;
    busy += ms;
    if (isOurs(id)) extension += ms;
  });
  return { extensionMs: extension, pageMs: busy - extension };
}

/**
 * `withPanel` (optional) opens a side panel for the page's tab after the first load: the background then reads
 * the ticket on every navigation, which is the content script's cost while an agent uses Deskmate.
 * @param {{ context: import('@playwright/test').BrowserContext, extensionId: string, url: string, runs: number,
 *   navigate: (page: import('@playwright/test').Page, i: number) => Promise<void>, settleMs?: number,
 *   withPanel?: (page: import('@playwright/test').Page) => Promise<import('@playwright/test').Page> }} ctx
 */
export async function benchPageCost({
  context,
  extensionId,
  url,
  runs,
  navigate,
  settleMs = 1500,
  withPanel,
}) {
  const prefix = `chrome-extension://${extensionId}/`;
  const load = [];
  const loadPage = [];
  const spa = [];
  const spaPage = [];
  const page = await context.newPage();
  /** @type {import('@playwright/test').Page | null} */
  let panel = null;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const profiled = async (fn) => {
    await cdp.send('Profiler.start');
    await fn();
    await page.waitForTimeout(settleMs);
    const { profile } = await cdp.send('Profiler.stop');
    return attributedTime(profile, prefix);
  };
  try {
    for (let i = 0; i < runs + 1; i++) {
      const l = await profiled(async () => {
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(() => /** @type {any} */ (window).__deskmateFixture?.isReady === true);
      });
      const s = await profiled(() => navigate(page, i));
      if (i === 0) {
        if (withPanel) panel = await withPanel(page);
        continue; // the first load also compiles everything once
      }
      load.push(l.extensionMs);
      loadPage.push(l.pageMs);
      spa.push(s.extensionMs);
      spaPage.push(s.pageMs);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
    await panel?.close();
    await page.close();
  }
  return {
    pageLoad: { ...summarize(load), pageOwnMedian: summarize(loadPage).median },
    spaNavigation: { ...summarize(spa), pageOwnMedian: summarize(spaPage).median },
  };
}
