// Streaming smoothness (issue #9): during a 2,000-token answer streamed at 100 tokens/s by the mock model, the
// side panel's long tasks (PerformanceObserver 'longtask', > 50 ms) and its frame gaps (deltas between
// requestAnimationFrame callbacks). Long animation frames ('long-animation-frame') name the scripts behind a
// slow frame, which is what a miss needs to be explained. Everything is observed from outside the product.

import { quantile, summarize } from './stats.mjs';

/** ≈ 2,000 o200k tokens of reply-like text (≈ 4 characters a token), in paragraphs and a list. */
export function streamText(targetTokens = 2000) {
  const sentences = [
    'Thanks for the details, they make it much easier to follow what happened on your account.',
    'I checked the billing history and can see both charges from the third of March.',
    'The second charge was a duplicate created when the payment page was submitted twice.',
    'I have refunded it in full; banks usually show the refund within three to five working days.',
    'Your subscription itself is unaffected and stays on the Pro plan.',
  ];
  const parts = [];
  let chars = 0;
  for (let i = 0; chars < targetTokens * 4; i++) {
    const sentence = sentences[i % sentences.length];
    const piece =
      i % 12 === 11 ? `\n\n- ${sentence}\n- ${sentences[(i + 2) % sentences.length]}\n\n` : `${sentence} `;
    parts.push(piece);
    chars += piece.length;
  }
  return parts.join('').slice(0, targetTokens * 4);
}

/** Installed in the panel before the click: collects long tasks, long animation frames and rAF deltas. */
function armObservers() {
  const w = /** @type {any} */ (window);
  const probe = { longTasks: [], loafs: [], frames: [], running: true };
  w.__streamProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  try {
    new PerformanceObserver((list) => {
      for (const e of /** @type {any[]} */ (list.getEntries())) {
        probe.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          scripts: (e.scripts ?? []).map((s) => ({
            invoker: s.invoker,
            fn: s.sourceFunctionName,
            source: String(s.sourceURL ?? '')
              .split('/')
              .pop(),
            char: s.sourceCharPosition,
            duration: s.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame' });
  } catch {
    // not supported: long tasks only
  }
  const tick = (t) => {
    probe.frames.push(t);
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * One streamed answer of `kind` ('draft' | 'summary') in the open panel.
 * @param {{ panel: import('@playwright/test').Page, mock: { enqueue(b: object): number }, kind: 'draft' | 'summary',
 *   tokens?: number, tokensPerSecond?: number }} ctx
 */
export async function benchStream({ panel, mock, kind, tokens = 2000, tokensPerSecond = 100 }) {
  const content = streamText(tokens);
  const chunkChars = 4; // ≈ one token per SSE chunk
  mock.enqueue({
    kind: 'text',
    content,
    chunkSize: chunkChars,
    delayMs: Math.round(1000 / tokensPerSecond),
    firstTokenDelayMs: 30,
  });
  await panel.evaluate(armObservers);
  const button = kind === 'draft' ? 'draft-generate' : 'summarize';
  const status = kind === 'draft' ? 'draft-status' : 'summary-status';
  const startedAt = Date.now();
  await panel.getByTestId(button).click();
  await panel.waitForFunction(
    (status) => document.querySelector(`[data-testid="${status}"]`)?.getAttribute('data-status') === 'done',
    status,
    { timeout: 30_000 + (tokens / tokensPerSecond) * 3000 },
  );
  const seconds = (Date.now() - startedAt) / 1000;
  // Two more frames after the last text, then stop.
  await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const probe = await panel.evaluate(() => {
    const p = /** @type {any} */ (window).__streamProbe;
    p.running = false;
    return { longTasks: p.longTasks, loafs: p.loafs, frames: p.frames };
  });
  const gaps = probe.frames.slice(1).map((t, i) => t - probe.frames[i]);
  const longest = [...probe.loafs].sort((a, b) => b.duration - a.duration).slice(0, 3);
  return {
    kind,
    tokens,
    chunks: Math.ceil(content.length / chunkChars),
    seconds: Math.round(seconds * 10) / 10,
    longTasks: {
      count: probe.longTasks.length,
      maxMs: Math.round(Math.max(0, ...probe.longTasks.map((t) => t.duration))),
      totalMs: Math.round(probe.longTasks.reduce((s, t) => s + t.duration, 0)),
    },
    frameGaps: {
      frames: probe.frames.length,
      ...summarize(gaps),
      p99: Math.round(quantile(gaps, 0.99) * 100) / 100,
      over50: gaps.filter((g) => g > 50).length,
    },
    longAnimationFrames: { count: probe.loafs.length, longest },
  };
}
