import type { DeskmateDb, GenerationRecord } from '../db';
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

/**
 * The agent inserted (or copied) the draft that came from `generationId`. The first insert counts: re-inserting
 * the same draft later does not move "time to insert".
 */
export async function recordInsert(database: DeskmateDb, facts: InsertFacts): Promise<void> {
  const generation = await database.generations.get(facts.generationId);
  if (generation?.kind !== 'draft' || generation.insertedAt !== undefined) return;
  await database.generations.update(facts.generationId, {
    inserted: true,
    insertedAt: facts.now ?? Date.now(),
    insertMethod: facts.method,
    editRate: editRate(facts.aiText, facts.finalText),
    insertedChars: [...facts.finalText].length,
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
  if (generation.kind !== 'draft' || generation.id === undefined) return null;
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
