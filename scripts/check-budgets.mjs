// Deterministic size budgets of the built extension (bytes, not timings: those live in benchmarks).
// Prints every entry's raw and gzip size and fails when a budgeted entry is over.
//   node scripts/check-budgets.mjs [.output/chrome-mv3]

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? '.output/chrome-mv3');

// A helpdesk's content script runs on every page load of that helpdesk: keep it small (design notes §3). Each
// helpdesk has its own (the shared core plus its one adapter), and every one of them is held to this budget.
const CONTENT_SCRIPT_BUDGET_GZIP = 20 * 1024;
const budgetOf = (file) =>
  /^content-scripts\/[^/]+\.js$/.test(file) ? CONTENT_SCRIPT_BUDGET_GZIP : undefined;

function walk(root, rel = '') {
  return readdirSync(path.join(root, rel)).flatMap((name) => {
    const child = path.join(rel, name);
    return statSync(path.join(root, child)).isDirectory() ? walk(root, child) : [child];
  });
}

let over = 0;
const rows = walk(dir)
  .filter((file) => /\.(js|css|html)$/.test(file))
  .map((file) => {
    const bytes = readFileSync(path.join(dir, file));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const budget = budgetOf(file.split(path.sep).join('/'));
    if (budget !== undefined && gzip > budget) over += 1;
    return { file, raw: bytes.length, gzip, budget };
  })
  .sort((a, b) => b.gzip - a.gzip);

for (const r of rows) {
  const status =
    r.budget === undefined ? '' : r.gzip <= r.budget ? `  ≤ ${r.budget} ok` : `  > ${r.budget} OVER BUDGET`;
  console.log(`${String(r.raw).padStart(9)} raw ${String(r.gzip).padStart(8)} gzip  ${r.file}${status}`);
}
if (!rows.some((r) => r.budget !== undefined)) {
  console.log('missing budgeted entries: no content-scripts/*.js in the build');
  over += 1;
}
process.exitCode = over > 0 ? 1 : 0;
