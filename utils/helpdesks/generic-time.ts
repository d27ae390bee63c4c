// Message times as pages show them, for the generic reader: `<time datetime>`, ISO dates, "Mar 3, 2026 10:41",
// "03.03.2026 10:41", "2 hours ago", "yesterday at 09:12", "10:41 AM". Pure functions: `now` is passed in.
// Month and relative words are English only (a page in another language still has `<time datetime>` or numbers).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const CLOCK = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([ap])\\.?m\\.?)?';
const SEP = '(?:,?\\s*(?:at\\s+)?|\\s+)';

const ISO =
  /\b(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\b/i;
const MONTH_FIRST = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:${SEP}${CLOCK})?`,
  'i',
);
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})\\.?\\s+${MONTH},?\\s+(\\d{4})(?:${SEP}${CLOCK})?`, 'i');
const NUMERIC = new RegExp(`\\b(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})(?:${SEP}${CLOCK})?`);
const RELATIVE =
  /\b(\d+|an?|one)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|months?|y|yrs?|years?)\s+ago\b/i;
const JUST_NOW = /\bjust now\b/i;
const DAY_WORD = new RegExp(`\\b(today|yesterday)(?:${SEP}${CLOCK})?`, 'i');
const CLOCK_ONLY = new RegExp(`^\\s*${CLOCK}\\s*$`, 'i');

const UNIT_MS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^s/, 1000],
  [/^mo/, 30 * 86_400_000],
  [/^m/, 60_000],
  [/^h/, 3_600_000],
  [/^d/, 86_400_000],
  [/^w/, 7 * 86_400_000],
  [/^y/, 365 * 86_400_000],
];

const DAY_WORD_ALONE = new RegExp(`^\\s*(today|yesterday)(?:${SEP}${CLOCK})?\\s*$`, 'i');
const TIME_SHAPES = [ISO, MONTH_FIRST, DAY_FIRST, NUMERIC, RELATIVE, JUST_NOW, DAY_WORD_ALONE, CLOCK_ONLY];

/**
 * The part of `text` a page would show as a message time, or null. "Yesterday"/"today" count only on their own
 * (with an optional clock): inside a sentence they are words, not a timestamp.
 */
export function timeMatch(text: string): string | null {
  for (const shape of TIME_SHAPES) {
    const match = shape.exec(text);
    if (match) return match[0].trim();
  }
  return null;
}

/** True when `text` holds something a page would show as a message time. */
export function looksLikeTime(text: string): boolean {
  return timeMatch(text) !== null;
}

function hours24(hour: string | undefined, ampm: string | undefined): number {
  let h = Number(hour ?? 0);
  if (ampm?.toLowerCase() === 'p' && h < 12) h += 12;
  if (ampm?.toLowerCase() === 'a' && h === 12) h = 0;
  return h;
}

function local(
  year: number,
  month: number,
  day: number,
  clock: ReadonlyArray<string | undefined> = [],
): string | undefined {
  const [hour, minute, second, ampm] = clock;
  const date = new Date(year, month, day, hours24(hour, ampm), Number(minute ?? 0), Number(second ?? 0));
  return Number.isNaN(date.getTime()) || date.getMonth() !== month ? undefined : date.toISOString();
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/**
 * The time in `text` as an ISO string, or undefined. Dates without a zone are read in the browser's zone (the
 * page rendered them for this agent); relative times count back from `now`.
 */
export function parsePageTime(text: string, now: Date): string | undefined {
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    if (zone) {
      const parsed = new Date(
        `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
      );
      return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
    }
    return local(Number(y), Number(mo) - 1, Number(d), [h, mi, s]);
  }
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [, name = '', day, year, ...clock] = monthFirst;
    return local(Number(year), monthIndex(name), Number(day), clock);
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day, name = '', year, ...clock] = dayFirst;
    return local(Number(year), monthIndex(name), Number(day), clock);
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [, a, sep, b, year, ...clock] = numeric;
    // "03.04.2026" is day first; with slashes it is month first unless the first number cannot be a month.
    const dayFirstOrder = sep === '.' || Number(a) > 12;
    const [day, month] = dayFirstOrder ? [a, b] : [b, a];
    return local(Number(year), Number(month) - 1, Number(day), clock);
  }
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, count = '1', unit = ''] = relative;
    const n = /^\d+$/.test(count) ? Number(count) : 1;
    const ms = UNIT_MS.find(([re]) => re.test(unit.toLowerCase()))?.[1] ?? 0;
    return new Date(now.getTime() - n * ms).toISOString();
  }
  if (JUST_NOW.test(text)) return now.toISOString();
  const dayWord = DAY_WORD.exec(text);
  if (dayWord) {
    const [, word = '', ...clock] = dayWord;
    const day = new Date(now.getTime());
    if (word.toLowerCase() === 'yesterday') day.setDate(day.getDate() - 1);
    return local(day.getFullYear(), day.getMonth(), day.getDate(), clock);
  }
  const clockOnly = CLOCK_ONLY.exec(text);
  if (clockOnly) return local(now.getFullYear(), now.getMonth(), now.getDate(), clockOnly.slice(1));
  return undefined;
}
