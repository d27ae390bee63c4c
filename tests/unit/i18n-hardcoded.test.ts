import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The UI's words live in public/_locales, not in components: this finds English left in JSX text and in the
// attributes a person reads (labels, titles, placeholders, alt text). Names that are not translated (the brand,
// helpdesk products, formats) are listed here; anything else is a string to move into the locale files.

const ROOT = new URL('../..', import.meta.url).pathname;
const UI_DIRS = ['components', 'entrypoints'];
const NOT_TRANSLATED =
  /^(Deskmate|[A-Z][A-Za-z]*(\s[A-Z][A-Za-z]*)*\s?(API|AI)?|JSON|CSV|URL|HTTPS?|API|OpenAI|Ollama)$/;
const READ_ATTRIBUTES =
  /\b(aria-label|aria-description|aria-roledescription|title|placeholder|alt|label)="([^"]*)"/g;
const JSX_TEXT = />([^<>{}()=;]*)</g;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text) && !NOT_TRANSLATED.test(text.trim());

function untranslated(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(READ_ATTRIBUTES)) if (hasWords(m[2] ?? '')) found.push(`${m[1]}="${m[2]}"`);
  for (const m of source.matchAll(JSX_TEXT)) {
    const text = (m[1] ?? '').trim();
    if (text && hasWords(text)) found.push(`>${text}<`);
  }
  return found;
}

describe('UI strings go through the locale files', () => {
  it('the finder sees text and read attributes, and not markup or expressions', () => {
    expect(untranslated('<button title="Close panel">Insert draft</button>')).toEqual([
      'title="Close panel"',
      '>Insert draft<',
    ]);
    expect(untranslated(`<p>{t('panel_title')}</p><span aria-label={t('x')}>{count}</span>`)).toEqual([]);
  });

  for (const dir of UI_DIRS)
    for (const file of tsxFiles(join(ROOT, dir)))
      it(relative(ROOT, file), () => {
        expect(untranslated(readFileSync(file, 'utf8'))).toEqual([]);
      });
});
