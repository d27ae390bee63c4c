import type { GenerationRecord } from '../db';

// The words a generation can be found by (Dexie v4's multi-entry index `*searchWords`, utils/db.ts): every
// distinct word of its text, the ticket's subject, the preset and the model, lower-cased. A search then looks
// words up in the index (word-prefix match: "refund" finds "refunded") and reads only the records that have
// them, instead of reading every stored text. No dependencies: bench/history-bench.mjs compiles this file to seed
// records exactly as the product indexes them.

/** Words shorter than this are left out (every record has "a" and "is": they would only grow the index). */
export const MIN_WORD = 2;
/** Longer runs (keys, hashes, URLs without spaces) are cut to this. */
export const MAX_WORD = 32;
/** A generation's index entries are capped: a runaway answer must not bloat the database. */
export const MAX_WORDS = 300;

const WORD = /[\p{L}\p{N}]+/gu;

/** The distinct search words of `text`, lower-cased, in order of first appearance. */
export function wordsOf(text: string, into = new Set<string>(), max = MAX_WORDS): Set<string> {
  for (const match of text.toLowerCase().matchAll(WORD)) {
    if (into.size >= max) break;
    const word = match[0];
    if (word.length >= MIN_WORD) into.add(word.length > MAX_WORD ? word.slice(0, MAX_WORD) : word);
  }
  return into;
}

export type WordSource = Pick<GenerationRecord, 'output' | 'model'> &
  Partial<Pick<GenerationRecord, 'ticketSubject' | 'presetName'>>;

/** The index entries of a generation: subject, preset and model first (they must never be cut by the cap). */
export function searchWordsOf(record: WordSource): string[] {
  const words = new Set<string>();
  for (const part of [record.ticketSubject ?? '', record.presetName ?? '', record.model, record.output]) {
    wordsOf(part, words);
  }
  return [...words];
}

/** Fields whose change changes the words. */
export const WORD_FIELDS = ['output', 'model', 'ticketSubject', 'presetName'] as const;
