// Store packages in one command: the Chrome/Edge zip, the Firefox zip and the Firefox sources zip.
//
//   node scripts/package.mjs                    record the build environment in REPRODUCIBLE-BUILD.md,
//                                               then `wxt zip` and `wxt zip -b firefox` (each builds first)
//   node scripts/package.mjs --verify-sources   also rebuild the sources zip from scratch in a temp dir
//                                               (npm ci + wxt zip -b firefox) and compare the built files
//                                               with the shipped Firefox zip, byte for byte
//   node scripts/package.mjs --verify-only      only the verification, on the zips already in .output/
//   node scripts/package.mjs --ci               zip without touching REPRODUCIBLE-BUILD.md, then check the
//                                               zips' contents: each store zip holds exactly its built
//                                               folder; the sources zip holds what a reviewer needs and no
//                                               tests, CI, store or docs files
//
// Artefacts (WXT's names): .output/<name>-<version>-chrome.zip   Chrome Web Store and Edge Add-ons
//                          .output/<name>-<version>-firefox.zip  Firefox Add-ons (AMO)
//                          .output/<name>-<version>-sources.zip  AMO's "source code" upload
// The sources zip must hold REPRODUCIBLE-BUILD.md at its root: this script writes the Node/npm versions it
// runs with into that file's generated block before zipping, then checks the zip's copy.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { isMain } from './is-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const REPRODUCIBLE_DOC = 'REPRODUCIBLE-BUILD.md';
const START = /<!-- build-environment:start[^>]*-->\n/;
const END = '<!-- build-environment:end -->';

const OS_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/**
 * The generated block of REPRODUCIBLE-BUILD.md.
 * @param {{ version: string, node: string, npm: string, engines: Record<string, string>, platform: string, arch: string }} env
 */
export function renderEnvironmentBlock(env) {
  const engines = Object.entries(env.engines ?? {})
    .map(([name, range]) => `${name} ${range}`)
    .join(', ');
  // A list, not a table: Biome formats Markdown, and a list stays as written whatever the values' widths.
  return [
    'The submitted version was built with:',
    '',
    `- Deskmate version: ${env.version}`,
    `- Node.js: ${env.node.replace(/^v/, '')}`,
    `- npm: ${env.npm}`,
    `- \`engines\` in package.json: ${engines || '(none)'}`,
    `- Operating system: ${OS_NAMES[env.platform] ?? env.platform} ${env.arch}`,
    '',
  ].join('\n');
}

/** Replaces the generated block between the markers; throws when the markers are missing. */
export function replaceEnvironmentBlock(markdown, block) {
  const start = START.exec(markdown);
  const end = markdown.indexOf(END);
  if (!start || end < start.index) {
    throw new Error(`${REPRODUCIBLE_DOC} has no <!-- build-environment:start --> … ${END} block`);
  }
  const from = start.index + start[0].length;
  return markdown.slice(0, from) + block + markdown.slice(end);
}

/** The npm version: from npm's user agent when run through npm, else `npm --version`. */
export function npmVersion(env = process.env) {
  const fromAgent = /\bnpm\/(\S+)/.exec(env.npm_config_user_agent ?? '')?.[1];
  if (fromAgent) return fromAgent;
  const run = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['--version'], {
    encoding: 'utf8',
  });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

/**
 * The files of a zip archive (stored or deflated entries; no zip64), directories left out.
 * @param {Uint8Array} bytes
 * @returns {Map<string, Buffer>}
 */
export function readZip(bytes) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new Error(`${name}: unsupported zip compression method ${method}`);
  }
  return files;
}

/**
 * Byte comparison of two file sets (name → content).
 * @param {Map<string, Uint8Array>} expected
 * @param {Map<string, Uint8Array>} actual
 */
export function compareFiles(expected, actual) {
  const same = [];
  const different = [];
  const missing = [];
  for (const [name, bytes] of expected) {
    const other = actual.get(name);
    if (!other) missing.push(name);
    else if (Buffer.compare(Buffer.from(bytes), Buffer.from(other)) === 0) same.push(name);
    else different.push(name);
  }
  const extra = [...actual.keys()].filter((name) => !expected.has(name));
  return {
    same,
    different,
    missing,
    extra,
    identical: different.length + missing.length + extra.length === 0,
  };
}

