import type { DraftMetric } from './draft-metric';
import { isAccepted } from './edit-rate';

// The figures of the quality dashboard, computed from the local draft metrics. Pure functions: the dashboard page
// renders what these return, and tests check the arithmetic.

export interface GroupFigures {
  key: string;
  drafts: number;
  inserted: number;
  /** Inserted with under 40% edited. */
  accepted: number;
  /** accepted / drafts; null without drafts. */
  acceptanceRate: number | null;
  /** inserted / drafts; null without drafts. */
  insertRate: number | null;
  /** Median edit rate of the inserted drafts; null when none was inserted. */
  medianEditRate: number | null;
  /** Median time from the ticket's first view to the insert, ms; null when none was inserted. */
  medianTimeToInsertMs: number | null;
}

export interface MetricsSummary {
  overall: GroupFigures;
  /** Ten buckets of edit rate (0–10%, …, 90–100%) over the inserted drafts. */
  editRateHistogram: number[];
  byPreset: GroupFigures[];
  byHelpdesk: GroupFigures[];
  byModel: GroupFigures[];
  /** Drafts per local calendar day (YYYY-MM-DD), oldest first, days without drafts included. */
  perDay: { day: string; drafts: number; inserted: number }[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const isInserted = (m: DraftMetric) => m.insertedAt !== undefined && m.editRate !== undefined;

export function figuresOf(key: string, metrics: readonly DraftMetric[]): GroupFigures {
  const inserted = metrics.filter(isInserted);
  const accepted = inserted.filter((m) => isAccepted(m.editRate as number));
  return {
    key,
    drafts: metrics.length,
    inserted: inserted.length,
    accepted: accepted.length,
    acceptanceRate: metrics.length ? accepted.length / metrics.length : null,
    insertRate: metrics.length ? inserted.length / metrics.length : null,
    medianEditRate: median(inserted.map((m) => m.editRate as number)),
    medianTimeToInsertMs: median(
      inserted.map((m) => Math.max(0, (m.insertedAt as number) - m.firstViewedAt)),
    ),
  };
}

/** The per-preset group of drafts made without a preset (a key: the dashboard shows it in the UI language). */
export const DEFAULT_DRAFT_GROUP = 'Default draft';

function groupBy(metrics: readonly DraftMetric[], keyOf: (m: DraftMetric) => string): GroupFigures[] {
  const groups = new Map<string, DraftMetric[]>();
  for (const metric of metrics) {
    const key = keyOf(metric);
    const list = groups.get(key);
    if (list) list.push(metric);
    else groups.set(key, [metric]);
  }
  return [...groups]
    .map(([key, list]) => figuresOf(key, list))
    .sort((x, y) => y.drafts - x.drafts || x.key.localeCompare(y.key));
}

/** Local calendar day of an epoch time (the agent's own days, not UTC's). */
export function localDay(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  // Noon avoids daylight-saving days of 23 or 25 hours skipping or repeating a date.
  for (let t = new Date(y, m - 1, d, 12); localDay(t.getTime()) <= last; t.setDate(t.getDate() + 1)) {
    days.push(localDay(t.getTime()));
    if (days.length > 3660) break;
  }
  return days;
}

export function summariseMetrics(metrics: readonly DraftMetric[]): MetricsSummary {
  const histogram = new Array<number>(10).fill(0);
  for (const metric of metrics.filter(isInserted)) {
    const bucket = Math.min(9, Math.floor((metric.editRate as number) * 10));
    histogram[bucket] = (histogram[bucket] as number) + 1;
  }
  const counts = new Map<string, { drafts: number; inserted: number }>();
  for (const metric of metrics) {
    const day = localDay(metric.draftedAt);
    const entry = counts.get(day) ?? { drafts: 0, inserted: 0 };
    entry.drafts += 1;
    if (isInserted(metric)) entry.inserted += 1;
    counts.set(day, entry);
  }
  const days = [...counts.keys()].sort();
  const perDay =
    days.length === 0
      ? []
      : daysBetween(days[0] as string, days.at(-1) as string).map((day) => ({
          day,
          ...(counts.get(day) ?? { drafts: 0, inserted: 0 }),
        }));
  return {
    overall: figuresOf('all', metrics),
    editRateHistogram: histogram,
    byPreset: groupBy(metrics, (m) => m.presetName ?? DEFAULT_DRAFT_GROUP),
    byHelpdesk: groupBy(metrics, (m) => m.helpdesk),
    byModel: groupBy(metrics, (m) => m.model),
    perDay,
  };
}
