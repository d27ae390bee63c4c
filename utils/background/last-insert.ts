import { browser } from 'wxt/browser';
import { type InsertResult, LastInsert } from '../messaging/protocol';
import { lastInsertKey } from '../messaging/session-keys';

// The last insertion's method and outcome per tab (never its text), for "Diagnose this page". storage.session:
// trusted contexts only, gone with the browser session.

export async function recordLastInsert(tabId: number, result: InsertResult): Promise<void> {
  const entry: LastInsert = result.ok
    ? { at: Date.now(), ok: true, method: result.method }
    : { at: Date.now(), ok: false, code: result.code };
  await browser.storage.session.set({ [lastInsertKey(tabId)]: entry }).catch(() => {});
}

export async function getLastInsert(tabId: number): Promise<LastInsert | null> {
  const key = lastInsertKey(tabId);
  const all: Record<string, unknown> = await browser.storage.session.get(key).catch(() => ({}));
  const stored = all[key];
  const parsed = LastInsert.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function clearLastInsert(tabId: number): Promise<void> {
  await browser.storage.session.remove(lastInsertKey(tabId)).catch(() => {});
}
