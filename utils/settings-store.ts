import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { type MessageKey, t } from './i18n/t';
import { LlmError, type PanelRequest, TestConnectionResult } from './messaging/protocol';
import { LEGACY_PROVIDER_ID, ProviderConfig, providerFromLegacy } from './providers/schema';
import {
  defaultProviderOf,
  loadProviderKey,
  loadProviders,
  saveProviderKey,
  upsertProvider,
  watchProviders,
} from './providers/store';
import { ProviderSettings } from './settings';

// Reading and writing the provider configuration. Two homes, on purpose:
// - the shareable settings (base URL, model, timeout) live in WXT storage ('local:providers', see providers/);
// - the API key lives in Dexie (IndexedDB of the extension origin). browser.storage.local is readable by
//   content scripts, IndexedDB of the extension origin is not.

/** ProviderSettings plus the rule the shared schema does not state: the endpoint is http(s). */
/** The stored form is the schema itself (http(s)-only base URL included); kept as a name for readers. */
export const StoredProviderSettings = ProviderSettings;

export interface LoadedProviderSettings {
  settings: ProviderSettings | null;
  /** Set when something was stored but could not be used; show it, do not crash. */
  warning?: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Validates a raw stored value. `null`/`undefined` means "nothing saved yet", which is not a warning. */
export function parseStoredProviderSettings(raw: unknown): LoadedProviderSettings {
  if (raw == null) return { settings: null };
  const parsed = StoredProviderSettings.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  return {
    settings: null,
    warning: t('core_llm_providers_invalid', describeIssues(parsed.error)),
  };
}

// Since issue #4 several providers are stored (utils/providers/store.ts). These functions keep their meaning
// for the code written before: "the provider" is the default one, "the key" is the default provider's key.

/** The default provider's endpoint settings. Never throws: a storage failure is reported like a bad value. */
export async function loadProviderSettings(): Promise<LoadedProviderSettings> {
  const { state, warning } = await loadProviders();
  const provider = defaultProviderOf(state);
  // The on-device provider has no endpoint: nothing here for callers that need one.
  const settings =
    provider && provider.baseURL !== ''
      ? { baseURL: provider.baseURL, model: provider.model, timeoutMs: provider.timeoutMs }
      : null;
  return warning === undefined ? { settings } : { settings, warning };
}

/**
 * Validates before writing, so a bad value never reaches storage. Throws a ZodError when invalid.
 * Updates the default provider (creating it, id 'default', when there is none), keeping its other fields.
 */
export async function saveProviderSettings(settings: ProviderSettings): Promise<void> {
  const valid = StoredProviderSettings.parse(settings);
  const { state } = await loadProviders();
  const current = defaultProviderOf(state);
  const next: ProviderConfig = current
    ? {
        ...current,
        ...valid,
        firstTokenTimeoutMs: Math.min(current.firstTokenTimeoutMs, valid.timeoutMs),
      }
    : providerFromLegacy(valid);
  await upsertProvider(ProviderConfig.parse(next));
}

/** Calls `cb` with the validated settings whenever they change in any context. Returns unwatch. */
export function watchProviderSettings(cb: (result: LoadedProviderSettings) => void): () => void {
  return watchProviders(() => {
    void loadProviderSettings().then(cb);
  });
}

/** The id whose key the single-provider functions read and write: the default provider's, or the legacy id. */
async function defaultKeyOwner(): Promise<string> {
  const { state } = await loadProviders();
  return state.defaultId ?? LEGACY_PROVIDER_ID;
}

export async function loadApiKey(): Promise<string | null> {
  return loadProviderKey(await defaultKeyOwner());
}

/** How many of the key's last characters the options page may show: enough to recognise it, too few to use it. */
const KEY_HINT_TAIL = 4;
/** Shorter keys show no characters at all: four would give away too large a share of them. */
const KEY_HINT_MIN_LENGTH = 12;

/** "A key is stored (…60c3)": what the options page shows of a stored key. */
export function maskedKeyHint(key: string): string {
  const value = key.trim();
  return value.length >= KEY_HINT_MIN_LENGTH
    ? t('options_key_stored_tail', value.slice(-KEY_HINT_TAIL))
    : t('options_key_stored');
}

/**
 * The options page's view of the stored key: the masked hint, or null when none is stored. The key itself never
 * leaves this function, so it is never in the page's state or markup (the field is write-only).
 */
export async function loadApiKeyHint(): Promise<string | null> {
  const key = await loadApiKey();
  return key === null ? null : maskedKeyHint(key);
}

/** `null` or an empty/blank string removes the key (of the default provider). */
export async function saveApiKey(key: string | null): Promise<void> {
  await saveProviderKey(await defaultKeyOwner(), key);
}

// ---------- the provider form (options page): plain functions, tested without React ----------

export interface ProviderFormValues {
  baseURL: string;
  model: string;
  /** A new key as the agent types it; never the stored key (the field is write-only). */
  apiKey: string;
  /** Seconds, as typed by the agent. */
  timeoutSeconds: string;
}

export type ProviderFormField = 'baseURL' | 'model' | 'apiKey' | 'timeoutSeconds';
export type ProviderFormErrors = Partial<Record<ProviderFormField, string>>;

export type ProviderFormResult =
  /** `apiKey` null: no new key was typed, keep the stored one. */
  { ok: true; settings: ProviderSettings; apiKey: string | null } | { ok: false; errors: ProviderFormErrors };

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The form for saved settings. The key field always starts empty: the stored key is never loaded into it. */
export function formFromSettings(settings: ProviderSettings | null): ProviderFormValues {
  return {
    baseURL: settings?.baseURL ?? '',
    model: settings?.model ?? '',
    apiKey: '',
    timeoutSeconds: String(settings ? settings.timeoutMs / 1000 : DEFAULT_TIMEOUT_SECONDS),
  };
}

// Message keys, read when a form is checked so they follow the UI language.
const FIELD_MESSAGES: Record<'baseURL' | 'model' | 'timeoutMs', MessageKey> = {
  baseURL: 'options_provider_url_invalid',
  model: 'options_provider_model_invalid',
  timeoutMs: 'options_provider_timeout_invalid',
};

/** Turns what the agent typed into settings, or field-level messages an agent can act on. */
export function parseProviderForm(values: ProviderFormValues): ProviderFormResult {
  const errors: ProviderFormErrors = {};
  const timeoutText = values.timeoutSeconds.trim();
  const seconds = timeoutText === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeoutText);
  const candidate = {
    baseURL: values.baseURL.trim(),
    model: values.model.trim(),
    // Non-numbers stay NaN so the schema rejects them instead of silently using a default.
    timeoutMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN,
  };
  const parsed = StoredProviderSettings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'baseURL') errors.baseURL = t(FIELD_MESSAGES.baseURL);
      else if (field === 'model') errors.model = t(FIELD_MESSAGES.model);
      else if (field === 'timeoutMs') errors.timeoutSeconds = t(FIELD_MESSAGES.timeoutMs);
    }
  }
  const apiKey = values.apiKey.trim();
  if (apiKey.length > 2000) errors.apiKey = t('options_provider_key_too_long');
  else if (/\s/.test(apiKey)) errors.apiKey = t('options_provider_key_spaces');
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data, apiKey: apiKey === '' ? null : apiKey };
}

