import { useState } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import type { ChromeAiAvailability } from '@/utils/llm/chrome-ai';
import { useChromeAi } from '@/utils/options/use-chrome-ai';

// Chrome's built-in model as a provider: availability in plain words, the one-time download with its
// progress, and "Use on-device model". Renders nothing where the browser has no such model (Firefox,
// Chromium builds without it): there is nothing the agent could do with it there.

export interface ChromeAiCardProps {
  /** Makes the on-device model the active provider. */
  onUse(): void | Promise<void>;
  /** True when it already is the active provider. */
  inUse?: boolean;
}

const WORDS: Record<ChromeAiAvailability, MessageKey> = {
  available: 'options_chrome_ai_available',
  downloadable: 'options_chrome_ai_downloadable',
  downloading: 'options_chrome_ai_downloading',
  unavailable: 'options_chrome_ai_unavailable',
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ChromeAiCard({ onUse, inUse = false }: ChromeAiCardProps) {
  const { state, download } = useChromeAi();
  const [used, setUsed] = useState<{ ok: boolean; text: string } | null>(null);

  if (state.phase === 'checking') return null;
  const availability = state.phase === 'downloading' ? 'downloading' : state.availability;
  if (availability === 'unavailable' && state.phase !== 'failed') return null;

  const use = () => {
    setUsed(null);
    void (async () => {
      try {
        await onUse();
        setUsed({ ok: true, text: t('options_chrome_ai_used') });
      } catch (error) {
        setUsed({ ok: false, text: t('options_chrome_ai_use_failed', errorText(error)) });
      }
    })();
  };

  return (
    <section className="chrome-ai" aria-labelledby="chrome-ai-title" data-testid="chrome-ai-card">
      <h3 id="chrome-ai-title">{t('options_chrome_ai_title')}</h3>
      <p data-testid="chrome-ai-availability" data-availability={availability}>
        {t(WORDS[availability])}
        {inUse && availability === 'available' ? ` ${t('options_chrome_ai_in_use')}` : ''}
      </p>
      {state.phase === 'downloading' ? (
        <div className="chrome-ai-row">
          <progress
            data-testid="chrome-ai-progress"
            max={1}
            {...(state.fraction === null ? {} : { value: state.fraction })}
            aria-label={t('options_chrome_ai_progress_label')}
          />
          <span className="muted" data-testid="chrome-ai-progress-text">
            {state.fraction === null
              ? t('options_chrome_ai_starting')
              : t('options_chrome_ai_percent', Math.round(state.fraction * 100))}
          </span>
        </div>
      ) : null}
      {state.phase === 'failed' ? (
        <p className="status status-error" role="alert" data-testid="chrome-ai-error">
          {state.message}
        </p>
      ) : null}
      <div className="chrome-ai-row">
        {(availability === 'downloadable' || availability === 'downloading') &&
        state.phase !== 'downloading' ? (
          <button type="button" className="secondary" data-testid="chrome-ai-download" onClick={download}>
            {availability === 'downloading'
              ? t('options_chrome_ai_show_progress')
              : t('options_chrome_ai_download')}
          </button>
        ) : null}
        {availability === 'available' && state.phase !== 'downloading' ? (
          <button
            type="button"
            className="primary"
            data-testid="chrome-ai-use"
            onClick={use}
            disabled={inUse}
          >
            {t('options_chrome_ai_use')}
          </button>
        ) : null}
      </div>
      {used ? (
        <p
          className={`status ${used.ok ? 'status-success' : 'status-error'}`}
          role="status"
          data-testid="chrome-ai-used"
        >
          {used.text}
        </p>
      ) : null}
    </section>
  );
}
