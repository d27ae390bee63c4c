import { useCallback, useState } from 'react';
import { db } from '../db';
import { t } from '../i18n/t';
import { matchesQuery, type PresetEntry } from '../presets/preset';
import { entryDisplayDescription, entryDisplayName } from '../presets/preset-text';
import { generationKindFor } from '../presets/run';
import { loadLibrary, markUsed, pickerOrder } from '../presets/store';

// The side panel's quick preset picker, as plain functions (the component only renders): which presets match
// the search, in which order, which one the arrow keys land on, and what running one means.

/** The picker's list for a query: favourites, then recently used, then by name; every word must match. */
export function pickerEntries(entries: readonly PresetEntry[], query: string): PresetEntry[] {
  return pickerOrder(entries).filter((e) => matchesQuery(shownAndStored(e), query));
}

/** Both the words the agent reads and the stored English ones, so either finds a shipped preset. */
function shownAndStored(entry: PresetEntry): PresetEntry['preset'] {
  const { preset } = entry;
  return {
    ...preset,
    name: `${preset.name} ${entryDisplayName(entry)}`,
    description: `${preset.description} ${entryDisplayDescription(entry) ?? ''}`,
  };
}

/** The active option after a key press; undefined when the key does not move it. Wraps at both ends. */
export function moveActive(active: number, key: string, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : (active + 1) % count;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** Where a preset's answer goes and what it needs. */
export interface PresetAction {
  target: 'summary' | 'draft';
  /** Rewrite presets send the current draft and need one. */
  rewritesDraft: boolean;
}

export function presetAction(entry: PresetEntry): PresetAction {
  return {
    target: generationKindFor(entry.preset.kind),
    rewritesDraft: entry.preset.kind === 'rewrite',
  };
}

/** Why a preset cannot run now (shown in the picker), or null. */
export function blockedReason(entry: PresetEntry, hasDraft: boolean): string | null {
  return presetAction(entry).rewritesDraft && !hasDraft
    ? t('panel_preset_needs_draft', entryDisplayName(entry))
    : null;
}

/** A short label of the kind, for the option's second line. */
export function kindLabel(entry: PresetEntry): string {
  switch (entry.preset.kind) {
    case 'summary':
      return t('panel_preset_kind_summary');
    case 'reply':
      return t('panel_preset_kind_reply');
    case 'rewrite':
      return t('panel_preset_kind_rewrite');
    case 'custom':
      return t('panel_preset_kind_custom');
  }
}

/** The library, loaded when the picker opens (so a preset saved in the options page a moment ago is there). */
export function usePresetLibrary() {
  const [entries, setEntries] = useState<PresetEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const view = await loadLibrary(db());
      setEntries(view.entries);
      setError(view.warnings.length ? view.warnings.join(' ') : null);
    } catch (e) {
      setError(t('panel_presets_read_error', String(e).slice(0, 200)));
    }
  }, []);
  /** Records the run, so the preset moves up among the recent ones; a failure never blocks the run. */
  const recordUse = useCallback((entry: PresetEntry) => {
    void markUsed(db(), entry.key).catch(() => undefined);
  }, []);
  return { entries, error, reload, recordUse };
}
