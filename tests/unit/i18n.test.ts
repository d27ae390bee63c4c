import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, substitutionsOf } from '@/utils/i18n/bundle';
import { t, tCount } from '@/utils/i18n/t';
import { useTestLocale } from './i18n-fake';

afterEach(() => useTestLocale('en'));

describe('message format', () => {
  it('replaces $n and keeps $$ as a dollar sign', () => {
    expect(formatMessage('$1 of $2 cost $$3', ['a', 'b'])).toBe('a of b cost $3');
    expect(substitutionsOf('$2 then $1, $$9')).toEqual([1, 2]);
  });
});

describe('t', () => {
  it('reads the UI language and substitutes', () => {
    useTestLocale('de');
    expect(t('command_open')).toBe('Deskmate öffnen');
    expect(tCount('common_messages', 1)).toBe('1 Nachricht');
    expect(tCount('common_messages', 1200)).toBe('1.200 Nachrichten');
  });

  it('uses each language’s plural rules (French counts 0 as singular)', () => {
    useTestLocale('fr');
    expect(tCount('common_messages', 0)).toBe('0 message');
    useTestLocale('en');
    expect(tCount('common_messages', 0)).toBe('0 messages');
  });
});
