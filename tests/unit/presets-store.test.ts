import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/utils/db';
import { BUILTIN_PRESETS } from '@/utils/presets/builtin';
import { ImportConflictError, planImport } from '@/utils/presets/import-diff';
import { PresetPack } from '@/utils/presets/pack';
import { readPolicy } from '@/utils/presets/policy';
import { Preset, type PresetSource } from '@/utils/presets/preset';
import {
  addSubscription,
  applyPolicyPacks,
  commitImport,
  deletePersonalPreset,
  duplicateToEdit,
  listSubscriptions,
  loadLibrary,
  markUsed,
  PRESETS_DB_VERSION,
  type PresetDb,
  personalPresets,
  pickerOrder,
  presetGroups,
  ReadOnlyPresetError,
  recordRefresh,
  removeSubscription,
  replacePersonalPresets,
  replaceSourcePresets,
  savePersonalPreset,
  setFavourite,
} from '@/utils/presets/store';
import { refreshSubscription } from '@/utils/presets/subscription';

const names: string[] = [];
function freshName() {
  const name = `deskmate-presets-test-${names.length}-${Date.now()}`;
  names.push(name);
  return name;
}
/** The database as utils/db.ts will open it once the lead adds the preset tables. */
const opened: Dexie[] = [];
function freshDb(): PresetDb {
  const db = openDb(freshName());
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const p = (id: string, extra: Record<string, unknown> = {}) =>
  Preset.parse({ id, name: `Preset ${id}`, kind: 'reply', template: 'Reply to {{conversation}}', ...extra });
const packOf = (presets: Preset[], version = '1.0.0') =>
  PresetPack.parse({ schemaVersion: 1, name: 'Acme', version, presets });
const FILE: PresetSource = { type: 'file', pack: 'Acme' };

describe('schema: version 3 adds the preset tables and keeps the data', () => {
  it('upgrades a version-1 database that already holds drafts and secrets', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores({
      generations: '++id, ticketKey, kind, startedAt, [ticketKey+kind]',
      drafts: 'ticketKey, updatedAt',
      secrets: 'id',
    });
    await v1
      .table('drafts')
      .put({ ticketKey: 'zendesk:a:1', text: 'kept', edited: true, versions: [], updatedAt: 1 });
    await v1.table('secrets').put({ id: 'provider:default:apiKey', value: 'sk-test' });
    v1.close();

    const current = openDb(name);
    await current.open();
    // Later versions (4: the history word index) come on top; the preset tables are there from 3 on.
    expect(current.verno).toBeGreaterThanOrEqual(PRESETS_DB_VERSION);
    expect(current.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['presetPrefs', 'presetSubscriptions', 'presets']),
    );
    expect((await current.drafts.get('zendesk:a:1'))?.text).toBe('kept');
    expect((await current.secrets.get('provider:default:apiKey'))?.value).toBe('sk-test');
    expect(await current.presets.count()).toBe(0);
    current.close();
  });
});

