import type { Wxt } from 'wxt';

// Build step (wxt.config.ts hook): writes OpenAI's o200k_base ranks from gpt-tokenizer as a JSON file in the
// extension (tokenizer/o200k_base.json). The background fetches it the first time it counts tokens, instead of
// bundling the ≈ 2.4 MB ranks module into background.js, where V8 would evaluate it at every service-worker wake
// (≈ 0.3–0.7 s), delaying every first message after the worker slept. JSON.stringify is deterministic, so the
// build stays reproducible.

export const TOKENIZER_ASSET = 'tokenizer/o200k_base.json';

type PublicFile = { relativeDest: string; contents: string } | { relativeDest: string; absoluteSrc: string };

export async function addTokenizerAsset(_wxt: Wxt, files: PublicFile[]): Promise<void> {
  const { default: ranks } = (await import('gpt-tokenizer/bpeRanks/o200k_base')) as {
    default: (string | number[])[];
  };
  files.push({ relativeDest: TOKENIZER_ASSET, contents: JSON.stringify(ranks) });
}