// ---------- host permission for the model endpoint ----------

/**
 * The match pattern that grants access to the endpoint's host. No port: Chrome treats a missing port as
 * "any port", and Firefox rejects patterns that contain one. Null for a non-http(s) or unparsable URL.
 */
export function hostPermissionPattern(baseURL: string): string | null {
  try {
    const url = new URL(baseURL.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

export async function hasHostPermission(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/**
 * Must be called synchronously inside a click handler (a user gesture), before any other await:
 * Firefox refuses the prompt otherwise. Resolves true without a prompt when already granted.
 */
export function requestHostPermission(pattern: string): Promise<boolean> {
  let pending: Promise<boolean>;
  try {
    pending = browser.permissions.request({ origins: [pattern] });
  } catch {
    return Promise.resolve(false);
  }
  return pending.catch(() => false);
}

// ---------- "Test connection": the background does the call, we validate its answer ----------

export interface ProviderTestCandidate {
  baseURL: string;
  model: string;
  /** The key typed in the form; empty means "test with the stored key" (the background reads it). */
  apiKey: string;
  /** The saved provider being edited (its stored key, preset and Azure fields). */
  providerId?: string;
  presetId?: string;
  azure?: { deployment: string; apiVersion: string };
  /** Ask for the model list only. */
  listModels?: boolean;
}

export type ProviderTestRequest = Extract<PanelRequest, { type: 'provider/test' }>;

export function buildTestRequest(candidate: ProviderTestCandidate): ProviderTestRequest {
  const request: ProviderTestRequest = { type: 'provider/test' };
  const baseURL = candidate.baseURL.trim();
  const model = candidate.model.trim();
  const apiKey = candidate.apiKey.trim();
  // Empty base URL / model: the background falls back to the saved ones. An empty key field means "the stored
  // key" (the field never shows it): the background reads it itself, so this page never holds it.
  if (baseURL) request.baseURL = baseURL;
  if (model) request.model = model;
  if (apiKey) request.apiKey = apiKey;
  else request.useStoredKey = true;
  if (candidate.providerId) request.providerId = candidate.providerId;
  if (candidate.presetId) request.presetId = candidate.presetId;
  if (candidate.azure) request.azure = candidate.azure;
  if (candidate.listModels) {
    request.listModels = true;
    delete request.model;
  }
  return request;
}

/** Never throws: a missing or malformed answer becomes an LlmError the page can show. */
export async function testProviderConnection(
  candidate: ProviderTestCandidate,
  send: (message: PanelRequest) => Promise<unknown> = (message) => browser.runtime.sendMessage(message),
): Promise<TestConnectionResult> {
  let answer: unknown;
  try {
    answer = await send(buildTestRequest(candidate));
  } catch (error) {
    return failure('unknown', t('core_llm_background_no_answer', errorText(error)));
  }
  const parsed = TestConnectionResult.safeParse(answer);
  if (parsed.success) return parsed.data;
  return failure('bad-response', t('core_llm_background_bad_answer'));
}

function failure(code: LlmError['code'], message: string): TestConnectionResult {
  return { ok: false, error: LlmError.parse({ code, message }) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
