import OpenAI, { AzureOpenAI } from 'openai';
import { t } from '../i18n/t';
import type { ResolvedProvider } from '../providers/schema';
import type { ProviderSettings } from '../settings';

/**
 * Sent as the bearer token when the agent left the key empty (Ollama, LM Studio, vLLM without
 * --api-key). The SDK refuses to construct a client without some credential, and local servers
 * ignore the header. toLlmError() turns a 401 in that case into "this endpoint needs a key".
 */
export const NO_KEY_PLACEHOLDER = 'not-needed';

/** Azure OpenAI resources authenticate keys with an `api-key` header rather than `Authorization`. */
export function isAzureHost(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname.toLowerCase();
    return (
      host.endsWith('.openai.azure.com') ||
      host.endsWith('.cognitiveservices.azure.com') ||
      host.endsWith('.services.ai.azure.com')
    );
  } catch {
    return false;
  }
}

/**
 * The one way Deskmate builds an SDK client. Only the background context calls this; the key never
 * leaves it.
 */
export function createClient(settings: ProviderSettings, apiKey: string | null): OpenAI {
  const key = apiKey?.trim() ? apiKey.trim() : null;
  return new OpenAI({
    baseURL: settings.baseURL,
    apiKey: key ?? NO_KEY_PLACEHOLDER,
    // Set explicitly so nothing is picked up from OPENAI_* environment variables (tests run in node,
    // where the SDK reads process.env; the extension has no process.env).
    organization: null,
    project: null,
    adminAPIKey: null,
    // We surface every failure to the agent, who decides whether to retry. Silent retries would
    // also hide a 429's Retry-After behind a spinner and could double-bill a completion.
    maxRetries: 0,
    // Time until response headers arrive. The SDK clears this timer once headers are in, so it does
    // not cover a stream's body; streamChat() enforces first-token and idle timeouts itself.
    timeout: settings.timeoutMs,
    // The SDK refuses to start when it sees `window` + `document` + `navigator` (a web page that
    // could leak the key). The Chromium MV3 service worker has no `window`, so it would work without
    // this flag. But the Firefox build runs the background as an event page / MV2 background page,
    // which does have a DOM and trips the check. Either way this code runs only in the extension's
    // own background context, which holds the key; web pages and content scripts never reach it.
    dangerouslyAllowBrowser: true,
    // Azure accepts `api-key` on both its legacy and v1 routes (that is what the SDK's AzureOpenAI
    // sends); the null removes the Bearer header so a key is not sent twice.
    ...(key && isAzureHost(settings.baseURL)
      ? { defaultHeaders: { 'api-key': key, Authorization: null } }
      : {}),
  });
}

/** `https://res.openai.azure.com/openai/` → `https://res.openai.azure.com/openai`: the SDK client adds nothing itself. */
export function azureBaseURL(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /\/openai$/i.test(trimmed) ? trimmed : `${trimmed}/openai`;
}

/**
 * The one way Deskmate builds a client for a configured provider (background only). Azure OpenAI presets go
 * through the SDK's AzureOpenAI client: /openai/deployments/{deployment}/…?api-version=…, `api-key` header.
 * Everything else is an OpenAI-compatible endpoint (createClient above).
 */
export function createClientFor(provider: ResolvedProvider): OpenAI {
  if (provider.presetId === 'chrome-ai') {
    // Chrome's on-device model has no HTTP endpoint: its own runtime answers (see the Chrome AI provider).
    throw new Error(t('core_llm_on_device_not_http'));
  }
  if (provider.presetId === 'azure-openai' && provider.azure) {
    const key = provider.apiKey?.trim() ? provider.apiKey.trim() : NO_KEY_PLACEHOLDER;
    return new AzureOpenAI({
      // baseURL (not endpoint) so nothing is read from AZURE_OPENAI_ENDPOINT / OPENAI_BASE_URL in node tests.
      baseURL: azureBaseURL(provider.baseURL),
      apiKey: key,
      apiVersion: provider.azure.apiVersion,
      deployment: provider.azure.deployment,
      organization: null,
      project: null,
      adminAPIKey: null,
      maxRetries: 0,
      timeout: provider.timeoutMs,
      // Same reasoning as in createClient: only the extension's background context runs this.
      dangerouslyAllowBrowser: true,
    });
  }
  return createClient(
    { baseURL: provider.baseURL, model: provider.model, timeoutMs: provider.timeoutMs },
    provider.apiKey,
  );
}