/** The files of a directory as name → content (names with forward slashes). */
export function readTree(dir, rel = '') {
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (const name of readdirSync(path.join(dir, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, child)).isDirectory()) {
      for (const [k, v] of readTree(dir, child)) files.set(k, v);
    } else {
      files.set(child, readFileSync(path.join(dir, child)));
    }
  }
  return files;
}

/** WXT's artefact names (zip.artifactTemplate / sourcesTemplate defaults). */
export function artefactPaths(outDir, name, version) {
  return {
    chrome: path.join(outDir, `${name}-${version}-chrome.zip`),
    firefox: path.join(outDir, `${name}-${version}-firefox.zip`),
    sources: path.join(outDir, `${name}-${version}-sources.zip`),
  };
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

function run(cmd, args, options = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  if (result.error) throw new Error(`could not start ${cmd}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit code ${result.status})`);
}

function wxtBin(dir) {
  return path.join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'wxt.cmd' : 'wxt');
}

/** Tracked files (git ls-files), or undefined outside a git checkout. */
function gitTrackedFiles() {
  const result = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return new Set(result.stdout.split('\0').filter(Boolean));
}

/** Checks the sources zip: REPRODUCIBLE-BUILD.md at the root, equal to the repo's; what else is inside. */
function inspectSources(sourcesZip) {
  const files = readZip(readFileSync(sourcesZip));
  const problems = [];
  const doc = files.get(REPRODUCIBLE_DOC);
  if (!doc) problems.push(`${REPRODUCIBLE_DOC} is not at the root of ${path.basename(sourcesZip)}`);
  else if (!doc.equals(readFileSync(path.join(root, REPRODUCIBLE_DOC)))) {
    problems.push(`the ${REPRODUCIBLE_DOC} inside the sources zip differs from the repo's`);
  }
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts']) {
    if (!files.has(needed)) problems.push(`${needed} is missing from the sources zip`);
  }
  const tops = new Map();
  for (const [name, bytes] of files) {
    const top = name.includes('/') ? `${name.split('/')[0]}/` : name;
    const entry = tops.get(top) ?? { files: 0, bytes: 0 };
    entry.files += 1;
    entry.bytes += bytes.length;
    tops.set(top, entry);
  }
  console.log(`\nsources zip contents (${files.size} files):`);
  for (const [top, { files: n, bytes }] of [...tops].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`  ${kB(bytes).padStart(10)}  ${String(n).padStart(4)} file(s)  ${top}`);
  }
  const tracked = gitTrackedFiles();
  if (tracked) {
    const untracked = [...files.keys()].filter((name) => !tracked.has(name));
    if (untracked.length > 0) {
      console.log(`  not tracked by git (${untracked.length}): ${untracked.slice(0, 20).join(', ')}`);
      console.log('  → commit them or add them to zip.excludeSources: reviewers get what is in the tree');
    }
  }
  return { files, problems };
}

/** Each store zip must hold exactly the built folder it was made from: nothing missing, nothing extra. */
export function checkStoreZips(artefacts, outDir) {
  const problems = [];
  for (const [zip, folder] of [
    [artefacts.chrome, 'chrome-mv3'],
    [artefacts.firefox, 'firefox-mv2'],
  ]) {
    const diff = compareFiles(readTree(path.join(outDir, folder)), readZip(readFileSync(zip)));
    if (!diff.identical) {
      problems.push(
        `${path.basename(zip)} differs from .output/${folder}: ` +
          JSON.stringify({ missing: diff.missing, extra: diff.extra, different: diff.different }),
      );
    }
    if (!readZip(readFileSync(zip)).has('manifest.json'))
      problems.push(`${path.basename(zip)} has no manifest.json`);
  }
  return problems;
}

/** What must never ship in the sources zip (tests, CI, store assets, docs, build output, dependencies). */
export function unwantedSources(files) {
  const banned = /^(tests|\.ci|store|docs|node_modules|\.output|reports|test-results)\//;
  const hits = [...files.keys()].filter((name) => banned.test(name));
  return hits.length > 0
    ? [`the sources zip holds files it should not: ${hits.slice(0, 10).join(', ')}`]
    : [];
}

