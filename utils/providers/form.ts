import { t } from '../i18n/t';
import { presetLabel } from '../options/provider-preset-text';
import { maskedKeyHint, type ProviderFormErrors, parseProviderForm } from '../settings-store';
import { type PresetId, presetById } from './presets';
import {
  AzureFields,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  ProviderConfig,
  type ProvidersState,
} from './schema';
import { loadProviderKey } from './store';

// The provider editor of the options page, as plain functions (tested without React). Field-level messages
// for the endpoint, model, key and total timeout come from parseProviderForm, so they read as before.

export interface ProviderEditorValues {
  presetId: PresetId;
  label: string;
  baseURL: string;
  model: string;
  /** A new key as typed; never the stored one (the field is write-only). */
  apiKey: string;
  timeoutSeconds: string;
  firstTokenSeconds: string;
  contextWindow: string;
  azureDeployment: string;
  azureApiVersion: string;
}

export type EditorField = keyof ProviderEditorValues;
export type EditorErrors = Partial<Record<EditorField, string>>;

export type EditorResult =
  | { ok: true; config: ProviderConfig; apiKey: string | null }
  | { ok: false; errors: EditorErrors };

export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export function editorForPreset(presetId: PresetId): ProviderEditorValues {
  const preset = presetById(presetId);
  return {
    presetId,
    label: '',
    baseURL: preset?.baseURL ?? '',
    model: preset?.suggestedModel ?? '',
    apiKey: '',
    timeoutSeconds: String(DEFAULT_TIMEOUT_MS / 1000),
    firstTokenSeconds: String(DEFAULT_FIRST_TOKEN_TIMEOUT_MS / 1000),
    contextWindow: '',
    azureDeployment: '',
    azureApiVersion: preset?.azure ? DEFAULT_AZURE_API_VERSION : '',
  };
}

export function editorFromConfig(config: ProviderConfig): ProviderEditorValues {
  return {
    presetId: config.presetId,
    label: config.label,
    baseURL: config.baseURL,
    model: config.model,
    apiKey: '',
    timeoutSeconds: String(config.timeoutMs / 1000),
    firstTokenSeconds: String(config.firstTokenTimeoutMs / 1000),
    contextWindow: config.contextWindow === undefined ? '' : String(config.contextWindow),
    azureDeployment: config.azure?.deployment ?? '',
    azureApiVersion: config.azure?.apiVersion ?? '',
  };
}

/** The name saved when the agent leaves it empty: the one the name field showed as its placeholder. */
function defaultLabel(values: ProviderEditorValues): string {
  const preset = presetById(values.presetId);
  if (values.presetId !== 'custom' && preset) return presetLabel(preset).slice(0, 80);
  const custom = presetLabel({ id: 'custom', label: preset?.label ?? 'Custom' }).slice(0, 80);
  try {
    return new URL(values.baseURL.trim()).host.slice(0, 80) || custom;
  } catch {
    return custom;
  }
}

function seconds(text: string, fallback: number): number {
  const trimmed = text.trim();
  if (trimmed === '') return fallback;
  const n = Number(trimmed);
  return Number.isFinite(n) ? Math.round(n * 1000) : Number.NaN;
}

/** What the agent typed → a provider to save under `id`, or messages an agent can act on. */
export function parseProviderEditor(values: ProviderEditorValues, id: string): EditorResult {
  const preset = presetById(values.presetId);
  const onDevice = preset?.onDevice === true;
  const azure = preset?.azure === true;
  const errors: EditorErrors = {};

  // The model of an Azure provider is its deployment when left empty.
  const model = values.model.trim() || (azure ? values.azureDeployment.trim() : '');
  if (!onDevice) {
    const base = parseProviderForm({
      baseURL: values.baseURL,
      model,
      apiKey: values.apiKey,
      timeoutSeconds: values.timeoutSeconds,
    });
    if (!base.ok) Object.assign(errors, base.errors satisfies ProviderFormErrors);
  }

  const timeoutMs = seconds(values.timeoutSeconds, DEFAULT_TIMEOUT_MS);
  const firstTokenTimeoutMs = seconds(
    values.firstTokenSeconds,
    Math.min(DEFAULT_FIRST_TOKEN_TIMEOUT_MS, timeoutMs),
  );
  if (!(firstTokenTimeoutMs >= 1000 && firstTokenTimeoutMs <= 600_000)) {
    errors.firstTokenSeconds = t('options_provider_first_token_invalid');
  } else if (Number.isFinite(timeoutMs) && firstTokenTimeoutMs > timeoutMs) {
    errors.firstTokenSeconds = t('options_provider_first_token_too_long');
  }

  let contextWindow: number | undefined;
  const windowText = values.contextWindow.trim().replace(/[\s_,]/g, '');
  if (windowText !== '') {
    const n = Number(windowText);
    if (!Number.isInteger(n) || n < 256 || n > 10_000_000) {
      errors.contextWindow = t('options_provider_context_invalid', 256, 10_000_000);
    } else contextWindow = n;
  }

  let azureFields: AzureFields | undefined;
  if (azure) {
    const parsed = AzureFields.safeParse({
      deployment: values.azureDeployment,
      apiVersion: values.azureApiVersion.trim() || DEFAULT_AZURE_API_VERSION,
    });
    if (parsed.success) azureFields = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'deployment') {
          errors.azureDeployment = t('options_provider_deployment_invalid');
        } else errors.azureApiVersion = t('options_provider_api_version_invalid');
      }
    }
  }

  if (values.label.trim().length > 80) errors.label = t('options_provider_name_too_long', 80);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const candidate = {
    id,
    presetId: values.presetId,
    label: values.label.trim() || defaultLabel(values),
    baseURL: onDevice ? '' : values.baseURL.trim(),
    model: onDevice ? model || (preset?.suggestedModel ?? 'gemini-nano') : model,
    timeoutMs,
    firstTokenTimeoutMs,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(azureFields ? { azure: azureFields } : {}),
  };
  const parsed = ProviderConfig.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, errors: { baseURL: parsed.error.issues.map((issue) => issue.message).join('; ') } };
  }
  const apiKey = values.apiKey.trim();
  return { ok: true, config: parsed.data, apiKey: apiKey === '' || onDevice ? null : apiKey };
}

/** The id a newly added provider gets: the first one keeps the id of earlier versions ('default'). */
export function idForNewProvider(state: ProvidersState, make: () => string): string {
  return state.providers.length === 0 ? 'default' : make();
}

/** "A key is stored (…60c3)" for one provider, or null. The key itself never leaves this function. */
export async function providerKeyHint(id: string): Promise<string | null> {
  const key = await loadProviderKey(id);
  return key === null ? null : maskedKeyHint(key);
}
