import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db } from '../db';
import { t } from '../i18n/t';
import { type PresetEntry, type PresetSource, sourceKey, sourceLabel } from '../presets/preset';
import { entryDisplayName } from '../presets/preset-text';
import { type LibraryView, loadLibrary } from '../presets/store';

// The options page's library: the same store the side panel's picker reads (store.loadLibrary), grouped the way
// an agent thinks about it — theirs, their team's packs, Deskmate's own.

export interface TeamGroup {
  sourceKey: string;
  source: PresetSource;
  label: string;
  entries: PresetEntry[];
}

export interface LibraryGroups {
  personal: PresetEntry[];
  team: TeamGroup[];
  builtin: PresetEntry[];
}

/**
 * By name. Not favourites first as in the picker: a row that jumped away when its star was pressed would take the
 * keyboard focus and the pointer's target with it.
 */
function byName(a: PresetEntry, b: PresetEntry): number {
  // The names the agent reads: a German library is in German alphabetical order.
  return entryDisplayName(a).localeCompare(entryDisplayName(b));
}

export function groupLibrary(entries: readonly PresetEntry[]): LibraryGroups {
  const personal: PresetEntry[] = [];
  const builtin: PresetEntry[] = [];
  const team = new Map<string, TeamGroup>();
  for (const entry of entries) {
    if (entry.source.type === 'personal') personal.push(entry);
    else if (entry.source.type === 'builtin') builtin.push(entry);
    else {
      const key = sourceKey(entry.source);
      const group = team.get(key) ?? {
        sourceKey: key,
        source: entry.source,
        label: sourceLabel(entry.source),
        entries: [],
      };
      group.entries.push(entry);
      team.set(key, group);
    }
  }
  return {
    personal: personal.sort(byName),
    team: [...team.values()]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((g) => ({ ...g, entries: g.entries.sort(byName) })),
    builtin: builtin.sort(byName),
  };
}

export type LibraryState =
  | { status: 'loading' }
  | { status: 'ready'; view: LibraryView }
  | { status: 'error'; message: string };

/**
 * The library, live: Dexie re-runs the query whenever the preset tables change — here, in another options tab,
 * or in the background (a subscription refresh) — so the list never shows a stale copy.
 */
export function useLiveLibrary(): LibraryState {
  const [state, setState] = useState<LibraryState>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(() => loadLibrary(db())).subscribe({
      next: (view) => setState({ status: 'ready', view }),
      error: (error: unknown) =>
        setState({
          status: 'error',
          message: t('presets_library_unreadable', String(error).slice(0, 200)),
        }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return state;
}
