import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { Preset, PresetSource } from './preset';
import type { SubscriptionState } from './subscription';

// The preset tables' declaration, alone and with type-only imports, so utils/db.ts can declare them without pulling
// the preset code (schemas, built-ins) into every bundle that opens the database. See store.ts for their use.

export interface StoredPreset {
  /** entryKey(source, id): `<sourceKey>/<id>`. */
  key: string;
  sourceKey: string;
  source: PresetSource;
  preset: Preset;
  /** Position in its source (a pack's order). */
  order: number;
  updatedAt: number;
}

export interface PresetPref {
  key: string;
  favourite: boolean;
  lastUsedAt?: number;
}

export type PresetTables = {
  presets: EntityTable<StoredPreset, 'key'>;
  presetPrefs: EntityTable<PresetPref, 'key'>;
  presetSubscriptions: EntityTable<SubscriptionState, 'url'>;
};

export const PRESET_STORES = {
  presets: 'key, sourceKey, updatedAt',
  presetPrefs: 'key, lastUsedAt',
  presetSubscriptions: 'url',
} as const;

/** The Dexie version that adds the preset tables (utils/db.ts; 2 added the first views of tickets). */
export const PRESETS_DB_VERSION = 3;

/**
 * Declares the preset tables on `db` at `version` (new tables only: Dexie keeps the earlier versions' tables).
 * Call before the database is opened, after the earlier `db.version(n)` declarations.
 */
export function declarePresetTables<T extends Dexie>(db: T, version = PRESETS_DB_VERSION): T & PresetTables {
  db.version(version).stores(PRESET_STORES);
  return db as T & PresetTables;
}
