import { browser } from 'wxt/browser';
import type enMessages from '../../public/_locales/en/messages.json';

// Every string the agent reads goes through here: browser.i18n picks the browser's UI language among
// public/_locales/* and falls back to English (manifest default_locale) key by key. The keys are the English
// file's, so a typo is a type error; tests/unit/i18n-locales.test.ts checks every other locale has every key with
// the same substitutions. Prompts sent to the model are NOT translated here: they stay English on purpose (the
// model follows English instructions best; the reply language is a rule inside the prompt).

export type MessageKey = keyof typeof enMessages;

/** Keys that come in a plural pair `<base>_one` / `<base>_other`; `$1` in both is the formatted count. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other`
    ? `${Base}_one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

export type Substitution = string | number;

/** The message for `key` with `$1`…`$9` replaced by `substitutions` (numbers are formatted for the UI language). */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const text = browser.i18n.getMessage(
    key,
    substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s)),
  );
  // A key missing from the build shows itself rather than an empty button; the locale test catches it first.
  return text || key;
}

/** "1 message" / "3 messages": the plural form the UI language's rules choose for `count`, which is `$1`. */
export function tCount(base: PluralKey, count: number, ...more: Substitution[]): string {
  // Our languages have "one" and "other" for the counts we show; French and Spanish "many" (millions) read right
  // with the "other" text.
  const form = pluralRules().select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}` as MessageKey, count, ...more);
}

/**
 * The language of the messages the browser picked (BCP 47). Read from the messages themselves, not
 * i18n.getUILanguage(), which can name another language than the file chosen (headless Chromium says en-US while
 * showing German), and numbers, dates and plurals must match the words around them.
 */
export function uiLanguage(): string {
  return browser.i18n.getMessage('locale_tag') || 'en';
}

let cached: { language: string; plural: Intl.PluralRules; number: Intl.NumberFormat } | undefined;

function formatters() {
  const language = uiLanguage();
  if (cached?.language !== language)
    cached = { language, plural: new Intl.PluralRules(language), number: new Intl.NumberFormat(language) };
  return cached;
}

function pluralRules(): Intl.PluralRules {
  return formatters().plural;
}

export function formatNumber(value: number): string {
  return formatters().number.format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date/time in the UI language; one formatter per style (building one per call is slow in long lists). */
export function formatDateTime(
  value: number | Date,
  style: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const key = `${uiLanguage()}|${JSON.stringify(style)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(uiLanguage(), style);
    dateFormats.set(key, format);
  }
  return format.format(value);
}
