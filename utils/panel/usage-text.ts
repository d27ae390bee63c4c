import { tCount } from '../i18n/t';
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

/** 128000 → "128k", 1047576 → "1M", 8192 → "8k". */
export function formatWindow(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}k`;
  return String(tokens);
}

// Built once: toLocaleString builds a formatter per call, and the usage line is rendered while streaming.
const NUMBER = new Intl.NumberFormat('en-US');

function plural(n: number, one: string, many: string): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

/** "1,234 prompt tokens · 210 answer tokens · ≈ $0.0021", or null when nothing was counted (older records). */
export function usageLine(facts: UsageFacts): string | null {
  if (facts.promptTokens === undefined) return null;
  const approx = facts.tokenCountMethod === 'estimate' ? '≈ ' : '';
  const parts = [`${approx}${plural(facts.promptTokens, 'prompt token', 'prompt tokens')}`];
  if (facts.outputTokens !== undefined)
    parts.push(`${approx}${plural(facts.outputTokens, 'answer token', 'answer tokens')}`);
  if (facts.costUsd === null) parts.push('no price set for this model');
  else if (facts.costUsd !== undefined) parts.push(`≈ ${formatUsd(facts.costUsd)}`);
  return parts.join(' · ');
}

/** "12 middle messages were left out to fit gpt-4o-mini's 128k window. …", or null when nothing was trimmed. */
export function trimNote(facts: UsageFacts): string | null {
  const t = facts.trimmed;
  if (!t || (t.omittedMessages === 0 && t.shortenedMessages === 0 && !t.droppedSnippets)) return null;
  const window = facts.contextWindow ? `${formatWindow(facts.contextWindow.tokens)} ` : '';
  const fit = `to fit ${facts.model}'s ${window}window`;
  const sentences: string[] = [];
  if (t.omittedMessages > 0) {
    sentences.push(
      `${plural(t.omittedMessages, 'middle message was', 'middle messages were')} left out ${fit}; the first customer message and the latest ones were sent whole.`,
    );
  }
  if (t.shortenedMessages > 0) {
    sentences.push(
      `${plural(t.shortenedMessages, 'long message was', 'long messages were')} shortened in the middle${t.omittedMessages > 0 ? '' : ` ${fit}`}.`,
    );
  }
  // Knowledge snippets left out (lowest-ranked first) to fit: utils/privacy/payload.ts.
  if (t.droppedSnippets) sentences.push(tCount('knowledge_panel_trim_dropped', t.droppedSnippets));
  return sentences.join(' ');
}

/** Said when the window was assumed: the agent can set the real one. */
export function windowNote(facts: UsageFacts): string | null {
  if (facts.contextWindow?.source !== 'assumed') return null;
  return `Deskmate does not know ${facts.model}'s context window and assumed ${formatWindow(facts.contextWindow.tokens)} tokens; set the real one in the provider settings to send more of long threads.`;
}
