import { managedArea } from '../managed-area';
import { presetLabel } from '../options/provider-preset-text';
import { loadPolicy } from '../presets/policy';
import { chooseDefaultProvider, type DefaultProbes, defaultProbes } from '../providers/default-choice';
import { presetById } from '../providers/presets';
import {
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  newProviderId,
  type ProviderConfig,
} from '../providers/schema';
import { defaultProviderOf, loadProviders, upsertProvider } from '../providers/store';

// "Does the next generation run on Chrome's on-device model?" — asked by the panel before it starts one (the
// on-device model runs in the panel, every other provider in the background). True when the default provider is
// the on-device one, or when nothing is configured and the automatic choice (utils/providers/default-choice.ts)
// picks Chrome's model. No key is read here.

export const CHROME_AI_PRESET_ID = 'chrome-ai' as const;

/** Never throws: an unreadable store means "not on-device" (the background path then explains the problem). */
export async function activeProviderIsOnDevice(probes: DefaultProbes = defaultProbes): Promise<boolean> {
  try {
    // A policy that requires an endpoint or turns off personal providers rules the on-device model out: the request
    // then goes to the background, which refuses it with the administrator's reason.
    const { policy } = await loadPolicy(managedArea());
    if (policy.requiredProvider || policy.disablePersonalProviders) return false;
    const { state } = await loadProviders();
    const provider = defaultProviderOf(state);
    if (provider) return provider.presetId === CHROME_AI_PRESET_ID;
    if (state.providers.length > 0) return false;
    return (await chooseDefaultProvider(probes)).kind === 'chrome-ai';
  } catch {
    return false;
  }
}

/** Makes Chrome's on-device model the default provider (the options page's "Use on-device model"). */
export async function chooseOnDeviceProvider(): Promise<void> {
  const { state } = await loadProviders();
  const existing = state.providers.find((p) => p.presetId === CHROME_AI_PRESET_ID);
  const preset = presetById(CHROME_AI_PRESET_ID);
  const config: ProviderConfig = existing ?? {
    id: newProviderId(
      state.providers.map((p) => p.id),
      CHROME_AI_PRESET_ID,
    ),
    presetId: CHROME_AI_PRESET_ID,
    // Saved in the UI language, as the provider editor saves a preset's name left empty.
    label: presetLabel({ id: CHROME_AI_PRESET_ID, label: preset?.label ?? '' }),
    baseURL: '',
    model: preset?.suggestedModel ?? 'gemini-nano',
    timeoutMs: DEFAULT_TIMEOUT_MS,
    firstTokenTimeoutMs: DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  };
  await upsertProvider(config, { makeDefault: true });
}
