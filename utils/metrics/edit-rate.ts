// How much of the AI's draft the agent changed before inserting it: the normalised edit distance between the two
// texts (Levenshtein over characters, divided by the longer length). 0 = inserted as written, 1 = nothing kept.

/** Above this many characters per side, words are compared instead of characters (same scale, bounded cost). */
const CHAR_LIMIT = 8_000;

function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length < b.length) return levenshtein(b, a);
  if (b.length === 0) return a.length;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (ai === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** Spacing differences (the editor's own line breaks, trailing spaces) are not edits the agent made. */
export function normaliseForComparison(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The share of the AI text the agent changed, 0–1. Two empty texts are unchanged (0); an empty inserted text
 * (the agent deleted everything) is 1.
 */
export function editRate(aiText: string, finalText: string): number {
  const normalisedA = normaliseForComparison(aiText);
  const normalisedB = normaliseForComparison(finalText);
  if (normalisedA === normalisedB) return 0;
  if (normalisedA === '' || normalisedB === '') return 1;
  // Code points, so an emoji or a CJK extension character is one character as the agent sees it.
  const a = [...normalisedA];
  const b = [...normalisedB];
  // Common prefix / suffix cost nothing and shrink the quadratic part to the edited middle.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (endA - start <= CHAR_LIMIT && endB - start <= CHAR_LIMIT) {
    return levenshtein(a.slice(start, endA), b.slice(start, endB)) / Math.max(a.length, b.length);
  }
  const wordsA = normalisedA.split(/\s+/);
  const wordsB = normalisedB.split(/\s+/);
  return levenshtein(wordsA, wordsB) / Math.max(wordsA.length, wordsB.length);
}

/** "Accepted": inserted with under 40% of it edited (the team lead's acceptance rate counts these). */
export const ACCEPTED_BELOW = 0.4;

export function isAccepted(rate: number): boolean {
  return rate < ACCEPTED_BELOW;
}
