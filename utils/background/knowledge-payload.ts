import { db } from '../db';
import type { KnowledgeUse } from '../knowledge/prompt-section';
import type { KnowledgeGenerationInfo } from '../knowledge/record';
import { snippetsByKeys } from '../knowledge/store';
import { sourceLabel } from '../presets/preset';
import type { KnowledgeInput, PreparedPayload } from '../privacy/payload';

// The snippets a generation carries, loaded by key in the background from the same Dexie table the panel lists (the
// request names keys, never texts the panel could have been tricked into changing). Nothing is refused silently:
// keys that no longer exist are reported to the panel with the generation.

export interface LoadedKnowledge {
  /** In the agent's order (pinned first, then proposals by rank): the budget drops from the end. */
  snippets: KnowledgeInput[];
  /** Keys asked for that are gone (the pack was removed or updated since the panel listed them). */
  missing: string[];
  use: KnowledgeUse;
}

export async function loadKnowledge(
  keys: readonly string[] | undefined,
  use: KnowledgeUse = 'cite',
): Promise<LoadedKnowledge | undefined> {
  const unique = [...new Set(keys ?? [])];
  if (unique.length === 0) return undefined;
  const rows = new Map((await snippetsByKeys(db(), unique)).map((row) => [row.key, row]));
  const snippets: KnowledgeInput[] = [];
  const missing: string[] = [];
  for (const key of unique) {
    const row = rows.get(key);
    if (!row) {
      missing.push(key);
      continue;
    }
    snippets.push({
      key,
      title: row.snippet.title,
      text: row.snippet.text,
      sourceLabel: sourceLabel(row.source),
      ...(row.snippet.sourceUrl ? { sourceUrl: row.snippet.sourceUrl } : {}),
    });
  }
  return { snippets, missing, use };
}

/** What the generation record keeps about its knowledge (titles and links, so history shows them after a pack is gone). */
export function knowledgeInfo(
  loaded: LoadedKnowledge | undefined,
  payload: Pick<PreparedPayload, 'knowledge'>,
): KnowledgeGenerationInfo | undefined {
  if (!loaded) return undefined;
  const byKey = new Map(loaded.snippets.map((s) => [s.key, s]));
  const sent = (payload.knowledge?.sent ?? []).flatMap(({ key, ref }) => {
    const s = byKey.get(key);
    return s
      ? [
          {
            key,
            ref,
            title: s.title,
            sourceLabel: s.sourceLabel,
            ...(s.sourceUrl ? { sourceUrl: s.sourceUrl } : {}),
          },
        ]
      : [];
  });
  return {
    use: loaded.use,
    sent,
    cited: [],
    missing: loaded.missing,
    dropped: payload.knowledge?.dropped ?? [],
  };
}
