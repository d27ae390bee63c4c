import { describe, expect, it } from 'vitest';
import { looksLikeTime, parsePageTime, timeMatch } from '@/utils/helpdesks/generic-time';

const NOW = new Date('2026-03-03T15:15:00Z');
/** A wall-clock time in the test machine's zone, as the page would mean it. */
const local = (...parts: [number, number, number, number?, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0).toISOString();

describe('page times', () => {
  it('reads absolute dates in the shapes pages use', () => {
    expect(parsePageTime('2026-03-02T08:14:00+01:00', NOW)).toBe('2026-03-02T07:14:00.000Z');
    expect(parsePageTime('2026-03-02 08:14', NOW)).toBe(local(2026, 3, 2, 8, 14));
    expect(parsePageTime('Mar 3, 2026 10:41', NOW)).toBe(local(2026, 3, 3, 10, 41));
    expect(parsePageTime('March 3rd, 2026 at 10:41 PM', NOW)).toBe(local(2026, 3, 3, 22, 41));
    expect(parsePageTime('Mon, 2 Mar 2026 08:14', NOW)).toBe(local(2026, 3, 2, 8, 14));
    expect(parsePageTime('03.04.2026 10:41', NOW)).toBe(local(2026, 4, 3, 10, 41));
    expect(parsePageTime('03/04/2026', NOW)).toBe(local(2026, 3, 4));
    expect(parsePageTime('13/04/2026 09:00', NOW)).toBe(local(2026, 4, 13, 9, 0));
  });

  it('counts relative times back from now', () => {
    expect(parsePageTime('posted 2 hours ago', NOW)).toBe('2026-03-03T13:15:00.000Z');
    expect(parsePageTime('an hour ago', NOW)).toBe('2026-03-03T14:15:00.000Z');
    expect(parsePageTime('35 minutes ago', NOW)).toBe('2026-03-03T14:40:00.000Z');
    expect(parsePageTime('3d ago', NOW)).toBe('2026-02-28T15:15:00.000Z');
    expect(parsePageTime('just now', NOW)).toBe(NOW.toISOString());
    const yesterday = new Date(NOW.getTime());
    yesterday.setDate(yesterday.getDate() - 1);
    expect(parsePageTime('Yesterday 16:20', NOW)).toBe(
      new Date(yesterday.getFullYear(), yesterday.getMonth(), yesterday.getDate(), 16, 20).toISOString(),
    );
  });

  it('rejects what is not a date and finds the time inside a meta line', () => {
    expect(parsePageTime('Version 4.2', NOW)).toBeUndefined();
    expect(parsePageTime('2026-02-31', NOW)).toBeUndefined();
    expect(timeMatch('Marta · Customer · posted 3 hours ago')).toBe('3 hours ago');
    // "yesterday" inside a sentence is a word, not a timestamp.
    expect(timeMatch('I tried it yesterday and it failed')).toBeNull();
    expect(looksLikeTime('Yesterday')).toBe(true);
    expect(looksLikeTime('10:41 AM')).toBe(true);
    expect(looksLikeTime('Printer on 3rd floor')).toBe(false);
  });
});
