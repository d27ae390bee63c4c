import { describe, expect, it } from 'vitest';
import {
  anchorIndex,
  estimateTextRow,
  isAtEnd,
  rowAt,
  rowKeys,
  rowOffsets,
  visibleRows,
} from '@/utils/panel/virtual-window';

describe('rowOffsets', () => {
  it('gives each row its top and the total height last', () => {
    expect(rowOffsets(3, (i) => [10, 20, 30][i] ?? 0)).toEqual([0, 10, 30, 60]);
    expect(rowOffsets(0, () => 10)).toEqual([0]);
  });

  it('counts a negative or NaN height as 0', () => {
    expect(rowOffsets(3, (i) => [10, Number.NaN, -5][i] ?? 0)).toEqual([0, 10, 10, 10]);
  });
});

describe('rowAt', () => {
  const offsets = rowOffsets(4, () => 50); // tops 0, 50, 100, 150; total 200

  it('finds the row under a height, a row starting exactly there included', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 49.9)).toBe(0);
    expect(rowAt(offsets, 50)).toBe(1);
    expect(rowAt(offsets, 199)).toBe(3);
  });

  it('clamps to the first and last rows, and an empty list to 0', () => {
    expect(rowAt(offsets, -10)).toBe(0);
    expect(rowAt(offsets, 10_000)).toBe(3);
    expect(rowAt([0], 5)).toBe(0);
  });

  it('skips rows of height 0 in favour of the next laid-out one', () => {
    expect(
      rowAt(
        rowOffsets(3, (i) => (i === 1 ? 0 : 40)),
        40,
      ),
    ).toBe(2);
  });
});

describe('visibleRows', () => {
  // 500 rows of 40 px: 20,000 px of thread.
  const offsets = rowOffsets(500, () => 40);

  it('renders only the rows in a 400 px viewport plus the overscan', () => {
    expect(visibleRows(offsets, 0, 400, 0)).toEqual({ start: 0, end: 11 });
    expect(visibleRows(offsets, 0, 400, 5)).toEqual({ start: 0, end: 16 });
    const middle = visibleRows(offsets, 8_000, 400, 5);
    expect(middle).toEqual({ start: 195, end: 216 });
    expect(middle.end - middle.start).toBeLessThan(30);
  });

  it('reaches the last row at the end of the list and never past it', () => {
    expect(visibleRows(offsets, 20_000 - 400, 400, 5)).toEqual({ start: 485, end: 500 });
    expect(visibleRows(offsets, 50_000, 400, 5)).toEqual({ start: 494, end: 500 });
  });

  it('copes with variable heights (one tall row fills the viewport)', () => {
    const mixed = rowOffsets(100, (i) => (i === 10 ? 2_000 : 30)); // row 10 spans 300..2300
    expect(visibleRows(mixed, 500, 400, 0)).toEqual({ start: 10, end: 11 });
    expect(visibleRows(mixed, 2_290, 400, 0)).toEqual({ start: 10, end: 25 });
  });

  it('is empty for an empty list, and a negative scroll or overscan is treated as 0', () => {
    expect(visibleRows([0], 0, 400, 5)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(offsets, -300, 80, -2)).toEqual({ start: 0, end: 3 });
  });
});

describe('isAtEnd', () => {
  it('is true at the bottom of a list taller than the viewport, with 2 px of slack', () => {
    expect(isAtEnd(1_600, 400, 2_000)).toBe(true);
    expect(isAtEnd(1_598.5, 400, 2_000)).toBe(true);
    expect(isAtEnd(1_500, 400, 2_000)).toBe(false);
  });

  it('is false for a list that fits (nothing to stick to)', () => {
    expect(isAtEnd(0, 400, 400)).toBe(false);
    expect(isAtEnd(0, 400, 120)).toBe(false);
  });
});

describe('anchorIndex', () => {
  it('picks the first rendered row reaching below the viewport top', () => {
    expect(anchorIndex([100, 150, 220, 300], 160)).toBe(2);
    expect(anchorIndex([100, 150, 220, 300], 150)).toBe(2);
    expect(anchorIndex([100, 150], 0)).toBe(0);
  });

  it('falls back to the last row past the end, and -1 with no rows', () => {
    expect(anchorIndex([100, 150], 900)).toBe(1);
    expect(anchorIndex([], 0)).toBe(-1);
  });
});

describe('estimateTextRow', () => {
  const metrics = { charsPerLine: 10, lineHeight: 20, chrome: 30 };

  it('counts wrapped lines per paragraph, an empty line as one', () => {
    expect(estimateTextRow('short', metrics)).toBe(50);
    expect(estimateTextRow('x'.repeat(25), metrics)).toBe(30 + 3 * 20);
    expect(estimateTextRow('a\n\nb', metrics)).toBe(30 + 3 * 20);
    expect(estimateTextRow('', metrics)).toBe(50);
  });

  it('never divides by less than one character per line', () => {
    expect(estimateTextRow('abc', { ...metrics, charsPerLine: 0 })).toBe(30 + 3 * 20);
  });
});

describe('rowKeys', () => {
  it('uses unique ids, and the position where an id is missing or repeated', () => {
    expect(rowKeys(['a', undefined, 'b', 'c', 'b'])).toEqual(['id:a', 'at:1', 'at:2', 'id:c', 'at:4']);
  });

  it('never lets an id collide with a position key', () => {
    const keys = rowKeys(['at:1', undefined]);
    expect(new Set(keys).size).toBe(2);
  });
});
