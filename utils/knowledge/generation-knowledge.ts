import { db } from '../db';
import { t } from '../i18n/t';
import type { Refine } from '../messaging/protocol';
import { sourceLabel } from '../presets/preset';
import type { KnowledgeInput, PreparedPayload } from '../privacy/payload';
import { clipLabel, type KnowledgeUse, promptSourceLabel } from './prompt-section';
import { groundedOutput, type KnowledgeGenerationInfo } from './record';
import { snippetsByKeys } from './store';

// The snippets a generation carries, loaded by key from the Dexie table the panel lists, by whoever runs the model
// (the background for providers, the panel for Chrome's on-device model): a request names keys, never texts the
// panel could have been tricked into changing. Nothing is refused silently: keys that no longer exist are kept on
// the generation record, and the panel says so.

export interface LoadedKnowledge {
  /** In the agent's order (pinned first, then proposals by rank): the budget drops from the end. */
  snippets: KnowledgeInput[];
  /** Keys asked for that are gone (the pack was removed or updated since the panel listed them). */
  missing: string[];
  use: KnowledgeUse;
  /** Each snippet's source in the agent's language, for the generation record the panel shows. */
  displayLabels: Map<string, string>;
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
  const displayLabels = new Map<string, string>();
  for (const key of unique) {
    const row = rows.get(key);
    if (!row) {
      missing.push(key);
      continue;
    }
    displayLabels.set(key, clipLabel(sourceLabel(row.source)));
    snippets.push({
      key,
      title: row.snippet.title,
      text: row.snippet.text,
      sourceLabel: promptSourceLabel(row.source),
      ...(row.snippet.sourceUrl ? { sourceUrl: row.snippet.sourceUrl } : {}),
    });
  }
  return { snippets, missing, use, displayLabels };
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
            sourceLabel: loaded.displayLabels.get(key) ?? s.sourceLabel,
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

/** The knowledge a draft generation carries: 'check' for "Check against knowledge", else cited drafts. */
export function loadGenerationKnowledge(
  kind: 'summary' | 'draft',
  request: { knowledgeKeys?: readonly string[] | undefined; refine?: Refine | undefined },
): Promise<LoadedKnowledge | undefined> {
  if (kind !== 'draft') return Promise.resolve(undefined);
  return loadKnowledge(request.knowledgeKeys, request.refine?.mode === 'check' ? 'check' : 'cite');
}

/** Why a policy check cannot run (nothing to check against), or null. */
export function policyCheckProblem(
  refine: Refine | undefined,
  loaded: LoadedKnowledge | undefined,
): string | null {
  if (refine?.mode !== 'check' || loaded?.snippets.length) return null;
  return loaded?.missing.length
    ? t('knowledge_panel_check_snippets_gone')
    : t('knowledge_panel_check_no_snippets');
}

/** The text stored and shown for a generation: a grounded draft without its "Sources:" line (see record.ts). */
export function groundedText(info: KnowledgeGenerationInfo | undefined) {
  return (full: string, final: boolean) => groundedOutput(full, info, final);
}
