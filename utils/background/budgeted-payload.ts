import { loadAgentProfile } from '../agent-profile';
import { db } from '../db';
import { t } from '../i18n/t';
import { loadGenerationKnowledge } from '../knowledge/generation-knowledge';
import { answerTokensFor } from '../llm/budget';
import { contextWindowOf } from '../llm/model-facts';
import { costUsd, loadPrices, priceFor } from '../llm/prices';
import { newNonce } from '../llm/prompts';
import { countTokens, loadTokenizer, tokenCounterFor, usesO200k } from '../llm/tokens';
import type { GenerationKind, PayloadPreviewResult, PromptUsage, Refine } from '../messaging/protocol';
import { generationPresetRun } from '../presets/refine';
import { type PresetRun, PresetRunError } from '../presets/run';
import { type PayloadOptions, type PreparedPayload, preparePayload } from '../privacy/payload';
import { loadPrivacySettings } from '../privacy/store';
import { defaultProviderOf, loadProviders } from '../providers/store';
import { loadProviderSettings } from '../settings-store';
import type { LanguageCode } from '../ticket/language';
import type { Ticket } from '../ticket/ticket';
import { getTabTicket } from './tab-tickets';

// The payload for one model, fitted to its window by tokens and priced: used by the generation port and by the
// panel's preview ('payload/preview'), so what the agent previews is exactly what is sent (only the nonce
// differs, and fitting does not depend on it). Background only: it binds the tokenizer (utils/llm/tokens.ts).

export interface BudgetedPayload {
  payload: PreparedPayload;
  usage: PromptUsage;
  /** USD per 1M tokens for the answer, to price it when it is done; null when unknown. */
  outputPrice: number | null;
}

export interface BudgetOptions {
  /** The provider's context-window override (tokens), when the agent set one. */
  contextWindowOverride?: number | null;
  /** The draft's "Reply in" language, when the agent overrode the detected one. */
  replyLanguage?: LanguageCode;
  /** A preset the agent chose (utils/presets/run.ts `presetRunFor`). */
  preset?: PresetRun;
  /** Knowledge snippets the agent chose (drafts), loaded by utils/knowledge/generation-knowledge.ts. */
  knowledge?: PayloadOptions['knowledge'];
}

export async function prepareBudgetedPayload(
  kind: GenerationKind,
  ticket: Ticket,
  model: string,
  nonce: string,
  options: BudgetOptions = {},
): Promise<BudgetedPayload> {
  const [{ settings: privacy }, { prices }, agent] = await Promise.all([
    loadPrivacySettings(),
    loadPrices(),
    loadAgentProfile(),
  ]);
  const window = contextWindowOf(model, options.contextWindowOverride);
  const { count, method } = await tokenCounterFor(model);
  const payload = preparePayload(kind, ticket, privacy, nonce, {
    ...(options.replyLanguage ? { replyLanguage: options.replyLanguage } : {}),
    ...(options.preset ? { preset: options.preset } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    agent,
    budget: {
      contextWindow: window.tokens,
      answerTokens: answerTokensFor(kind, window.tokens),
      count,
      perMessageTokens: method === 'tokenizer' ? 3 : 6,
    },
  });
  const promptTokens = payload.tokens?.promptTokens ?? 0;
  const price = priceFor(model, prices);
  return {
    payload,
    usage: {
      promptTokens,
      tokenCountMethod: method,
      contextWindow: window,
      trimmed: payload.tokens?.trimmed ?? null,
      estimatedCostUsd: price ? costUsd(price.price, promptTokens, 0) : null,
    },
    outputPrice: price ? price.price.output : null,
  };
}

/** Output tokens and the final cost (prompt + answer), for `done` and the stored generation. */
export function finalUsage(
  prepared: Pick<BudgetedPayload, 'usage' | 'outputPrice'>,
  model: string,
  output: string,
): { outputTokens: number; costUsd: number | null } {
  const outputTokens = countTokens(output, model);
  const { estimatedCostUsd } = prepared.usage;
  if (estimatedCostUsd === null || prepared.outputPrice === null) return { outputTokens, costUsd: null };
  return { outputTokens, costUsd: estimatedCostUsd + (outputTokens * prepared.outputPrice) / 1_000_000 };
}

/** The side panel's "What will be sent": the next request's payload for the tab's current ticket. */
export async function previewPayload(
  tabId: number,
  ticketKey: string,
  kind: GenerationKind,
  request: Omit<BudgetOptions, 'preset' | 'knowledge'> & {
    presetKey?: string;
    draft?: string;
    refine?: Refine;
    knowledgeKeys?: readonly string[];
  } = {},
): Promise<PayloadPreviewResult> {
  const stored = await getTabTicket(tabId);
  if (!stored?.result.ok || stored.result.ticketKey !== ticketKey) {
    return { ok: false, message: t('error_preview_ticket_changed') };
  }
  const { presetKey, draft, refine, knowledgeKeys, ...rest } = request;
  // The same snippets the request would load (missing ones are simply not in the preview).
  const knowledge = await loadGenerationKnowledge(kind, { knowledgeKeys, refine });
  let options: BudgetOptions = knowledge ? { ...rest, knowledge } : rest;
  try {
    const preset = await generationPresetRun(db(), { kind, presetKey, draft, refine });
    if (preset) options = { ...options, preset };
  } catch (error) {
    if (error instanceof PresetRunError) return { ok: false, message: error.message };
    throw error;
  }
  // The default provider as the request will use it: its model and its context-window override (no key read).
  const provider = defaultProviderOf((await loadProviders()).state);
  const model = provider?.model ?? '';
  const { payload, usage } = await prepareBudgetedPayload(
    kind,
    stored.result.ticket,
    model,
    // A real nonce, like the request's: the preview shows a true-to-life prompt and token count.
    newNonce(),
    { ...options, contextWindowOverride: provider?.contextWindow ?? null },
  );
  return {
    ok: true,
    model,
    payload: {
      messages: payload.messages.map((m) => ({
        role: m.role === 'system' ? 'system' : 'user',
        content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
      })),
      placeholders: payload.placeholders,
    },
    promptChars: payload.promptChars,
    redacted: payload.redacted,
    usage,
  };
}

/** After a panel opens (a click is likely), load the tokenizer once the panel's first read is done. */
export const TOKENIZER_WARMUP_DELAY_MS = 1500;

/**
 * Loads the o200k ranks ahead of the first click when the configured model uses them, so the first request after
 * a worker start does not wait ≈ 0.3 s for them. Delayed so it never competes with the panel's first ticket read.
 */
export function warmTokenizerSoon(delayMs = TOKENIZER_WARMUP_DELAY_MS): void {
  setTimeout(() => {
    void loadProviderSettings().then(({ settings }) => {
      if (settings && usesO200k(settings.model)) void loadTokenizer();
    });
  }, delayMs);
}

/** After a ticket is read, how long to wait before preparing its payload once (the panel renders meanwhile). */
export const PAYLOAD_WARMUP_DELAY_MS = 400;

/**
 * Prepares the draft payload of a ticket just read, and throws it away: the messages' token counts and redaction
 * findings are remembered (utils/text-memo.ts), so the agent's first click on a long ticket does not pay for
 * them (≈ 100 ms for 1,000 messages). Nothing is stored or sent; failures are ignored (the click reports them).
 */
export function warmPayloadSoon(tabId: number, ticketKey: string, delayMs = PAYLOAD_WARMUP_DELAY_MS): void {
  setTimeout(() => void previewPayload(tabId, ticketKey, 'draft').catch(() => undefined), delayMs);
}
