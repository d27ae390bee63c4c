import { uiLanguage } from './t';

// A language's name for the agent, in the UI language ("German" in English, "Deutsch" in German), from the
// browser's own list (Intl.DisplayNames): no table of 14 × 5 names to keep. The English names
// (utils/ticket/language.ts LANGUAGE_NAMES) stay for the prompts, which are English.

const formats = new Map<string, Intl.DisplayNames>();

export function languageDisplayName(code: string): string {
  const language = uiLanguage();
  let names = formats.get(language);
  try {
    if (!names) {
      names = new Intl.DisplayNames([language], { type: 'language' });
      formats.set(language, names);
    }
    const name = names.of(code);
    // Shown standalone (a list entry, a label): French and Spanish write language names in lower case.
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : code;
  } catch {
    return code;
  }
}
