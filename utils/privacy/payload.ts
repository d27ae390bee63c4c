import { type BuiltPrompt, buildMessages } from '../llm/prompts';
import type { GenerationKind } from '../messaging/protocol';
import type { LanguageCode } from '../ticket/language';
import type { Ticket } from '../ticket/ticket';
import { placeholderSpans, type RedactedSpan, redactTicket } from './engine';
import { type PrivacySettings, redactionConfigFor } from './settings';

// THE one place a model payload is made: redaction, then the prompt. The background calls it right before
// each model call; the panel's preview calls the same function, so what is previewed is what is sent
// (only the per-request nonce differs).

export interface PreparedPayload extends BuiltPrompt {
  /** placeholder → real value (empty when redaction is off for this ticket). */
  placeholders: Record<string, string>;
  redacted: boolean;
}

/** Choices the agent made in the panel that shape the prompt (the same for preview and send). */
export interface PayloadOptions {
  /** The draft's language when the agent overrode the detected one. */
  replyLanguage?: LanguageCode;
}

export function preparePayload(
  kind: GenerationKind,
  ticket: Ticket,
  privacy: PrivacySettings,
  nonce: string,
  options: PayloadOptions = {},
): PreparedPayload {
  const build = {
    nonce,
    ...(kind === 'draft' && options.replyLanguage ? { replyLanguage: options.replyLanguage } : {}),
  };
  const config = redactionConfigFor(privacy, ticket.helpdesk);
  if (!config) return { ...buildMessages(kind, ticket, build), placeholders: {}, redacted: false };
  const { ticket: redacted, placeholders } = redactTicket(ticket, config);
  return { ...buildMessages(kind, redacted, build), placeholders, redacted: true };
}

/** Text segments of one message for display: plain runs and redacted placeholders (rendered as spans). */
export type PreviewSegment = { start: number; text: string; redaction?: RedactedSpan };

export function previewSegments(
  text: string,
  placeholders: Readonly<Record<string, string>>,
): PreviewSegment[] {
  const out: PreviewSegment[] = [];
  let last = 0;
  for (const span of placeholderSpans(text, placeholders)) {
    if (span.start > last) out.push({ start: last, text: text.slice(last, span.start) });
    out.push({ start: span.start, text: span.placeholder, redaction: span });
    last = span.end;
  }
  if (last < text.length) out.push({ start: last, text: text.slice(last) });
  return out;
}
