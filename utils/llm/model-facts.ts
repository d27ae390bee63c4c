import { bareModelId } from './model-id';

// What Deskmate knows about common models: context window (tokens, prompt + answer) and list price in USD per
// 1M tokens. Data, not logic: matched by id patterns (first match wins, so specific ids come before their family),
// after router prefixes ("openai/gpt-4o" on OpenRouter) are stripped. Dated ids ("gpt-4o-2024-08-06") and Ollama
// tags ("llama3.1:8b") match their family. Prices change: the agent can override any of them in the options page
// (utils/llm/prices.ts); windows can be overridden per provider.
//
// Sources (list prices at the time of writing, standard tier, no caching or batch discounts):
// - OpenAI: platform.openai.com/docs/pricing and the model pages (windows also in gpt-tokenizer 4.0.0's specs).
// - Anthropic: docs.anthropic.com "Models overview" and anthropic.com/pricing (API).
// - Google: ai.google.dev/gemini-api/docs/pricing and /models (prompts ≤ 200k tokens for 2.5 Pro).
// - Mistral: mistral.ai/pricing and docs.mistral.ai/getting-started/models.
// - Groq: groq.com/pricing and console.groq.com/docs/models.
// - Ollama: runs on the agent's machine, price 0. Its OpenAI-compatible endpoint uses the server's context length
//   (num_ctx), not the model's maximum: 4,096 tokens by default in current versions (2,048 in older ones), and it
//   silently drops the start of a longer prompt. So local models are budgeted at 4,096 unless the agent sets the
//   provider's context window (after raising OLLAMA_CONTEXT_LENGTH on the server).

export interface Price {
  /** USD per 1M input (prompt) tokens. */
  input: number;
  /** USD per 1M output (answer) tokens. */
  output: number;
}

export interface ModelFact {
  /** The id shown in the price table and used as the override key. */
  id: string;
  match: RegExp;
  contextWindow: number;
  /** null: no list price known (self-hosted open weights served by someone). */
  price: Price | null;
  local?: boolean;
}

const OLLAMA_DEFAULT_CONTEXT = 4096;
const LOCAL: Price = { input: 0, output: 0 };
/** "llama3.1", "llama3.1:8b", "qwen2.5:14b-instruct": Ollama's naming (family, optional :tag). */
const ollama = (family: string) => new RegExp(`^${family.replace(/\./g, '\\.')}(?::[\\w.-]+)?$`);

