import type { AgentProfile } from '../agent-profile';
import { type KnowledgeUse, type PromptSnippet, refOf } from '../knowledge/prompt-section';
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
  /** The knowledge snippets in the prompt (key → K id, in order) and those left out to fit the window. */
  knowledge?: { sent: { key: string; ref: string }[]; dropped: string[] };
}

/** A chosen snippet for the prompt, before it gets its K id (its place after the budget). */
export type KnowledgeInput = Omit<PromptSnippet, 'ref'> & { key: string };

/**
 * The share of the prompt room left after the fixed prompt (rules, ticket header) that knowledge may take: the
 * thread the reply answers keeps at least the other half. Beyond it, the lowest-ranked snippets are left out.
 */
export const KNOWLEDGE_SHARE = 0.5;

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
  /** Knowledge snippets (drafts only), best first: the budget drops from the end. */
  knowledge?: { snippets: readonly KnowledgeInput[]; use: KnowledgeUse };
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
type BuildOptionsOf = Parameters<typeof buildMessages>[2];

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
  const chosen = kind === 'draft' ? (options.knowledge?.snippets ?? []) : [];
  const withKnowledge = (snippets: readonly KnowledgeInput[]) =>
    snippets.length
      ? {
          ...build,
          knowledge: {
            snippets: snippets.map((s, i) => ({ ...s, ref: refOf(i) })),
            use: options.knowledge?.use ?? 'cite',
          },
        }
      : build;
  const knowledgeReport = (kept: readonly KnowledgeInput[]) =>
    chosen.length
      ? {
          knowledge: {
            sent: kept.map((s, i) => ({ key: s.key, ref: refOf(i) })),
            dropped: chosen.slice(kept.length).map((s) => s.key),
          },
        }
      : {};
  if (!budget)
    return {
      ...buildMessages(kind, outgoing, withKnowledge(chosen)),
      placeholders,
      redacted,
      ...knowledgeReport(chosen),
    };

  const promptTokensOf = (built: BuiltPrompt) =>
    built.messages.reduce(
      (sum, m) =>
        sum + (budget.perMessageTokens ?? 3) + budget.count(typeof m.content === 'string' ? m.content : ''),
      3,
    );
  const budgetTokens = Math.max(0, budget.contextWindow - budget.answerTokens);
  const fixedTokens = (options: BuildOptionsOf) =>
    promptTokensOf(buildMessages(kind, { ...outgoing, messages: [] }, { ...options, nonce: FIT_NONCE }));
  // Knowledge first, within its share of the room: the lowest-ranked snippets go until the rest fits.
  const bare = fixedTokens(build);
  const allowance = Math.floor(Math.max(0, budgetTokens - bare - NONCE_SLACK_TOKENS) * KNOWLEDGE_SHARE);
  let kept = chosen;
  while (kept.length > 0 && fixedTokens(withKnowledge(kept)) - bare > allowance) kept = kept.slice(0, -1);
  const fitted = withKnowledge(kept);
  const overhead = (kept.length ? fixedTokens(fitted) : bare) + NONCE_SLACK_TOKENS;
  let fit = fitThread(outgoing, { ...budget, overheadTokens: overhead });
  // The per-message estimate inside fitThread errs high but is not exact (an injection warning naming kept
  // messages, separators): near the budget, measure the real prompt and tighten until it is within it. Far below
  // it (the usual long-window case) that extra pass over the whole thread is skipped. Both tests are
  // nonce-independent, so the preview and the request still trim identically.
  for (let round = 0, extra = 0; round < 4 && fit.estimatedTokens > budgetTokens * 0.9; round++) {
    const measured = promptTokensOf(
      buildMessages(kind, fit.ticket, { ...fitted, nonce: FIT_NONCE, maxPromptChars: NO_CHAR_CAP }),
    );
    const excess = measured + NONCE_SLACK_TOKENS - budgetTokens;
    if (excess <= 0) break;
    extra += excess;
    fit = fitThread(outgoing, { ...budget, overheadTokens: overhead + extra });
  }
  const built = buildMessages(kind, fit.ticket, { ...fitted, maxPromptChars: NO_CHAR_CAP });
  const promptTokens = promptTokensOf(built);
  const droppedSnippets = chosen.length - kept.length;
  const trimmed: Trimmed | null =
    fit.trimmed || droppedSnippets > 0
      ? {
          ...(fit.trimmed ?? { omittedMessages: 0, shortenedMessages: 0, budgetTokens }),
          promptTokens,
          ...(droppedSnippets > 0 ? { droppedSnippets } : {}),
        }
      : null;
  return {
    ...built,
    placeholders,
    redacted,
    tokens: { promptTokens, budgetTokens, trimmed },
    ...knowledgeReport(kept),
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
