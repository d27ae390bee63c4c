import { z } from 'zod';
import { t } from '../i18n/t';
import { Preset } from './preset';

// Optional copy of the agent's PERSONAL presets in `storage.sync`, so they follow the agent to another computer
// signed in to the same browser profile. Only personal presets (team ones come from their pack), only the
// shareable `Preset` fields (parsed on the way out and in, so nothing else can ride along: never an API key,
// never favourites). storage.sync is small, so the presets' JSON is cut into chunks that fit its per-item quota:
//   presets.meta = { v: 1, chunks: n, chars, checksum, updatedAt }    presets.0 … presets.<n-1> = text chunks
// A reader that finds chunks not matching the meta (another device was mid-write) ignores them and says so.
// Chrome measures an item as key length + JSON.stringify(value) length, in UTF-8 bytes; so do we.

export const SYNC_QUOTA = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
} as const;

/** Room left for anything else Deskmate may keep in sync storage later. */
const RESERVED_BYTES = 2_048;
const META_KEY = 'presets.meta';
const CHUNK_PREFIX = 'presets.';

export interface SyncArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const SyncMeta = z.object({
  v: z.literal(1),
  chunks: z.number().int().nonnegative().max(SYNC_QUOTA.MAX_ITEMS),
  chars: z.number().int().nonnegative(),
  checksum: z.string(),
  updatedAt: z.number().int().nonnegative(),
});

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;
export const itemBytes = (key: string, value: unknown) => bytes(key) + bytes(JSON.stringify(value));

/** FNV-1a, 32 bits: detects a torn read across chunks, not an attacker (sync storage is the agent's own). */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Splits text so each chunk, stored under its key, stays within the per-item quota. Never splits a surrogate pair. */
function chunk(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    const key = `${CHUNK_PREFIX}${chunks.length}`;
    let cost = bytes(key) + 2; // the quotes around the JSON string
    let end = start;
    while (end < text.length) {
      const code = text.codePointAt(end)!;
      const ch = String.fromCodePoint(code);
      const c = bytes(JSON.stringify(ch)) - 2;
      if (cost + c > SYNC_QUOTA.QUOTA_BYTES_PER_ITEM) break;
      cost += c;
      end += ch.length;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export type SyncPlan =
  | { ok: true; items: Record<string, unknown>; bytes: number }
  | { ok: false; message: string; bytes: number };

/** What would be written for these presets, or a clear refusal when it does not fit. Pure. */
export function planSync(presets: readonly Preset[], now: number): SyncPlan {
  const text = JSON.stringify(presets.map((p) => Preset.parse(p)));
  const chunks = chunk(text);
  const items: Record<string, unknown> = {};
  chunks.forEach((c, i) => {
    items[`${CHUNK_PREFIX}${i}`] = c;
  });
  items[META_KEY] = {
    v: 1,
    chunks: chunks.length,
    chars: text.length,
    checksum: checksum(text),
    updatedAt: now,
  };
  const total = Object.entries(items).reduce((sum, [k, v]) => sum + itemBytes(k, v), 0);
  const limit = SYNC_QUOTA.QUOTA_BYTES - RESERVED_BYTES;
  if (total > limit || chunks.length + 1 > SYNC_QUOTA.MAX_ITEMS)
    return {
      ok: false,
      bytes: total,
      message: t('presets_sync_too_large', Math.ceil(total / 1024), Math.floor(limit / 1024)),
    };
  return { ok: true, items, bytes: total };
}

/**
 * Writes the personal presets to sync storage and removes chunks a longer earlier copy left behind. Over quota:
 * nothing is written and the message says why. A storage error (quota per minute, sync off) is returned too.
 */
export async function pushPersonalPresets(
  area: SyncArea,
  presets: readonly Preset[],
  now = Date.now(),
): Promise<{ ok: true; bytes: number } | { ok: false; message: string }> {
  const plan = planSync(presets, now);
  if (!plan.ok) return plan;
  try {
    const old = SyncMeta.safeParse((await area.get(META_KEY))[META_KEY]);
    await area.set(plan.items);
    const written = Object.keys(plan.items).length - 1;
    const stale = old.success
      ? Array.from(
          { length: Math.max(0, old.data.chunks - written) },
          (_, i) => `${CHUNK_PREFIX}${written + i}`,
        )
      : [];
    if (stale.length) await area.remove(stale);
    return { ok: true, bytes: plan.bytes };
  } catch (error) {
    return {
      ok: false,
      message: t('presets_sync_write_failed', error instanceof Error ? error.message : String(error)),
    };
  }
}

export interface PulledPresets {
  /** Null when there is nothing usable in sync storage. */
  presets: Preset[] | null;
  updatedAt?: number;
  warning?: string;
}

/** Reads the synced copy. Never throws; a torn or damaged copy is ignored with a warning. */
export async function pullPersonalPresets(area: SyncArea): Promise<PulledPresets> {
  try {
    const meta = SyncMeta.safeParse((await area.get(META_KEY))[META_KEY]);
    if (!meta.success) return { presets: null };
    const keys = Array.from({ length: meta.data.chunks }, (_, i) => `${CHUNK_PREFIX}${i}`);
    const got = keys.length ? await area.get(keys) : {};
    const text = keys.map((k) => (typeof got[k] === 'string' ? got[k] : '')).join('');
    if (text.length !== meta.data.chars || checksum(text) !== meta.data.checksum)
      return {
        presets: null,
        warning: t('presets_sync_torn'),
      };
    const parsed = z.array(Preset).safeParse(JSON.parse(text));
    if (!parsed.success) return { presets: null, warning: t('presets_sync_damaged') };
    return { presets: parsed.data, updatedAt: meta.data.updatedAt };
  } catch (error) {
    return {
      presets: null,
      warning: t('presets_sync_read_failed', error instanceof Error ? error.message : String(error)),
    };
  }
}
