import { useEffect, useState } from 'react';
import { t } from '../i18n/t';
import {
  type ChromeAiAvailability,
  chooseDefaultProvider,
  type DefaultProbes,
  defaultProbes,
} from '../providers/default-choice';
import type { LoadedProviders } from '../providers/schema';
import { defaultProviderOf, loadProviders, watchProviders } from '../providers/store';

// The side panel's view of the provider: the default one, or (nothing configured) the automatic choice, or the
// onboarding card. No key is read here.

export interface PanelProviderStatus {
  /** null while loading. */
  configured: boolean | null;
  warning?: string;
  /** "host (model)", shown in the "what is sent" preview. */
  endpoint?: string;
  label?: string;
  /** Set when nothing is configured and Deskmate uses what it found on this computer. */
  automatic?: 'chrome-ai' | 'ollama';
  /** For the onboarding card's wording. */
  chromeAi?: ChromeAiAvailability;
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** Plain function behind the hook, tested without React. */
export async function panelProviderStatus(
  loaded: LoadedProviders,
  probes: DefaultProbes = defaultProbes,
): Promise<PanelProviderStatus> {
  const { state, warning } = loaded;
  const provider = defaultProviderOf(state);
  const withWarning = (status: PanelProviderStatus): PanelProviderStatus =>
    warning ? { ...status, warning } : status;
  if (provider) {
    const where = provider.baseURL === '' ? t('panel_provider_this_computer') : hostOf(provider.baseURL);
    return withWarning({
      configured: true,
      label: provider.label,
      endpoint: `${where} (${provider.model})`,
    });
  }
  if (state.providers.length > 0) return withWarning({ configured: false });
  const choice = await chooseDefaultProvider(probes);
  if (choice.kind === 'chrome-ai') {
    return withWarning({
      configured: true,
      automatic: 'chrome-ai',
      label: t('panel_provider_chrome_ai'),
      endpoint: t('panel_provider_chrome_ai_where'),
    });
  }
  if (choice.kind === 'ollama') {
    return withWarning({
      configured: true,
      automatic: 'ollama',
      label: t('panel_provider_ollama'),
      endpoint: `${hostOf(choice.baseURL)} (Ollama)`,
    });
  }
  return withWarning({ configured: false, chromeAi: choice.chromeAi });
}

export function usePanelProviderStatus(probes: DefaultProbes = defaultProbes): PanelProviderStatus {
  const [status, setStatus] = useState<PanelProviderStatus>({ configured: null });
  useEffect(() => {
    let live = true;
    const refresh = (loaded: LoadedProviders) =>
      void panelProviderStatus(loaded, probes).then((next) => live && setStatus(next));
    void loadProviders().then(refresh);
    const unwatch = watchProviders(refresh);
    return () => {
      live = false;
      unwatch();
    };
  }, [probes]);
  return status;
}
