// Bundles every tests/fixtures/<site>/app.ts (the fixture helpdesk pages' editor apps) into
// tests/fixtures/dist/<site>.js and copies CKEditor 5's stylesheet to tests/fixtures/dist/ckeditor5.css.
// The fixture server serves that folder at /__dist/* on every host.
//
//   node scripts/build-fixtures.mjs          (also: import { buildFixtures } from './build-fixtures.mjs')

import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(root, 'tests', 'fixtures');
const distDir = path.join(fixturesDir, 'dist');
const ckeditorCss = path.join(root, 'node_modules', 'ckeditor5', 'dist', 'ckeditor5.css');

/** The tests/fixtures/<site>/app.ts entry points, as { site, file }. */
export function fixtureApps() {
  if (!existsSync(fixturesDir)) return [];
  return readdirSync(fixturesDir)
    .filter((name) => name !== 'dist' && statSync(path.join(fixturesDir, name)).isDirectory())
    .map((site) => ({ site, file: path.join(fixturesDir, site, 'app.ts') }))
    .filter((app) => existsSync(app.file))
    .sort((a, b) => a.site.localeCompare(b.site));
}

/** Build all fixture apps; resolves with the written files. Throws when esbuild reports errors. */
export async function buildFixtures({ quiet = false } = {}) {
  const say = (msg) => {
    if (!quiet) console.log(`[build-fixtures] ${msg}`);
  };
  mkdirSync(distDir, { recursive: true });
  const written = [];

  if (existsSync(ckeditorCss)) {
    const target = path.join(distDir, 'ckeditor5.css');
    copyFileSync(ckeditorCss, target);
    written.push(target);
  } else {
    say('node_modules/ckeditor5/dist/ckeditor5.css not found; skipped the stylesheet');
  }

  const apps = fixtureApps();
  if (apps.length === 0) {
    say('no tests/fixtures/*/app.ts yet; nothing to bundle');
    return written;
  }

  const { build } = await import('esbuild');
  const started = Date.now();
  await Promise.all(
    apps.map(async ({ site, file }) => {
      const outfile = path.join(distDir, `${site}.js`);
      await build({
        entryPoints: [file],
        outfile,
        bundle: true,
        minify: true,
        format: 'iife',
        platform: 'browser',
        target: 'chrome120',
        // draft-js (through fbjs) reads Node's `global`; browsers call it globalThis.
        define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
        legalComments: 'none',
        logLevel: 'warning',
        absWorkingDir: root,
      });
      written.push(outfile);
      const kb = (statSync(outfile).size / 1024).toFixed(0);
      say(`${path.relative(root, file)} → ${path.relative(root, outfile)} (${kb} kB)`);
    }),
  );
  say(`${apps.length} app(s) bundled in ${Date.now() - started} ms`);
  return written;
}

if (isMain(import.meta.url)) {
  try {
    await buildFixtures();
  } catch (err) {
    // esbuild has already printed its diagnostics (logLevel 'warning').
    console.error(
      `[build-fixtures] failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
    process.exitCode = 1;
  }
}
