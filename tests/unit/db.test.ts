import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/utils/db';

// The schema as the panel and background use it. Each future version(n) gets an upgrade test here.
const names: string[] = [];
function freshDb() {
  const name = `deskmate-test-${names.length}-${Date.now()}`;
  names.push(name);
  return openDb(name);
}

afterEach(async () => {
  const { default: Dexie } = await import('dexie');
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('Dexie schema v1', () => {
  it('finds the latest generation of a kind for a ticket through the compound index', async () => {
    const db = freshDb();
    const base = { model: 'm', promptChars: 10, output: 'x', outcome: 'complete' as const };
    await db.generations.bulkAdd([
      { ...base, ticketKey: 'zendesk:a:1', kind: 'summary', startedAt: 1 },
      { ...base, ticketKey: 'zendesk:a:1', kind: 'draft', startedAt: 2, output: 'first draft' },
      { ...base, ticketKey: 'zendesk:a:2', kind: 'draft', startedAt: 3 },
      { ...base, ticketKey: 'zendesk:a:1', kind: 'draft', startedAt: 4, output: 'second draft' },
    ]);
    const latest = await db.generations.where('[ticketKey+kind]').equals(['zendesk:a:1', 'draft']).last();
    expect(latest?.output).toBe('second draft');
    expect(await db.generations.where('ticketKey').equals('zendesk:a:1').count()).toBe(3);
  });

  it('keeps one draft per ticket, replaced on save', async () => {
    const db = freshDb();
    const draft = { ticketKey: 'zendesk:a:1', text: 'v1', edited: true, versions: [], updatedAt: 1 };
    await db.drafts.put(draft);
    await db.drafts.put({ ...draft, text: 'v2', updatedAt: 2 });
    expect(await db.drafts.count()).toBe(1);
    expect((await db.drafts.get('zendesk:a:1'))?.text).toBe('v2');
  });

  it('is at version 5: 2 added the first views of tickets, 3 the preset tables, 4 the history word index, 5 knowledge', () => {
    const db = freshDb();
    expect(db.verno).toBe(5);
    expect(db.generations.schema.indexes.map((i) => i.name)).toContain('searchWords');
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'drafts',
      'generations',
      'presetPrefs',
      'presetSubscriptions',
      'presets',
      'secrets',
      'snippets',
      'ticketViews',
    ]);
  });

  it('upgrades a version 1 database without losing its rows', async () => {
    const name = `deskmate-upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      generations: '++id, ticketKey, kind, startedAt, [ticketKey+kind]',
      drafts: 'ticketKey, updatedAt',
      secrets: 'id',
    });
    await v1
      .table('drafts')
      .put({ ticketKey: 'zendesk:a:1', text: 'kept', edited: true, versions: [], updatedAt: 1 });
    v1.close();
    const db = openDb(name);
    expect((await db.drafts.get('zendesk:a:1'))?.text).toBe('kept');
    await db.ticketViews.put({ ticketKey: 'zendesk:a:1', firstViewedAt: 5 });
    expect(await db.ticketViews.count()).toBe(1);
    db.close();
  });
});
