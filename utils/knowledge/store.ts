import type Dexie from 'dexie';
import { t } from '../i18n/t';
import { KnowledgeSnippet } from '../presets/pack';
import { entryKey, type PresetSource, sourceKey } from '../presets/preset';
import type { KnowledgeTables, StoredSnippet } from './db-tables';

// Where snippets live: one Dexie row each, grouped by source like presets (utils/presets/store.ts). Personal
// snippets are the agent's (options page, "Save as snippet"); every other source is replaced as a group (a pack
// import, a subscription refresh, a policy pack) and is read-only for the agent. Rows are validated on write, and
// again on read, so a damaged row is skipped, never sent half-read.

export type KnowledgeDb = Dexie & KnowledgeTables;

export class SnippetReadOnlyError extends Error {
  constructor(key: string) {
    super(t('core_presets_knowledge_snippet_readonly', key));
    this.name = 'SnippetReadOnlyError';
  }
}

function rowFor(source: PresetSource, snippet: KnowledgeSnippet, now: number): StoredSnippet {
  const parsed = KnowledgeSnippet.parse(snippet);
  return {
    key: entryKey(source, parsed.id),
    sourceKey: sourceKey(source),
    source,
    snippet: parsed,
    updatedAt: now,
  };
}

/** Every stored snippet that still parses, personal first, then by source and title. */
export async function listSnippets(db: KnowledgeDb): Promise<StoredSnippet[]> {
  const rows = await db.snippets.toArray();
  return rows
    .filter((row) => KnowledgeSnippet.safeParse(row.snippet).success)
    .sort(
      (a, b) =>
        Number(b.source.type === 'personal') - Number(a.source.type === 'personal') ||
        a.sourceKey.localeCompare(b.sourceKey) ||
        a.snippet.title.localeCompare(b.snippet.title),
    );
}

export async function snippetsByKeys(db: KnowledgeDb, keys: readonly string[]): Promise<StoredSnippet[]> {
  const rows = await db.snippets.bulkGet([...keys]);
  return rows.filter(
    (row): row is StoredSnippet => row !== undefined && KnowledgeSnippet.safeParse(row.snippet).success,
  );
}

/** Adds or updates one of the agent's own snippets (by id). */
export async function savePersonalSnippet(
  db: KnowledgeDb,
  snippet: KnowledgeSnippet,
  extra: Pick<StoredSnippet, 'fromReply'> = {},
  now = Date.now(),
): Promise<StoredSnippet> {
  const row = { ...rowFor({ type: 'personal' }, snippet, now), ...extra };
  await db.snippets.put(row);
  return row;
}

export async function deletePersonalSnippet(db: KnowledgeDb, key: string): Promise<void> {
  const row = await db.snippets.get(key);
  if (!row) return;
  if (row.source.type !== 'personal') throw new SnippetReadOnlyError(key);
  await db.snippets.delete(key);
}

/** Replaces one source's snippets at once (an import, a refresh, a policy pack). All or nothing. */
export async function replaceSourceSnippets(
  db: KnowledgeDb,
  source: PresetSource,
  snippets: readonly KnowledgeSnippet[],
  now = Date.now(),
): Promise<void> {
  const rows = snippets.map((s) => rowFor(source, s, now));
  await db.transaction('rw', db.snippets, async () => {
    await db.snippets.where('sourceKey').equals(sourceKey(source)).delete();
    await db.snippets.bulkPut(rows);
  });
}

export async function removeSourceSnippets(db: KnowledgeDb, source: PresetSource): Promise<void> {
  await db.snippets.where('sourceKey').equals(sourceKey(source)).delete();
}

/** One source's snippets as they were imported (what a new import of the same pack is compared with). */
export async function sourceSnippets(db: KnowledgeDb, source: PresetSource): Promise<KnowledgeSnippet[]> {
  const rows = await db.snippets.where('sourceKey').equals(sourceKey(source)).toArray();
  return rows.flatMap((row) => {
    const parsed = KnowledgeSnippet.safeParse(row.snippet);
    return parsed.success ? [parsed.data] : [];
  });
}
