import type Dexie from 'dexie';
import { z } from 'zod';
import { t } from '../i18n/t';
import type { KnowledgeTables } from '../knowledge/db-tables';
import { snippetFingerprint } from '../knowledge/import-diff';
import { removeSourceSnippets, replaceSourceSnippets, sourceSnippets } from '../knowledge/store';
import { BUILTIN_PRESETS } from './builtin';
import { canonical } from './canonical';
import type { PresetTables } from './db-tables';
import {
  applyImport,
  ImportConflictError,
  type ImportDecision,
  type ImportPlan,
  type PresetGroups,
} from './import-diff';
import { KnowledgeSnippet, type PresetPack } from './pack';
import type { ManagedPolicy } from './policy';
import { policySources } from './policy';
import {
  comparePresetEntries,
  entryKey,
  isReadOnly,
  Preset,
  type PresetEntry,
  type PresetInput,
  PresetMeta,
  PresetSource,
  sourceKey,
} from './preset';
import { entryDisplayName, shownPreset } from './preset-text';
import { newSubscription, type RefreshResult, SubscriptionState, subscriptionSource } from './subscription';

// Where presets live. Three Dexie tables, declared by `declarePresetTables` (utils/db.ts calls it, so the version
// number stays in the one place that lists every version):
//   presets              personal presets and team presets (file imports, subscriptions, policy), one row each,
//                        grouped by source; team rows are replaced as a group and are read-only for the agent.
//   presetPrefs          the agent's favourites and last-used times, by entry key. Apart from `presets` so that a
//                        pack refresh, which replaces its rows, keeps the agent's favourites.
//   presetSubscriptions  one SubscriptionState per pack URL (agent's and policy's), including the last good copy.
// Built-in presets are not stored: they come with the code (builtin.ts), so an update improves them for everyone.
// A team source's knowledge snippets (utils/knowledge/store.ts) come and go with its presets, in the same
// transaction: an import, a refresh, a policy change or a removal never leaves one without the other.

export {
  declarePresetTables,
  PRESET_STORES,
  PRESETS_DB_VERSION,
  type PresetPref,
  type PresetTables,
  type StoredPreset,
} from './db-tables';

export type PresetDb = Dexie & PresetTables & KnowledgeTables;

export class ReadOnlyPresetError extends Error {
  constructor(readonly source: PresetSource) {
    super(
      source.type === 'builtin'
        ? t('core_presets_store_builtin_readonly')
        : t('core_presets_store_team_readonly'),
    );
    this.name = 'ReadOnlyPresetError';
  }
}

export interface PresetIssue {
  path: string;
  message: string;
}

const PERSONAL: PresetSource = { type: 'personal' };
const BUILTIN: PresetSource = { type: 'builtin' };

function issuesOf(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): PresetIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

// ---------------------------------------------------------------- reading

export interface LibraryView {
  /** Built-ins first in storage order, then stored ones; sort with comparePresetEntries for the picker. */
  entries: PresetEntry[];
  /** Rows that failed validation (skipped, not deleted). */
  warnings: string[];
}

/** Every preset the agent can use: built-ins, personal and team, each with its meta. Never throws on bad rows. */
export async function loadLibrary(db: PresetDb): Promise<LibraryView> {
  const [rows, prefs] = await Promise.all([db.presets.toArray(), db.presetPrefs.toArray()]);
  const prefByKey = new Map(prefs.map((p) => [p.key, p]));
  const meta = (key: string): PresetMeta => {
    const pref = prefByKey.get(key);
    return PresetMeta.parse({ favourite: pref?.favourite ?? false, lastUsedAt: pref?.lastUsedAt });
  };
  const warnings: string[] = [];
  const entries: PresetEntry[] = BUILTIN_PRESETS.map((preset) => {
    const key = entryKey(BUILTIN, preset.id);
    return { key, preset, source: BUILTIN, readOnly: true, meta: meta(key) };
  });
  rows.sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : a.order - b.order));
  for (const row of rows) {
    const preset = Preset.safeParse(row.preset);
    const source = PresetSource.safeParse(row.source);
    if (!preset.success || !source.success) {
      warnings.push(t('core_presets_store_damaged_preset', row.key));
      continue;
    }
    entries.push({
      key: row.key,
      preset: preset.data,
      source: source.data,
      readOnly: isReadOnly(source.data),
      meta: meta(row.key),
    });
  }
  return { entries, warnings };
}

