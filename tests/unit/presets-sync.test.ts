import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BUILTIN_PRESETS } from '@/utils/presets/builtin';
import { Preset } from '@/utils/presets/preset';
import {
  itemBytes,
  planSync,
  pullPersonalPresets,
  pushPersonalPresets,
  SYNC_QUOTA,
  type SyncArea,
} from '@/utils/presets/sync';

beforeEach(() => fakeBrowser.reset());

/** fakeBrowser's sync area plus Chrome's quota rules, so a write Chrome would refuse fails here too. */
function quotaSync(): SyncArea & { writes: number } {
  const area = fakeBrowser.storage.sync;
  const wrapped = {
    writes: 0,
    get: (keys?: string | string[] | null) => area.get(keys ?? null),
    remove: (keys: string | string[]) => area.remove(keys),
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items))
        if (itemBytes(k, v) > SYNC_QUOTA.QUOTA_BYTES_PER_ITEM)
          throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded (${k})`);
      const all = { ...(await area.get(null)), ...items };
      const total = Object.entries(all).reduce((s, [k, v]) => s + itemBytes(k, v), 0);
      if (total > SYNC_QUOTA.QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
      if (Object.keys(all).length > SYNC_QUOTA.MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
      wrapped.writes++;
      await area.set(items);
    },
  };
  return wrapped;
}

const bigPreset = (id: string, chars: number, ch = 'é') =>
  Preset.parse({ id, name: id, kind: 'custom', template: `Say "hi" ${ch.repeat(chars)}\n{{conversation}}` });

describe('sync of personal presets', () => {
  it('round-trips presets that span several chunks, with multi-byte text and quotes', async () => {
    const area = quotaSync();
    const presets = [...BUILTIN_PRESETS, bigPreset('big', 9000, '€'), bigPreset('emoji', 3000, '🙂')];
    const pushed = await pushPersonalPresets(area, presets, 42);
    expect(pushed.ok).toBe(true);
    const stored = await fakeBrowser.storage.sync.get(null);
    const chunks = Object.keys(stored).filter((k) => /^presets\.\d+$/.test(k));
    expect(chunks.length).toBeGreaterThan(3);
    const pulled = await pullPersonalPresets(area);
    expect(pulled).toEqual({ presets, updatedAt: 42 });
  });

  it('a shorter copy removes the chunks the longer one left', async () => {
    const area = quotaSync();
    await pushPersonalPresets(area, [bigPreset('big', 19_000, 'a')]);
    await pushPersonalPresets(area, [bigPreset('small', 10, 'a')]);
    const keys = Object.keys(await fakeBrowser.storage.sync.get(null)).sort();
    expect(keys).toEqual(['presets.0', 'presets.meta']);
    expect((await pullPersonalPresets(area)).presets?.[0]?.id).toBe('small');
  });

  it('over quota: a clear message and nothing written', async () => {
    const area = quotaSync();
    const presets = Array.from({ length: 6 }, (_, i) => bigPreset(`p${i}`, 19_000, 'a'));
    const plan = planSync(presets, 1);
    expect(plan.ok).toBe(false);
    const pushed = await pushPersonalPresets(area, presets);
    expect(pushed).toMatchObject({
      ok: false,
      message: expect.stringMatching(/need \d+ kB, more than the 98 kB the browser can sync/),
    });
    expect(area.writes).toBe(0);
  });

  it('never carries anything but the preset fields', async () => {
    const area = quotaSync();
    const smuggled = { ...BUILTIN_PRESETS[0]!, apiKey: 'sk-secret', favourite: true } as Preset;
    await pushPersonalPresets(area, [smuggled]);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toMatch(/sk-secret|favourite/);
  });

  it('a torn copy (another device mid-write) and a damaged one are ignored with a warning', async () => {
    const area = quotaSync();
    expect(await pullPersonalPresets(area)).toEqual({ presets: null });
    await pushPersonalPresets(area, [bigPreset('a', 10_000, 'a')]);
    await fakeBrowser.storage.sync.set({ 'presets.1': 'xx' });
    expect(await pullPersonalPresets(area)).toMatchObject({
      presets: null,
      warning: expect.stringContaining('another computer'),
    });
  });

  it('a storage error is reported, not thrown', async () => {
    const broken: SyncArea = {
      get: () => Promise.resolve({}),
      set: () => Promise.reject(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded')),
      remove: () => Promise.resolve(),
    };
    expect(await pushPersonalPresets(broken, BUILTIN_PRESETS)).toEqual({
      ok: false,
      message: expect.stringContaining('MAX_WRITE_OPERATIONS_PER_MINUTE'),
    });
  });
});
