// A tokenizer-free token estimate for models whose tokenizer we do not ship (Llama, Mistral, Gemma, Qwen,
// Claude, Gemini…). Tokens ≈ Σ over characters of a per-class weight, fitted against OpenAI's o200k tokenizer
// on ticket-like text in several languages, CJK, logs and code (tests/fixtures/tokens/corpus.json) by
// scripts/calibrate-tokens.mjs. A whole-text ratio would be far off for CJK (≈ 0.6 tokens a character) against
// English (≈ 0.2), hence classes. The estimate is pure arithmetic, so it may run anywhere (panel included).

export const CHAR_CLASSES = [
  'letter',
  'digit',
  'space',
  'punct',
  'latinExt',
  'cyrGreek',
  'cjk',
  'hangul',
  'other',
] as const;
export type CharClass = (typeof CHAR_CLASSES)[number];

/**
 * Tokens per character of each class (o200k, fitted 2026-11 on the corpus above; re-run the script when the
 * corpus changes). Measured error per corpus text before the safety factor: −18 % (a text of one-word lines and
 * an emoji) to +10 %; tests/unit/tokens.test.ts keeps it within the bounds stated there.
 */
export const TOKEN_WEIGHTS: Readonly<Record<CharClass, number>> = {
  letter: 0.213,
  digit: 1.007,
  space: 0.172,
  punct: 0.417,
  latinExt: 0.597,
  cyrGreek: 0.204,
  cjk: 0.625,
  hangul: 0.656,
  other: 1.002,
};

/**
 * Estimates are rounded up by this much: other tokenizers are mostly less efficient than o200k (smaller
 * vocabularies: Mistral 32k, Llama 2 32k), and counting too many only trims a little early, while counting too few
 * overflows the model's window.
 */
export const ESTIMATE_SAFETY = 1.15;

export function charClass(cp: number): CharClass {
  if (cp >= 0x30 && cp <= 0x39) return 'digit';
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return 'letter';
  if (cp === 0x20 || cp === 0x0a || cp === 0x09 || cp === 0x0d) return 'space';
  if (cp < 0x80) return 'punct';
  if (cp < 0x250) return 'latinExt';
  if (cp >= 0x370 && cp < 0x530) return 'cyrGreek';
  if (
    (cp >= 0x3000 && cp < 0x3100) || // CJK punctuation, hiragana, katakana
    (cp >= 0x3400 && cp < 0xa000) || // CJK ideographs
    (cp >= 0xf900 && cp < 0xfb00) ||
    (cp >= 0xff00 && cp < 0xfff0) // full-width forms
  )
    return 'cjk';
  if (cp >= 0xac00 && cp < 0xd7b0) return 'hangul';
  return 'other';
}

export function charClassCounts(text: string): Record<CharClass, number> {
  const counts = Object.fromEntries(CHAR_CLASSES.map((k) => [k, 0])) as Record<CharClass, number>;
  for (const ch of text) counts[charClass(ch.codePointAt(0) ?? 0)]++;
  return counts;
}

/** The calibrated estimate without the safety factor (what the calibration test measures). */
export function rawTokenEstimate(text: string): number {
  const counts = charClassCounts(text);
  let total = 0;
  for (const k of CHAR_CLASSES) total += counts[k] * TOKEN_WEIGHTS[k];
  return total;
}

/** Tokens for budgeting with a model whose tokenizer we do not have: calibrated, rounded up, safety included. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  return Math.ceil(rawTokenEstimate(text) * ESTIMATE_SAFETY);
}
