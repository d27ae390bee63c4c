import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { CUSTOM_DOMAINS_KEY, REGISTRATION_PREFIX } from '../custom-domains';
import type { RetentionResult } from '../data/delete-all';
import { DELETE_ALL_CONFIRMATION, type DeleteAllResult, type DeleteAllSummary } from '../data/delete-all';
import { buildExport, type ExportResult } from '../data/export';
import {
  enforceRetention,
  ensureRetentionAlarm,
  loadRetentionSetting,
  RETENTION_ALARM,
  type RetentionPeriod,
  type RetentionTrigger,
  saveRetentionSetting,
} from '../data/retention';
import { db } from '../db';
import { HELPDESK_REGISTRATION_PREFIX, originsOf } from '../helpdesks/access';
import { enabledHelpdesks } from '../helpdesks/access-client';
import { ADAPTERS } from '../helpdesks/registry';
import { t } from '../i18n/t';
import { isApiKeySecretId } from '../providers/schema';
import { loadProviders } from '../providers/store';
import { SELECTOR_OVERRIDES_KEY } from '../selector-overrides';
import { loadProviderSettings } from '../settings-store';

// The background's side of "Your data" in the options page: retention (at start, on the alarm, when the
// period changes), export, and delete-all. Reached only through the router's data/* requests, which accept
// extension pages only (utils/background/senders.ts isTopLevelExtensionPage).

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runRetention(trigger: RetentionTrigger) {
  return enforceRetention(db(), trigger);
}

/** Wires the schedule: the alarm exists, and each firing applies the period. Called once per worker start. */
export function startRetentionSchedule(): void {
  const alarms = browser.alarms;
  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) void runRetention('schedule').catch(() => null);
  });
  void ensureRetentionAlarm({
    get: (name) => alarms.get(name),
    create: (name, info) => alarms.create(name, info),
  }).catch(() => null);
}

export async function setRetention(period: RetentionPeriod): Promise<RetentionResult> {
  try {
    await saveRetentionSetting({ period });
    return { ok: true, period, run: await runRetention('setting-changed') };
  } catch (error) {
    return { ok: false, message: t('core_data_retention_failed', errorText(error)) };
  }
}

export async function exportData(): Promise<ExportResult> {
  try {
    const [provider, providers, retention, domainsRaw, overridesRaw] = await Promise.all([
      loadProviderSettings(),
      loadProviders(),
      loadRetentionSetting(),
      storage.getItem<unknown>(CUSTOM_DOMAINS_KEY),
      storage.getItem<unknown>(SELECTOR_OVERRIDES_KEY),
    ]);
    const data = await buildExport({
      database: db(),
      provider: provider.settings,
      providers: providers.state,
      retention,
      domainsRaw,
      overridesRaw,
    });
    return { ok: true, data };
  } catch (error) {
    return { ok: false, message: t('core_data_export_failed', errorText(error)) };
  }
}

interface RegisteredScript {
  id: string;
}

/** Empties IndexedDB (tables kept, so open pages keep working), every storage area, and the registrations. */
export async function deleteAllData(confirmation: string): Promise<DeleteAllResult> {
  if (confirmation !== DELETE_ALL_CONFIRMATION) {
    return { ok: false, message: t('core_data_delete_unconfirmed') };
  }
  const failures: string[] = [];
  const database = db();
  const tables = { generations: 0, drafts: 0, secrets: 0, apiKeyRemoved: false };
  try {
    // Clearing (not deleting the database) keeps the connections of an open panel valid. Every table, so one
    // added later (metrics, presets) is never left behind.
    await database.transaction('rw', database.tables, async () => {
      tables.generations = await database.generations.count();
      tables.drafts = await database.drafts.count();
      tables.secrets = await database.secrets.count();
      // Every provider's key (`provider:<id>:apiKey`), not only the first provider's.
      tables.apiKeyRemoved = (await database.secrets.toArray()).some((s) => isApiKeySecretId(s.id));
      for (const table of database.tables) await table.clear();
    });
  } catch (error) {
    failures.push(t('core_data_failure_database', errorText(error)));
  }

  // Every key in the extension's own storage areas is Deskmate's: web pages and other extensions have their own.
  const clearArea = async (name: 'local' | 'session' | 'sync'): Promise<string[]> => {
    const area = browser.storage[name];
    if (!area) return [];
    try {
      const keys = Object.keys(await area.get(null));
      await area.clear();
      return keys;
    } catch (error) {
      failures.push(`storage.${name} (${errorText(error)})`);
      return [];
    }
  };
  const localKeys = await clearArea('local');
  const sessionKeys = await clearArea('session');
  const syncKeys = await clearArea('sync');

  let registrations = 0;
  try {
    const ids = ((await browser.scripting.getRegisteredContentScripts()) as RegisteredScript[]).map(
      (script) => script.id,
    );
    const declared = ids.filter((id) => id.startsWith(REGISTRATION_PREFIX));
    // The built-in helpdesks' scripts go too (their access goes below); the summary names those helpdesks.
    const ours = [...declared, ...ids.filter((id) => id.startsWith(HELPDESK_REGISTRATION_PREFIX))];
    if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours });
    registrations = declared.length;
  } catch (error) {
    failures.push(t('core_data_failure_registrations', errorText(error)));
  }

  // Optional site access the agent granted (helpdesks turned on, model endpoints, declared domains) goes back too:
  // after a reset Deskmate should not keep reaching sites nobody configured any more. Required hosts cannot be
  // removed.
  let siteAccessRemoved: string[] = [];
  let helpdesksTurnedOff: string[] = [];
  try {
    // Firefox MV2 lists its required hosts under `permissions`.
    const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
    const required = new Set([...(manifest.host_permissions ?? []), ...(manifest.permissions ?? [])]);
    const turnedOn = await enabledHelpdesks();
    const granted = ((await browser.permissions.getAll()).origins ?? []).filter((o) => !required.has(o));
    if (granted.length > 0 && (await browser.permissions.remove({ origins: granted }))) {
      const helpdeskOrigins = new Set(turnedOn.flatMap(originsOf));
      siteAccessRemoved = granted.filter((origin) => !helpdeskOrigins.has(origin));
      helpdesksTurnedOff = turnedOn.map((id) => ADAPTERS.find((a) => a.id === id)?.name ?? id);
    }
  } catch (error) {
    failures.push(t('core_data_failure_site_access', errorText(error)));
  }

  const summary: DeleteAllSummary = {
    ...tables,
    siteAccessRemoved: [...siteAccessRemoved].sort(),
    helpdesksTurnedOff,
    localKeys: localKeys.sort(),
    sessionKeys: sessionKeys.length,
    syncKeys: syncKeys.length,
    registrations,
    failures,
  };
  return { ok: true, summary };
}
