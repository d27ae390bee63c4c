// Character classes of the token estimate: a plain-JS copy of charClass in utils/llm/token-estimate.ts, so the
// calibration script runs under node without a TypeScript loader. tests/unit/tokens.test.ts checks they agree.
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
];

export function charClass(cp) {
  if (cp >= 0x30 && cp <= 0x39) return 'digit';
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return 'letter';
  if (cp === 0x20 || cp === 0x0a || cp === 0x09 || cp === 0x0d) return 'space';
  if (cp < 0x80) return 'punct';
  if (cp < 0x250) return 'latinExt';
  if (cp >= 0x370 && cp < 0x530) return 'cyrGreek';
  if (
    (cp >= 0x3000 && cp < 0x3100) ||
    (cp >= 0x3400 && cp < 0xa000) ||
    (cp >= 0xf900 && cp < 0xfb00) ||
    (cp >= 0xff00 && cp < 0xfff0)
  )
    return 'cjk';
  if (cp >= 0xac00 && cp < 0xd7b0) return 'hangul';
  return 'other';
}

export function charClassCounts(text) {
  const counts = Object.fromEntries(CHAR_CLASSES.map((k) => [k, 0]));
  for (const ch of text) counts[charClass(ch.codePointAt(0))]++;
  return counts;
}
