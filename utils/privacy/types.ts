// Shared shapes of the redaction engine. Pure TypeScript, no zod: the engine runs in the background and the
// panel and is unit-tested alone.

/** Built-in detector families; each has a toggle in the options page. */
export const DETECTOR_IDS = [
  'email',
  'phone',
  'card',
  'iban',
  'ssn',
  'personnummer',
  'nino',
  'ip',
  'secret',
  'address',
] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/** One value found in a text: [start, end) offsets and the family it belongs to. */
export interface Finding {
  start: number;
  end: number;
  /** Placeholder label: EMAIL, CARD, … or a team pattern's label. */
  label: string;
}

export interface Detector {
  id: DetectorId;
  /** The placeholder label ([EMAIL_1]). */
  label: string;
  /** What the options page says it covers. */
  description: string;
  find(text: string): Finding[];
}

/** Runs a global regex over text and keeps the matches `accept` agrees with (group 0, or a narrowed range). */
export function scan(
  text: string,
  re: RegExp,
  label: string,
  accept: (match: RegExpExecArray) => { start: number; end: number } | boolean,
): Finding[] {
  const out: Finding[] = [];
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = global.exec(text); m; m = global.exec(text)) {
    if (m[0] === '') {
      global.lastIndex++;
      continue;
    }
    const verdict = accept(m);
    if (verdict === true) out.push({ start: m.index, end: m.index + m[0].length, label });
    else if (verdict) out.push({ ...verdict, label });
  }
  return out;
}

/** Range of capture group `n` inside a match (needs the `d` flag). */
export function groupRange(m: RegExpExecArray, n: number): { start: number; end: number } | false {
  const range = m.indices?.[n];
  return range ? { start: range[0], end: range[1] } : false;
}

/** Text just before an offset, lower-cased, for keyword context ("phone:", "SSN"). */
export function before(text: string, index: number, chars = 30): string {
  return text.slice(Math.max(0, index - chars), index).toLowerCase();
}
