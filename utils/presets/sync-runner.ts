import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { t } from '../i18n/t';
import { type ManagedArea, managedArea } from '../managed-area';
import { fingerprint } from './import-diff';
import { loadPolicy } from './policy';
import { type Preset, Preset as PresetSchema } from './preset';
import { type PresetDb, personalPresets, replacePersonalPresets } from './store';
import { pullPersonalPresets, pushPersonalPresets, type SyncArea } from './sync';

// When personal presets travel through storage.sync (sync.ts moves the bytes; this decides the direction).
// Off by default: the agent turns it on in the options page. Each side remembers the fingerprint of the set it
// last agreed with sync storage and the synced copy's `updatedAt`, so a run can tell "changed here", "changed on
// another computer" and "both", without clocks of two computers being compared.

export const PRESET_SYNC_KEY = 'local:presetSync';

export const PresetSyncState = z.object({
  enabled: z.boolean().default(false),
  /** Fingerprint of the personal presets as they were when this computer last agreed with the synced copy. */
  agreedFingerprint: z.string().optional(),
  /** `updatedAt` of the synced copy this computer last pulled or pushed. */
  agreedUpdatedAt: z.number().optional(),
  lastRunAt: z.number().optional(),
  /** What the last run did, for the status line. */
  lastOutcome: z.enum(['pushed', 'pulled', 'merged', 'unchanged', 'failed']).optional(),
  lastMessage: z.string().optional(),
  bytes: z.number().optional(),
});
export type PresetSyncState = z.infer<typeof PresetSyncState>;

export const DEFAULT_SYNC_STATE: PresetSyncState = { enabled: false };

export async function loadSyncState(): Promise<PresetSyncState> {
  const parsed = PresetSyncState.safeParse((await storage.getItem<unknown>(PRESET_SYNC_KEY)) ?? {});
  return parsed.success ? parsed.data : DEFAULT_SYNC_STATE;
}

async function saveSyncState(state: PresetSyncState): Promise<void> {
  await storage.setItem(PRESET_SYNC_KEY, PresetSyncState.parse(state));
}

/** Local first for ids both sides have: the agent's latest edits on this computer are the ones they just made. */
export function mergeById(local: readonly Preset[], remote: readonly Preset[]): Preset[] {
  const ids = new Set(local.map((p) => p.id));
  return [...local, ...remote.filter((p) => !ids.has(p.id))];
}

/**
 * The set this computer last agreed with sync storage. `agreedFingerprint` is `fingerprint()` of that set, which is
 * its canonical JSON, so it is read back as the common ancestor of both sides; null when unknown or unreadable.
 */
