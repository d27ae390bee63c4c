import { parseSummary, type Sentiment, type Urgency } from '../llm/summary';

// The ticket card's sentiment and urgency come from the latest COMPLETE summary of the ticket: a summary that is
// streaming, stopped or cut off says nothing yet (the previous complete one still holds), and a value the model
// left "unknown" is no fact worth a line on the card.

/** A finished summary: the model's own text, and the preset that made it (its answer is in the preset's format). */
export interface CompleteSummary {
  text: string;
  presetName: string | null;
}

export interface SummarySignals {
  sentiment?: Exclude<Sentiment, 'unknown'>;
  urgency?: Exclude<Urgency, 'unknown'>;
}

/** Sentiment and urgency of a finished summary; null when it has neither (a preset's text, a plain-text answer). */
export function summarySignals(summary: CompleteSummary | null): SummarySignals | null {
  // A preset's answer is shown as its own Markdown, never parsed as the card's JSON: no signals either.
  if (!summary || summary.presetName) return null;
  const parsed = parseSummary(summary.text);
  if (!parsed.ok) return null;
  const { sentiment, urgency } = parsed.summary;
  const signals: SummarySignals = {
    ...(sentiment !== 'unknown' ? { sentiment } : {}),
    ...(urgency !== 'unknown' ? { urgency } : {}),
  };
  return signals.sentiment || signals.urgency ? signals : null;
}
