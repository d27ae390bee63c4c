import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocaleMessages, SUPPORTED_LOCALES, substitutionsOf } from '@/utils/i18n/bundle';

// A missing or broken translation fails here, not in front of an agent: every locale has every English key, with
// the same $n substitutions, and nothing the English file does not have.

const root = new URL('../../public/_locales/', import.meta.url);
const read = (locale: string) =>
  LocaleMessages.parse(JSON.parse(readFileSync(new URL(`${locale}/messages.json`, root), 'utf8')));
const en = read('en');

describe('locale files', () => {
  it('ship exactly the supported locales', () => {
    expect(readdirSync(root).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it('English describes every message for translators', () => {
    const undescribed = Object.entries(en)
      .filter(([, m]) => !m.description?.trim())
      .map(([key]) => key);
    expect(undescribed).toEqual([]);
  });

  it('keys are unique ignoring case (browsers look messages up case-insensitively)', () => {
    const lower = Object.keys(en).map((k) => k.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('plural pairs are complete', () => {
    const keys = new Set(Object.keys(en));
    const broken = [...keys].filter(
      (k) =>
        (k.endsWith('_one') && !keys.has(`${k.slice(0, -4)}_other`)) ||
        (k.endsWith('_other') && !keys.has(`${k.slice(0, -6)}_one`)),
    );
    expect(broken).toEqual([]);
  });

  for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
    describe(locale, () => {
      const messages = read(locale);
      it('has every English key', () => {
        expect(Object.keys(en).filter((key) => !(key in messages))).toEqual([]);
      });
      it('has no key English lacks', () => {
        expect(Object.keys(messages).filter((key) => !(key in en))).toEqual([]);
      });
      it('uses the same substitutions as English in every message', () => {
        const mismatched = Object.entries(en)
          .filter(([key, m]) => {
            const translated = messages[key]?.message;
            return (
              translated !== undefined &&
              substitutionsOf(translated).join() !== substitutionsOf(m.message).join()
            );
          })
          .map(([key]) => key);
        expect(mismatched).toEqual([]);
      });
    });
  }
});
