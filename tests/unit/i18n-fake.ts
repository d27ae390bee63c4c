import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing';
import { formatMessage, LocaleMessages, SUPPORTED_LOCALES, type SupportedLocale } from '@/utils/i18n/bundle';

// browser.i18n for unit tests, read from the real public/_locales files with the browsers' rules: the UI
// language's message, else English (default_locale), else ''. English unless a test calls useTestLocale.

const bundles = new Map<SupportedLocale, LocaleMessages>(
  SUPPORTED_LOCALES.map((locale) => [
    locale,
    LocaleMessages.parse(
      // From the project root (vitest's cwd): under happy-dom, import.meta.url is not a file URL.
      JSON.parse(readFileSync(resolve('public/_locales', locale, 'messages.json'), 'utf8')),
    ),
  ]),
);

let current: SupportedLocale = 'en';

export function useTestLocale(locale: SupportedLocale): void {
  current = locale;
}

export function installFakeI18n(): void {
  Object.assign(fakeBrowser.i18n, {
    getMessage: (name: string, substitutions?: string | string[]) => {
      const message = bundles.get(current)?.[name]?.message ?? bundles.get('en')?.[name]?.message;
      if (message === undefined) return '';
      const subs =
        substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return formatMessage(message, subs);
    },
    getUILanguage: () => current,
  });
}
