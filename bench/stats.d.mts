// Types for stats.mjs (plain Node ESM, run by bench/run.mjs, imported by the unit tests).

export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of `values` by nearest rank; NaN for no values. */
export function quantile(values: number[], q: number): number;
/** Median, p95, min and max of `samples`, rounded to 0.01, plus the sample count. */
export function summarize(samples: number[]): Summary;
/** A plain-text table; the first row is the header. */
export function table(rows: (string | number)[][]): string;
/** "pass" / "FAIL" for a budget check, "-" when there is no budget. */
export function verdict(ok: boolean | undefined): string;
