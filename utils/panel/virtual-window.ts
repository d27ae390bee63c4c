// Window math for long lists (a 500-message thread): which rows the viewport shows (from row heights, measured or
// estimated), which row the scroll position hangs on, and a first guess at a text row's height. Plain functions,
// so they are tested without a browser; components/VirtualList.tsx does the DOM side.

/**
 * Row tops: `offsets[i]` is where row i starts and `offsets[count]` the list's whole height. Negative or NaN
 * heights count as 0 (a row that is not laid out).
 */
export function rowOffsets(count: number, heightOf: (index: number) => number): number[] {
  const offsets = [0];
  let top = 0;
  for (let i = 0; i < count; i++) {
    const h = heightOf(i);
    top += Number.isFinite(h) && h > 0 ? h : 0;
    offsets.push(top);
  }
  return offsets;
}

const rowCount = (offsets: readonly number[]) => Math.max(0, offsets.length - 1);

/** The row at height `y` (clamped to the list): the last row whose top is at or above y. */
export function rowAt(offsets: readonly number[], y: number): number {
  const count = rowCount(offsets);
  if (count === 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows to render: [start, end), end exclusive. */
export interface RowRange {
  start: number;
  end: number;
}

/**
 * The rows that intersect the viewport, plus `overscan` rows on each side (so a fast scroll or a keyboard
 * PageDown does not show a blank frame before the next rows mount).
 */
export function visibleRows(
  offsets: readonly number[],
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowRange {
  const count = rowCount(offsets);
  if (count === 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = rowAt(offsets, top);
  const last = rowAt(offsets, top + Math.max(0, viewportHeight));
  const extra = Math.max(0, Math.floor(overscan));
  return { start: Math.max(0, first - extra), end: Math.min(count, last + 1 + extra) };
}

/** How close to the bottom (px) still counts as "at the end" (sub-pixel heights never add up exactly). */
const END_SLACK = 2;

/**
 * The agent has scrolled to the end of a list taller than its viewport: the latest row should stay in view while
 * rows are measured or added.
 */
export function isAtEnd(scrollTop: number, viewportHeight: number, scrollHeight: number): boolean {
  return scrollHeight > viewportHeight && scrollTop + viewportHeight >= scrollHeight - END_SLACK;
}

/**
 * The row the scroll position hangs on: the first of the rendered rows (their bottoms, in order, in the same
 * coordinates as `viewTop`) that reaches below the viewport's top. -1 when none is rendered.
 */
export function anchorIndex(bottoms: readonly number[], viewTop: number): number {
  if (bottoms.length === 0) return -1;
  const index = bottoms.findIndex((bottom) => bottom > viewTop);
  return index === -1 ? bottoms.length - 1 : index;
}

/** Rough shape of a text row before it is measured: chrome (header, gap) plus wrapped lines. */
export interface TextRowMetrics {
  charsPerLine: number;
  lineHeight: number;
  chrome: number;
}

/** Estimated height of a row holding `text` (pre-wrap): each paragraph wraps at `charsPerLine`. */
export function estimateTextRow(text: string, metrics: TextRowMetrics): number {
  const perLine = Math.max(1, Math.floor(metrics.charsPerLine));
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine));
  return metrics.chrome + lines * metrics.lineHeight;
}

/**
 * Row identities from optional ids: the id where it is unique, else its position (a reader may leave ids out or
 * repeat one; React keys and the measured heights need one identity per row).
 */
export function rowKeys(ids: readonly (string | undefined)[]): string[] {
  const seen = new Map<string, number>();
  for (const id of ids) if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
  return ids.map((id, i) => (id !== undefined && seen.get(id) === 1 ? `id:${id}` : `at:${i}`));
}
