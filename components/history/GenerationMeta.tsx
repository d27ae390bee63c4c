import type { GenerationRecord } from '@/utils/db';
import { formatDateTime, formatNumber, type MessageKey, t } from '@/utils/i18n/t';
import { modelDisplayName } from '@/utils/llm/chrome-ai';
import { storedPresetName } from '@/utils/presets/preset-text';

// One generation's facts on one line: kind, preset, model, tokens in/out, when, how it ended, whether the agent
// used it. Shared by the panel's history and the history page. Every value is a React text child.

const KIND: Record<GenerationRecord['kind'], MessageKey> = {
  summary: 'history_entry_summary',
  draft: 'history_entry_draft',
};

const OUTCOME: Record<GenerationRecord['outcome'], MessageKey> = {
  streaming: 'history_outcome_streaming',
  complete: 'history_outcome_complete',
  stopped: 'history_outcome_stopped',
  interrupted: 'history_outcome_interrupted',
  error: 'history_outcome_error',
};

/** When a generation started, in the UI language (formatDateTime keeps one formatter for every row). */
export function formatWhen(epochMs: number): string {
  return formatDateTime(epochMs);
}

function tokens(g: GenerationRecord): string | null {
  if (g.promptTokens === undefined && g.outputTokens === undefined) return null;
  const n = (value: number | undefined) => (value === undefined ? '?' : formatNumber(value));
  return t('history_tokens', n(g.promptTokens), n(g.outputTokens));
}

function usedLabel(g: GenerationRecord): string | null {
  if (g.kind !== 'draft') return null;
  if (!g.inserted) return t('history_not_inserted');
  return g.insertMethod === 'copy' ? t('history_copied') : t('history_inserted');
}

export function GenerationMeta({ generation: g }: { generation: GenerationRecord }) {
  const used = usedLabel(g);
  const tokenText = tokens(g);
  return (
    <span className="history-meta">
      <strong data-testid="history-kind">{t(KIND[g.kind])}</strong>
      {g.presetName && <span data-testid="history-preset">{storedPresetName(g)}</span>}
      <span data-testid="history-model">{modelDisplayName(g.model)}</span>
      {tokenText && <span data-testid="history-tokens">{tokenText}</span>}
      <time dateTime={new Date(g.startedAt).toISOString()} data-testid="history-time">
        {formatWhen(g.startedAt)}
      </time>
      {g.outcome !== 'complete' && <span data-testid="history-outcome">{t(OUTCOME[g.outcome])}</span>}
      {used && (
        <span className={g.inserted ? 'history-used' : undefined} data-testid="history-inserted">
          {used}
        </span>
      )}
    </span>
  );
}
