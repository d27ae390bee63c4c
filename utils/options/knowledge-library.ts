import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { db } from '../db';
import type { StoredSnippet } from '../knowledge/db-tables';
import { listSnippets } from '../knowledge/store';
import type { PresetSource } from '../presets/preset';

// The options page's knowledge list: every stored snippet, live (Dexie re-runs the query when the table changes
// — here, in the side panel's "Save as snippet", or in the background on a pack refresh), grouped by source, and
// filtered by what the agent types.

export interface SnippetGroup {
  sourceKey: string;
  source: PresetSource;
  rows: StoredSnippet[];
}

export interface SnippetGroups {
  personal: StoredSnippet[];
  /** Files, subscribed packs and policy packs: read-only, one group per source. */
  team: SnippetGroup[];
}

const byTitle = (a: StoredSnippet, b: StoredSnippet) => a.snippet.title.localeCompare(b.snippet.title);

export function groupSnippets(rows: readonly StoredSnippet[]): SnippetGroups {
  const personal: StoredSnippet[] = [];
  const team = new Map<string, SnippetGroup>();
  for (const row of rows) {
    if (row.source.type === 'personal') {
      personal.push(row);
      continue;
    }
    const group = team.get(row.sourceKey) ?? { sourceKey: row.sourceKey, source: row.source, rows: [] };
    group.rows.push(row);
    team.set(row.sourceKey, group);
  }
  return {
    personal: personal.sort(byTitle),
    team: [...team.values()]
      .sort((a, b) => a.sourceKey.localeCompare(b.sourceKey))
      .map((g) => ({ ...g, rows: g.rows.sort(byTitle) })),
  };
}

/** Lower case without accents, so "reembolso" finds "Reembolsó" and "Ruckgabe" finds "Rückgabe". */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

export interface SearchableSnippet {
  row: StoredSnippet;
  /** Title, tags and body, folded: built once per list, not on every keystroke (5,000 bodies are megabytes). */
  folded: string;
}

export function searchable(rows: readonly StoredSnippet[]): SearchableSnippet[] {
  return rows.map((row) => ({
    row,
    folded: foldText(`${row.snippet.title}\n${row.snippet.tags.join(' ')}\n${row.snippet.text}`),
  }));
}

/** The snippets whose title, tags or body hold every word of `query` (any order); all of them for ''. */
export function filterSnippets(items: readonly SearchableSnippet[], query: string): StoredSnippet[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  return items.filter((item) => words.every((word) => item.folded.includes(word))).map((item) => item.row);
}

export type SnippetListState =
  | { status: 'loading' }
  | { status: 'ready'; rows: StoredSnippet[] }
  | { status: 'error'; detail: string };

export function useLiveSnippets(): SnippetListState {
  const [state, setState] = useState<SnippetListState>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(() => listSnippets(db())).subscribe({
      next: (rows) => setState({ status: 'ready', rows }),
      error: (error: unknown) => setState({ status: 'error', detail: String(error).slice(0, 200) }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return state;
}

/**
 * Source keys that also hold presets: a pack imported in the preset library. Its snippets are removed with the
 * pack there (presets and snippets together); only a knowledge-only file can be removed from the Knowledge section.
 */
export function useSourcesWithPresets(): ReadonlySet<string> {
  const [keys, setKeys] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const subscription = liveQuery(() => db().presets.orderBy('sourceKey').uniqueKeys()).subscribe({
      next: (found) => setKeys(new Set(found.map(String))),
      error: () => setKeys(new Set()),
    });
    return () => subscription.unsubscribe();
  }, []);
  return keys;
}
