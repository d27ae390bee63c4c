import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import {
  CUSTOM_DOMAINS_KEY,
  type CustomDomainsState,
  type DeclaredDomain,
  MAX_CUSTOM_DOMAINS,
  parseOrigin,
  parseStoredDomains,
  patternOf,
  REGISTRATION_PREFIX,
  registrationIdOf,
} from '../custom-domains';
import { setDeclaredHosts } from '../helpdesks/custom-hosts';
import { contentScriptFileOf } from '../helpdesks/matches';
import { ADAPTERS } from '../helpdesks/registry';
import { t } from '../i18n/t';
import type { DomainsResult } from '../messaging/protocol';
import { loadProviders } from '../providers/store';
import { hostPermissionPattern } from '../settings-store';
import { injectIntoTabsMatching } from './reinject';

// The background owns the content-script registrations of declared helpdesk domains. The stored list is the
// truth; `syncRegistrations` makes the browser's registrations match it (at start, after an update, after the
// agent took a site's access away), and keeps the background's own adapter matching in step with it.

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

async function loadState(): Promise<CustomDomainsState> {
  return parseStoredDomains(await storage.getItem<unknown>(CUSTOM_DOMAINS_KEY)).state;
}

async function saveState(state: CustomDomainsState): Promise<void> {
  await storage.setItem(CUSTOM_DOMAINS_KEY, state);
  applyToMatcher(state);
}

function applyToMatcher(state: CustomDomainsState): void {
  setDeclaredHosts(state.domains.map((d) => ({ host: new URL(d.origin).host, helpdesk: d.helpdesk })));
}

let loaded: Promise<void> | null = null;

/** The background's adapter matching knows the declared hosts (once per worker life, then kept in step). */
export function declaredHostsReady(): Promise<void> {
  loaded ??= (async () => {
    applyToMatcher(await loadState());
    storage.watch<unknown>(CUSTOM_DOMAINS_KEY, (raw) => applyToMatcher(parseStoredDomains(raw).state));
  })().catch(() => {
    loaded = null; // storage failed: try again on the next message
  });
  return loaded;
}