/** The quick picker's list: favourites, then recently used, then by the name the agent reads. */
export function pickerOrder(entries: readonly PresetEntry[]): PresetEntry[] {
  return [...entries].sort((a, b) => comparePresetEntries(a, b, entryDisplayName));
}

/** Stored presets by source key, in order: what import-diff plans against. */
export async function presetGroups(db: PresetDb): Promise<PresetGroups> {
  const rows = await db.presets.orderBy('key').toArray();
  const groups: Record<string, Preset[]> = {};
  for (const row of rows.sort((a, b) => a.order - b.order)) {
    const group = groups[row.sourceKey] ?? [];
    group.push(row.preset);
    groups[row.sourceKey] = group;
  }
  return groups;
}

export async function personalPresets(db: PresetDb): Promise<Preset[]> {
  const rows = await db.presets.where('sourceKey').equals(sourceKey(PERSONAL)).toArray();
  return rows.sort((a, b) => a.order - b.order).map((r) => r.preset);
}

// ---------------------------------------------------------------- personal presets

export type SaveResult = { ok: true; entry: PresetEntry } | { ok: false; issues: PresetIssue[] };

/**
 * Creates or updates a personal preset. `previousId` is the id it had when the editor opened (absent for a new
 * one); renaming moves its favourite along. Invalid input or a taken id → issues, nothing written.
 */
export async function savePersonalPreset(
  db: PresetDb,
  input: PresetInput,
  options: { previousId?: string; now?: number } = {},
): Promise<SaveResult> {
  const parsed = Preset.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const preset = parsed.data;
  const key = entryKey(PERSONAL, preset.id);
  const now = options.now ?? Date.now();
  return db.transaction('rw', db.presets, db.presetPrefs, async () => {
    const existing = await db.presets.get(key);
    if (existing && options.previousId !== preset.id)
      return {
        ok: false as const,
        issues: [{ path: 'id', message: t('core_presets_store_id_taken', preset.id) }],
      };
    let order = existing?.order;
    if (options.previousId && options.previousId !== preset.id) {
      const oldKey = entryKey(PERSONAL, options.previousId);
      const old = await db.presets.get(oldKey);
      order = old?.order;
      await db.presets.delete(oldKey);
      const pref = await db.presetPrefs.get(oldKey);
      if (pref) {
        await db.presetPrefs.delete(oldKey);
        await db.presetPrefs.put({ ...pref, key });
      }
    }
    if (order === undefined) order = await db.presets.where('sourceKey').equals('personal').count();
    await db.presets.put({ key, sourceKey: 'personal', source: PERSONAL, preset, order, updatedAt: now });
    const pref = await db.presetPrefs.get(key);
    return {
      ok: true as const,
      entry: {
        key,
        preset,
        source: PERSONAL,
        readOnly: false,
        meta: { favourite: pref?.favourite ?? false, lastUsedAt: pref?.lastUsedAt },
      },
    };
  });
}

/**
 * Makes the personal presets exactly `presets` (a newer copy pulled from sync.ts). Favourites of presets that stay
 * are kept; rows are validated first, so a bad copy changes nothing.
 */
