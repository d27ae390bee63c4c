import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import '@/utils/zod-setup';
import { zodLocaleFor } from '@/utils/zod-setup';
import { useTestLocale } from './i18n-fake';

// zod's own messages follow the UI language (utils/zod-setup.ts): they appear inside pack and settings errors.

afterEach(() => useTestLocale('en'));
const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message ?? '';

describe('zod messages in the UI language', () => {
  it('follow the language in force when the message is made, not when the module loaded', () => {
    const schema = z.number();
    const english = messageOf(schema, 'x');
    expect(english).toMatch(/expected number/);
    useTestLocale('de');
    const german = messageOf(schema, 'x');
    expect(german).toMatch(/Ungültige Eingabe/);
    useTestLocale('fr');
    expect(messageOf(schema, 'x')).not.toBe(english);
    expect(messageOf(schema, 'x')).not.toBe(german);
    useTestLocale('en');
    expect(messageOf(schema, 'x')).toBe(english);
  });

  it('pick a shipped locale by primary language, English otherwise', () => {
    expect(zodLocaleFor('de-AT')).toBe(zodLocaleFor('de'));
    expect(zodLocaleFor('pt-BR')).toBe(zodLocaleFor('en'));
  });
});