export function agreedBase(state: Pick<PresetSyncState, 'agreedFingerprint'>): Preset[] | null {
  if (!state.agreedFingerprint) return null;
  try {
    const parsed = z.array(PresetSchema).safeParse(JSON.parse(state.agreedFingerprint));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Both sides changed since `base`: a three-way merge by id. A preset deleted on one side and unchanged on the
 * other stays deleted (merging by id alone brought deletions back); edited on one side only, that edit wins;
 * edited on both, this computer's wins; deleted on one side but edited on the other, the edit is kept (losing
 * an edit is worse than a preset coming back). Without a base (first sync), nothing is dropped: mergeById.
 */
export function mergeWithBase(
  base: readonly Preset[] | null,
  local: readonly Preset[],
  remote: readonly Preset[],
): Preset[] {
  if (!base) return mergeById(local, remote);
  const print = (p: Preset) => fingerprint([p]);
  const baseById = new Map(base.map((p) => [p.id, print(p)]));
  const remoteById = new Map(remote.map((p) => [p.id, p]));
  const localIds = new Set(local.map((p) => p.id));
  const unchanged = (p: Preset) => baseById.get(p.id) === print(p);
  const merged: Preset[] = [];
  for (const mine of local) {
    const theirs = remoteById.get(mine.id);
    if (theirs) merged.push(unchanged(mine) && !unchanged(theirs) ? theirs : mine);
    else if (!(baseById.has(mine.id) && unchanged(mine))) merged.push(mine);
  }
  for (const theirs of remote)
    if (!localIds.has(theirs.id) && !(baseById.has(theirs.id) && unchanged(theirs))) merged.push(theirs);
  return merged;
}

export interface SyncRunResult {
  outcome: NonNullable<PresetSyncState['lastOutcome']>;
  message?: string;
}

/** The status when an enterprise policy turns sync off (in the UI language, like every status the page shows). */
export const syncOffByPolicy = () => t('presets_sync_off_by_policy');

/**
 * One sync pass. Changed only here → push. Changed only elsewhere → the synced copy replaces the local one.
 * Changed on both → a three-way merge against the last agreed set (mergeWithBase: deletions stay deleted, no
 * edit is lost) and pushed. A refusal (over quota, sync off in the browser) leaves the local presets as they are.
 */
export function runPresetSync(
  db: PresetDb,
  area: SyncArea,
  now = Date.now(),
  managed: ManagedArea = managedArea(),
): Promise<SyncRunResult> {
  // The options page and the background may both run at once (an edit here, a write from another computer):
  // one at a time across every extension context of this origin.
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks
    ? locks.request('deskmate-preset-sync', () => syncPass(db, area, now, managed))
    : syncPass(db, area, now, managed);
}

async function syncPass(
  db: PresetDb,
  area: SyncArea,
  now: number,
  managed: ManagedArea,
): Promise<SyncRunResult> {
  const state = await loadSyncState();
  if (!state.enabled) return { outcome: 'unchanged' };
  const finish = async (result: SyncRunResult, patch: Partial<PresetSyncState> = {}) => {
    await saveSyncState({
      ...(await loadSyncState()),
      ...patch,
      lastRunAt: now,
      lastOutcome: result.outcome,
      lastMessage: result.message,
    });
    return result;
  };

  if ((await loadPolicy(managed)).policy.disablePresetSync)
    return finish({ outcome: 'failed', message: syncOffByPolicy() });

  const local = await personalPresets(db);
  const localPrint = fingerprint(local);
  const pulled = await pullPersonalPresets(area);
  if (pulled.warning) return finish({ outcome: 'failed', message: pulled.warning });

  const localChanged = localPrint !== state.agreedFingerprint;
  const remoteChanged = pulled.presets !== null && pulled.updatedAt !== state.agreedUpdatedAt;

  if (pulled.presets && remoteChanged && !localChanged) {
    const replaced = await replacePersonalPresets(db, pulled.presets, now);
    if (!replaced.ok) return finish({ outcome: 'failed', message: t('presets_sync_pulled_invalid') });
    return finish(
      { outcome: 'pulled' },
      { agreedFingerprint: fingerprint(pulled.presets), agreedUpdatedAt: pulled.updatedAt },
    );
  }

  if (!localChanged && !remoteChanged && pulled.presets !== null) return finish({ outcome: 'unchanged' });

  const merged =
    pulled.presets && remoteChanged ? mergeWithBase(agreedBase(state), local, pulled.presets) : local;
  // Agreed before writing: the write wakes storage.onChanged listeners, which must see it as this computer's own.
  await saveSyncState({ ...state, agreedFingerprint: fingerprint(merged), agreedUpdatedAt: now });
  const pushed = await pushPersonalPresets(area, merged, now);
  if (!pushed.ok)
    return finish(
      { outcome: 'failed', message: pushed.message },
      { agreedFingerprint: state.agreedFingerprint, agreedUpdatedAt: state.agreedUpdatedAt },
    );
  if (merged !== local) {
    const replaced = await replacePersonalPresets(db, merged, now);
    if (!replaced.ok) return finish({ outcome: 'failed', message: t('presets_sync_merged_invalid') });
  }
  return finish(
    {
      outcome: merged === local ? 'pushed' : 'merged',
      ...(merged === local
        ? {}
        : {
            message: t('presets_sync_merged'),
          }),
    },
    { agreedFingerprint: fingerprint(merged), agreedUpdatedAt: now, bytes: pushed.bytes },
  );
}

/** True when a synced copy with this `updatedAt` is the one this computer last wrote or read. */
export async function isAgreedCopy(updatedAt: unknown): Promise<boolean> {
  return typeof updatedAt === 'number' && (await loadSyncState()).agreedUpdatedAt === updatedAt;
}

/** Turning sync on or off. Off keeps the synced copy (other computers may still use it) and the local presets. */
export async function setPresetSyncEnabled(enabled: boolean): Promise<void> {
  const state = await loadSyncState();
  await saveSyncState(
    enabled
      ? { ...state, enabled }
      : { enabled: false, lastRunAt: state.lastRunAt, lastOutcome: undefined, lastMessage: undefined },
  );
}
