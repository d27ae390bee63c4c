// Bytes of every built entry (raw and gzip -9), with the content-script budget. The same budget fails CI in
// scripts/check-budgets.mjs; here it is only reported.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Each helpdesk's content script (the shared core plus its one adapter) runs on every page load of it. */
export const CONTENT_SCRIPT_BUDGET_GZIP = 20 * 1024;

/** @param {string} file a path relative to the build, with forward slashes */
const budgetOf = (file) =>
  /^content-scripts\/[^/]+\.js$/.test(file) ? CONTENT_SCRIPT_BUDGET_GZIP : undefined;

/** @param {string} root @param {string} [rel] @returns {string[]} */
function walk(root, rel = '') {
  return readdirSync(path.join(root, rel)).flatMap((name) => {
    const child = path.join(rel, name);
    return statSync(path.join(root, child)).isDirectory() ? walk(root, child) : [child];
  });
}

/**
 * Every .js/.css/.html file of the build in `dir`, largest gzip first.
 * @param {string} dir
 * @returns {{ file: string, raw: number, gzip: number, budgetGzip?: number, pass?: boolean }[]}
 */
export function measureBytes(dir) {
  return walk(dir)
    .filter((file) => /\.(js|css|html)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(path.join(dir, file));
      const gzip = gzipSync(bytes, { level: 9 }).length;
      const name = file.split(path.sep).join('/');
      const budgetGzip = budgetOf(name);
      return budgetGzip === undefined
        ? { file: name, raw: bytes.length, gzip }
        : { file: name, raw: bytes.length, gzip, budgetGzip, pass: gzip <= budgetGzip };
    })
    .sort((a, b) => b.gzip - a.gzip);
}
