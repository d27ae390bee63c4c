import { z } from 'zod';
import { t, tCount } from '../i18n/t';
import { isHttpUrl, ProviderSettings } from '../settings';
import { guessPresetId, PRESET_IDS, presetById } from './presets';

// Several providers at once, one default. Stored in storage.local under PROVIDERS_KEY; the API keys are not
// here (storage.local is readable by content scripts) but in Dexie secrets, one per provider id.

export const PROVIDERS_KEY = 'local:providers';
/** The id the single provider of earlier versions gets, so its stored key (provider:default:apiKey) still fits. */
export const LEGACY_PROVIDER_ID = 'default';
export const MAX_PROVIDERS = 20;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 60_000;

export function apiKeySecretId(providerId: string): string {
  return `provider:${providerId}:apiKey`;
}

/** True for the secret id of a provider's API key (whatever the provider). */
export function isApiKeySecretId(id: string): boolean {
  return /^provider:[^:]+:apiKey$/.test(id);
}

const Timeout = z.number().int().min(1000).max(600_000);

export const AzureFields = z.object({
  deployment: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, { error: () => t('core_llm_azure_deployment_chars') }),
  // Dated versions (2024-10-21, 2025-01-01-preview); "v1"/"latest"/"preview" select Azure's newer v1 API.
  apiVersion: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2}(-preview)?|v1|latest|preview)$/, {
      error: () => t('core_llm_azure_api_version'),
    }),
});
export type AzureFields = z.infer<typeof AzureFields>;

export const ProviderConfig = z
  .object({
    /** Stable: the key's secret id and (later) presets of replies name a provider by it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
    presetId: z.enum(PRESET_IDS),
    label: z.string().trim().min(1).max(80),
    /** Empty only for the on-device provider, which has no endpoint. */
    baseURL: z.string().max(2000),
    model: z.string().trim().min(1).max(200),
    /** The whole call, first token to last. */
    timeoutMs: Timeout.default(DEFAULT_TIMEOUT_MS),
    /** How long the first token may take (a local model may need to load first). */
    firstTokenTimeoutMs: Timeout.default(DEFAULT_FIRST_TOKEN_TIMEOUT_MS),
    /** Overrides the known context window of the model (utils/llm/model-facts.ts). */
    contextWindow: z.number().int().min(256).max(10_000_000).optional(),
    azure: AzureFields.optional(),
  })
  .superRefine((provider, ctx) => {
    const onDevice = presetById(provider.presetId)?.onDevice === true;
    if (!onDevice && !isHttpUrl(provider.baseURL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseURL'],
        message: t('core_llm_base_url_scheme'),
      });
    }
    if (provider.presetId === 'azure-openai' && !provider.azure) {
      ctx.addIssue({
        code: 'custom',
        path: ['azure'],
        message: t('core_llm_azure_needs_fields'),
      });
    }
    if (provider.firstTokenTimeoutMs > provider.timeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['firstTokenTimeoutMs'],
        message: t('core_llm_first_token_too_long'),
      });
    }
  });
export type ProviderConfig = z.infer<typeof ProviderConfig>;
export type ProviderConfigInput = z.input<typeof ProviderConfig>;

export const ProvidersState = z
  .object({
    providers: z.array(ProviderConfig).max(MAX_PROVIDERS),
    /** Null only when the list is empty. */
    defaultId: z.string().nullable(),
  })
  .superRefine((state, ctx) => {
    const ids = state.providers.map((p) => p.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['providers'], message: t('core_llm_providers_duplicate_id') });
    }
    if (state.providers.length > 0 && (state.defaultId === null || !ids.includes(state.defaultId))) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultId'],
        message: t('core_llm_providers_default_missing'),
      });
    }
  });
export type ProvidersState = z.infer<typeof ProvidersState>;

export const EMPTY_PROVIDERS: ProvidersState = { providers: [], defaultId: null };

