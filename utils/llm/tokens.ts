import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { bareModelId } from './model-id';
import { estimateTokens } from './token-estimate';

// Token counts for budgets and cost. OpenAI-family models get the real tokenizer (o200k_base, the encoding of
// gpt-4o, gpt-4.1, gpt-4.5, o1/o3/o4, gpt-5 and gpt-oss); every other model gets the calibrated estimate.
// BACKGROUND ONLY: the o200k ranks are ≈ 2 MB of JavaScript. Content scripts (20 kB budget) and the side panel
// (cold-start budget) must never import this module; they receive counts from the background.
//
// Legacy gpt-4 / gpt-3.5-turbo use cl100k_base; shipping it would add ≈ 1 MB more to the worker for models
// nobody should pick for new work, so they are counted with the estimate (and say so).

export type TokenCountMethod = 'tokenizer' | 'estimate';

const O200K_MODEL = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(?![a-z])/;

/** Which way `model`'s tokens are counted: the o200k tokenizer for OpenAI's current models, else the estimate. */
export function tokenCountMethod(model: string): TokenCountMethod {
  return O200K_MODEL.test(bareModelId(model)) ? 'tokenizer' : 'estimate';
}

export function countTokens(text: string, model: string): number {
  if (!text) return 0;
  return tokenCountMethod(model) === 'tokenizer' ? countO200k(text) : estimateTokens(text);
}

/**
 * Tokens of a chat request: contents plus the chat format's framing. OpenAI documents ≈ 3 tokens per message
 * (role and separators) and 3 priming the reply; other servers' templates differ, so they get a few more.
 */
export function countChatTokens(
  messages: ReadonlyArray<{ role: string; content: string }>,
  model: string,
): number {
  const perMessage = tokenCountMethod(model) === 'tokenizer' ? 3 : 6;
  let total = 3;
  for (const m of messages) total += perMessage + countTokens(m.content, model);
  return total;
}

/** A counter bound to one model, the shape fitThread and preparePayload take. */
export function tokenCounterFor(model: string): {
  count: (text: string) => number;
  method: TokenCountMethod;
} {
  return { count: (text) => countTokens(text, model), method: tokenCountMethod(model) };
}