describe('library', () => {
  it('lists the built-ins without storing them, read-only', async () => {
    const db = freshDb();
    const { entries, warnings } = await loadLibrary(db);
    expect(warnings).toEqual([]);
    expect(entries.map((e) => e.preset.id)).toEqual(BUILTIN_PRESETS.map((x) => x.id));
    expect(entries.every((e) => e.readOnly && e.key.startsWith('builtin/'))).toBe(true);
    expect(await db.presets.count()).toBe(0);
  });

  it('creates, renames and deletes a personal preset; a taken id or bad input writes nothing', async () => {
    const db = freshDb();
    const created = await savePersonalPreset(db, {
      id: 'mine',
      name: 'Mine',
      kind: 'reply',
      template: 'Hi {{agent.name}}',
    });
    expect(created.ok).toBe(true);
    const again = await savePersonalPreset(db, { id: 'mine', name: 'Other', kind: 'reply', template: 'x' });
    expect(again).toEqual({
      ok: false,
      issues: [{ path: 'id', message: expect.stringContaining('already have') }],
    });
    const bad = await savePersonalPreset(db, { id: 'bad', name: 'Bad', kind: 'reply', template: '{{nope}}' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0]?.path).toBe('template');

    await setFavourite(db, 'personal/mine', true);
    const renamed = await savePersonalPreset(
      db,
      { id: 'mine-2', name: 'Mine', kind: 'reply', template: 'Hello {{agent.name}}' },
      { previousId: 'mine' },
    );
    expect(renamed.ok && renamed.entry.meta.favourite).toBe(true);
    expect((await personalPresets(db)).map((x) => x.id)).toEqual(['mine-2']);

    await deletePersonalPreset(db, 'personal/mine-2');
    expect(await personalPresets(db)).toEqual([]);
    expect(await db.presetPrefs.count()).toBe(0);
  });

  it('team and built-in presets are read-only; duplicate to edit makes a personal copy', async () => {
    const db = freshDb();
    await replaceSourcePresets(db, FILE, [p('refund')]);
    await expect(deletePersonalPreset(db, 'file:Acme/refund')).rejects.toThrow(ReadOnlyPresetError);
    await expect(deletePersonalPreset(db, 'builtin/rewrite-shorter')).rejects.toThrow(/Built-in presets/);

    const copy = await duplicateToEdit(db, 'file:Acme/refund');
    expect(copy).toMatchObject({
      key: 'personal/refund-copy',
      readOnly: false,
      preset: { name: 'Preset refund (copy)' },
    });
    const second = await duplicateToEdit(db, 'file:Acme/refund');
    expect(second.preset.id).toBe('refund-copy-2');
    const builtin = await duplicateToEdit(db, 'builtin/summary-structured');
    expect(builtin.preset.template).toBe(BUILTIN_PRESETS[0]!.template);
    expect((await db.presets.get('file:Acme/refund'))?.preset.name).toBe('Preset refund');
  });

  it('favourites and recent use order the picker and survive a pack refresh', async () => {
    const db = freshDb();
    await replaceSourcePresets(db, FILE, [p('a'), p('b')]);
    await setFavourite(db, 'file:Acme/b', true);
    await markUsed(db, 'builtin/rewrite-formal', 500);
    await replaceSourcePresets(db, FILE, [p('a', { name: 'A2' }), p('b', { name: 'B2' })]);
    const order = pickerOrder((await loadLibrary(db)).entries).map((e) => e.key);
    expect(order.slice(0, 2)).toEqual(['file:Acme/b', 'builtin/rewrite-formal']);
  });

  it('a synced copy replaces the personal presets, keeping favourites of those that stay; a bad copy changes nothing', async () => {
    const db = freshDb();
    await savePersonalPreset(db, p('a'));
    await savePersonalPreset(db, p('b'));
    await setFavourite(db, 'personal/a', true);
    await setFavourite(db, 'personal/b', true);
    expect(await replacePersonalPresets(db, [p('a', { name: 'A from laptop' }), p('c')])).toEqual({
      ok: true,
    });
    expect((await personalPresets(db)).map((x) => x.name)).toEqual(['A from laptop', 'Preset c']);
    expect((await db.presetPrefs.toArray()).map((x) => x.key)).toEqual(['personal/a']);
    const before = await db.presets.toArray();
    expect(await replacePersonalPresets(db, [p('x'), p('x')])).toMatchObject({ ok: false });
    expect(
      await replacePersonalPresets(db, [{ id: 'bad', name: 'B', kind: 'reply', template: '{{' }]),
    ).toMatchObject({
      ok: false,
    });
    expect(await db.presets.toArray()).toEqual(before);
  });

  it('skips a damaged row with a warning instead of failing', async () => {
    const db = freshDb();
    await db.presets.put({
      key: 'personal/x',
      sourceKey: 'personal',
      source: { type: 'personal' },
      preset: { id: 'x' } as Preset,
      order: 0,
      updatedAt: 0,
    });
    const { entries, warnings } = await loadLibrary(db);
    expect(entries).toHaveLength(BUILTIN_PRESETS.length);
    expect(warnings).toEqual(['A saved preset (personal/x) is damaged and was skipped.']);
  });
});

