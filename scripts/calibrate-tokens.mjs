// Fits the per-character token weights of the estimate in utils/llm/token-estimate.ts against the real o200k
// tokenizer, on the ticket-like corpus in tests/fixtures/tokens/corpus.json (several languages, CJK, code, logs).
// Run: node scripts/calibrate-tokens.mjs — prints the weights to copy into TOKEN_WEIGHTS and each text's error.
// Non-negative least squares over the corpus's lines (more samples than texts), by projected gradient descent.

import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

const corpus = JSON.parse(
  readFileSync(new URL('../tests/fixtures/tokens/corpus.json', import.meta.url), 'utf8'),
);
// The estimate's own character classes, compiled from the TypeScript module (one definition, no copy).
const compiled = await build({
  entryPoints: [new URL('../utils/llm/token-estimate.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  write: false,
});
const { charClassCounts, CHAR_CLASSES } = await import(
  `data:text/javascript;base64,${Buffer.from(compiled.outputFiles[0].text).toString('base64')}`
);

const samples = [];
for (const { text } of corpus) {
  for (const line of text.split('\n')) if (line.trim()) samples.push(line);
  samples.push(text);
}
const X = samples.map((s) => CHAR_CLASSES.map((k) => charClassCounts(s)[k]));
const y = samples.map((s) => countTokens(s));
let w = CHAR_CLASSES.map(() => 0.3);
const lr = 1e-6;
for (let iter = 0; iter < 200_000; iter++) {
  const grad = w.map(() => 0);
  for (let i = 0; i < X.length; i++) {
    // Relative error: short lines weigh as much as long texts.
    const pred = X[i].reduce((a, x, j) => a + x * w[j], 0);
    const r = (pred - y[i]) / Math.max(1, y[i]);
    for (let j = 0; j < w.length; j++) grad[j] += (r * X[i][j]) / Math.max(1, y[i]);
  }
  w = w.map((v, j) => Math.max(0, v - lr * 1000 * grad[j]));
}
console.log(Object.fromEntries(CHAR_CLASSES.map((k, j) => [k, Number(w[j].toFixed(3))])));
for (const { name, text } of corpus) {
  const counts = charClassCounts(text);
  const est = CHAR_CLASSES.reduce((a, k, j) => a + counts[k] * w[j], 0);
  const real = countTokens(text);
  console.log(
    name.padEnd(22),
    String(real).padStart(5),
    est.toFixed(0).padStart(6),
    `${(((est - real) / real) * 100).toFixed(1)}%`,
  );
}