export interface LoadedProviders {
  state: ProvidersState;
  /** Something was stored but (part of it) could not be used: show it, keep going with the rest. */
  warning?: string;
  /** True when the state was built from the single provider of earlier versions (not yet written back). */
  migrated: boolean;
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The one provider of earlier versions as a list entry: same endpoint, model, timeout and key (same id). */
export function providerFromLegacy(legacy: ProviderSettings): ProviderConfig {
  const guessed = guessPresetId(legacy.baseURL);
  // An Azure URL saved before presets went through the plain client with an api-key header (v1 route):
  // keep it that way rather than invent a deployment name.
  const presetId = guessed === 'azure-openai' ? 'custom' : guessed;
  const preset = presetById(presetId);
  let host = legacy.baseURL;
  try {
    host = new URL(legacy.baseURL).host;
  } catch {
    // Validated as http(s) already; the raw string is a fine label otherwise.
  }
  return {
    id: LEGACY_PROVIDER_ID,
    presetId,
    label: presetId === 'custom' || !preset ? host.slice(0, 80) : preset.label,
    baseURL: legacy.baseURL,
    model: legacy.model,
    timeoutMs: legacy.timeoutMs,
    // Earlier versions gave the first token the whole timeout, capped at two minutes.
    firstTokenTimeoutMs: Math.min(legacy.timeoutMs, 120_000),
  };
}

/**
 * The stored providers, from whatever is in storage. Never throws:
 * - the list (PROVIDERS_KEY) wins when present; entries that fail validation are dropped with a warning;
 * - otherwise the single provider of earlier versions (`local:provider`) becomes the list's only entry,
 *   id 'default', so its key (provider:default:apiKey) keeps working;
 * - nothing stored → an empty list, no warning.
 */
export function parseStoredProviders(rawState: unknown, rawLegacy: unknown): LoadedProviders {
  if (rawState != null) {
    const parsed = ProvidersState.safeParse(rawState);
    if (parsed.success) return { state: parsed.data, migrated: false };
    return salvage(rawState, parsed.error);
  }
  if (rawLegacy != null) {
    const legacy = ProviderSettings.safeParse(rawLegacy);
    if (!legacy.success) {
      return {
        state: EMPTY_PROVIDERS,
        migrated: false,
        warning: t('core_llm_providers_invalid', issuesText(legacy.error)),
      };
    }
    const provider = providerFromLegacy(legacy.data);
    return { state: { providers: [provider], defaultId: provider.id }, migrated: true };
  }
  return { state: EMPTY_PROVIDERS, migrated: false };
}

/** Keeps every provider that still validates; a broken one does not take the others down with it. */
function salvage(raw: unknown, error: z.ZodError): LoadedProviders {
  const list: unknown[] =
    raw && typeof raw === 'object' && 'providers' in raw && Array.isArray(raw.providers) ? raw.providers : [];
  const kept: ProviderConfig[] = [];
  let dropped = 0;
  for (const entry of list.slice(0, MAX_PROVIDERS)) {
    const one = ProviderConfig.safeParse(entry);
    if (one.success && !kept.some((p) => p.id === one.data.id)) kept.push(one.data);
    else dropped += 1;
  }
  const wantedDefault =
    raw && typeof raw === 'object' && 'defaultId' in raw && typeof raw.defaultId === 'string'
      ? raw.defaultId
      : null;
  const defaultId = kept.some((p) => p.id === wantedDefault) ? wantedDefault : (kept[0]?.id ?? null);
  const issues = issuesText(error);
  return {
    state: { providers: kept, defaultId },
    migrated: false,
    warning:
      dropped > 0
        ? tCount('core_llm_providers_dropped', dropped, issues)
        : t('core_llm_providers_repaired', issues),
  };
}

/** A new id that is not in the list: short, readable, stable once given. */
export function newProviderId(existing: readonly string[], presetId: string, random = Math.random): string {
  const base = presetId.replace(/[^a-z0-9-]/g, '').slice(0, 24) || 'provider';
  for (let attempt = 0; attempt < 50; attempt++) {
    const id = `${base}-${Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0')}`;
    if (!existing.includes(id)) return id;
  }
  // A random source that keeps repeating itself: count up instead (at most MAX_PROVIDERS ids exist).
  let n = 1;
  while (existing.includes(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** A provider ready to call: its settings, its key (background only) and what the preset says about it. */
export interface ResolvedProvider {
  id: string;
  presetId: ProviderConfig['presetId'];
  label: string;
  baseURL: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
  firstTokenTimeoutMs: number;
  contextWindowOverride?: number;
  structuredOutput: 'json_schema' | 'json_object' | 'none';
  azure?: AzureFields;
}
