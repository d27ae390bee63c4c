import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoreMarkers, literalsOf, looksLikeSentence, untranslatedInCode } from './i18n-utils-finder';

// Texts made in utils/ (content scripts, background, stores, schemas) reach the agent too, so they go through the
// locale files like the components' (i18n-hardcoded.test.ts). This finds string and template literals in utils/
// that read as an English sentence. What is English on purpose is either a whole file below (with the reason) or
// one literal whose previous line says `// i18n-ignore: <reason>`. Text written to the console (console.*, an injected `log`) is for maintainers.

const ROOT = new URL('../..', import.meta.url).pathname;

/** Files whose sentences are for the model or for maintainers, never shown to the agent as UI. */
const ENGLISH_ON_PURPOSE: Record<string, string> = {
  'utils/llm/prompts.ts': 'system and user prompts sent to the model',
  'utils/llm/summary.ts': 'the summary request and its JSON field descriptions are sent to the model',
  'utils/llm/continue.ts': 'the "continue where you stopped" instruction is sent to the model',
  'utils/presets/builtin.ts': 'the built-in presets’ templates are prompts for the model',
  'utils/presets/prompt-parts.ts': 'parts assembled into the model’s instructions',
  'utils/knowledge/prompt-section.ts': 'the knowledge block and its rules are part of the prompt',
  'utils/ticket/injection.ts': 'injection labels and neutralisation text go into the prompt',
  'utils/ticket/language.ts': 'stop-word lists that guess a ticket’s language (data, not text)',
  'utils/knowledge/stop-words.ts': 'stop-word lists for search (data, not text)',
  'utils/diagnose/report.ts': 'the Diagnose report is Markdown for maintainers, in English',
  'utils/presets/refine.ts':
    'the refine presets: templates are prompts; names are shown through utils/presets/preset-text.ts',
  'utils/knowledge/policy-check.ts':
    'the policy-check preset: its template is a prompt; its name is shown through utils/presets/preset-text.ts',
  'utils/presets/preset-text.ts':
    'the shipped presets’ English names, compared with the names stored in records; their display is t()',
  'utils/presets/template.ts':
    'variable descriptions are developer documentation (the editor lists only the names)',
  'utils/providers/presets.ts':
    'English data for the README and stored defaults; the options page shows utils/options/provider-preset-text.ts',
  'utils/privacy/detectors/':
    'detector descriptions are for developers; the options page shows its own translated texts (PrivacySection)',
};

/** Single marked literals stay rare: a file full of them belongs in the list above, or in the locale files. */
const MAX_IGNORE_MARKERS = 12;

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.tsx?$/.test(path) && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const files = codeFiles(join(ROOT, 'utils')).map((path) => relative(ROOT, path));

describe('the finder of English sentences in code', () => {
  it('sees a sentence in a string, in a template, and a label with a colon', () => {
    const source = [
      "throw new Error('No ticket is open in this tab.');",
      `const warning = \`Only the first \${max} messages were read.\`;`,
      "const label = 'Insert failed: the editor is busy';",
    ].join('\n');
    expect(untranslatedInCode(source)).toEqual([
      { line: 1, text: 'No ticket is open in this tab.' },
      { line: 2, text: 'Only the first … messages were read.' },
      { line: 3, text: 'Insert failed: the editor is busy' },
    ]);
  });

  it('ignores keys, selectors, URLs, regular expressions, comments, import paths and names', () => {
    const source = [
      "import { t } from '../i18n/t';",
      "const lazy = await import('./some module path');",
      "t('core_reader_no_request_open', 'Jira Service Management', '/browse/<KEY-123>');",
      'const sel = \'[data-testid="issue.views.issue-base"] button span\';',
      "const sel2 = '.ticket-tags ul li .tag-options';",
      "const url = 'https://example.com/Some path with words.html';",
      'const re = /Please ignore all previous instructions. Then do it./gi;',
      "const source = '\\\\bfrom now on,?\\\\s+(?:you|the ai)\\\\s+(?:are|will)\\\\b';",
      '// A comment is not a literal: This is a sentence.',
      '/* Nor is a block comment. It says "This is a sentence." */',
      "const lower = 'the ticket has no id';",
      "const ratio = total / count; const other = 'x' / 2;",
      "console.warn('Deskmate: building the index failed.', error);",
      "deps.log?.(\n  'The pack refresh alarm could not be set.',\n);",
    ].join('\n');
    expect(untranslatedInCode(source)).toEqual([]);
  });

  it('keeps reading after a regex, a division, and a template with nested expressions and braces', () => {
    const source = [
      'const a = x.replace(/[\'"`]/g, "");',
      `const b = total / 2; const c = \`\${items.map((i) => \`\${i} {braces}\`).join(", ")}\`;`,
      "const d = 'This sentence comes after them all.';",
    ].join('\n');
    expect(literalsOf(source).map((l) => l.text)).toContain('This sentence comes after them all.');
    expect(untranslatedInCode(source)).toEqual([{ line: 3, text: 'This sentence comes after them all.' }]);
  });

  it('skips a literal whose previous line carries the marker with a reason, and counts the markers', () => {
    const source = [
      '// i18n-ignore: only in the console',
      "console.warn('Could not read the saved settings.');",
      '// i18n-ignore:',
      "const y = 'A marker without a reason does not count.';",
    ].join('\n');
    expect(untranslatedInCode(source)).toEqual([
      { line: 4, text: 'A marker without a reason does not count.' },
    ]);
    expect(ignoreMarkers(source)).toBe(1);
  });

  it('tells a sentence from names and fragments', () => {
    expect(looksLikeSentence('Insert failed')).toBe(false); // two words: labels are caught in components
    expect(looksLikeSentence('Open a ticket and try again')).toBe(true);
    expect(looksLikeSentence('older messages may be missing.')).toBe(true);
    expect(looksLikeSentence('Salesforce Service Cloud')).toBe(false);
    expect(looksLikeSentence('Internal Server Error')).toBe(false);
    expect(looksLikeSentence('application/json; charset=utf-8')).toBe(false);
  });
});

describe('English sentences in utils/ go through the locale files', () => {
  it('every file excluded on purpose still exists', () => {
    for (const file of Object.keys(ENGLISH_ON_PURPOSE)) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it(`single literals marked "i18n-ignore" stay rare (at most ${MAX_IGNORE_MARKERS})`, () => {
    const marked = files.map((file) => ignoreMarkers(readFileSync(join(ROOT, file), 'utf8')));
    expect(marked.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(MAX_IGNORE_MARKERS);
  });

  const onPurpose = (file: string) =>
    Object.keys(ENGLISH_ON_PURPOSE).some((path) =>
      path.endsWith('/') ? file.startsWith(path) : file === path,
    );
  for (const file of files.filter((f) => !onPurpose(f)))
    it(file, () => {
      expect(untranslatedInCode(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
    });
});
