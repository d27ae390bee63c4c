import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { textMemo } from '../text-memo';
import { bareModelId } from './model-id';
import { estimateTokens } from './token-estimate';

// Token counts for budgets and cost. OpenAI-family models get the real tokenizer (o200k_base, the encoding of
// gpt-4o, gpt-4.1, gpt-4.5, o1/o3/o4, gpt-5 and gpt-oss); every other model gets the calibrated estimate.
// BACKGROUND ONLY. The o200k ranks (≈ 2.4 MB) are not bundled: they ship as tokenizer/o200k_base.json (written
// by scripts/tokenizer-asset.ts at build time) and are fetched once, on the first count, so a waking service
// worker does not evaluate them. Until they are loaded (or if loading fails) counts fall back to the estimate,
// and the method says so. Content scripts (20 kB budget) and the side panel never import this module.
//
// Legacy gpt-4 / gpt-3.5-turbo use cl100k_base; shipping it would add ≈ 1.7 MB more for models nobody should
// pick for new work, so they are counted with the estimate (and say so).

export type TokenCountMethod = 'tokenizer' | 'estimate';
type Ranks = (string | number[])[];

const O200K_MODEL = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(?![a-z])/;

export function usesO200k(model: string): boolean {
  return O200K_MODEL.test(bareModelId(model));
}

let o200k: ((text: string) => number) | null = null;

/**
 * Where a text can be cut without changing its o200k count: right after a line break followed by a
 * non-space character. The encoding splits text into pieces with a regular expression before merging, and no
 * piece runs across that point (a run of line breaks ends a piece; the next piece starts with the visible
 * character), so the count of the whole is the sum of the counts of the parts (tests/unit/token-memo.test.ts).
 */
const LINE_START = /\n(?=\S)/g;
const SEGMENT_AT_CHARS = 2_000;
let loading: Promise<boolean> | null = null;

/** Installs the ranks (tests pass gpt-tokenizer's own module; the extension fetches its packaged copy). */
export function installO200kRanks(ranks: Ranks): void {
  const api = GptEncoding.getEncodingApi('o200k_base', () => ranks);
  // Ticket text may contain "<|im_start|>" or "<|endoftext|>" (pasted prompts, injection attempts): the API sends
  // them as plain text, so they are counted as plain text. gpt-tokenizer throws on them by default.
  const plainText = { disallowedSpecial: new Set<string>() };
  // The same messages are counted on every click and preview of a ticket: their counts are remembered.
  const counts = textMemo<number>({ minChars: 1 });
  const count = (text: string) => {
    try {
      return api.countTokens(text, plainText);
    } catch {
      return estimateTokens(text); // never let counting fail a request
    }
  };
  o200k = (text) => {
    if (text.length < SEGMENT_AT_CHARS) return counts.get(text, count);
    // A long prompt is counted line by line (see LINE_START), so only the lines that changed since the last
    // request (the nonce's) are tokenized again.
    let total = 0;
    let start = 0;
    for (const match of text.matchAll(LINE_START)) {
      const end = match.index + 1;
      total += counts.get(text.slice(start, end), count);
      start = end;
    }
    return total + counts.get(text.slice(start), count);
  };
}

/** Where the packaged ranks are; replaced in tests. */
let fetchRanks = async (): Promise<Ranks> => {
  // The worker's own origin (chrome-extension://<id>/): a packaged file, no network, no permission needed.
  const response = await fetch(new URL('/tokenizer/o200k_base.json', globalThis.location.href));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Ranks;
};

export function setRanksLoader(loader: () => Promise<Ranks>): void {
  fetchRanks = loader;
  loading = null;
}

/** Loads the o200k ranks once; false (and estimates) if they cannot be loaded. Never throws. */
export function loadTokenizer(): Promise<boolean> {
  if (o200k) return Promise.resolve(true);
  loading ??= fetchRanks().then(
    (ranks) => {
      installO200kRanks(ranks);
      return true;
    },
    () => {
      loading = null; // try again next time
      return false;
    },
  );
  return loading;
}

/** How `model`'s tokens are counted right now. */
export function tokenCountMethod(model: string): TokenCountMethod {
  return usesO200k(model) && o200k ? 'tokenizer' : 'estimate';
}

export function countTokens(text: string, model: string): number {
  if (!text) return 0;
  return usesO200k(model) && o200k ? o200k(text) : estimateTokens(text);
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

/** A counter bound to one model, the shape fitThread and preparePayload take; loads the tokenizer when needed. */
export async function tokenCounterFor(model: string): Promise<{
  count: (text: string) => number;
  method: TokenCountMethod;
}> {
  if (usesO200k(model)) await loadTokenizer();
  const method = tokenCountMethod(model);
  return { count: (text) => countTokens(text, model), method };
}
