import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type DeskmateDb, type GenerationRecord, openDb } from '@/utils/db';
import { POLICY_CHECK_PRESET_ID } from '@/utils/knowledge/policy-check-id';
import { loadDraftMetrics, recordFirstView, recordInsert, recordUndoInsert } from '@/utils/metrics/store';

let database: DeskmateDb | null = null;
afterEach(async () => {
  await database?.delete();
  database = null;
});

const KEY = 'zendesk:acme.zendesk.com:123';
const generation = (over: Partial<GenerationRecord>): GenerationRecord => ({
  ticketKey: KEY,
  kind: 'draft',
  model: 'gpt-4o-mini',
  promptChars: 100,
  output: 'Hello Ana, your refund is on its way.',
  startedAt: 2_000,
  finishedAt: 3_000,
  outcome: 'complete',
  ...over,
});

describe('metrics store', () => {
  it('a draft inserted after edits becomes a metric with its edit rate and time from the first view', async () => {
    database = openDb(`metrics-${Math.random()}`);
    await recordFirstView(database, KEY, 1_000);
    await recordFirstView(database, KEY, 1_500); // a later view keeps the first
    const id = (await database.generations.add(generation({}))) as number;
    await database.generations.add(generation({ kind: 'summary' }));
    await database.generations.add(generation({ outcome: 'streaming' }));
    await recordInsert(database, {
      generationId: id,
      aiText: 'Hello Ana, your refund is on its way.',
      finalText: 'Hello Ana, your refund is on its way!',
      method: 'insert',
      now: 61_000,
    });
    // The second insert of the same draft does not count again.
    await recordInsert(database, {
      generationId: id,
      aiText: 'x',
      finalText: 'y',
      method: 'copy',
      now: 99_000,
    });

    const metrics = await loadDraftMetrics(database);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({
      generationId: id,
      helpdesk: 'zendesk',
      firstViewedAt: 1_000,
      draftedAt: 3_000,
      insertedAt: 61_000,
      insertMethod: 'insert',
      aiChars: 37,
      insertedChars: 37,
    });
    expect(metrics[0]?.editRate).toBeCloseTo(1 / 37, 10);
  });

  it('undoing the insert that was recorded takes it back; a later insert then counts', async () => {
    database = openDb(`metrics-${Math.random()}`);
    const id = (await database.generations.add(generation({}))) as number;
    const facts = { generationId: id, aiText: 'Hello', finalText: 'Hello!', method: 'insert' as const };
    const recorded = await recordInsert(database, { ...facts, now: 10_000 });
    expect(recorded).toEqual({ generationId: id, insertedAt: 10_000 });
    // A re-insert records nothing, so undoing it must not take back the first.
    expect(await recordInsert(database, { ...facts, now: 11_000 })).toBeNull();

    expect(await recordUndoInsert(database, { generationId: id, insertedAt: 10_000 })).toBe(true);
    let [metric] = await loadDraftMetrics(database);
    expect(metric?.insertedAt).toBeUndefined();
    expect(metric?.editRate).toBeUndefined();
    expect((await database.generations.get(id))?.inserted).toBe(false);

    await recordInsert(database, { ...facts, finalText: 'Hello', now: 20_000 });
    [metric] = await loadDraftMetrics(database);
    expect(metric).toMatchObject({ insertedAt: 20_000, editRate: 0 });
    // A stale undo (the insert at 10 000 is long gone) leaves the current one alone.
    expect(await recordUndoInsert(database, { generationId: id, insertedAt: 10_000 })).toBe(false);
    expect((await loadDraftMetrics(database))[0]?.insertedAt).toBe(20_000);
  });

  it('a copy cannot be undone in the helpdesk, so its metric stays', async () => {
    database = openDb(`metrics-${Math.random()}`);
    const id = (await database.generations.add(generation({}))) as number;
    const recorded = await recordInsert(database, {
      generationId: id,
      aiText: 'a',
      finalText: 'a',
      method: 'copy',
      now: 5_000,
    });
    expect(recorded).not.toBeNull();
    expect(await recordUndoInsert(database, recorded as NonNullable<typeof recorded>)).toBe(false);
    expect((await loadDraftMetrics(database))[0]?.insertedAt).toBe(5_000);
  });

  it('a policy check (stored as a draft-kind generation) is never a draft metric, nor recorded as inserted', async () => {
    database = openDb(`metrics-${Math.random()}`);
    const id = (await database.generations.add(
      generation({ presetId: POLICY_CHECK_PRESET_ID, output: '- “refund within 90 days” — no snippet' }),
    )) as number;
    expect(await loadDraftMetrics(database)).toEqual([]);
    expect(
      await recordInsert(database, { generationId: id, aiText: 'a', finalText: 'a', method: 'copy' }),
    ).toBeNull();
  });

  it('a draft never inserted is a metric without insert facts; without a recorded view its start counts', async () => {
    database = openDb(`metrics-${Math.random()}`);
    await database.generations.add(generation({}));
    const [metric] = await loadDraftMetrics(database);
    expect(metric?.insertedAt).toBeUndefined();
    expect(metric?.firstViewedAt).toBe(2_000);
  });
});
