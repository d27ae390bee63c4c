import { type MessageKey, t } from './t';

// A sentence with elements inside it ("kept for the period set in <a>settings</a>"): translators get the whole
// sentence with $1…$n where the elements go, since word order differs between languages, and the UI puts its
// elements where the translation placed them. Markers are private-use characters no message contains.

const MARK = /\uE000(\d)\uE001/;

/** The message split around its slots: strings as they are, and the 0-based index of the slot in between. */
export function tSlots(key: MessageKey, slotCount: number): Array<string | number> {
  const markers = Array.from({ length: slotCount }, (_, i) => `\uE000${i}\uE001`);
  const parts = t(key, ...markers).split(MARK);
  // split() with one capture group alternates text and the captured digit: odd positions are slots.
  return parts.map((part, i) => (i % 2 === 1 ? Number(part) : part)).filter((part) => part !== '');
}
