import { useMemo, useState } from 'react';
import { Markdown } from '@/components/Markdown';
import { t } from '@/utils/i18n/t';
import type { Summary, SummaryField } from '@/utils/llm/summary';
import { copyText } from '@/utils/panel/insert-or-copy';
import {
  sentimentLabel,
  summaryCopyText,
  summaryFieldLabel,
  urgencyLabel,
} from '@/utils/panel/summary-labels';
import { type SummaryView, summaryView } from '@/utils/panel/summary-view';
import type { StreamState } from '@/utils/panel/use-generations';
import { ErrorNotice } from './ErrorNotice';
import { IncompleteActions } from './IncompleteActions';
import { StreamStatusLine } from './StreamStatusLine';

interface Props {
  /** The answer with placeholders restored (the plain-text fallback shows it). */
  text: string;
  /** The model's own text and the placeholder map: parsed first, then each field restored. */
  raw: { text: string; placeholders: Readonly<Record<string, string>> };
  stream: StreamState;
  disabled: boolean;
  onGenerate(): void;
  /** Carry on from a cut-off summary (offered while `stream.incomplete`). */
  onContinue(): void;
  onStop(): void;
  /** The preset that made the summary on screen, if one did (its answer is in the preset's own format). */
  presetName?: string | null;
}

export function SummaryCard({
  text,
  raw,
  stream,
  disabled,
  onGenerate,
  onContinue,
  onStop,
  presetName,
}: Props) {
  const running = stream.status === 'waiting' || stream.status === 'streaming';
  const parsed = useMemo(() => summaryView(raw.text, stream.status, raw.placeholders), [raw, stream.status]);
  // A preset's answer is in the preset's own format: shown as safe Markdown, never parsed as the card's JSON.
  const view: SummaryView | { kind: 'preset' } = presetName && text ? { kind: 'preset' } : parsed;
  return (
    <section className="card" aria-labelledby="summary-title">
      <div className="card-head">
        <h3 id="summary-title">{t('panel_summary_title')}</h3>
        {running ? (
          <button type="button" onClick={onStop} data-testid="summary-stop">
            {t('panel_stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={onGenerate}
            disabled={disabled}
            data-testid="summarize"
          >
            {text ? t('panel_summarize_again') : t('panel_summarize')}
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
      {view.kind === 'card' && <SummaryFields fields={view.summary} missing={view.missing} mode="card" />}
      {view.kind === 'card' && <CopySummary summary={view.summary} />}
      {view.kind === 'partial' && (
        <SummaryFields
          fields={view.fields}
          missing={[]}
          mode={view.incomplete ? 'incomplete' : 'streaming'}
        />
      )}
      {view.kind === 'no-answer' && (
        <p className="notice warn" data-testid="summary-no-answer">
          {t('panel_summary_no_answer')}
        </p>
      )}
      {view.kind === 'raw' && (
        <div className="summary summary-raw muted" data-testid="summary-text" data-view="raw">
          {text}
        </div>
      )}
      {view.kind === 'preset' && (
        <>
          <p className="muted" data-testid="summary-preset">
            {t('panel_summary_from_preset', presetName ?? '')}
          </p>
          <div className="summary" data-testid="summary-text" data-view="preset">
            <Markdown text={text} />
          </div>
        </>
      )}
      {view.kind === 'plain' && (
        <>
          <p className="notice warn" data-testid="summary-plain-note" data-reason={view.reason}>
            {t('panel_summary_plain_note')} <span className="muted">({view.reason})</span>
          </p>
          <div className="summary" data-testid="summary-text" data-view="plain">
            <Markdown text={text} />
          </div>
        </>
      )}
    </section>
  );
}

const SENTIMENT_TONE: Record<Summary['sentiment'], string> = {
  positive: 'ok',
  neutral: 'muted',
  frustrated: 'warn',
  angry: 'error',
  unknown: 'muted',
};
const URGENCY_TONE: Record<Summary['urgency'], string> = {
  low: 'muted',
  normal: 'muted',
  high: 'warn',
  urgent: 'error',
  unknown: 'muted',
};

/** The fields as text (React text children only, never HTML). While streaming, those not yet arrived are left out. */
function SummaryFields({
  fields,
  missing,
  mode,
}: {
  fields: Partial<Summary>;
  missing: SummaryField[];
  /** streaming: fields so far; incomplete: the answer was cut off; card: parsed. */
  mode: 'card' | 'streaming' | 'incomplete';
}) {
  const partial = mode === 'streaming';
  const text = (key: 'issue' | 'customerWants' | 'doneSoFar', testId: string) =>
    fields[key] === undefined ? null : (
      <>
        <dt>{summaryFieldLabel(key)}</dt>
        <dd data-testid={testId} className={missing.includes(key) ? 'muted' : undefined}>
          {fields[key]}
        </dd>
      </>
    );
  const hasLabels = fields.sentiment || fields.urgency || fields.language;
  const nothingYet = Object.keys(fields).length === 0;
  return (
    <div
      className={partial ? 'summary summary-card partial' : 'summary summary-card'}
      data-testid="summary-text"
      data-view={mode}
    >
      {nothingYet && <p className="muted">{t('panel_summarising')}</p>}
      <dl className="facts summary-facts">
        {text('issue', 'summary-issue')}
        {text('customerWants', 'summary-wants')}
        {text('doneSoFar', 'summary-done')}
      </dl>
      {hasLabels && (
        <p className="summary-labels">
          {fields.sentiment && (
            <span
              className={`label tone-${SENTIMENT_TONE[fields.sentiment]}`}
              data-testid="summary-sentiment"
              data-value={fields.sentiment}
            >
              {summaryFieldLabel('sentiment')}: {sentimentLabel(fields.sentiment)}
            </span>
          )}
          {fields.urgency && (
            <span
              className={`label tone-${URGENCY_TONE[fields.urgency]}`}
              data-testid="summary-urgency"
              data-value={fields.urgency}
            >
              {summaryFieldLabel('urgency')}: {urgencyLabel(fields.urgency)}
            </span>
          )}
          {fields.language && (
            <span className="label tone-muted" data-testid="summary-language">
              {summaryFieldLabel('language')}: {fields.language}
            </span>
          )}
        </p>
      )}
      {fields.nextSteps && fields.nextSteps.length > 0 && (
        <>
          <p className="summary-steps-title">{summaryFieldLabel('nextSteps')}</p>
          <ol data-testid="summary-next-steps">
            {fields.nextSteps.map((step, i) => (
              // Steps only ever append while streaming, so the index is the identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      )}
      {!partial && missing.length > 0 && (
        <p className="muted summary-missing" data-testid="summary-missing">
          {t('panel_summary_missing', missing.map(summaryFieldLabel).join(', '))}
        </p>
      )}
    </div>
  );
}

function CopySummary({ summary }: { summary: Summary }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div className="row">
      <button
        type="button"
        data-testid="summary-copy"
        onClick={() =>
          void copyText(summaryCopyText(summary)).then((ok) => setState(ok ? 'copied' : 'failed'))
        }
      >
        {t('panel_copy')}
      </button>
      {state !== 'idle' && (
        <span
          className={state === 'copied' ? 'muted' : 'notice error'}
          role="status"
          data-testid="summary-copy-status"
        >
          {state === 'copied' ? t('panel_summary_copied') : t('panel_copy_failed')}
        </span>
      )}
    </div>
  );
}