async function hasPermission(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

// One sync at a time: two overlapping ones would both try to register the same id.
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

async function syncNow(): Promise<CustomDomainsState> {
  const state = await loadState();
  const kept: DeclaredDomain[] = [];
  const now = Date.now();
  const revoked = [...state.revoked];
  for (const domain of state.domains) {
    if (await hasPermission(patternOf(domain.origin))) kept.push(domain);
    else revoked.push({ origin: domain.origin, helpdesk: domain.helpdesk, revokedAt: now });
  }
  const next: CustomDomainsState = {
    domains: kept,
    revoked: revoked.slice(-MAX_CUSTOM_DOMAINS),
  };
  if (kept.length !== state.domains.length) await saveState(next);
  else applyToMatcher(next);

  // One registration per host pattern, carrying the content script of each helpdesk declared on it (two ports
  // of one host may be different helpdesks; each script only starts where its adapter matches the exact host).
  const wanted = new Map<string, { pattern: string; files: string[] }>();
  for (const domain of kept) {
    const pattern = patternOf(domain.origin);
    const id = registrationIdOf(pattern);
    const entry = wanted.get(id) ?? { pattern, files: [] };
    const file = contentScriptFileOf(domain.helpdesk);
    if (!entry.files.includes(file)) entry.files.push(file);
    wanted.set(id, entry);
  }
  const existing = ((await browser.scripting.getRegisteredContentScripts()) as RegisteredScript[]).filter(
    (script) => script.id.startsWith(REGISTRATION_PREFIX),
  );
  const current = (script: RegisteredScript) => {
    const want = wanted.get(script.id);
    const files = (script.js ?? []).map((file) => file.replace(/^\//, ''));
    return (
      want !== undefined &&
      script.matches?.length === 1 &&
      script.matches[0] === want.pattern &&
      files.length === want.files.length &&
      want.files.every((file) => files.includes(file))
    );
  };
  const stale = existing.filter((script) => !current(script)).map((script) => script.id);
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const present = new Set(existing.filter(current).map((script) => script.id));
  const missing = [...wanted].filter(([id]) => !present.has(id));
  if (missing.length > 0) {
    await browser.scripting.registerContentScripts(
      missing.map(([id, want]) => ({
        id,
        matches: [want.pattern],
        js: want.files,
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
  return next;
}

/** Makes the registrations match the stored list; drops (and records) domains whose access was revoked. */
export function syncRegistrations(): Promise<CustomDomainsState> {
  return serialised(syncNow);
}

/** Match patterns of the declared domains (for re-injecting into open tabs after an update). */
export async function declaredPatterns(): Promise<string[]> {
  const state = await loadState();
  return [...new Set(state.domains.map((d) => patternOf(d.origin)))];
}

function adapterName(id: string): string | undefined {
  return ADAPTERS.find((adapter) => adapter.id === id)?.name;
}

export function addDomain(originInput: string, helpdesk: string): Promise<DomainsResult> {
  return serialised(async () => {
    const parsed = parseOrigin(originInput);
    if (!parsed.ok) return { ok: false, message: parsed.error };
    const name = adapterName(helpdesk);
    if (!name) return { ok: false, message: t('core_data_domains_no_adapter', helpdesk) };
    const { origin, pattern } = parsed.value;
    if (!(await hasPermission(pattern))) {
      return {
        ok: false,
        message: t('core_data_domains_no_permission', origin),
      };
    }
    const state = await loadState();
    const others = state.domains.filter((d) => d.origin !== origin);
    if (others.length >= MAX_CUSTOM_DOMAINS) {
      return { ok: false, message: t('core_data_domains_too_many', MAX_CUSTOM_DOMAINS) };
    }
    const replaced = state.domains.find((d) => d.origin === origin);
    await saveState({
      domains: [...others, { origin, helpdesk, addedAt: Date.now() }],
      revoked: state.revoked.filter((r) => r.origin !== origin),
    });
    const synced = await syncNow();
    // Tabs already open there get the script now (the registration only covers the next page loads). A tab
    // re-declared as another helpdesk keeps its old script's adapter until it is reloaded.
    if (!replaced) await injectIntoTabsMatching([pattern]);
    const what =
      replaced && replaced.helpdesk !== helpdesk
        ? t(
            'core_data_domains_now_read_as',
            origin,
            name,
            adapterName(replaced.helpdesk) ?? replaced.helpdesk,
          )
        : t('core_data_domains_read_as', origin, name);
    return { ok: true, state: synced, message: what };
  });
}

/** Patterns the manifest grants for good: they cannot (and need not) be given back. */
function requiredPatterns(): Set<string> {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  return new Set([...(manifest.host_permissions ?? []), ...(manifest.permissions ?? [])]);
}

export function removeDomain(origin: string): Promise<DomainsResult> {
  return serialised(async () => {
    const state = await loadState();
    const target = state.domains.find((d) => d.origin === origin);
    const revokedOnly = state.revoked.some((r) => r.origin === origin);
    if (!target && !revokedOnly) return { ok: false, message: t('core_data_domains_not_declared', origin) };
    await saveState({
      domains: state.domains.filter((d) => d.origin !== origin),
      revoked: state.revoked.filter((r) => r.origin !== origin),
    });
    const synced = await syncNow();
    if (!target)
      return { ok: true, state: synced, message: t('core_data_domains_removed_from_list', origin) };

    // Give the site access back unless something else still needs it.
    const pattern = patternOf(origin);
    const sharedWith = synced.domains.find((d) => patternOf(d.origin) === pattern);
    // Every configured provider, not only the default: removing a domain must not cut off another endpoint.
    const providers = (await loadProviders()).state.providers;
    let kept: string | null = null;
    if (sharedWith) kept = t('core_data_domains_kept_shared', sharedWith.origin);
    else if (providers.some((p) => hostPermissionPattern(p.baseURL) === pattern))
      kept = t('core_data_domains_kept_provider');
    else if (requiredPatterns().has(pattern)) kept = t('core_data_domains_kept_required');
    if (!kept) {
      try {
        await browser.permissions.remove({ origins: [pattern] });
      } catch (error) {
        kept = t('core_data_domains_kept_refused', String(error).slice(0, 120));
      }
    }
    return {
      ok: true,
      state: synced,
      message: kept
        ? t('core_data_domains_removed_kept', origin, kept)
        : t('core_data_domains_removed_released', origin),
    };
  });
}

export function dismissRevoked(): Promise<DomainsResult> {
  return serialised(async () => {
    const state = await loadState();
    const next = { domains: state.domains, revoked: [] };
    await saveState(next);
    return { ok: true, state: next, message: '' };
  });
}
