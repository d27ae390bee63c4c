import { useEffect, useState } from 'react';
import type { StreamState } from '@/utils/panel/use-generations';

const LABELS: Partial<Record<StreamState['status'], string>> = {
  waiting: 'Waiting for the model…',
  streaming: 'Writing…',
  done: 'Done.',
  stopped: 'Stopped — the text so far is kept.',
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

const RETRY_CAUSE: Record<NonNullable<StreamState['retry']>['reason'], string> = {
  'rate-limit': 'Rate limited by the provider',
  server: 'The provider’s server had an error',
  network: 'Could not reach the provider',
};

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
  return `${RETRY_CAUSE[retry.reason]} — retrying in ${seconds} s (attempt ${retry.attempt} of ${retry.maxAttempts})`;
}

/** What a screen reader hears when a stream ends: which card, and how it ended. */
export function announcementOf(stream: StreamState, testId: string): string {
  const what = testId.startsWith('summary') ? 'The summary' : 'The draft';
  if (stream.status === 'done') return `${what} is ready.`;
  if (stream.status === 'stopped') return `${what} was stopped; the text so far is kept.`;
  if (stream.status === 'error')
    return `${what} failed: ${stream.error?.message ?? 'see the message above.'}`;
  return '';
}

export function StreamStatusLine({ stream, testId }: { stream: StreamState; testId: string }) {
  const retry = stream.status === 'waiting' ? stream.retry : undefined;
  const seconds = useWaitingSeconds(stream.status === 'waiting' && !retry);
  const retrySeconds = useRetrySeconds(retry);
  const label = retry ? retryLabel(retry, retrySeconds) : (stream.note ?? LABELS[stream.status]);
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