describe('import into the store', () => {
  it('cancel leaves the tables unchanged; confirm replaces the source only', async () => {
    const db = freshDb();
    await savePersonalPreset(db, p('mine'));
    await replaceSourcePresets(db, FILE, [p('old'), p('keep')]);
    const before = await db.presets.toArray();
    const plan = planImport(await presetGroups(db), packOf([p('keep'), p('new')]), FILE);

    expect(await commitImport(db, plan, 'cancel')).toBe(false);
    expect(await db.presets.toArray()).toEqual(before);

    expect(await commitImport(db, plan, 'confirm')).toBe(true);
    const groups = await presetGroups(db);
    expect(groups['file:Acme']!.map((x) => x.id)).toEqual(['keep', 'new']);
    expect(groups.personal!.map((x) => x.id)).toEqual(['mine']);
  });

  it('a stale preview is refused and rolls back', async () => {
    const db = freshDb();
    await replaceSourcePresets(db, FILE, [p('old')]);
    const plan = planImport(await presetGroups(db), packOf([p('new')]), FILE);
    await replaceSourcePresets(db, FILE, [p('old', { name: 'changed meanwhile' })]);
    const before = await db.presets.toArray();
    await expect(commitImport(db, plan, 'confirm')).rejects.toThrow(ImportConflictError);
    expect(await db.presets.toArray()).toEqual(before);
  });
});

describe('subscriptions in the store', () => {
  const URL_ = 'https://packs.acme.test/support.json';
  const served = (version: string, presets: Preset[]) => () =>
    Promise.resolve(
      new Response(JSON.stringify(packOf(presets, version)), { headers: { etag: `"${version}"` } }),
    );

  it('subscribe, refresh, refresh with a failure (last good copy stays), unsubscribe', async () => {
    const db = freshDb();
    expect(await addSubscription(db, 'http://packs.acme.test/x.json')).toMatchObject({ ok: false });
    const added = await addSubscription(db, URL_, { now: 1 });
    if (!added.ok) throw new Error(added.message);
    expect(await addSubscription(db, URL_)).toEqual({
      ok: false,
      message: 'You are already subscribed to this pack.',
    });

    const first = await refreshSubscription(added.state, served('1.0.0', [p('a')]), { now: () => 2 });
    await recordRefresh(db, first);
    expect((await presetGroups(db))[`subscription:${URL_}`]!.map((x) => x.id)).toEqual(['a']);

    const second = await refreshSubscription(first.state, served('1.1.0', [p('a'), p('b')]), {
      now: () => 3,
    });
    await recordRefresh(db, second);
    expect((await presetGroups(db))[`subscription:${URL_}`]!.map((x) => x.id)).toEqual(['a', 'b']);

    const failed = await refreshSubscription(second.state, () =>
      Promise.resolve(new Response('', { status: 404 })),
    );
    await recordRefresh(db, failed);
    expect((await presetGroups(db))[`subscription:${URL_}`]!.map((x) => x.id)).toEqual(['a', 'b']);
    const [stored] = (await listSubscriptions(db)).subscriptions;
    expect(stored).toMatchObject({ lastError: { code: 'not-found' }, pack: { version: '1.1.0' } });

    await removeSubscription(db, URL_);
    expect(await db.presets.count()).toBe(0);
    expect((await listSubscriptions(db)).subscriptions).toEqual([]);
    // A fetch that finishes after unsubscribing does not bring it back.
    await recordRefresh(db, second);
    expect(await db.presetSubscriptions.count()).toBe(0);
  });

  it('policy packs appear read-only, follow the policy, and cannot be unsubscribed', async () => {
    const db = freshDb();
    const inline = JSON.stringify(packOf([p('outage')]));
    const policy = readPolicy({ packUrls: [URL_], inlinePacks: [inline], packRefreshHours: 3 }).policy;
    await applyPolicyPacks(db, policy, 10);
    const entries = (await loadLibrary(db)).entries.filter((e) => e.source.type === 'policy');
    expect(entries.map((e) => [e.key, e.readOnly])).toEqual([['policy:inline:0/outage', true]]);
    const [sub] = (await listSubscriptions(db)).subscriptions;
    expect(sub).toMatchObject({ url: URL_, origin: 'policy', intervalHours: 3 });
    await expect(removeSubscription(db, URL_)).rejects.toThrow(ReadOnlyPresetError);

    const refreshed = await refreshSubscription(sub!, served('2.0.0', [p('vpn')]));
    await recordRefresh(db, refreshed);
    expect((await presetGroups(db))[`policy:${URL_}`]!.map((x) => x.id)).toEqual(['vpn']);

    await applyPolicyPacks(db, readPolicy({}).policy);
    expect(await db.presets.count()).toBe(0);
    expect(await db.presetSubscriptions.count()).toBe(0);
  });
});
