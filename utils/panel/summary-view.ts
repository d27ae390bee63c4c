import {
  type ParsedSummary,
  parsePartialSummary,
  parseSummary,
  type Summary,
  type SummaryField,
  withoutThinking,
} from '../llm/summary';
import { restorePlaceholders } from '../privacy/engine';
import type { StreamStatus } from './use-generations';

// What the summary card shows for the model's text at this point of the stream. Decided here, not in the
// component: a finished answer is parsed (card, or plain text with a note); a running one shows the fields
// that have arrived (never half-written JSON); a cut-off one keeps the fields it got.

export type SummaryView =
  | { kind: 'empty' }
  /** The model finished without any text (an empty answer, or a structured-output refusal). */
  | { kind: 'no-answer' }
  /** Parsed: the card. `missing` fields were filled as "unknown" / empty. */
  | { kind: 'card'; summary: Summary; missing: SummaryField[] }
  /** Fields so far, while streaming (`incomplete` false) or after a stop/error/interruption (true). */
  | { kind: 'partial'; fields: Partial<Summary>; incomplete: boolean }
  /** Streaming text that does not look like JSON (a model ignoring the format): shown dimmed as it comes. */
  | { kind: 'raw' }
  /** Finished but not a summary: the text as Markdown, with the reason. */
  | { kind: 'plain'; reason: string };

type PlaceholderMap = Readonly<Record<string, string>>;

function restoreSummary<T extends Partial<Summary>>(fields: T, map: PlaceholderMap): T {
  const out: Partial<Summary> = { ...fields };
  for (const key of ['issue', 'customerWants', 'doneSoFar', 'language'] as const) {
    const value = fields[key];
    if (value !== undefined) out[key] = restorePlaceholders(value, map);
  }
  if (fields.nextSteps) out.nextSteps = fields.nextSteps.map((s) => restorePlaceholders(s, map));
  return out as T;
}

const looksLikeJson = (text: string) => /^\s*(```|\{)/.test(text);

export function summaryView(raw: string, status: StreamStatus, map: PlaceholderMap = {}): SummaryView {
  if (raw.trim() === '') return status === 'done' ? { kind: 'no-answer' } : { kind: 'empty' };
  const running = status === 'waiting' || status === 'streaming';
  if (running) {
    const fields = parsePartialSummary(raw);
    if (fields) return { kind: 'partial', fields: restoreSummary(fields, map), incomplete: false };
    const answer = withoutThinking(raw);
    // Still thinking, or the JSON has just begun: "Summarising…" rather than raw text.
    return answer === '' || looksLikeJson(answer)
      ? { kind: 'partial', fields: {}, incomplete: false }
      : { kind: 'raw' };
  }
  const parsed: ParsedSummary = parseSummary(raw);
  if (parsed.ok)
    return { kind: 'card', summary: restoreSummary(parsed.summary, map), missing: parsed.missing };
  if (status === 'stopped' || status === 'error') {
    const fields = parsePartialSummary(raw);
    if (fields && Object.keys(fields).length > 0)
      return { kind: 'partial', fields: restoreSummary(fields, map), incomplete: true };
  }
  return { kind: 'plain', reason: parsed.reason };
}
