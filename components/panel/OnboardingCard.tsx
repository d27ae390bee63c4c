import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n/t';
import type { ChromeAiAvailability } from '@/utils/providers/default-choice';

// Shown in the side panel when no model is set up and none was found on this computer: the choices, in plain
// words, and one button to the settings.

export function OnboardingCard({ warning, chromeAi }: { warning?: string; chromeAi?: ChromeAiAvailability }) {
  return (
    <section className="notice warn onboarding" data-testid="no-provider" aria-labelledby="onboarding-title">
      <p id="onboarding-title">
        <strong>{t('panel_onboarding_title')}</strong>
      </p>
      {warning ? <p data-testid="no-provider-warning">{warning}</p> : null}
      <ul className="onboarding-choices">
        <li>
          <strong>{t('panel_onboarding_local_title')}</strong> {t('panel_onboarding_local')}
        </li>
        <li>
          <strong>{t('panel_onboarding_gateway_title')}</strong> {t('panel_onboarding_gateway')}
        </li>
        <li>
          <strong>{t('panel_onboarding_key_title')}</strong> {t('panel_onboarding_key')}
        </li>
        {chromeAi === 'downloadable' || chromeAi === 'downloading' ? (
          <li data-testid="onboarding-chrome-ai">
            <strong>{t('panel_onboarding_chrome_title')}</strong>{' '}
            {chromeAi === 'downloading'
              ? t('panel_onboarding_chrome_downloading')
              : t('panel_onboarding_chrome')}
          </li>
        ) : null}
      </ul>
      <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('panel_onboarding_setup')}
      </button>
    </section>
  );
}
