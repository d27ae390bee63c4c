// Insertion time per editor kind (issue #9): the fixture helpdesks that run the real editor libraries, each with
// its panel open. Timed in the panel: the "reply/insert" request to the background → its answer, i.e. bridge
// injection, the content script's per-editor ladder and the read-back of the editor's own model (the product
// only says "Inserted" once that read-back matched). The page's composer is emptied before every run, and the
// draft's marker must then be in it. The request is timed by wrapping chrome.runtime.sendMessage in the panel
// page from outside (nothing is added to the product).

import { turnOnDemoHelpdesk } from '../scripts/lib/extension-session.mjs';
import { summarize } from './stats.mjs';

/** @typedef {import('@playwright/test').Page} Page */

/** One fixture per editor kind; `prepare` gets the page to the point where its composer exists. */
export const EDITOR_CASES = [
  {
    kind: 'ckeditor5',
    helpdesk: 'Zendesk',
    access: { origins: ['https://*.zendesk.com/*'], registration: 'deskmate-helpdesk:zendesk' },
    url: 'https://acme.zendesk.com/agent/tickets/123',
    composer: '[data-test-id="ticket-123-custom-layout"] [data-test-id="omnicomposer-rich-text-ckeditor"]',
  },
  {
    kind: 'froala',
    helpdesk: 'Freshdesk',
    access: { origins: ['https://*.freshdesk.com/*'], registration: 'deskmate-helpdesk:freshdesk' },
    url: 'https://acme.freshdesk.com/a/tickets/4521',
    composer: '.fr-element.fr-view[contenteditable="true"]',
    /** @param {Page} page */
    prepare: async (page) => {
      await page.locator('button[data-test-email-action="reply"]').click();
      await page.locator('.fr-element.fr-view[contenteditable="true"]').waitFor();
    },
  },
  {
    kind: 'prosemirror',
    helpdesk: 'Intercom',
    access: { origins: ['https://app.intercom.com/*'], registration: 'deskmate-helpdesk:intercom' },
    url: 'https://app.intercom.com/a/inbox/k7x2p9qa/inbox/shared/all/conversation/215471',
    composer: '.ProseMirror[contenteditable="true"]',
  },
  {
    kind: 'slate',
    helpdesk: 'Help Scout',
    access: { origins: ['https://secure.helpscout.net/*'], registration: 'deskmate-helpdesk:helpscout' },
    url: 'https://secure.helpscout.net/conversation/2749301/4817?folderId=6620041',
    composer: '[data-slate-editor="true"]',
  },
  {
    kind: 'quill',
    helpdesk: 'Salesforce',
    access: { origins: ['https://*.lightning.force.com/*'], registration: 'deskmate-helpdesk:salesforce' },
    url: 'https://acme.lightning.force.com/lightning/r/Case/5008d00000Kq3XbAAJ/view?ws=%2Flightning%2Fr%2FCase%2F5008d00000Kq3XbAAJ%2Fview',
    composer: '[data-fixture-quill="email"][data-fixture-case="5008d00000Kq3XbAAJ"] .ql-editor',
  },
  {
    kind: 'textarea',
    helpdesk: 'generic page ("Read this page")',
    url: 'GENERIC', // the plain-HTTP generic site, port known at run time
    composer: 'textarea#reply-body',
    readPage: true,
  },
];

/** In the panel: time every reply/insert request until its answer (epoch-free: the panel's performance.now()). */
function wrapInsertRequests() {
  const w = /** @type {any} */ (window);
  if (w.__insertTimes) return;
  w.__insertTimes = [];
  const runtime = w.chrome.runtime;
  const original = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (message, ...rest) => {
    if (message?.type !== 'reply/insert') return original(message, ...rest);
    const start = performance.now();
    const answer = original(message, ...rest);
    Promise.resolve(answer).then(
      (result) =>
        w.__insertTimes.push({ ms: performance.now() - start, ok: result?.ok, method: result?.method }),
      () => w.__insertTimes.push({ ms: performance.now() - start, ok: false }),
    );
    return answer;
  };
}

/**
 * @param {{ context: import('@playwright/test').BrowserContext, worker: import('@playwright/test').Worker,
 *   extensionId: string, genericOrigin: string, runs: number, say?: (m: string) => void }} ctx
 */
export async function benchInsertion({ context, worker, extensionId, genericOrigin, runs, say = () => {} }) {
  // Freshdesk's editor pings froala.com (no internet here): refused at once, as the e2e do.
  await context.route(/^https:\/\/[^/]*froala\.com\//, (route) => route.abort());
  const results = [];
  for (const c of EDITOR_CASES) {
    say(`insertion, ${c.kind} (${c.helpdesk}), ${runs} runs`);
    // Each helpdesk is turned on as an agent would (optional host permissions since #5).
    if (c.access) await turnOnDemoHelpdesk(context, worker, c.access);
    // The new page's tab is the one that was not there before (other tabs may show the same address).
    const tabsBefore = await worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
    const page = await context.newPage();
    const panel = await context.newPage();
    try {
      const url = c.url === 'GENERIC' ? `${genericOrigin}/` : c.url;
      await page.goto(url);
      if (c.url !== 'GENERIC') {
        await page.waitForFunction(
          () => /** @type {any} */ (window).__deskmateFixture?.isReady === true,
          undefined,
          {
            timeout: 30_000,
          },
        );
      }
      await c.prepare?.(page);
      await page.locator(c.composer).first().waitFor({ timeout: 30_000 });
      const tabId = await worker.evaluate(
        async ({ u, before }) =>
          (await chrome.tabs.query({})).find((t) => t.url === u && !before.includes(t.id))?.id ?? null,
        { u: page.url(), before: tabsBefore },
      );
      if (tabId === null) throw new Error(`no tab for ${page.url()}`);
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
      if (c.readPage) await panel.getByTestId('read-page').click();
      await panel.getByTestId('ticket-card').waitFor({ timeout: 30_000 });
      await panel.evaluate(wrapInsertRequests);
      const samples = [];
      const methods = new Set();
      for (let i = 0; i < runs + 1; i++) {
        const composer = page.locator(c.composer).first();
        await composer.click();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.press('Delete');
        const marker = `bench-insert-${c.kind}-${i}`;
        await panel
          .getByTestId('draft-text')
          .fill(`Hello,\n\n${marker} The refund is on its way.\n\nBest regards`);
        const before = await panel.evaluate(() => /** @type {any} */ (window).__insertTimes.length);
        await panel.getByTestId('draft-insert').click();
        const handle = await panel.waitForFunction(
          (n) => /** @type {any} */ (window).__insertTimes[n] ?? null,
          before,
          { timeout: 30_000 },
        );
        const sample = /** @type {{ ms: number, ok: boolean, method?: string }} */ (await handle.jsonValue());
        if (!sample.ok) throw new Error(`${c.kind}: insertion #${i} was not confirmed`);
        const text = await composer.evaluate((el) =>
          el instanceof HTMLTextAreaElement ? el.value : /** @type {HTMLElement} */ (el).textContent,
        );
        if (!text.includes(marker))
          throw new Error(`${c.kind}: the draft is not in the composer after insertion #${i}`);
        methods.add(sample.method);
        if (i > 0) samples.push(sample.ms); // the first one warms the bridge and the content script's paths
      }
      results.push({ kind: c.kind, helpdesk: c.helpdesk, methods: [...methods], ...summarize(samples) });
    } finally {
      await panel.close();
      await page.close();
    }
  }
  return results;
}
