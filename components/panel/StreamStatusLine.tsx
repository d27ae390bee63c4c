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

export function StreamStatusLine({ stream, testId }: { stream: StreamState; testId: string }) {
  const seconds = useWaitingSeconds(stream.status === 'waiting');
  const label = stream.note ?? LABELS[stream.status];
  return (
    <p className="status" data-testid={testId} data-status={stream.status} aria-live="polite">
      {label ?? ''}
      {stream.status === 'waiting' && seconds >= 2 ? ` ${seconds} s` : ''}
      {stream.model && stream.status !== 'idle' ? <span className="muted"> · {stream.model}</span> : null}
    </p>
  );
}
