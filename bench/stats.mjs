// Small statistics and table helpers for the benchmark (bench/run.mjs).

/**
 * The q-quantile (0..1) of `values` by nearest rank; NaN for no values.
 * @param {number[]} values
 * @param {number} q
 */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/**
 * Median, p95, min and max of `samples` (milliseconds), rounded to 0.01 ms, plus the sample count.
 * @param {number[]} samples
 * @returns {{ n: number, median: number, p95: number, min: number, max: number }}
 */
export function summarize(samples) {
  const round = (x) => Math.round(x * 100) / 100;
  return {
    n: samples.length,
    median: round(quantile(samples, 0.5)),
    p95: round(quantile(samples, 0.95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/**
 * A plain-text table: `rows` of cells, the first row is the header; columns after the first are right-aligned.
 * @param {(string | number)[][]} rows
 */
export function table(rows) {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = text[0].map((_, col) => Math.max(...text.map((row) => (row[col] ?? '').length)));
  const line = (row) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ');
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

/** "pass" / "FAIL" for a budget check, "-" when there is no budget. @param {boolean | undefined} ok */
export const verdict = (ok) => (ok === undefined ? '-' : ok ? 'pass' : 'FAIL');
