import { browser } from 'wxt/browser';
import type { LlmError } from '@/utils/messaging/protocol';

const NEEDS_SETTINGS = new Set<LlmError['code']>(['no-provider', 'auth', 'forbidden', 'model-not-found']);

export function ErrorNotice({ error, onRetry }: { error: LlmError; onRetry?: () => void }) {
  return (
    <div className="notice error" role="alert" data-testid="generation-error" data-code={error.code}>
      <p>{error.message}</p>
      <div className="row">
        {NEEDS_SETTINGS.has(error.code) && (
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
        )}
        {onRetry && error.code !== 'no-provider' && (
          <button type="button" onClick={onRetry}>
            {error.retryAfterSeconds ? `Retry (wait ${Math.ceil(error.retryAfterSeconds)} s)` : 'Try again'}
          </button>
        )}
      </div>
    </div>
  );
}
