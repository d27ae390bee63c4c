// Cut a release: version, changelog, store packages, checks.
//
//   node scripts/release.mjs <patch|minor|major|x.y.z> [--dry-run] [--allow-dirty] [--verify-sources] [--date YYYY-MM-DD]
//
//   1. bumps the version in package.json and package-lock.json (`npm version --no-git-tag-version`; WXT takes
//      the manifest version from package.json). An explicit x.y.z may equal the current version when
//      CHANGELOG.md has no section for it yet (the first release, 0.1.0);
//   2. moves the `## Unreleased` section of CHANGELOG.md under `## <version> — <date>` (a new, empty
//      `## Unreleased` stays on top);
//   3. runs scripts/package.mjs (Chrome + Firefox zips, sources zip with REPRODUCIBLE-BUILD.md; with
//      --verify-sources it also rebuilds the sources zip from scratch and compares), then
//      scripts/check-manifests.mjs and scripts/lint-firefox.mjs;
//   4. prints the artefacts and the next steps (commit, tag, submit: docs/RELEASING.md).
// --dry-run changes no files: it prints the new version, the changelog section it would move, and the
// commands it would run. It does not commit or tag; a dirty git tree stops it unless --allow-dirty.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMain } from './is-main.mjs';
import { artefactPaths } from './package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHANGELOG = 'CHANGELOG.md';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** The next version for patch/minor/major or an explicit x.y.z (which must not go backwards). */
export function nextVersion(current, spec) {
  const m = SEMVER.exec(current);
  if (!m) throw new Error(`package.json version "${current}" is not x.y.z`);
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (spec === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (spec === 'minor') return `${major}.${minor + 1}.0`;
  if (spec === 'major') return `${major + 1}.0.0`;
  const e = SEMVER.exec(spec ?? '');
  if (!e) throw new Error(`expected patch, minor, major or x.y.z, got "${spec ?? ''}"`);
  const cmp = [Number(e[1]) - major, Number(e[2]) - minor, Number(e[3]) - patch].find((d) => d !== 0) ?? 0;
  if (cmp < 0) throw new Error(`${spec} is lower than the current version ${current}`);
  return spec;
}

/** Local calendar date as YYYY-MM-DD. */
export function today(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Moves the body of `## Unreleased` under `## <version> — <date>`, leaving an empty `## Unreleased` above it.
 * @returns {{ changelog: string, section: string }}  the new text, and the moved section body
 */
export function moveUnreleased(changelog, version, date) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => /^## +Unreleased\s*$/i.test(line));
  if (start < 0) throw new Error(`${CHANGELOG} has no "## Unreleased" section`);
  const escaped = version.replace(/\./g, '\\.');
  if (lines.some((line) => new RegExp(`^## +\\[?${escaped}\\]?(\\s|$)`).test(line))) {
    throw new Error(`${CHANGELOG} already has a section for ${version}`);
  }
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  const body = lines.slice(start + 1, end);
  const section = body.join('\n').trim();
  if (!section) throw new Error(`the "## Unreleased" section of ${CHANGELOG} is empty: nothing to release`);
  const rest = lines.slice(end);
  const out = [
    ...lines.slice(0, start),
    lines[start] ?? '## Unreleased',
    '',
    `## ${version} — ${date}`,
    '',
    section,
    ...(rest.length > 0 ? ['', ...rest] : ['']),
  ];
  return { changelog: out.join('\n'), section };
}

/** Uncommitted changes (git status --porcelain), or undefined outside git. */
function gitDirty() {
  const result = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return result.stdout.split('\n').filter(Boolean);
}

/** A command line for humans: `node scripts/x.mjs …` rather than absolute paths. */
function show(cmd, args) {
  const name = cmd === process.execPath ? 'node' : cmd;
  return [name, ...args.map((a) => (path.isAbsolute(a) ? path.relative(root, a) : a))].join(' ');
}

function step(title, cmd, args) {
  console.log(`\n=== ${title}: ${show(cmd, args)}`);
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.error) throw new Error(`could not start ${cmd}: ${result.error.message}`);
  return result.status === 0;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      'verify-sources': { type: 'boolean', default: false },
      date: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    throw new Error(
      'usage: release.mjs <patch|minor|major|x.y.z> [--dry-run] [--allow-dirty] [--verify-sources] [--date YYYY-MM-DD]',
    );
  }
  const dryRun = values['dry-run'];
  const pkgPath = path.join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  const version = nextVersion(pkg.version, positionals[0]);
  const date = values.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date ${date} is not YYYY-MM-DD`);
  const changelogPath = path.join(root, CHANGELOG);
  if (!existsSync(changelogPath)) throw new Error(`${CHANGELOG} is missing`);
  const moved = moveUnreleased(readFileSync(changelogPath, 'utf8'), version, date);

  const dirty = gitDirty();
  if (dirty && dirty.length > 0) {
    const message = `the git tree has ${dirty.length} uncommitted change(s); the sources zip would include them`;
    if (dryRun) console.log(`note: ${message} (a real run stops unless --allow-dirty)`);
    else if (!values['allow-dirty']) throw new Error(`${message}. Commit first, or pass --allow-dirty.`);
    else console.log(`warning: ${message}`);
  }

  const node = process.execPath;
  const commands = [
    [
      'package',
      node,
      [path.join(root, 'scripts', 'package.mjs'), ...(values['verify-sources'] ? ['--verify-sources'] : [])],
    ],
    ['check manifests', node, [path.join(root, 'scripts', 'check-manifests.mjs')]],
    ['lint firefox', node, [path.join(root, 'scripts', 'lint-firefox.mjs')]],
  ];
  const artefacts = artefactPaths(path.join(root, '.output'), pkg.name, version);

  console.log(
    `release: ${pkg.name} ${pkg.version} → ${version} (${date})${dryRun ? '   [dry run: no files change]' : ''}`,
  );
  if (dryRun) {
    console.log(
      `\nwould set the version to ${version}: npm version ${version} --no-git-tag-version --allow-same-version (package.json, package-lock.json)`,
    );
    console.log(`would move this section of ${CHANGELOG} under "## ${version} — ${date}":\n`);
    console.log(
      moved.section
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
    );
    console.log('\nwould then run:');
    for (const [title, cmd, args] of commands) {
      console.log(`  ${title}: ${show(cmd, args)}`);
    }
    console.log('and produce:');
    for (const file of Object.values(artefacts)) console.log(`  ${path.relative(root, file)}`);
    return;
  }

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const bumped = spawnSync(
    npm,
    ['version', version, '--no-git-tag-version', '--allow-same-version', '--ignore-scripts'],
    { cwd: root, stdio: 'inherit' },
  );
  if (bumped.status !== 0) throw new Error(`npm version ${version} failed`);
  writeFileSync(changelogPath, moved.changelog);
  console.log(
    `set version ${version} in package.json and package-lock.json; ${CHANGELOG}: "## ${version} — ${date}"`,
  );

  const failed = [];
  for (const [title, cmd, args] of commands) {
    if (!step(title, cmd, args)) failed.push(title);
    if (title === 'package' && failed.length > 0) break;
  }

  console.log('\nartefacts:');
  for (const [label, file] of [
    ['Chrome Web Store + Edge Add-ons', artefacts.chrome],
    ['Firefox Add-ons', artefacts.firefox],
    ['Firefox Add-ons source code', artefacts.sources],
  ]) {
    console.log(
      `  ${existsSync(file) ? path.relative(root, file) : `(missing) ${path.relative(root, file)}`}   ${label}`,
    );
  }
  if (failed.length > 0) {
    console.error(`\nrelease ${version}: FAILED (${failed.join(', ')}). Files changed so far: package.json,`);
    console.error(
      `package-lock.json, ${CHANGELOG}, REPRODUCIBLE-BUILD.md. Fix and rerun, or undo them with git.`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`\nrelease ${version}: ready. Next (docs/RELEASING.md):`);
  console.log(`  git add package.json package-lock.json ${CHANGELOG} REPRODUCIBLE-BUILD.md`);
  console.log(`  git commit -m "Release ${version}" && git tag v${version}`);
  console.log(
    `  npx wxt submit --dry-run --chrome-zip ${path.relative(root, artefacts.chrome)} --firefox-zip ${path.relative(root, artefacts.firefox)} --firefox-sources-zip ${path.relative(root, artefacts.sources)} --edge-zip ${path.relative(root, artefacts.chrome)}`,
  );
}

if (isMain(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`release: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
