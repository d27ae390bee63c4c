import { storage } from 'wxt/utils/storage';
import { db } from '../db';
import { t } from '../i18n/t';
import { PROVIDER_SETTINGS_KEY, type ProviderSettings } from '../settings';
import {
  apiKeySecretId,
  type LoadedProviders,
  PROVIDERS_KEY,
  type ProviderConfig,
  ProvidersState,
  parseStoredProviders,
} from './schema';

// Reading and writing the provider list (storage.local) and the per-provider API keys (Dexie secrets, extension
// origin only: content scripts and pages cannot read it). Keys are never part of the list, so never exported.

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Never throws: unreadable storage is reported like a bad value. */
export async function loadProviders(): Promise<LoadedProviders> {
  try {
    const [rawState, rawLegacy] = await Promise.all([
      storage.getItem<unknown>(PROVIDERS_KEY),
      storage.getItem<unknown>(PROVIDER_SETTINGS_KEY),
    ]);
    return parseStoredProviders(rawState, rawLegacy);
  } catch (error) {
    return {
      state: { providers: [], defaultId: null },
      migrated: false,
      warning: t('core_llm_providers_unreadable', errorText(error)),
    };
  }
}

/**
 * Validates, then writes the list. The default provider is also mirrored to the single-provider key of earlier
 * versions, so the data export and a downgraded extension still find a working endpoint.
 */
export async function saveProviders(state: ProvidersState): Promise<void> {
  const valid = ProvidersState.parse(state);
  await storage.setItem<ProvidersState>(PROVIDERS_KEY, valid);
  const legacy = legacyMirror(valid);
  if (legacy) await storage.setItem<ProviderSettings>(PROVIDER_SETTINGS_KEY, legacy);
  else await storage.removeItem(PROVIDER_SETTINGS_KEY);
}

function legacyMirror(state: ProvidersState): ProviderSettings | null {
  const provider = defaultProviderOf(state);
  if (!provider || provider.baseURL === '') return null;
  return { baseURL: provider.baseURL, model: provider.model, timeoutMs: provider.timeoutMs };
}

export function defaultProviderOf(state: ProvidersState): ProviderConfig | null {
  return state.providers.find((p) => p.id === state.defaultId) ?? null;
}

/** Adds or replaces (same id) one provider. The first provider, or `makeDefault`, becomes the default. */
export async function upsertProvider(provider: ProviderConfig, options: { makeDefault?: boolean } = {}) {
  const { state } = await loadProviders();
  const exists = state.providers.some((p) => p.id === provider.id);
  const providers = exists
    ? state.providers.map((p) => (p.id === provider.id ? provider : p))
    : [...state.providers, provider];
  const defaultId = options.makeDefault || state.defaultId === null ? provider.id : state.defaultId;
  const next = { providers, defaultId };
  await saveProviders(next);
  return ProvidersState.parse(next);
}

/** Removes the provider and its key. The default moves to the first remaining provider. */
export async function deleteProvider(id: string): Promise<ProvidersState> {
  const { state } = await loadProviders();
  const providers = state.providers.filter((p) => p.id !== id);
  const defaultId =
    state.defaultId === id || state.defaultId === null ? (providers[0]?.id ?? null) : state.defaultId;
  const next = { providers, defaultId };
  await saveProviders(next);
  await saveProviderKey(id, null);
  return next;
}

export async function setDefaultProvider(id: string): Promise<ProvidersState> {
  const { state } = await loadProviders();
  if (!state.providers.some((p) => p.id === id)) throw new Error(t('core_llm_provider_missing', id));
  const next = { ...state, defaultId: id };
  await saveProviders(next);
  return next;
}

/** Calls `cb` whenever the list (or the single provider of earlier versions) changes in any context. */
export function watchProviders(cb: (loaded: LoadedProviders) => void): () => void {
  const refresh = () => void loadProviders().then(cb);
  const unwatchList = storage.watch<unknown>(PROVIDERS_KEY, refresh);
  const unwatchLegacy = storage.watch<unknown>(PROVIDER_SETTINGS_KEY, refresh);
  return () => {
    unwatchList();
    unwatchLegacy();
  };
}

// ---------- API keys, one per provider ----------

/** Background and options page only (extension origin). */
export async function loadProviderKey(id: string): Promise<string | null> {
  const record = await db().secrets.get(apiKeySecretId(id));
  return record?.value ? record.value : null;
}

/** `null` or blank removes the key. */
export async function saveProviderKey(id: string, key: string | null): Promise<void> {
  const value = key?.trim() ?? '';
  if (value === '') await db().secrets.delete(apiKeySecretId(id));
  else await db().secrets.put({ id: apiKeySecretId(id), value });
}
