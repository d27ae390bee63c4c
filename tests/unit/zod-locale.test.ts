import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodLocaleFor } from '@/utils/zod-setup';

// zod's own messages follow the UI language (utils/zod-setup.ts): they appear inside pack and settings errors.

describe('zod messages in the UI language', () => {
  it('speaks German for de and de-AT, English for a language we do not ship', () => {
    const schema = z.number();
    const messageIn = (language: string) => {
      z.config(zodLocaleFor(language)());
      return schema.safeParse('x').error?.issues[0]?.message ?? '';
    };
    const german = messageIn('de');
    expect(messageIn('de-AT')).toBe(german);
    const english = messageIn('pt-BR');
    expect(english).toMatch(/expected number/);
    expect(german).not.toBe(english);
    expect(german).toMatch(/Ungültige Eingabe/);
    expect(messageIn('fr')).not.toBe(english);
    z.config(zodLocaleFor('en')());
  });
});
