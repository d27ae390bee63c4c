import { z } from 'zod';

// The messages.json format (Chrome and Firefox share it), for the tests' stand-in for browser.i18n and the locale
// checks. Deskmate's messages use `$1`…`$9` directly in the text (both browsers replace them; `$$` is a dollar
// sign) and no named placeholders, so translators see one convention.

export const LocaleMessage = z.object({
  message: z.string().min(1),
  description: z.string().optional(),
});
export const LocaleMessages = z.record(z.string().regex(/^[A-Za-z0-9_@]+$/), LocaleMessage);
export type LocaleMessages = z.infer<typeof LocaleMessages>;

export const SUPPORTED_LOCALES = ['en', 'de', 'sv', 'es', 'fr'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** The `$n` substitutions a message uses, sorted (`$$` is a literal dollar, not a substitution). */
export function substitutionsOf(message: string): number[] {
  const found = new Set<number>();
  for (const m of message.matchAll(/\$(\$|[1-9])/g)) if (m[1] !== '$') found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** What browser.i18n.getMessage returns for a message: `$n` replaced, `$$` → `$`, a missing substitution → ''. */
export function formatMessage(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}
