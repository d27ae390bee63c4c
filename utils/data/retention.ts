import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import type { DeskmateDb } from '../db';

// How long Deskmate keeps what it wrote: generations (summaries, drafts the model streamed) and the agent's
// drafts in IndexedDB. The period is a setting (storage.local, no secret in it); the background enforces it at
// start and on an alarm (utils/background/data.ts), and records what the last run removed for the options page.

export const RETENTION_KEY = 'local:retention';
export const RETENTION_LAST_RUN_KEY = 'local:retentionLastRun';
/** chrome.alarms name of the scheduled run. */
export const RETENTION_ALARM = 'deskmate-retention';
/** How often the scheduled run fires. An hour keeps "older than 1 day" within an hour of true. */
export const RETENTION_INTERVAL_MINUTES = 60;

export const RetentionPeriod = z.enum(['1d', '7d', '30d', '90d', 'forever']);
export type RetentionPeriod = z.infer<typeof RetentionPeriod>;
export const DEFAULT_RETENTION: RetentionPeriod = '30d';

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_DAYS: Record<Exclude<RetentionPeriod, 'forever'>, number> = {
  '1d': 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

export const RetentionSetting = z.object({ period: RetentionPeriod });
export type RetentionSetting = z.infer<typeof RetentionSetting>;

export const RetentionTrigger = z.enum(['startup', 'schedule', 'setting-changed']);
export type RetentionTrigger = z.infer<typeof RetentionTrigger>;

/** What the last run did (counts only, no content). */
export const RetentionRun = z.object({
  at: z.number().int().nonnegative(),
  trigger: RetentionTrigger,
  period: RetentionPeriod,
  generations: z.number().int().nonnegative(),
  drafts: z.number().int().nonnegative(),
});
export type RetentionRun = z.infer<typeof RetentionRun>;

/** Records older than this instant are deleted; null keeps everything. */
export function retentionCutoff(period: RetentionPeriod, now: number): number | null {
  return period === 'forever' ? null : now - PERIOD_DAYS[period] * DAY_MS;
}

/** Deletes generations started, drafts last changed and tickets first viewed before `cutoff`, in one transaction. */
export async function deleteOlderThan(
  database: DeskmateDb,
  cutoff: number,
): Promise<{ generations: number; drafts: number }> {
  return database.transaction('rw', database.generations, database.drafts, database.ticketViews, async () => {
    const generations = await database.generations.where('startedAt').below(cutoff).delete();
    const drafts = await database.drafts.where('updatedAt').below(cutoff).delete();
    // First views only serve the metrics of generations kept; an old one would stretch "time to insert".
    await database.ticketViews.where('firstViewedAt').below(cutoff).delete();
    return { generations, drafts };
  });
}

/** A missing or unreadable setting is the default (30 days): retention never silently turns itself off. */
export function parseRetentionSetting(raw: unknown): RetentionSetting {
  const parsed = RetentionSetting.safeParse(raw);
  return parsed.success ? parsed.data : { period: DEFAULT_RETENTION };
}

export async function loadRetentionSetting(): Promise<RetentionSetting> {
  return parseRetentionSetting(await storage.getItem<unknown>(RETENTION_KEY));
}

export async function saveRetentionSetting(setting: RetentionSetting): Promise<void> {
  await storage.setItem(RETENTION_KEY, RetentionSetting.parse(setting));
}

export function parseRetentionRun(raw: unknown): RetentionRun | null {
  const parsed = RetentionRun.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function loadLastRetentionRun(): Promise<RetentionRun | null> {
  return parseRetentionRun(await storage.getItem<unknown>(RETENTION_LAST_RUN_KEY));
}

/** Applies the stored period now and records the run. */
export async function enforceRetention(
  database: DeskmateDb,
  trigger: RetentionTrigger,
  now = Date.now(),
): Promise<RetentionRun> {
  const { period } = await loadRetentionSetting();
  const cutoff = retentionCutoff(period, now);
  const removed = cutoff === null ? { generations: 0, drafts: 0 } : await deleteOlderThan(database, cutoff);
  const run: RetentionRun = { at: now, trigger, period, ...removed };
  await storage.setItem(RETENTION_LAST_RUN_KEY, run);
  return run;
}

/** The part of `browser.alarms` the schedule needs (injected, so tests need no fake alarm API). */
export interface AlarmsLike {
  get(name: string): Promise<{ name: string } | undefined>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes: number }): unknown;
}

/** Creates the repeating alarm unless it exists (alarms survive worker restarts; recreating would reset it). */
export async function ensureRetentionAlarm(alarms: AlarmsLike): Promise<boolean> {
  if (await alarms.get(RETENTION_ALARM)) return false;
  await alarms.create(RETENTION_ALARM, {
    periodInMinutes: RETENTION_INTERVAL_MINUTES,
    delayInMinutes: RETENTION_INTERVAL_MINUTES,
  });
  return true;
}
