import { t } from '../i18n/t';
import {
  chooseDefaultProvider,
  type DefaultProbes,
  defaultProbes,
  OLLAMA_DEFAULT_ORIGIN,
  ollamaModels,
} from './default-choice';
import { presetById } from './presets';
import {
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type ProviderConfig,
  type ResolvedProvider,
} from './schema';
import { defaultProviderOf, loadProviderKey, loadProviders } from './store';

// Background only: resolving reads the provider's API key from Dexie.

export interface ResolveResult {
  provider: ResolvedProvider | null;
  /** Why there is no provider, or what was ignored on the way (shown to the agent). */
  warning?: string;
}

export interface ResolveOptions {
  /** Probes for the automatic default when nothing is configured. */
  probes?: DefaultProbes;
  fetchImpl?: typeof fetch;
}

export const AUTO_CHROME_AI_ID = 'auto-chrome-ai';
export const AUTO_OLLAMA_ID = 'auto-ollama';

export function toResolved(config: ProviderConfig, apiKey: string | null): ResolvedProvider {
  const preset = presetById(config.presetId);
  const resolved: ResolvedProvider = {
    id: config.id,
    presetId: config.presetId,
    label: config.label,
    baseURL: config.baseURL,
    model: config.model,
    apiKey,
    timeoutMs: config.timeoutMs,
    firstTokenTimeoutMs: Math.min(config.firstTokenTimeoutMs, config.timeoutMs),
    structuredOutput: preset?.structuredOutput ?? 'none',
  };
  if (config.contextWindow !== undefined) resolved.contextWindowOverride = config.contextWindow;
  if (config.azure) resolved.azure = { ...config.azure };
  return resolved;
}

/**
 * The provider to call: `id` when given (a preset of replies may name one), else the default. With nothing
 * configured at all, Chrome's on-device model or a local Ollama is used when one is there.
 */
export async function resolveProvider(id?: string, options: ResolveOptions = {}): Promise<ResolveResult> {
  const { state, warning } = await loadProviders();
  const withWarning = (result: ResolveResult): ResolveResult =>
    warning && !result.warning ? { ...result, warning } : result;

  if (id !== undefined) {
    const named = state.providers.find((p) => p.id === id);
    if (!named) {
      return withWarning({
        provider: null,
        warning: t('core_llm_provider_gone', id),
      });
    }
    return withWarning({ provider: toResolved(named, await loadProviderKey(named.id)) });
  }

  const chosen = defaultProviderOf(state);
  if (chosen) return withWarning({ provider: toResolved(chosen, await loadProviderKey(chosen.id)) });
  if (state.providers.length > 0) return withWarning({ provider: null });
  return withWarning(await automaticDefault(options));
}

async function automaticDefault(options: ResolveOptions): Promise<ResolveResult> {
  const choice = await chooseDefaultProvider(options.probes ?? defaultProbes);
  const base = {
    apiKey: null,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    firstTokenTimeoutMs: DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  };
  if (choice.kind === 'chrome-ai') {
    const preset = presetById('chrome-ai');
    return {
      provider: {
        ...base,
        id: AUTO_CHROME_AI_ID,
        presetId: 'chrome-ai',
        label: preset?.label ?? 'Chrome on-device AI',
        baseURL: '',
        model: preset?.suggestedModel ?? 'gemini-nano',
        structuredOutput: preset?.structuredOutput ?? 'none',
      },
    };
  }
  if (choice.kind === 'ollama') {
    const models = await ollamaModels(OLLAMA_DEFAULT_ORIGIN, options.fetchImpl);
    const model = models[0];
    if (!model) {
      return {
        provider: null,
        warning: t('core_llm_ollama_no_model'),
      };
    }
    return {
      provider: {
        ...base,
        id: AUTO_OLLAMA_ID,
        presetId: 'ollama',
        label: 'Ollama (this computer)',
        baseURL: choice.baseURL,
        model,
        structuredOutput: presetById('ollama')?.structuredOutput ?? 'none',
      },
    };
  }
  return { provider: null };
}
