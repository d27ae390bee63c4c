import { Markdown } from '@/components/Markdown';
import type { StreamState } from '@/utils/panel/use-generations';
import { ErrorNotice } from './ErrorNotice';
import { IncompleteActions } from './IncompleteActions';
import { StreamStatusLine } from './StreamStatusLine';

interface Props {
  text: string;
  stream: StreamState;
  disabled: boolean;
  onGenerate(): void;
  /** Carry on from a cut-off summary (offered while `stream.incomplete`). */
  onContinue(): void;
  onStop(): void;
}

export function SummaryCard({ text, stream, disabled, onGenerate, onContinue, onStop }: Props) {
  const running = stream.status === 'waiting' || stream.status === 'streaming';
  return (
    <section className="card" aria-labelledby="summary-title">
      <div className="card-head">
        <h3 id="summary-title">Summary</h3>
        {running ? (
          <button type="button" onClick={onStop} data-testid="summary-stop">
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={onGenerate}
            disabled={disabled}
            data-testid="summarize"
          >
            {text ? 'Summarize again' : 'Summarize'}
          </button>
        )}
      </div>
      <StreamStatusLine stream={stream} testId="summary-status" />
      {stream.error && (
        <ErrorNotice error={stream.error} onRetry={stream.incomplete ? undefined : onGenerate} />
      )}
      {stream.incomplete && !running && (
        <IncompleteActions
          testPrefix="summary"
          disabled={disabled}
          onContinue={onContinue}
          onRegenerate={onGenerate}
        />
      )}
      {text && (
        <div className="summary" data-testid="summary-text">
          <Markdown text={text} />
        </div>
      )}
    </section>
  );
}
