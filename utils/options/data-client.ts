import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { DeleteAllResult, RetentionResult } from '../data/delete-all';
import { type DeskmateExport, ExportResult } from '../data/export';
import {
  parseRetentionRun,
  parseRetentionSetting,
  RETENTION_KEY,
  RETENTION_LAST_RUN_KEY,
  type RetentionPeriod,
  type RetentionRun,
} from '../data/retention';
import { t } from '../i18n/t';
import type { PanelRequest } from '../messaging/protocol';

// The options page's side of "Your data": it reads the retention setting and the last run from storage, and asks
// the background for everything that changes data. Never throws: failures come back as { ok: false }.

async function ask<T extends { ok: boolean }>(
  request: PanelRequest,
  schema: z.ZodType<T>,
  fallback: (message: string) => T,
): Promise<T> {
  try {
    const parsed = schema.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
    return fallback(t('options_background_garbled'));
  } catch (error) {
    return fallback(t('options_background_silent', String(error)));
  }
}

const failed = (message: string) => ({ ok: false as const, message });

export const setRetentionPeriod = (period: RetentionPeriod) =>
  ask({ type: 'data/retention-set', period }, RetentionResult, failed);
export const requestExport = () => ask({ type: 'data/export' }, ExportResult, failed);
export const requestDeleteAll = (confirmation: 'DELETE') =>
  ask({ type: 'data/delete-all', confirmation }, DeleteAllResult, failed);

export interface RetentionView {
  period: RetentionPeriod;
  lastRun: RetentionRun | null;
}

export async function loadRetentionView(): Promise<RetentionView> {
  const [setting, run] = await Promise.all([
    storage.getItem<unknown>(RETENTION_KEY),
    storage.getItem<unknown>(RETENTION_LAST_RUN_KEY),
  ]);
  return { period: parseRetentionSetting(setting).period, lastRun: parseRetentionRun(run) };
}

/** Calls back when the background records a run (startup, alarm) while the page is open. */
export function watchRetentionRuns(cb: (run: RetentionRun | null) => void): () => void {
  return storage.watch<unknown>(RETENTION_LAST_RUN_KEY, (raw) => cb(parseRetentionRun(raw)));
}

/** Saves the export as a file through a download link (no `downloads` permission needed). */
export function downloadJson(data: DeskmateExport, fileName: string, doc: Document = document): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
