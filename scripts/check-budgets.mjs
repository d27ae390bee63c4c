// Deterministic size budgets of the built extension (bytes, not timings: those live in benchmarks).
// Prints every entry's raw and gzip size and fails when a budgeted entry is over. The measuring and the budget
// (each helpdesk's content script ≤ 20 kB gzip, design notes §3) live in bench/bytes.mjs, shared with the bench.
//   node scripts/check-budgets.mjs [.output/chrome-mv3]

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { measureBytes } from '../bench/bytes.mjs';

const dir = path.resolve(process.argv[2] ?? '.output/chrome-mv3');
const rows = measureBytes(dir);

for (const r of rows) {
  const status =
    r.budgetGzip === undefined ? '' : r.pass ? `  ≤ ${r.budgetGzip} ok` : `  > ${r.budgetGzip} OVER BUDGET`;
  console.log(`${String(r.raw).padStart(9)} raw ${String(r.gzip).padStart(8)} gzip  ${r.file}${status}`);
}
let over = rows.filter((r) => r.pass === false).length;
if (!rows.some((r) => r.budgetGzip !== undefined)) {
  console.log('missing budgeted entries: no content-scripts/*.js in the build');
  over += 1;
}

// Heavy libraries that belong to the background only: the openai SDK (the key never leaves the background) and the
// tokenizer. An import from a shared module once dragged the SDK into the side panel and the options page
// (+150 kB each); this keeps it out of every extension page's chunks. A marker string of each library is enough.
const BACKGROUND_ONLY = [
  { name: 'openai SDK', marker: 'OpenAIError' },
  { name: 'gpt-tokenizer', marker: 'o200k_base' },
];
const chunksDir = path.join(dir, 'chunks');
for (const file of readdirSync(chunksDir).filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(path.join(chunksDir, file), 'utf8');
  for (const lib of BACKGROUND_ONLY) {
    if (text.includes(lib.marker)) {
      console.log(`chunks/${file} contains the ${lib.name}, which belongs in background.js only`);
      over += 1;
    }
  }
}
process.exitCode = over > 0 ? 1 : 0;