export async function replacePersonalPresets(
  db: PresetDb,
  presets: readonly PresetInput[],
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; issues: PresetIssue[] }> {
  const parsed = z.array(Preset).safeParse(presets);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
  const ids = parsed.data.map((p) => p.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return { ok: false, issues: [{ path: 'id', message: t('core_presets_store_id_twice', dup) }] };
  await db.transaction('rw', db.presets, db.presetPrefs, async () => {
    const before = (await db.presets.where('sourceKey').equals('personal').primaryKeys()) as string[];
    await writeGroup(db, PERSONAL, parsed.data, now);
    const kept = new Set(ids.map((id) => entryKey(PERSONAL, id)));
    await db.presetPrefs.bulkDelete(before.filter((key) => !kept.has(key)));
  });
  return { ok: true };
}

async function findEntry(
  db: PresetDb,
  key: string,
): Promise<{ preset: Preset; source: PresetSource } | undefined> {
  if (key.startsWith('builtin/')) {
    const preset = BUILTIN_PRESETS.find((p) => entryKey(BUILTIN, p.id) === key);
    return preset ? { preset, source: BUILTIN } : undefined;
  }
  const row = await db.presets.get(key);
  return row ? { preset: row.preset, source: row.source } : undefined;
}

/** Deletes a personal preset; team and built-in presets throw ReadOnlyPresetError. */
export async function deletePersonalPreset(db: PresetDb, key: string): Promise<void> {
  const found = await findEntry(db, key);
  if (!found) return;
  if (isReadOnly(found.source)) throw new ReadOnlyPresetError(found.source);
  await db.transaction('rw', db.presets, db.presetPrefs, async () => {
    await db.presets.delete(key);
    await db.presetPrefs.delete(key);
  });
}

/** "Duplicate to edit": a personal copy of any preset, with a free id and "(copy)" in its name. */
export async function duplicateToEdit(db: PresetDb, key: string, now = Date.now()): Promise<PresetEntry> {
  const found = await findEntry(db, key);
  if (!found) throw new Error(t('core_presets_store_missing'));
  return db.transaction('rw', db.presets, db.presetPrefs, async () => {
    const taken = new Set(
      (await db.presets.where('sourceKey').equals('personal').toArray()).map((r) => r.preset.id),
    );
    const base = found.preset.id.slice(0, 70);
    let id = `${base}-copy`;
    for (let n = 2; taken.has(id); n++) id = `${base}-copy-${n}`;
    // The suffix is in the agent's language; the name is cut so name + suffix stays within 80 characters.
    const suffix = t('core_presets_store_copy_suffix');
    // A copy of a shipped preset starts from the words the agent read; from now on they are the agent's own data.
    const shown = shownPreset(found);
    const name = `${shown.name.slice(0, Math.max(1, 79 - suffix.length))} ${suffix}`;
    const result = await savePersonalPreset(db, { ...shown, id, name }, { now });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join(' '));
    return result.entry;
  });
}

export async function setFavourite(db: PresetDb, key: string, favourite: boolean): Promise<void> {
  await db.transaction('rw', db.presetPrefs, async () => {
    const pref = await db.presetPrefs.get(key);
    await db.presetPrefs.put({ ...pref, key, favourite });
  });
}

/** Called when a preset is run: the picker lists recent ones first. */
export async function markUsed(db: PresetDb, key: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.presetPrefs, async () => {
    const pref = await db.presetPrefs.get(key);
    await db.presetPrefs.put({ favourite: pref?.favourite ?? false, key, lastUsedAt: now });
  });
}

// ---------------------------------------------------------------- team presets

function assertTeamSource(source: PresetSource): void {
  if (!isReadOnly(source) || source.type === 'builtin')
    // i18n-ignore: a programming error, never shown
    throw new Error('Only team sources (file, subscription, policy) are replaced as a group.');
}

/** Inside a transaction: the source's rows become exactly `presets`. */
async function writeGroup(db: PresetDb, source: PresetSource, presets: readonly Preset[], now: number) {
  const key = sourceKey(source);
  await db.presets.where('sourceKey').equals(key).delete();
  await db.presets.bulkPut(
    presets.map((preset, order) => ({
      key: entryKey(source, preset.id),
      sourceKey: key,
      source,
      preset: Preset.parse(preset),
      order,
      updatedAt: now,
    })),
  );
}

/** Replaces one team source's presets at once (a refresh, a policy pack). All or nothing. */
export async function replaceSourcePresets(
  db: PresetDb,
  source: PresetSource,
  presets: readonly Preset[],
  now = Date.now(),
): Promise<void> {
  assertTeamSource(source);
  await db.transaction('rw', db.presets, () => writeGroup(db, source, presets, now));
}

