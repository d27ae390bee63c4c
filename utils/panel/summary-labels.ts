import { t } from '../i18n/t';
import {
  type Sentiment,
  type Summary,
  type SummaryField,
  summaryAsPlainText,
  type Urgency,
} from '../llm/summary';

// The summary's field names and values as the agent reads them (card, ticket card, copied text), in the UI
// language. The model answers with fixed English keys and values; only their display is translated.

const FIELD_KEYS = {
  issue: 'panel_field_issue',
  customerWants: 'panel_field_customer_wants',
  doneSoFar: 'panel_field_done_so_far',
  sentiment: 'panel_field_sentiment',
  urgency: 'panel_field_urgency',
  language: 'panel_field_language',
  nextSteps: 'panel_field_next_steps',
} as const satisfies Record<SummaryField, string>;

const SENTIMENT_KEYS = {
  positive: 'panel_sentiment_positive',
  neutral: 'panel_sentiment_neutral',
  frustrated: 'panel_sentiment_frustrated',
  angry: 'panel_sentiment_angry',
  unknown: 'panel_sentiment_unknown',
} as const satisfies Record<Sentiment, string>;

const URGENCY_KEYS = {
  low: 'panel_urgency_low',
  normal: 'panel_urgency_normal',
  high: 'panel_urgency_high',
  urgent: 'panel_urgency_urgent',
  unknown: 'panel_urgency_unknown',
} as const satisfies Record<Urgency, string>;

export const summaryFieldLabel = (field: SummaryField): string => t(FIELD_KEYS[field]);
export const sentimentLabel = (value: Sentiment): string => t(SENTIMENT_KEYS[value]);
export const urgencyLabel = (value: Urgency): string => t(URGENCY_KEYS[value]);

/** The summary as plain text for the clipboard, with the words the card shows. */
export function summaryCopyText(summary: Summary): string {
  return summaryAsPlainText(summary, {
    field: summaryFieldLabel,
    sentiment: sentimentLabel,
    urgency: urgencyLabel,
  });
}
