// Streamed text reaches the panel as many small port messages (100 a second and more); rendering the whole card
// for each one made long tasks while streaming (issue #9, #7: "streaming updates are batched per animation
// frame"). A frame batch runs its update at most once per animation frame: the first one of a stream at once
// (the first token shows without waiting for a frame), later ones in the next frame with everything that arrived
// meanwhile. A hidden page gets no frames, so a timer stands in after FALLBACK_MS.

const FALLBACK_MS = 250;

export interface FrameBatch {
  /** Asks for the update: now if it is the first, else in the next frame (once however often it is asked). */
  request(): void;
  /** Runs a pending update now (before a final message reports the end). */
  flush(): void;
  /** Drops a pending update (the stream's final text replaces it, or the panel left the stream). */
  cancel(): void;
}

export function frameBatch(update: () => void): FrameBatch {
  let started = false;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  const run = () => {
    clear();
    update();
  };
  return {
    request() {
      if (!started) {
        started = true;
        update();
        return;
      }
      if (frame !== null || timer !== null) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, FALLBACK_MS);
    },
    flush() {
      if (frame !== null || timer !== null) run();
    },
    cancel: clear,
  };
}
