import type { AgentProfile } from '../agent-profile';
import { fitThread, type Trimmed } from '../llm/budget';
import { type BuiltPrompt, buildMessages } from '../llm/prompts';
import type { GenerationKind } from '../messaging/protocol';
import { type PresetRun, presetPromptInput } from '../presets/run';
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
  /** Set when a token budget was given: the prompt's tokens and what was left out to fit (null: nothing). */
  tokens?: { promptTokens: number; budgetTokens: number; trimmed: Trimmed | null };
}

/** Choices the agent made in the panel that shape the prompt (the same for preview and send). */
export interface PayloadOptions {
  /** The draft's language when the agent overrode the detected one. */
  replyLanguage?: LanguageCode;
  /** Fit the thread to the model's window by tokens; without it, the default character cap applies. */
  budget?: PayloadBudget;
  /** A preset the agent chose (and, for rewrites, their draft): it sets the task instead of the built-in one. */
  preset?: PresetRun;
  /** The agent's profile (options page): drafts are written as them; presets fill their variables from it. */
  agent?: AgentProfile;
}

/** Fit the thread to a model's window by tokens (utils/llm/budget.ts) instead of the default character cap. */
export interface PayloadBudget {
  contextWindow: number;
  answerTokens: number;
  /** Token counter for the model (the background binds the tokenizer; this module never imports it). */
  count: (text: string) => number;
  /** Chat framing per message (role, separators). */
  perMessageTokens?: number;
}

/**
 * Fitting uses a fixed nonce, so the preview and the request trim identically whatever their nonces; the real
 * nonce (32 hex characters, newNonce) appears twice in the user message and counts at most one token a character,
 * which is the room kept for it.
 */
const FIT_NONCE = 'f'.repeat(32);
const NONCE_SLACK_TOKENS = 2 * 32;
const NO_CHAR_CAP = Number.MAX_SAFE_INTEGER;

export function preparePayload(
  kind: GenerationKind,
  ticket: Ticket,
  privacy: PrivacySettings,
  nonce: string,
  options: PayloadOptions = {},
): PreparedPayload {
  const config = redactionConfigFor(privacy, ticket.helpdesk);
  // Redaction first, then the budget: placeholders are what the model sees, so they are what is counted.
  const { ticket: outgoing, placeholders } = config
    ? redactTicket(ticket, config)
    : { ticket, placeholders: {} };
  const replyLanguage = kind === 'draft' ? options.replyLanguage : undefined;
  // The preset is rendered from the redacted ticket (its data fields carry the same placeholders) and the
  // draft is redacted with the ticket's map, so a preset never sends what redaction took out.
  const agent = options.agent;
  const build = {
    nonce,
    ...(replyLanguage ? { replyLanguage } : {}),
    ...(agent?.name ? { agentName: agent.name } : {}),
    ...(options.preset
      ? {
          preset: presetPromptInput(
            agent ? { ...options.preset, agent } : options.preset,
            outgoing,
            placeholders,
            replyLanguage,
          ),
        }
      : {}),
  };
  const redacted = Boolean(config);
  const { budget } = options;
  if (!budget) return { ...buildMessages(kind, outgoing, build), placeholders, redacted };

  const promptTokensOf = (built: BuiltPrompt) =>
    built.messages.reduce(
      (sum, m) =>
        sum + (budget.perMessageTokens ?? 3) + budget.count(typeof m.content === 'string' ? m.content : ''),
      3,
    );
  const overhead =
    promptTokensOf(buildMessages(kind, { ...outgoing, messages: [] }, { ...build, nonce: FIT_NONCE })) +
    NONCE_SLACK_TOKENS;
  let fit = fitThread(outgoing, { ...budget, overheadTokens: overhead });
  // The per-message estimate inside fitThread errs high but is not exact (an injection warning naming kept
  // messages, separators): near the budget, measure the real prompt and tighten until it is within it. Far below
  // it (the usual long-window case) that extra pass over the whole thread is skipped. Both tests are
  // nonce-independent, so the preview and the request still trim identically.
  const budgetTokens = Math.max(0, budget.contextWindow - budget.answerTokens);
  for (let round = 0, extra = 0; round < 4 && fit.estimatedTokens > budgetTokens * 0.9; round++) {
    const measured = promptTokensOf(
      buildMessages(kind, fit.ticket, { ...build, nonce: FIT_NONCE, maxPromptChars: NO_CHAR_CAP }),
    );
    const excess = measured + NONCE_SLACK_TOKENS - budgetTokens;
    if (excess <= 0) break;
    extra += excess;
    fit = fitThread(outgoing, { ...budget, overheadTokens: overhead + extra });
  }
  const built = buildMessages(kind, fit.ticket, { ...build, maxPromptChars: NO_CHAR_CAP });
  const promptTokens = promptTokensOf(built);
  return {
    ...built,
    placeholders,
    redacted,
    tokens: {
      promptTokens,
      budgetTokens,
      trimmed: fit.trimmed ? { ...fit.trimmed, promptTokens } : null,
    },
  };
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
