// The outcome of an action in the options page, said once: a success is announced politely, an error as an alert.

export interface StatusMessage {
  tone: 'success' | 'error';
  message: string;
}

export function StatusLine({ status, testId }: { status: StatusMessage; testId: string }) {
  return (
    <p
      className={`status status-${status.tone}`}
      role={status.tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {status.message}
    </p>
  );
}
