import type { DeskmateDb, GenerationRecord } from '../db';
import { isPolicyCheck } from '../knowledge/policy-check-id';
import { DraftMetric } from './draft-metric';
import { editRate } from './edit-rate';

// The local quality metrics live on the records Deskmate keeps anyway: a draft generation gets the insert facts
// (time, method, edit rate, length — never the final text), and the ticket's first view is one small row. So the
// metrics obey the retention period and "Delete all" with everything else, and nothing is sent anywhere.

/** The first time the agent opened this ticket in the panel; later views keep it. */
export async function recordFirstView(
  database: DeskmateDb,
  ticketKey: string,
  now = Date.now(),
): Promise<void> {
  await database.transaction('rw', database.ticketViews, async () => {
    if (!(await database.ticketViews.get(ticketKey))) {
      await database.ticketViews.put({ ticketKey, firstViewedAt: now });
    }
  });
}

export interface InsertFacts {
  generationId: number;
  /** The AI's text as the agent received it (placeholders restored), to compare with what went in. */
  aiText: string;
  finalText: string;
  method: 'insert' | 'copy';
  now?: number;
}

/** Which insert set a generation's metrics, so that undoing exactly that insert can take them back. */
export interface RecordedInsert {
  generationId: number;
  insertedAt: number;
}

/**
 * The agent inserted (or copied) the draft that came from `generationId`. The first insert counts: re-inserting
 * the same draft later does not move "time to insert". Resolves with what it recorded, or null when it recorded
 * nothing (not a draft, or inserted before).
 */
export async function recordInsert(database: DeskmateDb, facts: InsertFacts): Promise<RecordedInsert | null> {
  const generation = await database.generations.get(facts.generationId);
  if (generation?.kind !== 'draft' || isPolicyCheck(generation) || generation.insertedAt !== undefined)
    return null;
  const insertedAt = facts.now ?? Date.now();
  await database.generations.update(facts.generationId, {
    inserted: true,
    insertedAt,
    insertMethod: facts.method,
    editRate: editRate(facts.aiText, facts.finalText),
    insertedChars: [...facts.finalText].length,
  });
  return { generationId: facts.generationId, insertedAt };
}

/**
 * The agent undid the insert that `recorded` describes: the draft is no longer in the helpdesk, so it counts as
 * not inserted again (acceptance rate, time to insert) until it is inserted for real. Only that exact insert is
 * taken back: if the record changed since (another insert was recorded), nothing is touched.
 */
export async function recordUndoInsert(database: DeskmateDb, recorded: RecordedInsert): Promise<boolean> {
  return database.transaction('rw', database.generations, async () => {
    const generation = await database.generations.get(recorded.generationId);
    if (generation?.insertedAt !== recorded.insertedAt || generation.insertMethod !== 'insert') return false;
    await database.generations.update(recorded.generationId, {
      inserted: false,
      insertedAt: undefined,
      insertMethod: undefined,
      editRate: undefined,
      insertedChars: undefined,
    });
    return true;
  });
}

function helpdeskOf(ticketKey: string): string {
  return ticketKey.split(':')[0] || 'unknown';
}

/** One metric per finished AI draft (complete, or stopped with text the agent could use). */
export function metricOf(
  generation: GenerationRecord,
  firstViewedAt: number | undefined,
): DraftMetric | null {
  if (generation.kind !== 'draft' || isPolicyCheck(generation) || generation.id === undefined) return null;
  if (generation.outcome === 'streaming' || generation.output.trim() === '') return null;
  if (generation.outcome === 'error' && generation.insertedAt === undefined) return null;
  const parsed = DraftMetric.safeParse({
    generationId: generation.id,
    ticketKey: generation.ticketKey,
    helpdesk: helpdeskOf(generation.ticketKey),
    presetId: generation.presetId,
    presetName: generation.presetName,
    model: generation.model,
    firstViewedAt: Math.min(firstViewedAt ?? generation.startedAt, generation.startedAt),
    draftedAt: generation.finishedAt ?? generation.startedAt,
    insertedAt: generation.insertedAt,
    insertMethod: generation.insertMethod,
    editRate: generation.editRate,
    aiChars: [...generation.output].length,
    insertedChars: generation.insertedChars,
  });
  return parsed.success ? parsed.data : null;
}

export async function loadDraftMetrics(database: DeskmateDb): Promise<DraftMetric[]> {
  const [generations, views] = await Promise.all([
    database.generations.where('kind').equals('draft').toArray(),
    database.ticketViews.toArray(),
  ]);
  const firstViews = new Map(views.map((v) => [v.ticketKey, v.firstViewedAt]));
  return generations
    .map((g) => metricOf(g, firstViews.get(g.ticketKey)))
    .filter((m): m is DraftMetric => m !== null)
    .sort((a, b) => a.draftedAt - b.draftedAt);
}
