import { useEffect, useState } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import type { StreamState } from '@/utils/panel/use-generations';

const LABELS: Partial<Record<StreamState['status'], MessageKey>> = {
  waiting: 'panel_status_waiting',
  streaming: 'panel_status_streaming',
  done: 'panel_status_done',
  stopped: 'panel_status_stopped',
};

/** Seconds spent waiting for the first token, so a slow model never looks like a frozen panel. */
function useWaitingSeconds(waiting: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!waiting) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  return seconds;
}

const RETRY_CAUSE = {
  'rate-limit': 'panel_retry_rate_limit',
  server: 'panel_retry_server',
  network: 'panel_retry_network',
} as const satisfies Record<NonNullable<StreamState['retry']>['reason'], MessageKey>;

/** Seconds left before the retry, counting down (at least 1 while waiting). */
function useRetrySeconds(retry: StreamState['retry']): number {
  const left = () => (retry ? Math.max(1, Math.ceil((retry.at + retry.delayMs - Date.now()) / 1000)) : 0);
  const [seconds, setSeconds] = useState(left);
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart the countdown per notice only
  useEffect(() => {
    setSeconds(left());
    if (!retry) return;
    const timer = setInterval(() => setSeconds(left()), 250);
    return () => clearInterval(timer);
  }, [retry]);
  return seconds;
}

/** "Rate limited by the provider — retrying in 3 s (attempt 2 of 3)". */
function retryLabel(retry: NonNullable<StreamState['retry']>, seconds: number): string {
  return t('panel_retrying', t(RETRY_CAUSE[retry.reason]), seconds, retry.attempt, retry.maxAttempts);
}

/** What a screen reader hears when a stream ends: which card, and how it ended. */
export function announcementOf(stream: StreamState, testId: string): string {
  const summary = testId.startsWith('summary');
  if (stream.status === 'done')
    return t(summary ? 'panel_announce_summary_done' : 'panel_announce_draft_done');
  if (stream.status === 'stopped')
    return t(summary ? 'panel_announce_summary_stopped' : 'panel_announce_draft_stopped');
  if (stream.status === 'error')
    return t(
      summary ? 'panel_announce_summary_failed' : 'panel_announce_draft_failed',
      stream.error?.message ?? t('panel_announce_see_above'),
    );
  return '';
}

export function StreamStatusLine({ stream, testId }: { stream: StreamState; testId: string }) {
  const retry = stream.status === 'waiting' ? stream.retry : undefined;
  const seconds = useWaitingSeconds(stream.status === 'waiting' && !retry);
  const retrySeconds = useRetrySeconds(retry);
  const status = LABELS[stream.status];
  const label = retry ? retryLabel(retry, retrySeconds) : (stream.note ?? (status ? t(status) : undefined));
  return (
    <p
      className="status"
      data-testid={testId}
      data-status={stream.status}
      data-retry-attempt={retry?.attempt}
      data-incomplete={stream.incomplete ? 'true' : undefined}
    >
      {label ?? ''}
      {stream.status === 'waiting' && !retry && seconds >= 2 ? ` ${seconds} s` : ''}
      {stream.model && stream.status !== 'idle' ? <span className="muted"> · {stream.model}</span> : null}
      {/* Announced once per outcome, not on every second of waiting or every streamed word. */}
      <span className="sr-only" role="status" data-testid={`${testId}-announce`}>
        {announcementOf(stream, testId)}
      </span>
    </p>
  );
}
