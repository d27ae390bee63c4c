// @vitest-environment happy-dom
// Streamed deltas are shown at most once per animation frame (issue #9 / #7); the first one at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameBatch } from '../../utils/panel/frame-batch';

describe('frameBatch', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    frames = [];
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => {
      frames[id - 1] = () => undefined;
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const nextFrame = () => {
    const due = frames;
    frames = [];
    for (const cb of due) cb(0);
  };

  it('runs the first request at once and later ones once per frame', () => {
    let runs = 0;
    const batch = frameBatch(() => {
      runs += 1;
    });
    batch.request();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) batch.request();
    expect(runs).toBe(1);
    nextFrame();
    expect(runs).toBe(2);
    nextFrame();
    expect(runs).toBe(2); // nothing asked since
    batch.request();
    batch.request();
    nextFrame();
    expect(runs).toBe(3);
    vi.advanceTimersByTime(1000); // the fallback timer was cleared by the frame
    expect(runs).toBe(3);
  });

  it('flush runs a pending update now, cancel drops it', () => {
    let runs = 0;
    const batch = frameBatch(() => {
      runs += 1;
    });
    batch.request();
    batch.request();
    batch.flush();
    expect(runs).toBe(2);
    nextFrame();
    expect(runs).toBe(2);
    batch.flush(); // nothing pending
    expect(runs).toBe(2);
    batch.request();
    batch.cancel();
    nextFrame();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(2);
  });

  it('a page without frames (hidden) still updates through the timer', () => {
    let runs = 0;
    const batch = frameBatch(() => {
      runs += 1;
    });
    batch.request();
    batch.request();
    vi.advanceTimersByTime(249);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
    nextFrame(); // the frame that finally comes does not run it twice
    expect(runs).toBe(2);
  });
});
