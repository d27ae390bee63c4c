import { browser } from 'wxt/browser';
import { endpointPolicyProblem } from '../background/managed-policy';
import { t } from '../i18n/t';
import { testResolvedConnection } from '../llm/test-connection';
import { managedArea } from '../managed-area';
import type { PanelRequest, TestConnectionResult } from '../messaging/protocol';
import { isHttpUrl } from '../settings';
import { hostPermissionPattern } from '../settings-store';
import { guessPresetId, PRESET_IDS, type PresetId, presetById } from './presets';
import { toResolved } from './resolve';
import {
  AzureFields,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  LEGACY_PROVIDER_ID,
} from './schema';
import { defaultProviderOf, loadProviderKey, loadProviders } from './store';

// "Test connection" in the background: the candidate from the form laid over the saved provider it edits.
// The stored key is read here, so the options page never holds it.

type ProviderTestRequest = Extract<PanelRequest, { type: 'provider/test' }>;

function fail(message: string): TestConnectionResult {
  return { ok: false, error: { code: 'bad-request', message } };
}

function asPresetId(value: string | undefined): PresetId | undefined {
  return PRESET_IDS.find((id) => id === value);
}

export async function runProviderTest(request: ProviderTestRequest): Promise<TestConnectionResult> {
  const { state } = await loadProviders();
  const saved = request.providerId
    ? state.providers.find((p) => p.id === request.providerId)
    : (defaultProviderOf(state) ?? undefined);
  const baseURL = (request.baseURL ?? saved?.baseURL ?? '').trim();
  const presetId = asPresetId(request.presetId) ?? saved?.presetId ?? guessPresetId(baseURL);
  if (presetById(presetId)?.onDevice) {
    return fail(t('core_llm_test_on_device'));
  }
  if (!isHttpUrl(baseURL)) {
    return fail(t('core_llm_test_need_url'));
  }
  let azure: AzureFields | undefined;
  if (presetId === 'azure-openai') {
    const parsed = AzureFields.safeParse(request.azure ?? saved?.azure);
    if (!parsed.success) return fail(t('core_llm_test_need_azure'));
    azure = parsed.data;
  }
  const model = request.listModels
    ? ''
    : (request.model ?? saved?.model ?? '').trim() || (azure?.deployment ?? '');
  const keyOwner = request.providerId ?? state.defaultId ?? LEGACY_PROVIDER_ID;
  const apiKey = request.useStoredKey ? await loadProviderKey(keyOwner) : request.apiKey?.trim() || null;
  const timeoutMs = saved?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const resolved = toResolved(
    {
      id: saved?.id ?? keyOwner,
      presetId,
      label: saved?.label ?? presetId,
      baseURL,
      // The model may still be empty: testing is how the agent discovers which models exist.
      model,
      timeoutMs,
      firstTokenTimeoutMs: Math.min(saved?.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS, timeoutMs),
      ...(azure ? { azure } : {}),
    },
    apiKey,
  );
  // The administrator's endpoint rules hold for tests too: a refused endpoint is never contacted.
  const refused = await endpointPolicyProblem(managedArea(), { baseURL, model });
  if (refused) return { ok: false, error: { code: 'forbidden', message: refused } };
  const pattern = hostPermissionPattern(baseURL);
  return testResolvedConnection(resolved, {
    hasPermission: async () => (pattern ? browser.permissions.contains({ origins: [pattern] }) : true),
  });
}
