import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { KnowledgeSnippet } from '../presets/pack';
import type { PresetSource } from '../presets/preset';

// The knowledge tables' declaration, type-only imports (like presets/db-tables.ts), so utils/db.ts can declare
// them without pulling the knowledge code into every bundle that opens the database.

export interface StoredSnippet {
  /** entryKey(source, snippet.id): `<sourceKey>/<id>`, unique across sources. */
  key: string;
  sourceKey: string;
  /** Who owns it: personal (written in options or saved from a reply), a file, a subscribed pack URL, policy. */
  source: PresetSource;
  snippet: KnowledgeSnippet;
  /** The agent saved it from an inserted draft ("Save as snippet"). */
  fromReply?: { generationId?: number; ticketKey?: string; helpdesk?: string };
  updatedAt: number;
}

export type KnowledgeTables = {
  snippets: EntityTable<StoredSnippet, 'key'>;
};

export const KNOWLEDGE_STORES = { snippets: 'key, sourceKey, updatedAt' } as const;

/** The Dexie version that adds the knowledge tables (utils/db.ts; 4 added the history word index). */
export const KNOWLEDGE_DB_VERSION = 5;

export function declareKnowledgeTables<T extends Dexie>(
  db: T,
  version = KNOWLEDGE_DB_VERSION,
): T & KnowledgeTables {
  db.version(version).stores(KNOWLEDGE_STORES);
  return db as T & KnowledgeTables;
}
