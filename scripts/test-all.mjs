// The single test command (`npm test`): typecheck, lint, unit tests, builds, fixture bundles, e2e tests.
//
//   node scripts/test-all.mjs            everything
//   node scripts/test-all.mjs --unit     only the unit tests (vitest)
//   node scripts/test-all.mjs --e2e      only the e2e tests (find browser, wxt build, build-fixtures, playwright)
//
// Each step's output is streamed as it runs. A failing test suite does not stop the run; a failing
// typecheck/lint/build step does (the later steps would only fail for the same reason). The very last line
// printed is always `N passed, N failed`: test counts from reports/unit.json and reports/e2e.json, plus one
// failure for each failed typecheck/lint/build step. The exit code is non-zero when anything failed.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from './find-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportsDir = path.join(root, 'reports');
const UNIT_REPORT = path.join(reportsDir, 'unit.json');
const E2E_REPORT = path.join(reportsDir, 'e2e.json');

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => !['--unit', '--e2e'].includes(arg));
if (unknown.length > 0) {
  console.log(`test-all: unknown option ${unknown.join(' ')} (known: --unit, --e2e)`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}
const subset = args.has('--unit') || args.has('--e2e');
const want = {
  static: !subset,
  unit: !subset || args.has('--unit'),
  e2e: !subset || args.has('--e2e'),
};

const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

/** @type {Array<{ name: string, ok: boolean, detail: string, ms: number }>} */
const results = [];
let passed = 0;
let failed = 0;

function bin(name) {
  const file = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  return file;
}

/** Run a command with inherited stdio; resolves with its exit code (127 when it could not start). */
function run(cmd, cmdArgs, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
    child.on('error', (err) => {
      console.error(`test-all: could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(3, 76 - title.length))}`);
}

/** A step that must succeed (typecheck, lint, build). Returns false when it failed. */
async function gate(name, cmd, cmdArgs, extraEnv) {
  banner(name);
  const started = Date.now();
  const code = await run(cmd, cmdArgs, extraEnv);
  const ok = code === 0;
  if (!ok) failed += 1;
  results.push({ name, ok, detail: ok ? 'ok' : `exit code ${code}`, ms: Date.now() - started });
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from Vitest's JSON reporter (reports/unit.json). */
function unitCounts(report, code) {
  if (!report) return { passed: 0, failed: 1, note: 'no reports/unit.json' };
  let fail = Number(report.numFailedTests ?? 0);
  // Test files that failed without a failing test: import errors, failing hooks.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((/** @type {{status: string}} */ a) => a.status === 'failed'),
  ).length;
  fail += brokenFiles;
  // Anything else that made vitest fail (e.g. unhandled errors) counts once.
  if (fail === 0 && (code !== 0 || report.success === false)) fail = 1;
  const note = brokenFiles ? `${brokenFiles} test file(s) failed to run` : '';
  return { passed: Number(report.numPassedTests ?? 0), failed: fail, note };
}

/** Counts from Playwright's JSON reporter (reports/e2e.json): stats.expected/unexpected/flaky, errors[]. */
function e2eCounts(report, code) {
  if (!report?.stats) return { passed: 0, failed: 1, note: 'no reports/e2e.json' };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  // Top-level errors: a spec file that failed to load, global setup/teardown, "no tests found".
  const errors = Array.isArray(report.errors) ? report.errors.length : 0;
  let fail = unexpected + flaky + errors;
  if (fail === 0 && code !== 0) fail = 1;
  const notes = [];
  if (skipped) notes.push(`${skipped} skipped`);
  if (flaky) notes.push(`${flaky} flaky`);
  if (errors) notes.push(`${errors} error(s) outside tests`);
  return { passed: expected, failed: fail, note: notes.join(', ') };
}

/** A test-suite step: never stops the run; adds the report's counts. */
async function suite(name, cmd, cmdArgs, reportFile, count, extraEnv) {
  banner(name);
  const started = Date.now();
  rmSync(reportFile, { force: true });
  const code = await run(cmd, cmdArgs, extraEnv);
  const counts = count(readJson(reportFile), code);
  passed += counts.passed;
  failed += counts.failed;
  const detail = `${counts.passed} passed, ${counts.failed} failed${counts.note ? ` (${counts.note})` : ''}`;
  results.push({ name, ok: counts.failed === 0, detail, ms: Date.now() - started });
}

function skip(name, why) {
  results.push({ name, ok: true, detail: `skipped: ${why}`, ms: 0 });
}

async function main() {
  mkdirSync(reportsDir, { recursive: true });
  if (!existsSync(path.join(root, 'node_modules'))) {
    console.error('test-all: node_modules is missing; run `npm ci` first');
  }

  let browser;
  if (want.e2e) {
    banner('find browser');
    const started = Date.now();
    try {
      browser = await findBrowser();
      console.log(browser);
      results.push({ name: 'find browser', ok: true, detail: browser, ms: Date.now() - started });
    } catch (err) {
      console.error(`test-all: ${err instanceof Error ? err.message : String(err)}`);
      failed += 1;
      results.push({ name: 'find browser', ok: false, detail: 'no Chromium', ms: Date.now() - started });
    }
  }

  if (want.static) {
    if (!(await gate('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit']))) return;
    if (!(await gate('lint (biome check .)', bin('biome'), ['check', '.']))) return;
  }

  if (want.unit) {
    await suite(
      'unit tests (vitest)',
      bin('vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile=${path.relative(root, UNIT_REPORT)}`],
      UNIT_REPORT,
      unitCounts,
    );
  }

  if (want.e2e) {
    if (!(await gate('build chrome (wxt build)', bin('wxt'), ['build']))) return;
    await gate('size budgets (check-budgets)', process.execPath, [path.join('scripts', 'check-budgets.mjs')]);
    if (
      want.static &&
      !(await gate('build firefox (wxt build -b firefox)', bin('wxt'), ['build', '-b', 'firefox']))
    ) {
      return;
    }
    if (want.static) {
      await gate('manifests (check-manifests)', process.execPath, [
        path.join('scripts', 'check-manifests.mjs'),
      ]);
      await gate('firefox lint (web-ext lint)', process.execPath, [path.join('scripts', 'lint-firefox.mjs')]);
      await gate('store zips (package --ci)', process.execPath, [
        path.join('scripts', 'package.mjs'),
        '--ci',
      ]);
    }
    if (!(await gate('build fixtures', process.execPath, [path.join('scripts', 'build-fixtures.mjs')])))
      return;
    if (browser) {
      await suite('e2e tests (playwright)', bin('playwright'), ['test'], E2E_REPORT, e2eCounts, {
        CHROMIUM_PATH: browser,
      });
      if (want.static) {
        // The store screenshots script must keep working; CI writes its images outside the tracked store/ and
        // docs/ (--docs: the README's pictures too, so that path keeps working; the committed ones are untouched).
        const images = path.join('reports', 'store-images');
        const script = path.join('scripts', 'store-screenshots.mjs');
        await gate('store screenshots', process.execPath, [script, '--no-build', '--docs', '--out', images], {
          CHROMIUM_PATH: browser,
        });
      }
    } else {
      skip('e2e tests (playwright)', 'no browser');
    }
  }
}

const startedAll = Date.now();
try {
  await main();
} catch (err) {
  console.error('test-all: unexpected failure:', err);
  failed += 1;
}

banner('summary');
for (const r of results) {
  const secs = (r.ms / 1000).toFixed(1).padStart(6);
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${secs}s  ${r.name}: ${r.detail}`);
}
console.log(`total ${((Date.now() - startedAll) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
