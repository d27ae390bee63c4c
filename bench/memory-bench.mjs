// Memory after use (issue #9): the JS heap of the background service worker and of the side panel after 100
// generations, each read after a forced garbage collection (CDP HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage), next to the same figures before them. The service worker is reached through the
// browser's CDP session (bench/cdp-target.mjs), the panel through its page session.

import { attachToTarget } from './cdp-target.mjs';

/** @param {{ send(method: string, params?: object): Promise<any> }} session */
async function heapAfterGc(session) {
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await session.send('Runtime.getHeapUsage');
  return {
    usedMB: Math.round((usedSize / 1024 ** 2) * 100) / 100,
    totalMB: Math.round((totalSize / 1024 ** 2) * 100) / 100,
  };
}

/**
 * @param {{ context: import('@playwright/test').BrowserContext, extensionId: string,
 *   panel: import('@playwright/test').Page, mock: { enqueue(b: object): number }, generations?: number,
 *   say?: (m: string) => void }} ctx
 */
export async function benchMemory({ context, extensionId, panel, mock, generations = 100, say = () => {} }) {
  const sw = await attachToTarget(context, (t) => t.type === 'service_worker' && t.url.includes(extensionId));
  const panelCdp = await context.newCDPSession(panel);
  try {
    const before = { background: await heapAfterGc(sw), panel: await heapAfterGc(panelCdp) };
    for (let i = 0; i < generations; i++) {
      if (i % 25 === 0) say(`memory: generation ${i + 1}/${generations}`);
      const summary = i % 2 === 1;
      mock.enqueue({
        kind: 'text',
        content: summary
          ? `{"issue":"Charged twice (${i})","customerWants":"A refund","steps":[],"sentiment":"neutral","nextStep":"Refund"}`
          : `Hello Maria, memory run ${i}. ${'We have refunded the duplicate charge. '.repeat(20)}`,
        chunkSize: 40,
        delayMs: 1,
        firstTokenDelayMs: 1,
      });
      await panel.getByTestId(summary ? 'summarize' : 'draft-generate').click();
      await panel.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status') === 'done',
        summary ? 'summary-status' : 'draft-status',
        { timeout: 30_000 },
      );
    }
    const after = { background: await heapAfterGc(sw), panel: await heapAfterGc(panelCdp) };
    return { generations, before, after };
  } finally {
    await sw.detach();
    await panelCdp.detach().catch(() => undefined);
  }
}