/** Removes a team source's presets, the agent's prefs for them, and its knowledge snippets. */
export async function removeSourcePresets(db: PresetDb, source: PresetSource): Promise<void> {
  assertTeamSource(source);
  const key = sourceKey(source);
  await db.transaction('rw', db.presets, db.presetPrefs, db.snippets, async () => {
    const keys = (await db.presets.where('sourceKey').equals(key).primaryKeys()) as string[];
    await db.presets.bulkDelete(keys);
    await db.presetPrefs.bulkDelete(keys);
    await removeSourceSnippets(db, source);
  });
}

/**
 * Applies an import preview. Cancel: nothing is touched. Confirm: the source's presets and knowledge snippets are
 * replaced in one transaction, after checking neither changed since the preview (ImportConflictError otherwise);
 * any error rolls the whole import back.
 */
export async function commitImport(
  db: PresetDb,
  plan: ImportPlan,
  decision: ImportDecision,
  now = Date.now(),
): Promise<boolean> {
  if (decision !== 'confirm') return false;
  assertTeamSource(plan.source);
  await db.transaction('rw', db.presets, db.snippets, async () => {
    const rows = await db.presets.where('sourceKey').equals(plan.sourceKey).toArray();
    const current = { [plan.sourceKey]: rows.sort((a, b) => a.order - b.order).map((r) => r.preset) };
    const next = applyImport(current, plan, decision);
    if (plan.knowledge) {
      const snippets = await sourceSnippets(db, plan.source);
      if (snippetFingerprint(snippets) !== plan.knowledge.basis) throw new ImportConflictError();
    }
    await writeGroup(db, plan.source, next[plan.sourceKey] ?? [], now);
    // A plan without knowledge (made by older code) leaves the source's snippets as they are.
    if (plan.knowledge) await replaceSourceSnippets(db, plan.source, plan.knowledge.next, now);
  });
  return true;
}

// ---------------------------------------------------------------- subscriptions

export async function listSubscriptions(
  db: PresetDb,
): Promise<{ subscriptions: SubscriptionState[]; warnings: string[] }> {
  const rows = await db.presetSubscriptions.toArray();
  const subscriptions: SubscriptionState[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    const parsed = SubscriptionState.safeParse(row);
    if (parsed.success) subscriptions.push(parsed.data);
    else warnings.push(t('core_presets_store_damaged_subscription', String(row.url)));
  }
  return { subscriptions, warnings };
}

/** Adds an agent subscription (not fetched yet: the caller refreshes it right away). */
export async function addSubscription(
  db: PresetDb,
  url: string,
  options: { now?: number; intervalHours?: number } = {},
): Promise<{ ok: true; state: SubscriptionState } | { ok: false; message: string }> {
  const made = newSubscription(url, options.now ?? Date.now(), options.intervalHours);
  if (!made.ok) return made;
  const existing = await db.presetSubscriptions.get(made.state.url);
  if (existing) return { ok: false, message: t('core_presets_store_already_subscribed') };
  await db.presetSubscriptions.put(made.state);
  return made;
}

/** Unsubscribes, removing the subscription's presets and snippets. The agent cannot remove policy subscriptions. */
export async function removeSubscription(db: PresetDb, url: string): Promise<void> {
  const state = await db.presetSubscriptions.get(url);
  if (!state) return;
  if (state.origin === 'policy') throw new ReadOnlyPresetError({ type: 'policy', ref: url });
  await db.transaction('rw', db.presets, db.presetPrefs, db.presetSubscriptions, db.snippets, async () => {
    await db.presetSubscriptions.delete(url);
    await removeSourcePresets(db, subscriptionSource(state));
  });
}

/**
 * Stores a refresh result: always the new state (last checked / error), and the presets and knowledge snippets
 * when the copy in force changed. One transaction, so the presets, the snippets and the status never disagree.
 */
