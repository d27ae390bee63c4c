// Mozilla's add-on linter (the one AMO runs on upload) over the built Firefox extension:
//
//   node scripts/lint-firefox.mjs [dir]        default dir: .output/firefox-mv2 (build it: npx wxt build -b firefox)
//
// Runs `web-ext lint --source-dir <dir> --output json` and prints errors, warnings and notices readably.
// Exit code 1 on any ERROR (AMO would reject the upload); warnings and notices are reported, not fatal.
// Warnings whose cause is known (third-party code reviewed in docs/RELEASING.md) are labelled as such.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Known causes of linter findings in our bundles, recognised by the code around the reported position.
 * Each is third-party code, not ours; docs/RELEASING.md has the reviewer notes.
 */
export const KNOWN_CAUSES = [
  {
    code: 'DANGEROUS_EVAL',
    near: /jitless/,
    cause:
      "zod 4 (v4/core/util.js allowsEval): a `new Function('')` probe for its JIT; the extension CSP blocks eval, so zod falls back to the interpreter",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    near: /dangerouslySetInnerHTML/,
    cause:
      'react-dom (react-dom-client.production.js setProp/setPropOnCustomElement): support for dangerouslySetInnerHTML, which Deskmate never uses',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    near: /_charThreshold|readability-page-1|pageCacheHtml/,
    cause:
      "@mozilla/readability (_grabArticle): restores its own snapshot of the page's HTML between attempts, inside a cloned, inert document",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    near: /noscript|_isSingleImage/,
    cause:
      '@mozilla/readability (_unwrapNoscriptImages): copies <noscript> image markup, inside a cloned, inert document',
  },
];

/**
 * @typedef {{ _type?: string, code?: string, message?: string, description?: string | string[],
 *   file?: string, line?: number, column?: number }} LintMessage
 * @typedef {{ count?: number, summary?: { errors: number, warnings: number, notices: number },
 *   errors?: LintMessage[], warnings?: LintMessage[], notices?: LintMessage[] }} LintReport
 */

/**
 * web-ext prints the JSON report on stdout, possibly after other lines; take the outermost JSON object.
 * @returns {LintReport}
 */
export function parseLintOutput(stdout) {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('web-ext printed no JSON report');
  return JSON.parse(stdout.slice(start, end + 1));
}

/** The source text around a reported position (minified bundles are one long line). */
export function excerpt(source, line, column, radius = 400) {
  if (!source || !line) return '';
  const text = source.split('\n')[line - 1] ?? '';
  const at = Math.max(0, (column ?? 1) - 1);
  return text.slice(Math.max(0, at - radius), at + radius);
}

/** The known cause of a finding, judged from the code around it; undefined when unknown. */
export function knownCause(message, around) {
  return KNOWN_CAUSES.find((k) => k.code === message.code && k.near.test(around))?.cause;
}

const description = (m) => (Array.isArray(m.description) ? m.description.join(' ') : (m.description ?? ''));

/**
 * A readable report; `sourceOf(file)` returns a built file's text (to label known causes).
 * @param {LintReport} report
 * @param {(file: string) => string | undefined} [sourceOf]
 */
export function formatLint(report, sourceOf = () => undefined) {
  const lines = [];
  const explained = new Set();
  const groups = /** @type {const} */ ([
    ['errors', 'ERROR'],
    ['warnings', 'warning'],
    ['notices', 'notice'],
  ]);
  for (const [key, label] of groups) {
    for (const m of report[key] ?? []) {
      const where = m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
      lines.push(`${label.padEnd(7)} ${m.code ?? '?'}  ${where}`);
      lines.push(`        ${m.message ?? ''}`);
      const detail = description(m);
      if (detail && detail !== m.message && !explained.has(m.code))
        lines.push(`        ${detail.replace(/\s+/g, ' ').slice(0, 300)}`);
      explained.add(m.code);
      const cause = m.file ? knownCause(m, excerpt(sourceOf(m.file) ?? '', m.line, m.column)) : undefined;
      if (cause) lines.push(`        known cause: ${cause}`);
    }
  }
  const s = report.summary ?? {
    errors: report.errors?.length ?? 0,
    warnings: report.warnings?.length ?? 0,
    notices: report.notices?.length ?? 0,
  };
  lines.push(`lint-firefox: ${s.errors} error(s), ${s.warnings} warning(s), ${s.notices} notice(s)`);
  return lines.join('\n');
}

function main() {
  const dir = path.resolve(root, process.argv[2] ?? '.output/firefox-mv2');
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    console.error(
      `lint-firefox: ${path.relative(root, dir)}/manifest.json is missing; run: npx wxt build -b firefox`,
    );
    process.exitCode = 1;
    return;
  }
  const bin = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'web-ext.cmd' : 'web-ext',
  );
  const run = spawnSync(
    bin,
    ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'],
    // NO_UPDATE_NOTIFIER: web-ext would otherwise spawn a background npm registry check.
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    },
  );
  if (run.error) {
    console.error(`lint-firefox: could not start web-ext: ${run.error.message}`);
    process.exitCode = 1;
    return;
  }
  let report;
  try {
    report = parseLintOutput(run.stdout ?? '');
  } catch (error) {
    console.error(`lint-firefox: ${error instanceof Error ? error.message : error}`);
    if (run.stdout) console.error(run.stdout);
    if (run.stderr) console.error(run.stderr);
    process.exitCode = 1;
    return;
  }
  console.log(`web-ext lint ${path.relative(root, dir)}`);
  const sourceOf = (file) => {
    try {
      return readFileSync(path.join(dir, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  console.log(formatLint(report, sourceOf));
  const errors = report.summary?.errors ?? report.errors?.length ?? 0;
  process.exitCode = errors > 0 ? 1 : 0;
}

if (isMain(import.meta.url)) main();
