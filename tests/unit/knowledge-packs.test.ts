import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/utils/db';
import { listSnippets, savePersonalSnippet } from '@/utils/knowledge/store';
import { readPackFile } from '@/utils/options/pack-io';
import { ImportConflictError, planImport } from '@/utils/presets/import-diff';
import { type KnowledgeSnippet, PresetPack, type PresetPackInput } from '@/utils/presets/pack';
import { readPolicy } from '@/utils/presets/policy';
import type { PresetSource } from '@/utils/presets/preset';
import {
  addSubscription,
  applyPolicyPacks,
  commitImport,
  type PresetDb,
  presetGroups,
  recordRefresh,
  removeSourcePresets,
  removeSubscription,
} from '@/utils/presets/store';
import { refreshSubscription } from '@/utils/presets/subscription';

// Knowledge travels in packs: every way a pack reaches the store (file import, subscription refresh, policy)
// replaces that source's snippets together with its presets, and every way a pack leaves removes both.

const names: string[] = [];
const opened: Dexie[] = [];
function freshDb(): PresetDb {
  const name = `deskmate-knowledge-packs-${names.length}-${Date.now()}`;
  names.push(name);
  const db = openDb(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const snippet = (id: string, extra: Partial<KnowledgeSnippet> = {}): KnowledgeSnippet => ({
  id,
  title: `Snippet ${id}`,
  text: `The ${id} policy.`,
  tags: [],
  ...extra,
});
const packInput = (
  version: string,
  knowledge: ReturnType<typeof snippet>[],
  name = 'Acme',
): PresetPackInput => ({
  schemaVersion: 1,
  name,
  version,
  presets: [{ id: 'reply', name: 'Reply', kind: 'reply', template: 'Reply to {{conversation}}' }],
  knowledge,
});
const asFile = (value: unknown) => {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return { size: bytes.byteLength, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
};
const keysOf = async (db: PresetDb) => (await listSnippets(db)).map((s) => s.key);
const FILE: PresetSource = { type: 'file', pack: 'Acme' };

describe('file import', () => {
  it('previews, stores, updates by id and removes what a new version drops; own snippets untouched', async () => {
    const db = freshDb();
    await savePersonalSnippet(db, snippet('mine'));
    const first = await readPackFile(
      db,
      asFile(packInput('1.0.0', [snippet('refund'), snippet('shipping')])),
    );
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(first.preview.plan.knowledge?.diff.added.map((s) => s.id)).toEqual(['refund', 'shipping']);
    expect(await commitImport(db, first.preview.plan, 'confirm')).toBe(true);
    expect(await keysOf(db)).toEqual(['personal/mine', 'file:Acme/refund', 'file:Acme/shipping']);

    const next = packInput('1.1.0', [
      snippet('refund', { text: 'Refunds within 60 days.' }),
      snippet('invoice'),
    ]);
    const second = await readPackFile(db, asFile(next));
    if (!second.ok) throw new Error(JSON.stringify(second.errors));
    const { diff } = second.preview.plan.knowledge ?? { diff: undefined };
    expect(diff?.added.map((s) => s.id)).toEqual(['invoice']);
    expect(diff?.updated.map((u) => u.after.id)).toEqual(['refund']);
    expect(diff?.removed.map((s) => s.id)).toEqual(['shipping']);
    await commitImport(db, second.preview.plan, 'confirm');
    const rows = await listSnippets(db);
    expect(rows.map((s) => s.key)).toEqual(['personal/mine', 'file:Acme/invoice', 'file:Acme/refund']);
    expect(rows.find((s) => s.key === 'file:Acme/refund')?.snippet.text).toBe('Refunds within 60 days.');

    // The same version again: nothing to do for presets or knowledge.
    const again = await readPackFile(db, asFile(next));
    if (!again.ok) throw new Error('unreadable');
    expect(again.preview.plan.knowledge?.diff.unchanged.map((s) => s.id)).toEqual(['refund', 'invoice']);
  });

  it('cancel writes nothing; a preview made before the snippets changed is refused, changing nothing', async () => {
    const db = freshDb();
    const pack = PresetPack.parse(packInput('1.0.0', [snippet('refund')]));
    const plan = planImport(await presetGroups(db), pack, FILE, []);
    expect(await commitImport(db, plan, 'cancel')).toBe(false);
    expect(await db.snippets.count()).toBe(0);

    await commitImport(db, planImport(await presetGroups(db), pack, FILE, []), 'confirm');
    const stale = planImport(await presetGroups(db), PresetPack.parse(packInput('2.0.0', [])), FILE, []);
    await expect(commitImport(db, stale, 'confirm')).rejects.toThrow(ImportConflictError);
    expect(await keysOf(db)).toEqual(['file:Acme/refund']);
  });

  it('is all or nothing: a snippet that cannot be stored keeps the presets as they were too', async () => {
    const db = freshDb();
    const pack = PresetPack.parse(packInput('1.0.0', [snippet('refund')]));
    const plan = planImport(await presetGroups(db), pack, FILE, []);
    const broken = {
      ...plan,
      knowledge: { ...plan.knowledge!, next: [{ ...snippet('bad'), title: '' } as KnowledgeSnippet] },
    };
    await expect(commitImport(db, broken, 'confirm')).rejects.toThrow();
    expect(await db.presets.count()).toBe(0);
    expect(await db.snippets.count()).toBe(0);
  });

  it('removing a file pack removes its snippets with its presets', async () => {
    const db = freshDb();
    await savePersonalSnippet(db, snippet('mine'));
    const pack = PresetPack.parse(packInput('1.0.0', [snippet('refund')]));
    await commitImport(db, planImport(await presetGroups(db), pack, FILE, []), 'confirm');
    await removeSourcePresets(db, FILE);
    expect(await db.presets.count()).toBe(0);
    expect(await keysOf(db)).toEqual(['personal/mine']);
  });
});

describe('subscriptions and policy', () => {
  const URL_ = 'https://packs.acme.test/support.json';
  const served = (version: string, knowledge: ReturnType<typeof snippet>[]) => () =>
    Promise.resolve(
      new Response(JSON.stringify(packInput(version, knowledge)), { headers: { etag: `"${version}"` } }),
    );

  it('a refresh replaces the subscription’s snippets; unsubscribing removes them', async () => {
    const db = freshDb();
    const added = await addSubscription(db, URL_, { now: 1 });
    if (!added.ok) throw new Error(added.message);
    const first = await refreshSubscription(added.state, served('1.0.0', [snippet('a'), snippet('b')]));
    await recordRefresh(db, first);
    expect(await keysOf(db)).toEqual([`subscription:${URL_}/a`, `subscription:${URL_}/b`]);

    const second = await refreshSubscription(first.state, served('1.1.0', [snippet('b', { text: 'New' })]));
    await recordRefresh(db, second);
    const rows = await listSnippets(db);
    expect(rows.map((s) => [s.key, s.snippet.text])).toEqual([[`subscription:${URL_}/b`, 'New']]);

    // A failed refresh keeps the last good copy's snippets.
    const failed = await refreshSubscription(second.state, () =>
      Promise.resolve(new Response('', { status: 500 })),
    );
    await recordRefresh(db, failed);
    expect(await keysOf(db)).toEqual([`subscription:${URL_}/b`]);

    await removeSubscription(db, URL_);
    expect(await db.snippets.count()).toBe(0);
    expect(await db.presets.count()).toBe(0);
  });

  it('a pack subscribed before snippets were stored gets them on its next check, even unchanged', async () => {
    const db = freshDb();
    const added = await addSubscription(db, URL_, { now: 1 });
    if (!added.ok) throw new Error(added.message);
    const first = await refreshSubscription(added.state, served('1.0.0', [snippet('a')]));
    await recordRefresh(db, first);
    await db.snippets.clear(); // as a database written by the previous version looks
    const unchanged = await refreshSubscription(first.state, () =>
      Promise.resolve(new Response(null, { status: 304 })),
    );
    expect(unchanged.changed).toBe(false);
    await recordRefresh(db, unchanged);
    expect(await keysOf(db)).toEqual([`subscription:${URL_}/a`]);
  });

  it('a policy applied again unchanged (every worker start) writes nothing; a changed pack is rewritten', async () => {
    const db = freshDb();
    const policyWith = (snippets: KnowledgeSnippet[]) =>
      readPolicy({ inlinePacks: [JSON.stringify(packInput('1.0.0', snippets, 'IT'))] }).policy;
    await applyPolicyPacks(db, policyWith([snippet('outage'), snippet('vpn')]), 10);
    const stamps = async () => [
      ...(await db.presets.toArray()).map((r) => r.updatedAt),
      ...(await listSnippets(db)).map((r) => r.updatedAt),
    ];
    expect(await stamps()).toEqual([10, 10, 10]);

    await applyPolicyPacks(db, policyWith([snippet('outage'), snippet('vpn')]), 20);
    expect(await stamps()).toEqual([10, 10, 10]);

    await applyPolicyPacks(
      db,
      policyWith([snippet('outage', { title: 'Outage (updated)' }), snippet('vpn')]),
      30,
    );
    expect(await stamps()).toEqual([30, 30, 30]);
    expect((await listSnippets(db)).map((r) => r.snippet.title)).toContain('Outage (updated)');
  });

  it('policy inline packs bring their snippets; a policy that drops them removes them', async () => {
    const db = freshDb();
    const inline = JSON.stringify(packInput('1.0.0', [snippet('outage')], 'IT'));
    await applyPolicyPacks(db, readPolicy({ inlinePacks: [inline], packUrls: [URL_] }).policy, 10);
    expect(await keysOf(db)).toEqual(['policy:inline:0/outage']);
    const [row] = await listSnippets(db);
    expect(row?.source).toEqual({ type: 'policy', ref: 'inline:0' });

    // The policy URL's pack arrives with its refresh, as a policy source.
    const sub = await db.presetSubscriptions.get(URL_);
    if (!sub) throw new Error('no policy subscription');
    await recordRefresh(db, await refreshSubscription(sub, served('1.0.0', [snippet('vpn')])));
    expect(await keysOf(db)).toEqual([`policy:${URL_}/vpn`, 'policy:inline:0/outage']);

    await applyPolicyPacks(db, readPolicy({}).policy, 11);
    expect(await db.snippets.count()).toBe(0);
    expect(await db.presets.count()).toBe(0);
  });
});
