import { formatNumber, t, tCount } from '../i18n/t';
import { formatUsd } from '../llm/money';
import type { ContextWindowInfo, TokenCountMethod, TrimReport } from '../messaging/protocol';

// Agent-facing sentences about a generation's size and cost. Plain functions so the wording is tested; the
// component only lays them out. Trimming is normal for long threads: say what happened, calmly.

export interface UsageFacts {
  model: string;
  promptTokens?: number;
  tokenCountMethod?: TokenCountMethod;
  contextWindow?: ContextWindowInfo;
  trimmed?: TrimReport | null;
  outputTokens?: number;
  costUsd?: number | null;
}

/** 128000 → "128k", 1047576 → "1M", 8192 → "8k" (1.5M is "1,5M" in German). */
export function formatWindow(tokens: number): string {
  if (tokens >= 1_000_000) return `${formatNumber(Math.round(tokens / 100_000) / 10)}M`;
  if (tokens >= 1000) return `${formatNumber(Math.round(tokens / 1000))}k`;
  return formatNumber(tokens);
}

/** "1,234 prompt tokens · 210 answer tokens · ≈ $0.0021", or null when nothing was counted (older records). */
export function usageLine(facts: UsageFacts): string | null {
  if (facts.promptTokens === undefined) return null;
  const approx = facts.tokenCountMethod === 'estimate' ? '≈ ' : '';
  const parts = [`${approx}${tCount('panel_prompt_tokens', facts.promptTokens)}`];
  if (facts.outputTokens !== undefined)
    parts.push(`${approx}${tCount('panel_answer_tokens', facts.outputTokens)}`);
  if (facts.costUsd === null) parts.push(t('panel_no_price'));
  else if (facts.costUsd !== undefined) parts.push(`≈ ${formatUsd(facts.costUsd)}`);
  return parts.join(' · ');
}

/** "12 middle messages were left out to fit gpt-4o-mini's 128k window. …", or null when nothing was trimmed. */
export function trimNote(facts: UsageFacts): string | null {
  const trimmed = facts.trimmed;
  if (
    !trimmed ||
    (trimmed.omittedMessages === 0 && trimmed.shortenedMessages === 0 && !trimmed.droppedSnippets)
  )
    return null;
  const window = facts.contextWindow
    ? t('panel_trim_window_size', facts.model, formatWindow(facts.contextWindow.tokens))
    : t('panel_trim_window', facts.model);
  const sentences: string[] = [];
  if (trimmed.omittedMessages > 0)
    sentences.push(tCount('panel_trim_omitted', trimmed.omittedMessages, window));
  if (trimmed.shortenedMessages > 0) {
    sentences.push(
      trimmed.omittedMessages > 0
        ? tCount('panel_trim_shortened', trimmed.shortenedMessages)
        : tCount('panel_trim_shortened_fit', trimmed.shortenedMessages, window),
    );
  }
  // Knowledge snippets left out (lowest-ranked first) to fit: utils/privacy/payload.ts.
  if (trimmed.droppedSnippets)
    sentences.push(tCount('knowledge_panel_trim_dropped', trimmed.droppedSnippets));
  return sentences.join(' ');
}

/** Said when the window was assumed: the agent can set the real one. */
export function windowNote(facts: UsageFacts): string | null {
  if (facts.contextWindow?.source !== 'assumed') return null;
  return t('panel_window_assumed', facts.model, formatWindow(facts.contextWindow.tokens));
}
