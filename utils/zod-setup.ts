import { z } from 'zod';
import { de, en, es, fr, sv } from 'zod/locales';
import { uiLanguage } from './i18n/t';

// Extension pages run under a strict CSP (no eval). zod 4 would probe `new Function` to decide whether it
// may compile fast parsers; under our CSP that probe fails and is reported as a CSP violation. Jitless mode
// skips the probe and the compiled path. Import this module first in every entrypoint that uses zod.
//
// zod's own wording ("expected a number, received text") reaches the agent inside pack, import and settings
// errors next to our translated sentences, so it speaks the UI language too (one of the locales we ship). The
// language is looked up when a message is made, not when this module loads, like every other text.
const ZOD_LOCALES = { de, en, es, fr, sv } as const;
type ZodLocale = ReturnType<(typeof ZOD_LOCALES)[keyof typeof ZOD_LOCALES]>;

export function zodLocaleFor(language: string): (typeof ZOD_LOCALES)[keyof typeof ZOD_LOCALES] {
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  return primary in ZOD_LOCALES ? ZOD_LOCALES[primary as keyof typeof ZOD_LOCALES] : en;
}

const made = new Map<string, ZodLocale>();
function localeIn(language: string): ZodLocale {
  let locale = made.get(language);
  if (!locale) {
    locale = zodLocaleFor(language)();
    made.set(language, locale);
  }
  return locale;
}

z.config({ jitless: true, localeError: (issue) => localeIn(uiLanguage()).localeError(issue) });
