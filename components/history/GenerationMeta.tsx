import type { GenerationRecord } from '@/utils/db';

// One generation's facts on one line: kind, preset, model, tokens in/out, when, how it ended, whether the agent
// used it. Shared by the panel's history and the history page. Every value is a React text child.

const KIND: Record<GenerationRecord['kind'], string> = { summary: 'Summary', draft: 'Draft' };

const OUTCOME: Record<GenerationRecord['outcome'], string> = {
  streaming: 'still writing',
  complete: 'complete',
  stopped: 'stopped',
  interrupted: 'cut off',
  error: 'failed',
};

// One formatter for every row: building one per call costs more than the whole row's render.
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const COUNT = new Intl.NumberFormat();

export function formatWhen(epochMs: number): string {
  return WHEN.format(epochMs);
}

function tokens(g: GenerationRecord): string | null {
  if (g.promptTokens === undefined && g.outputTokens === undefined) return null;
  const n = (value: number | undefined) => (value === undefined ? '?' : COUNT.format(value));
  return `${n(g.promptTokens)} in / ${n(g.outputTokens)} out tokens`;
}

function usedLabel(g: GenerationRecord): string | null {
  if (g.kind !== 'draft') return null;
  if (!g.inserted) return 'not inserted';
  return g.insertMethod === 'copy' ? 'copied' : 'inserted';
}

export function GenerationMeta({ generation: g }: { generation: GenerationRecord }) {
  const used = usedLabel(g);
  const tokenText = tokens(g);
  return (
    <span className="history-meta">
      <strong data-testid="history-kind">{KIND[g.kind]}</strong>
      {g.presetName && <span data-testid="history-preset">{g.presetName}</span>}
      <span data-testid="history-model">{g.model}</span>
      {tokenText && <span data-testid="history-tokens">{tokenText}</span>}
      <time dateTime={new Date(g.startedAt).toISOString()} data-testid="history-time">
        {formatWhen(g.startedAt)}
      </time>
      {g.outcome !== 'complete' && <span data-testid="history-outcome">{OUTCOME[g.outcome]}</span>}
      {used && (
        <span className={g.inserted ? 'history-used' : undefined} data-testid="history-inserted">
          {used}
        </span>
      )}
    </span>
  );
}
