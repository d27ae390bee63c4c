import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n/t';
import type { LlmError } from '@/utils/messaging/protocol';

const NEEDS_SETTINGS = new Set<LlmError['code']>(['no-provider', 'auth', 'forbidden', 'model-not-found']);

export function ErrorNotice({ error, onRetry }: { error: LlmError; onRetry?: () => void }) {
  return (
    <div className="notice error" role="alert" data-testid="generation-error" data-code={error.code}>
      <p>{error.message}</p>
      <div className="row">
        {NEEDS_SETTINGS.has(error.code) && (
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('panel_open_settings')}
          </button>
        )}
        {onRetry && error.code !== 'no-provider' && (
          <button type="button" onClick={onRetry}>
            {error.retryAfterSeconds
              ? t('panel_retry_wait', Math.ceil(error.retryAfterSeconds))
              : t('panel_try_again')}
          </button>
        )}
      </div>
    </div>
  );
}