/** Rebuilds the sources zip from scratch and compares the built add-on with the shipped Firefox zip. */
function verifySources(artefacts, { keep }) {
  const work = mkdtempSync(path.join(tmpdir(), 'deskmate-sources-'));
  console.log(`\n=== reproducibility: rebuilding ${path.basename(artefacts.sources)} in ${work}`);
  try {
    for (const [name, bytes] of readZip(readFileSync(artefacts.sources))) {
      mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
      writeFileSync(path.join(work, name), bytes);
    }
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: work });
    run(wxtBin(work), ['zip', '-b', 'firefox'], { cwd: work });
    const shipped = readZip(readFileSync(artefacts.firefox));
    const rebuiltDir = path.join(work, '.output', 'firefox-mv2');
    const fromDir = compareFiles(shipped, readTree(rebuiltDir));
    const rebuiltZip = path.join(work, '.output', path.basename(artefacts.firefox));
    const fromZip = existsSync(rebuiltZip)
      ? compareFiles(shipped, readZip(readFileSync(rebuiltZip)))
      : undefined;
    console.log(
      `\nshipped ${path.basename(artefacts.firefox)} vs rebuilt .output/firefox-mv2: ` +
        `${fromDir.same.length} identical, ${fromDir.different.length} different, ` +
        `${fromDir.missing.length} missing, ${fromDir.extra.length} extra`,
    );
    for (const name of fromDir.different) console.log(`  differs: ${name}`);
    for (const name of fromDir.missing) console.log(`  missing from the rebuild: ${name}`);
    for (const name of fromDir.extra) console.log(`  only in the rebuild: ${name}`);
    if (fromZip) {
      const zipBytesSame = readFileSync(rebuiltZip).equals(readFileSync(artefacts.firefox));
      console.log(
        `rebuilt zip: files ${fromZip.identical ? 'identical' : 'DIFFERENT'}; zip bytes ${zipBytesSame ? 'identical' : 'differ (entry timestamps)'}`,
      );
    }
    return fromDir.identical && (fromZip?.identical ?? true);
  } finally {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      'verify-sources': { type: 'boolean', default: false },
      'verify-only': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      ci: { type: 'boolean', default: false },
    },
  });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const outDir = path.join(root, '.output');
  const artefacts = artefactPaths(outDir, pkg.name, pkg.version);

  if (values.ci) {
    run(wxtBin(root), ['zip']);
    run(wxtBin(root), ['zip', '-b', 'firefox']);
  } else if (!values['verify-only']) {
    const env = {
      version: pkg.version,
      node: process.version,
      npm: npmVersion(),
      engines: pkg.engines ?? {},
      platform: process.platform,
      arch: process.arch,
    };
    const docPath = path.join(root, REPRODUCIBLE_DOC);
    const before = readFileSync(docPath, 'utf8');
    const after = replaceEnvironmentBlock(before, renderEnvironmentBlock(env));
    if (after !== before) writeFileSync(docPath, after);
    console.log(
      `${REPRODUCIBLE_DOC}: Node ${env.node}, npm ${env.npm}, engines ${JSON.stringify(env.engines)}` +
        `${after !== before ? ' (updated; commit it with the release)' : ' (unchanged)'}`,
    );
    run(wxtBin(root), ['zip']);
    run(wxtBin(root), ['zip', '-b', 'firefox']);
  }

  let ok = true;
  for (const file of Object.values(artefacts)) {
    if (!existsSync(file)) {
      console.error(`package: ${path.relative(root, file)} was not produced`);
      ok = false;
    }
  }
  if (!ok) {
    process.exitCode = 1;
    return;
  }
  const { files: sourceFiles, problems } = inspectSources(artefacts.sources);
  if (values.ci) problems.push(...checkStoreZips(artefacts, outDir), ...unwantedSources(sourceFiles));
  for (const problem of problems) console.error(`package: ${problem}`);
  if (problems.length > 0) ok = false;

  if (values['verify-sources'] || values['verify-only']) {
    if (!verifySources(artefacts, { keep: values.keep })) {
      console.error('package: the sources zip does NOT rebuild the shipped Firefox add-on byte for byte');
      ok = false;
    } else {
      console.log('reproducible: the sources zip rebuilds the shipped Firefox add-on byte for byte');
    }
  }

  console.log('\nartefacts:');
  for (const [store, file] of [
    ['Chrome Web Store + Edge Add-ons', artefacts.chrome],
    ['Firefox Add-ons (AMO)', artefacts.firefox],
    ['AMO source code upload', artefacts.sources],
  ]) {
    const bytes = readFileSync(file);
    console.log(
      `  ${path.relative(root, file).padEnd(36)} ${kB(bytes.length).padStart(9)}  sha256 ${sha256(bytes)}`,
    );
    console.log(`  ${''.padEnd(36)} ${store}`);
  }
  process.exitCode = ok ? 0 : 1;
}

if (isMain(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`package: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
