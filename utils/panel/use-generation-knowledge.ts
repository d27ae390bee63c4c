import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db } from '../db';
import { type KnowledgeGenerationInfo, knowledgeOf } from '../knowledge/record';

// The knowledge record of one generation (the draft on screen), kept current while it streams and finishes: the
// background writes `knowledge.cited` when the answer is complete, and this follows the record in Dexie.

export interface GenerationKnowledge {
  info: KnowledgeGenerationInfo | null;
  streaming: boolean;
}

const NONE: GenerationKnowledge = { info: null, streaming: false };

export function useGenerationKnowledge(generationId: number | undefined): GenerationKnowledge {
  const [state, setState] = useState<GenerationKnowledge>(NONE);
  useEffect(() => {
    setState(NONE);
    if (generationId === undefined || generationId < 0) return;
    const subscription = liveQuery(() => db().generations.get(generationId)).subscribe({
      next: (record) =>
        setState(
          record ? { info: knowledgeOf(record) ?? null, streaming: record.outcome === 'streaming' } : NONE,
        ),
      error: () => setState(NONE),
    });
    return () => subscription.unsubscribe();
  }, [generationId]);
  return state;
}
