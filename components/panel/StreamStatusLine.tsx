import type { StreamState } from '@/utils/panel/use-generations';

const LABELS: Partial<Record<StreamState['status'], string>> = {
  waiting: 'Waiting for the model…',
  streaming: 'Writing…',
  stopped: 'Stopped — the text so far is kept.',
};

export function StreamStatusLine({ stream, testId }: { stream: StreamState; testId: string }) {
  const label = stream.note ?? LABELS[stream.status];
  return (
    <p className="status" data-testid={testId} data-status={stream.status} aria-live="polite">
      {label ?? ''}
      {stream.model && stream.status !== 'idle' ? <span className="muted"> · {stream.model}</span> : null}
    </p>
  );
}
