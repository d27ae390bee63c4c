import { t } from '../i18n/t';
import { type KnowledgePlan, planKnowledge } from '../knowledge/import-diff';
import { canonical } from './canonical';
import type { KnowledgeSnippet, PresetPack } from './pack';
import { type Preset, type PresetSource, sourceKey } from './preset';

// What importing a pack will do, before it does it. A pack replaces exactly one source's presets (one file pack
// name, one subscription URL, one policy entry); personal presets and other packs are never touched. The options
// page shows `plan.diff`; nothing changes until the agent confirms, and a plan made against an older state is
// refused instead of silently overwriting whatever changed in between.

export type PresetField = keyof Preset;

export interface FieldChange {
  field: PresetField;
  before: unknown;
  after: unknown;
}

export interface PresetUpdate {
  before: Preset;
  after: Preset;
  /** Only the fields that differ, in the schema's order. */
  changes: FieldChange[];
}

export interface ImportDiff {
  added: Preset[];
  updated: PresetUpdate[];
  removed: Preset[];
  unchanged: Preset[];
}

export interface ImportPlan {
  source: PresetSource;
  sourceKey: string;
  /** Name, version, author of the incoming pack, for the preview's heading. */
  pack: Pick<PresetPack, 'name' | 'version' | 'author' | 'description'>;
  /** The presets the source will hold after the import, in the pack's order. */
  next: Preset[];
  diff: ImportDiff;
  /** Fingerprint of the source's presets the plan was made against. */
  basis: string;
  /** The pack's knowledge snippets, replacing the source's in the same commit (utils/knowledge/import-diff.ts). */
  knowledge?: KnowledgePlan;
}

/** Presets grouped by source key; the shape the store reads and writes. */
export type PresetGroups = Readonly<Record<string, readonly Preset[]>>;

export class ImportConflictError extends Error {
  constructor() {
    super(t('presets_import_conflict'));
    this.name = 'ImportConflictError';
  }
}

const FIELD_ORDER: PresetField[] = [
  'id',
  'name',
  'description',
  'kind',
  'template',
  'tone',
  'length',
  'language',
  'model',
  'tags',
  'variables',
];

export function fieldChanges(before: Preset, after: Preset): FieldChange[] {
  return FIELD_ORDER.filter((f) => canonical(before[f]) !== canonical(after[f])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/** Matches presets by id. Order of the results follows the incoming pack (removed: the current order). */
export function diffPresets(current: readonly Preset[], incoming: readonly Preset[]): ImportDiff {
  const byId = new Map(current.map((p) => [p.id, p]));
  const incomingIds = new Set(incoming.map((p) => p.id));
  const diff: ImportDiff = { added: [], updated: [], removed: [], unchanged: [] };
  for (const next of incoming) {
    const before = byId.get(next.id);
    if (!before) {
      diff.added.push(next);
      continue;
    }
    const changes = fieldChanges(before, next);
    if (changes.length === 0) diff.unchanged.push(next);
    else diff.updated.push({ before, after: next, changes });
  }
  diff.removed = current.filter((p) => !incomingIds.has(p.id));
  return diff;
}

export function fingerprint(presets: readonly Preset[]): string {
  return canonical([...presets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

export function hasChanges(diff: ImportDiff): boolean {
  return diff.added.length + diff.updated.length + diff.removed.length > 0;
}

/** "2 added, 1 updated, 1 removed, 3 unchanged" (zero counts left out; "no changes" when nothing moves). */
export function summarizeDiff(diff: ImportDiff): string {
  const parts = (
    [
      [diff.added.length, 'presets_diff_added'],
      [diff.updated.length, 'presets_diff_updated'],
      [diff.removed.length, 'presets_diff_removed'],
      [diff.unchanged.length, 'presets_diff_unchanged'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, key]) => t(key, n));
  if (!hasChanges(diff))
    return parts.length
      ? t('presets_diff_no_changes_counts', parts.join(', '))
      : t('presets_diff_no_changes');
  return parts.join(', ');
}

/** The preview: how `pack` would change what `source` currently holds (presets, and its knowledge). Pure. */
export function planImport(
  current: PresetGroups,
  pack: PresetPack,
  source: PresetSource,
  currentKnowledge: readonly KnowledgeSnippet[] = [],
): ImportPlan {
  const key = sourceKey(source);
  if (source.type === 'personal' || source.type === 'builtin')
    // i18n-ignore: a programming error, never shown
    throw new Error('planImport: packs are imported as team presets, never over personal or built-in ones.');
  const existing = current[key] ?? [];
  return {
    source,
    sourceKey: key,
    pack: { name: pack.name, version: pack.version, author: pack.author, description: pack.description },
    next: [...pack.presets],
    diff: diffPresets(existing, pack.presets),
    basis: fingerprint(existing),
    knowledge: planKnowledge(currentKnowledge, pack.knowledge),
  };
}

export type ImportDecision = 'confirm' | 'cancel';

/**
 * Applies a plan to the groups if and only if the agent confirmed. Pure: returns the same object on cancel, a new
 * one on confirm; throws ImportConflictError (leaving `current` untouched) when the source changed since the plan.
 */
export function applyImport(current: PresetGroups, plan: ImportPlan, decision: ImportDecision): PresetGroups {
  if (decision !== 'confirm') return current;
  if (fingerprint(current[plan.sourceKey] ?? []) !== plan.basis) throw new ImportConflictError();
  return { ...current, [plan.sourceKey]: plan.next };
}