export async function recordRefresh(db: PresetDb, result: RefreshResult, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.presets, db.presetSubscriptions, db.snippets, async () => {
    // A subscription removed while its fetch was in flight stays removed.
    if (!(await db.presetSubscriptions.get(result.state.url))) return;
    await db.presetSubscriptions.put(result.state);
    const { pack } = result.state;
    if (!pack) return;
    const source = subscriptionSource(result.state);
    if (result.changed) {
      await writeGroup(db, source, pack.presets, now);
      await replaceSourceSnippets(db, source, pack.knowledge, now);
    } else if (pack.knowledge.length && (await sourceSnippets(db, source)).length === 0) {
      // A pack subscribed before snippets were stored: its knowledge arrives with the first check, changed or not.
      await replaceSourceSnippets(db, source, pack.knowledge, now);
    }
  });
}

/**
 * Makes the stored policy packs match the policy: inline packs written as they are, policy URLs present as policy
 * subscriptions (refreshed by the caller), everything the policy no longer lists removed.
 */
/**
 * Whether `source` already holds exactly `pack`'s presets (in order) and snippets. The policy is applied at every
 * worker start: rewriting an unchanged pack would bump every row's `updatedAt`, wake every open page's live
 * queries and make the knowledge index rebuild, each time the browser starts.
 */
async function storedAsInPack(db: PresetDb, source: PresetSource, pack: PresetPack): Promise<boolean> {
  const rows = await db.presets.where('sourceKey').equals(sourceKey(source)).toArray();
  const storedPresets = rows.sort((a, b) => a.order - b.order).map((row) => row.preset);
  if (canonical(storedPresets) !== canonical(pack.presets.map((preset) => Preset.parse(preset))))
    return false;
  const byId = (snippets: readonly { id: string }[]) => [...snippets].sort((a, b) => (a.id < b.id ? -1 : 1));
  const storedSnippets = await sourceSnippets(db, source);
  return (
    canonical(byId(storedSnippets)) === canonical(byId(pack.knowledge.map((s) => KnowledgeSnippet.parse(s))))
  );
}

export async function applyPolicyPacks(db: PresetDb, policy: ManagedPolicy, now = Date.now()): Promise<void> {
  const wanted = new Set(policySources(policy).map(sourceKey));
  await db.transaction('rw', db.presets, db.presetPrefs, db.presetSubscriptions, db.snippets, async () => {
    const inline: [PresetSource, PresetPack][] = policy.inlinePacks.map((pack, i) => [
      { type: 'policy', ref: `inline:${i}` },
      pack,
    ]);
    for (const [source, pack] of inline) {
      if (await storedAsInPack(db, source, pack)) continue;
      await writeGroup(db, source, pack.presets, now);
      await replaceSourceSnippets(db, source, pack.knowledge, now);
    }
    for (const url of policy.packUrls) {
      const existing = await db.presetSubscriptions.get(url);
      if (existing?.origin === 'policy') {
        if (policy.packRefreshHours && existing.intervalHours !== policy.packRefreshHours)
          await db.presetSubscriptions.put({ ...existing, intervalHours: policy.packRefreshHours });
        continue;
      }
      const made = newSubscription(url, now, policy.packRefreshHours, 'policy');
      // An agent subscription to the same URL becomes the policy's (its presets move with the next refresh).
      if (existing) await removeSourcePresets(db, subscriptionSource(existing));
      if (made.ok) await db.presetSubscriptions.put(made.state);
    }
    for (const sub of await db.presetSubscriptions.toArray())
      if (sub.origin === 'policy' && !policy.packUrls.includes(sub.url))
        await db.presetSubscriptions.delete(sub.url);
    const snippetSources = (await db.snippets.orderBy('sourceKey').uniqueKeys()) as string[];
    const stored = new Set([
      ...(await db.presets.toArray()).filter((r) => r.source.type === 'policy').map((r) => r.sourceKey),
      ...snippetSources.filter((key) => key.startsWith('policy:')),
    ]);
    for (const key of stored) {
      if (wanted.has(key)) continue;
      const keys = (await db.presets.where('sourceKey').equals(key).primaryKeys()) as string[];
      await db.presets.bulkDelete(keys);
      await db.presetPrefs.bulkDelete(keys);
      await db.snippets.where('sourceKey').equals(key).delete();
    }
  });
}