export const MODEL_FACTS: readonly ModelFact[] = [
  // OpenAI
  { id: 'gpt-4o-mini', match: /^gpt-4o-mini/, contextWindow: 128_000, price: { input: 0.15, output: 0.6 } },
  {
    id: 'gpt-4o',
    match: /^(chatgpt-)?gpt-4o|^chatgpt-4o/,
    contextWindow: 128_000,
    price: { input: 2.5, output: 10 },
  },
  {
    id: 'gpt-4.1-nano',
    match: /^gpt-4\.1-nano/,
    contextWindow: 1_047_576,
    price: { input: 0.1, output: 0.4 },
  },
  {
    id: 'gpt-4.1-mini',
    match: /^gpt-4\.1-mini/,
    contextWindow: 1_047_576,
    price: { input: 0.4, output: 1.6 },
  },
  { id: 'gpt-4.1', match: /^gpt-4\.1/, contextWindow: 1_047_576, price: { input: 2, output: 8 } },
  {
    id: 'gpt-5-nano',
    match: /^gpt-5(\.\d+)?-nano/,
    contextWindow: 400_000,
    price: { input: 0.05, output: 0.4 },
  },
  {
    id: 'gpt-5-mini',
    match: /^gpt-5(\.\d+)?-mini/,
    contextWindow: 400_000,
    price: { input: 0.25, output: 2 },
  },
  { id: 'gpt-5', match: /^gpt-5/, contextWindow: 400_000, price: { input: 1.25, output: 10 } },
  { id: 'o4-mini', match: /^o4-mini/, contextWindow: 200_000, price: { input: 1.1, output: 4.4 } },
  { id: 'o3-mini', match: /^o3-mini/, contextWindow: 200_000, price: { input: 1.1, output: 4.4 } },
  { id: 'o3', match: /^o3(?![\w.])|^o3-\d{4}/, contextWindow: 200_000, price: { input: 2, output: 8 } },
  { id: 'o1', match: /^o1(?![\w.])|^o1-\d{4}/, contextWindow: 200_000, price: { input: 15, output: 60 } },
  { id: 'gpt-4-turbo', match: /^gpt-4-turbo/, contextWindow: 128_000, price: { input: 10, output: 30 } },
  { id: 'gpt-4', match: /^gpt-4(-\d{4})?$/, contextWindow: 8192, price: { input: 30, output: 60 } },
  {
    id: 'gpt-3.5-turbo',
    match: /^gpt-3\.5-turbo/,
    contextWindow: 16_385,
    price: { input: 0.5, output: 1.5 },
  },
  // Anthropic (through its OpenAI-compatible endpoint or a gateway)
  {
    id: 'claude-opus-4',
    match: /^claude-(opus-4(?![-.]?[5-9])|4-opus)/,
    contextWindow: 200_000,
    price: { input: 15, output: 75 },
  },
  {
    id: 'claude-opus-4-5',
    match: /^claude-opus-4[-.]?[5-9]/,
    contextWindow: 200_000,
    price: { input: 5, output: 25 },
  },
  {
    id: 'claude-sonnet-4',
    match: /^claude-(sonnet-4|4-sonnet|3-7-sonnet|3\.7-sonnet|3-5-sonnet|3\.5-sonnet)/,
    contextWindow: 200_000,
    price: { input: 3, output: 15 },
  },
  {
    id: 'claude-haiku-4-5',
    match: /^claude-haiku-4/,
    contextWindow: 200_000,
    price: { input: 1, output: 5 },
  },
  {
    id: 'claude-3-5-haiku',
    match: /^claude-(3-5|3\.5)-haiku/,
    contextWindow: 200_000,
    price: { input: 0.8, output: 4 },
  },
  {
    id: 'claude-3-haiku',
    match: /^claude-3-haiku/,
    contextWindow: 200_000,
    price: { input: 0.25, output: 1.25 },
  },
  // Google Gemini (OpenAI-compatible endpoint)
  {
    id: 'gemini-2.5-pro',
    match: /^gemini-2\.5-pro/,
    contextWindow: 1_048_576,
    price: { input: 1.25, output: 10 },
  },
  {
    id: 'gemini-2.5-flash-lite',
    match: /^gemini-2\.5-flash-lite/,
    contextWindow: 1_048_576,
    price: { input: 0.1, output: 0.4 },
  },
  {
    id: 'gemini-2.5-flash',
    match: /^gemini-2\.5-flash/,
    contextWindow: 1_048_576,
    price: { input: 0.3, output: 2.5 },
  },
  {
    id: 'gemini-2.0-flash-lite',
    match: /^gemini-2\.0-flash-lite/,
    contextWindow: 1_048_576,
    price: { input: 0.075, output: 0.3 },
  },
  {
    id: 'gemini-2.0-flash',
    match: /^gemini-2\.0-flash/,
    contextWindow: 1_048_576,
    price: { input: 0.1, output: 0.4 },
  },
  // Mistral (La Plateforme ids; Ollama's bare "mistral" is below)
  { id: 'mistral-large', match: /^mistral-large/, contextWindow: 131_072, price: { input: 2, output: 6 } },
  {
    id: 'mistral-medium',
    match: /^mistral-medium/,
    contextWindow: 131_072,
    price: { input: 0.4, output: 2 },
  },
  {
    id: 'mistral-small',
    match: /^mistral-small-(latest|\d{4})/,
    contextWindow: 131_072,
    price: { input: 0.1, output: 0.3 },
  },
  {
    id: 'open-mistral-nemo',
    match: /^(open-)?mistral-nemo(?!:)/,
    contextWindow: 131_072,
    price: { input: 0.15, output: 0.15 },
  },
  {
    id: 'codestral',
    match: /^codestral-(latest|\d{4})/,
    contextWindow: 256_000,
    price: { input: 0.3, output: 0.9 },
  },
  // Groq-hosted
  {
    id: 'llama-3.3-70b-versatile',
    match: /^llama-3\.3-70b-versatile/,
    contextWindow: 131_072,
    price: { input: 0.59, output: 0.79 },
  },
  {
    id: 'llama-3.1-8b-instant',
    match: /^llama-3\.1-8b-instant/,
    contextWindow: 131_072,
    price: { input: 0.05, output: 0.08 },
  },
  // Open weights served elsewhere (vLLM, LM Studio, OpenRouter…): the model's window, price unknown.
  { id: 'gpt-oss', match: /^gpt-oss-\d+b/, contextWindow: 131_072, price: null },
  { id: 'llama-3.x', match: /^(meta-)?llama-3\.[1-3]-/, contextWindow: 131_072, price: null },
  // Ollama (local, price 0, the server's default context; see above)
  ...[
    'llama3.3',
    'llama3.2',
    'llama3.1',
    'llama3',
    'qwen3',
    'qwen2.5',
    'qwen2.5-coder',
    'mistral',
    'mistral-nemo',
    'mistral-small',
    'gemma3',
    'gemma2',
    'gemma',
    'phi4',
    'phi3',
    'deepseek-r1',
    'gpt-oss',
  ].map(
    (family): ModelFact => ({
      id: `${family} (Ollama)`,
      match: ollama(family),
      contextWindow: OLLAMA_DEFAULT_CONTEXT,
      price: LOCAL,
      local: true,
    }),
  ),
];

/** Assumed for a model Deskmate does not know: small enough for nearly every model served today. */
export const DEFAULT_CONTEXT_WINDOW = 8192;

export function modelFactFor(model: string): ModelFact | null {
  const id = bareModelId(model);
  if (!id) return null;
  return MODEL_FACTS.find((fact) => fact.match.test(id)) ?? null;
}

export interface ContextWindow {
  tokens: number;
  /** Where the figure comes from: the agent's override, the known table, or the default for unknown models. */
  source: 'override' | 'known' | 'assumed';
}

/** The window to budget with: the provider's override when set, else the table, else a conservative default. */
export function contextWindowOf(model: string, override?: number | null): ContextWindow {
  if (override && Number.isInteger(override) && override > 0) return { tokens: override, source: 'override' };
  const fact = modelFactFor(model);
  if (fact) return { tokens: fact.contextWindow, source: 'known' };
  return { tokens: DEFAULT_CONTEXT_WINDOW, source: 'assumed' };
}
