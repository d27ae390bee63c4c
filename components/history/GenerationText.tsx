import { Markdown } from '@/components/Markdown';
import { type MessageKey, t } from '@/utils/i18n/t';
import { parseSummary } from '@/utils/llm/summary';
import type { GenerationKind } from '@/utils/messaging/protocol';

// A stored generation's text as the agent reads it: a structured summary as labelled fields, anything else as
// sanitised markdown (React text nodes only, never HTML).

const FIELDS = [
  ['issue', 'history_summary_issue'],
  ['customerWants', 'history_summary_customer_wants'],
  ['doneSoFar', 'history_summary_done_so_far'],
  ['sentiment', 'history_summary_mood'],
  ['urgency', 'history_summary_urgency'],
  ['language', 'history_summary_language'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

export function GenerationText({ kind, text }: { kind: GenerationKind; text: string }) {
  if (text.trim() === '') return <p className="muted">{t('history_no_text')}</p>;
  const parsed = kind === 'summary' ? parseSummary(text) : null;
  if (parsed?.ok) {
    const { summary } = parsed;
    return (
      <dl className="history-summary">
        {FIELDS.map(([field, label]) => (
          <div key={field}>
            <dt>{t(label)}</dt>
            <dd>{summary[field]}</dd>
          </div>
        ))}
        {summary.nextSteps.length > 0 && (
          <div>
            <dt>{t('history_summary_next_steps')}</dt>
            <dd>
              <ol>
                {summary.nextSteps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </dd>
          </div>
        )}
      </dl>
    );
  }
  return <Markdown text={text} className="history-text" />;
}
