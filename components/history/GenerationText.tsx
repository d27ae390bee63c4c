import { Markdown } from '@/components/Markdown';
import { parseSummary } from '@/utils/llm/summary';
import type { GenerationKind } from '@/utils/messaging/protocol';

// A stored generation's text as the agent reads it: a structured summary as labelled fields, anything else as
// sanitised markdown (React text nodes only, never HTML).

const FIELDS = [
  ['issue', 'Issue'],
  ['customerWants', 'Customer wants'],
  ['doneSoFar', 'Done so far'],
  ['sentiment', 'Mood'],
  ['urgency', 'Urgency'],
  ['language', 'Language'],
] as const;

export function GenerationText({ kind, text }: { kind: GenerationKind; text: string }) {
  if (text.trim() === '') return <p className="muted">No text arrived for this one.</p>;
  const parsed = kind === 'summary' ? parseSummary(text) : null;
  if (parsed?.ok) {
    const { summary } = parsed;
    return (
      <dl className="history-summary">
        {FIELDS.map(([field, label]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd>{summary[field]}</dd>
          </div>
        ))}
        {summary.nextSteps.length > 0 && (
          <div>
            <dt>Next steps</dt>
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
