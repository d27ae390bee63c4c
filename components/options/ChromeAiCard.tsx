import { useState } from 'react';
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

const WORDS: Record<Exclude<ChromeAiAvailability, 'unavailable'>, string> = {
  available: 'Chrome’s on-device model is ready on this computer.',
  downloadable:
    'Chrome can run a small model on this computer: tickets never leave it. The model has to be downloaded once.',
  downloading: 'Chrome is downloading its on-device model.',
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
        setUsed({ ok: true, text: 'Deskmate now uses Chrome’s on-device model.' });
      } catch (error) {
        setUsed({ ok: false, text: `The choice could not be saved: ${errorText(error)}` });
      }
    })();
  };

  return (
    <section className="chrome-ai" aria-labelledby="chrome-ai-title" data-testid="chrome-ai-card">
      <h3 id="chrome-ai-title">Chrome on-device model</h3>
      <p data-testid="chrome-ai-availability" data-availability={availability}>
        {availability === 'unavailable'
          ? 'Chrome’s on-device model is not available on this computer.'
          : WORDS[availability]}
        {inUse && availability === 'available' ? ' Deskmate uses it now.' : ''}
      </p>
      {state.phase === 'downloading' ? (
        <div className="chrome-ai-row">
          <progress
            data-testid="chrome-ai-progress"
            max={1}
            {...(state.fraction === null ? {} : { value: state.fraction })}
            aria-label="Download progress"
          />
          <span className="muted" data-testid="chrome-ai-progress-text">
            {state.fraction === null ? 'Starting…' : `${Math.round(state.fraction * 100)} %`}
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
            {availability === 'downloading' ? 'Show download progress' : 'Download on-device model'}
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
            Use on-device model
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
