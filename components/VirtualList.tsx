import {
  Fragment,
  type ReactElement,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { anchorIndex, isAtEnd, rowOffsets, visibleRows } from '@/utils/panel/virtual-window';

// A windowed list: only the rows in view (plus a few either side) are in the DOM, so a 500-message thread costs the
// same as a short one. Rows keep their list semantics (an ol of li elements, each with aria-setsize/aria-posinset so a
// screen reader still says "message 212 of 500"); heights are measured as rows mount (ResizeObserver) and replace
// the estimate; the row at the top of the viewport stays put when rows above it are measured, and the end stays in
// view once the agent scrolled there. The viewport is a focusable region, so arrows, PageDown and End scroll it.

/** Props the caller spreads on each row's <li> (measurement and position in the whole list). */
export interface VirtualRowProps {
  ref: (el: HTMLElement | null) => (() => void) | undefined;
  'data-key': string;
  'aria-setsize': number;
  'aria-posinset': number;
}

export interface VirtualListProps {
  count: number;
  /** A stable identity per row: measured heights are kept by it (a re-read keeps them). */
  keyOf(index: number): string;
  /** Height (px) before the row is measured. */
  estimate(index: number): number;
  /** The row: an <li> with `row` spread on it. */
  renderRow(index: number, row: VirtualRowProps): ReactElement;
  /** The region's accessible name. */
  label: string;
  /** Up to this many rows everything is rendered (cheap, and the whole text is in the page). */
  renderAllUpTo?: number;
  overscan?: number;
  viewportClassName?: string;
  listClassName?: string;
  viewportTestId?: string;
  listTestId?: string;
}

/** Where a row sits in the scrolled content (independent of the current scroll position). */
function contentTop(viewport: HTMLElement, el: Element): number {
  return el.getBoundingClientRect().top - viewport.getBoundingClientRect().top + viewport.scrollTop;
}

/** Before the viewport is laid out: enough rows for a first paint, corrected in the same frame. */
const FIRST_VIEWPORT_PX = 400;

export function VirtualList({
  count,
  keyOf,
  estimate,
  renderRow,
  label,
  renderAllUpTo = 60,
  overscan = 6,
  viewportClassName,
  listClassName,
  viewportTestId,
  listTestId,
}: VirtualListProps) {
  const windowed = count > renderAllUpTo;
  const viewportRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(FIRST_VIEWPORT_PX);
  const [scrollTop, setScrollTop] = useState(0);
  // The row the scroll position hangs on, and where it sat in the list's content (not the screen): a later layout
  // that moves it (rows above measured or mounted) is undone by the same amount; the agent's own scrolling is not.
  const anchor = useRef<{ key: string; top: number } | null>(null);
  const atEnd = useRef(false);

  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const entry of entries) {
            const el = entry.target as HTMLElement;
            if (el === viewportRef.current) {
              setViewportHeight(el.clientHeight);
              continue;
            }
            const key = el.dataset.key;
            const size = entry.borderBoxSize[0]?.blockSize ?? el.getBoundingClientRect().height;
            // 0: the row is being taken out of the layout; its last height stays the best guess.
            if (key === undefined || size <= 0) continue;
            if (Math.abs((heights.current.get(key) ?? -1) - size) > 0.5) {
              heights.current.set(key, size);
              changed = true;
            }
          }
          if (changed) setMeasured((n) => n + 1);
        }),
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  const measure = useCallback(
    (el: HTMLElement | null) => {
      if (!el || !observer) return undefined;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `measured` says the heights map changed
  const offsets = useMemo(
    () => rowOffsets(count, (i) => heights.current.get(keyOf(i)) ?? estimate(i)),
    [count, keyOf, estimate, measured],
  );
  const range = windowed
    ? visibleRows(offsets, scrollTop, viewportHeight, overscan)
    : { start: 0, end: count };

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return undefined;
    setViewportHeight(viewport.clientHeight || FIRST_VIEWPORT_PX);
    observer?.observe(viewport);
    return () => observer?.unobserve(viewport);
  }, [observer]);

  const captureAnchor = useCallback(() => {
    const viewport = viewportRef.current;
    const rows = listRef.current ? Array.from(listRef.current.children) : [];
    if (!viewport) return;
    atEnd.current = isAtEnd(viewport.scrollTop, viewport.clientHeight, viewport.scrollHeight);
    const viewTop = viewport.getBoundingClientRect().top;
    const index = anchorIndex(
      rows.map((r) => r.getBoundingClientRect().bottom),
      viewTop,
    );
    const row = rows[index] as HTMLElement | undefined;
    anchor.current = row?.dataset.key ? { key: row.dataset.key, top: contentTop(viewport, row) } : null;
  }, []);

  // After every render: put the anchor row back where it was, or stay at the end; then note the new anchor.
  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || !windowed) return;
    if (atEnd.current) {
      viewport.scrollTop = viewport.scrollHeight;
    } else if (anchor.current) {
      const { key, top } = anchor.current;
      const row = listRef.current?.querySelector(`[data-key="${CSS.escape(key)}"]`);
      const shift = row ? contentTop(viewport, row) - top : 0;
      if (Math.abs(shift) > 0.5) viewport.scrollTop += shift;
    }
    captureAnchor();
  });

  const onScroll = () => {
    const viewport = viewportRef.current;
    if (!viewport || !windowed) return;
    captureAnchor();
    setScrollTop(viewport.scrollTop);
  };

  const rows: ReactElement[] = [];
  for (let i = range.start; i < range.end; i++) {
    const key = keyOf(i);
    rows.push(
      <Fragment key={key}>
        {renderRow(i, { ref: measure, 'data-key': key, 'aria-setsize': count, 'aria-posinset': i + 1 })}
      </Fragment>,
    );
  }
  const before = windowed ? (offsets[range.start] ?? 0) : 0;
  const after = windowed ? Math.max(0, (offsets[count] ?? 0) - (offsets[range.end] ?? 0)) : 0;
  return (
    // A region with a name and a tab stop: keyboard users scroll it with arrows, PageDown, Home and End.
    <section
      ref={viewportRef}
      className={viewportClassName}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
      tabIndex={0}
      onScroll={onScroll}
      data-testid={viewportTestId}
      data-windowed={windowed ? 'true' : 'false'}
    >
      <ol
        ref={listRef}
        className={listClassName}
        start={range.start + 1}
        style={windowed ? { paddingTop: before, paddingBottom: after } : undefined}
        data-testid={listTestId}
      >
        {rows}
      </ol>
    </section>
  );
}
