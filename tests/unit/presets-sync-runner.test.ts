import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type DeskmateDb, openDb } from '@/utils/db';
import { deletePersonalPreset, personalPresets, savePersonalPreset } from '@/utils/presets/store';
import { SYNC_QUOTA } from '@/utils/presets/sync';
import {
  loadSyncState,
  mergeById,
  mergeWithBase,
  runPresetSync,
  setPresetSyncEnabled,
  syncOffByPolicy,
} from '@/utils/presets/sync-runner';

// Two computers signed in to one browser profile: each has its own IndexedDB and storage.local, both share
// storage.sync. fakeBrowser has one storage.local, so each computer's local area is swapped in and out.

let n = 0;
const opened: DeskmateDb[] = [];

class Computer {
  readonly db: DeskmateDb;
  private local: Record<string, unknown> = {};
  constructor() {
    this.db = openDb(`sync-runner-${Date.now()}-${n++}`);
    opened.push(this.db);
  }
  async act<T>(fn: () => Promise<T>): Promise<T> {
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.local.set(this.local);
    try {
      return await fn();
    } finally {
      this.local = await fakeBrowser.storage.local.get(null);
    }
  }
  sync(now: number) {
    return this.act(() => runPresetSync(this.db, fakeBrowser.storage.sync, now));
  }
  async ids() {
    return (await personalPresets(this.db)).map((p) => p.id).sort();
  }
}

const preset = (id: string, template = 'Reply to {{latest_customer_message}}') => ({
  id,
  name: id,
  kind: 'reply' as const,
  template,
});

beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('preset sync between two computers', () => {
  it('does nothing while it is off', async () => {
    const a = new Computer();
    await savePersonalPreset(a.db, preset('refund'));
    expect(await a.sync(1)).toEqual({ outcome: 'unchanged' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('pushes from one computer and pulls on the other; edits and deletions travel; an idle run is unchanged', async () => {
    const a = new Computer();
    const b = new Computer();
    await savePersonalPreset(a.db, preset('refund'));
    await savePersonalPreset(a.db, preset('outage'));
    await a.act(() => setPresetSyncEnabled(true));
    await b.act(() => setPresetSyncEnabled(true));

    expect((await a.sync(100)).outcome).toBe('pushed');
    expect((await b.sync(200)).outcome).toBe('merged'); // B had nothing; the union is A's set
    expect(await b.ids()).toEqual(['outage', 'refund']);
    expect((await a.sync(300)).outcome).toBe('pulled'); // B pushed the union: same presets, newer copy
    expect((await a.sync(400)).outcome).toBe('unchanged');

    await savePersonalPreset(a.db, preset('refund', 'Refund within {{today}}'), { previousId: 'refund' });
    await deletePersonalPreset(a.db, 'personal/outage');
    expect((await a.sync(500)).outcome).toBe('pushed');
    expect((await b.sync(600)).outcome).toBe('pulled');
    expect(await b.ids()).toEqual(['refund']);
    expect((await personalPresets(b.db))[0]?.template).toBe('Refund within {{today}}');
    expect((await b.act(loadSyncState)).lastOutcome).toBe('pulled');
  });

  it('changes on both computers are merged, local first for the same id, and nothing is lost', async () => {
    const a = new Computer();
    const b = new Computer();
    await a.act(() => setPresetSyncEnabled(true));
    await b.act(() => setPresetSyncEnabled(true));
    await savePersonalPreset(a.db, preset('shared', 'A version {{today}}'));
    await a.sync(100);
    await b.sync(200);
    await a.sync(300);

    await savePersonalPreset(a.db, preset('only-a'));
    await a.sync(400);
    await savePersonalPreset(b.db, preset('only-b'));
    await savePersonalPreset(b.db, preset('shared', 'B version {{today}}'), { previousId: 'shared' });
    const result = await b.sync(500);
    expect(result.outcome).toBe('merged');
    expect(result.message).toMatch(/both sets of changes were kept/);
    expect(await b.ids()).toEqual(['only-a', 'only-b', 'shared']);
    expect((await personalPresets(b.db)).find((p) => p.id === 'shared')?.template).toBe(
      'B version {{today}}',
    );
    await a.sync(600);
    expect(await a.ids()).toEqual(['only-a', 'only-b', 'shared']);
  });

  it('changes on both computers: a deletion on one stays deleted, an edit on the other is kept, adds from both', async () => {
    const a = new Computer();
    const b = new Computer();
    await a.act(() => setPresetSyncEnabled(true));
    await b.act(() => setPresetSyncEnabled(true));
    for (const id of ['old-macro', 'refund', 'outage']) await savePersonalPreset(a.db, preset(id));
    await a.sync(100);
    await b.sync(200);
    await a.sync(300);
    expect(await b.ids()).toEqual(['old-macro', 'outage', 'refund']);

    // A deletes two presets and adds one; meanwhile B edits one A deleted, edits another, and adds one.
    await deletePersonalPreset(a.db, 'personal/old-macro');
    await deletePersonalPreset(a.db, 'personal/outage');
    await savePersonalPreset(a.db, preset('from-a'));
    await a.sync(400);
    await savePersonalPreset(b.db, preset('outage', 'Outage update {{today}}'), { previousId: 'outage' });
    await savePersonalPreset(b.db, preset('refund', 'Refund, B {{today}}'), { previousId: 'refund' });
    await savePersonalPreset(b.db, preset('from-b'));
    expect((await b.sync(500)).outcome).toBe('merged');

    // old-macro: deleted on A, untouched on B → gone. outage: deleted on A, edited on B → the edit is kept.
    expect(await b.ids()).toEqual(['from-a', 'from-b', 'outage', 'refund']);
    const byId = new Map((await personalPresets(b.db)).map((p) => [p.id, p.template]));
    expect(byId.get('outage')).toBe('Outage update {{today}}');
    expect(byId.get('refund')).toBe('Refund, B {{today}}');
    expect((await a.sync(600)).outcome).toBe('pulled');
    expect(await a.ids()).toEqual(['from-a', 'from-b', 'outage', 'refund']);
  });

  it('changes on both computers: an edit made only on the other computer wins over this one’s unchanged copy', async () => {
    const a = new Computer();
    const b = new Computer();
    await a.act(() => setPresetSyncEnabled(true));
    await b.act(() => setPresetSyncEnabled(true));
    await savePersonalPreset(a.db, preset('refund'));
    await a.sync(100);
    await b.sync(200);
    await a.sync(300);
    await savePersonalPreset(a.db, preset('refund', 'Refund, A {{today}}'), { previousId: 'refund' });
    await a.sync(400);
    await savePersonalPreset(b.db, preset('from-b'));
    expect((await b.sync(500)).outcome).toBe('merged');
    expect((await personalPresets(b.db)).find((p) => p.id === 'refund')?.template).toBe(
      'Refund, A {{today}}',
    );
  });

  it('over the quota: a specific message, nothing written, the local presets untouched', async () => {
    const a = new Computer();
    await a.act(() => setPresetSyncEnabled(true));
    const huge = 'x'.repeat(9_000);
    for (let i = 0; i < 12; i++) await savePersonalPreset(a.db, preset(`long-${i}`, `${huge} {{today}}`));
    const result = await a.sync(100);
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/more than the \d+ kB the browser can sync/);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect((await a.ids()).length).toBe(12);
    expect(SYNC_QUOTA.QUOTA_BYTES).toBeLessThan(12 * 9_000);
  });

  it('turning sync off keeps the local presets and forgets what it agreed, so turning it on again re-checks', async () => {
    const a = new Computer();
    await a.act(() => setPresetSyncEnabled(true));
    await savePersonalPreset(a.db, preset('refund'));
    await a.sync(100);
    await a.act(() => setPresetSyncEnabled(false));
    expect(await a.ids()).toEqual(['refund']);
    const off = await a.act(loadSyncState);
    expect(off.enabled).toBe(false);
    expect(off.agreedFingerprint).toBeUndefined();
  });
});

it('a refused write (sync turned off in the browser) keeps what was agreed, so the next pass tries again', async () => {
  const a = new Computer();
  await a.act(() => setPresetSyncEnabled(true));
  await savePersonalPreset(a.db, preset('refund'));
  const original = fakeBrowser.storage.sync.set;
  fakeBrowser.storage.sync.set = () => Promise.reject(new Error('Sync is disabled'));
  try {
    const failed = await a.sync(100);
    expect(failed.outcome).toBe('failed');
    expect(failed.message).toMatch(/could not be synced: Sync is disabled\. They are safe on this computer/);
    expect((await a.act(loadSyncState)).agreedUpdatedAt).toBeUndefined();
  } finally {
    fakeBrowser.storage.sync.set = original;
  }
  expect((await a.sync(200)).outcome).toBe('pushed');
  expect(await a.ids()).toEqual(['refund']);
});

it('an organisation policy that turns sync off wins over the agent’s switch: nothing is read or written', async () => {
  const a = new Computer();
  await a.act(() => setPresetSyncEnabled(true));
  await savePersonalPreset(a.db, preset('refund'));
  const managed = { get: async () => ({ disablePresetSync: true }) };
  const result = await a.act(() => runPresetSync(a.db, fakeBrowser.storage.sync, 100, managed));
  expect(result).toEqual({ outcome: 'failed', message: syncOffByPolicy() });
  expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  const allowed = { get: async () => ({ disablePresetSync: false }) };
  expect((await a.act(() => runPresetSync(a.db, fakeBrowser.storage.sync, 200, allowed))).outcome).toBe(
    'pushed',
  );
});

describe('mergeWithBase', () => {
  it('without a known base (first sync) it drops nothing', () => {
    expect(mergeWithBase(null, [preset('a')] as never, [preset('b')] as never).map((p) => p.id)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('mergeById', () => {
  it('keeps every local preset and adds the remote ones this computer does not have', () => {
    const local = [preset('a', 'A {{today}}'), preset('b')].map((p) => ({ ...p }));
    const remote = [preset('a', 'other {{today}}'), preset('c')];
    expect(mergeById(local as never, remote as never).map((p) => `${p.id}:${p.template}`)).toEqual([
      'a:A {{today}}',
      'b:Reply to {{latest_customer_message}}',
      'c:Reply to {{latest_customer_message}}',
    ]);
  });
});
