// Word-level diff between two texts (Myers' O((N+M)·D) algorithm), for the draft's "what did I change" view and
// the quality metrics. Tokens are words and the whitespace / punctuation between them, so a diff reads like prose
// and joining every token of one side gives that side's text back exactly.

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words (letters, digits, apostrophes inside a word, any script), single punctuation marks, whitespace runs. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * The shortest edit script turning `before` into `after`, as runs of equal / deleted / inserted text. Where a
 * change replaces text, the deletion comes before the insertion.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common prefix and suffix are cheap to take off and are most of a lightly edited draft.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, tokens: readonly string[]) => {
    if (tokens.length === 0) return;
    const text = tokens.join('');
    const last = parts.at(-1);
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('equal', a.slice(0, start));
  for (const [op, tokens] of middleScript(a.slice(start, endA), b.slice(start, endB))) push(op, tokens);
  push('equal', a.slice(endA));
  return orderChanges(parts);
}

/** Myers' greedy forward search with a trace, then a backtrack into runs. */
function middleScript(a: readonly string[], b: readonly string[]): [DiffOp, string[]][] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return [['insert', [...b]]];
  if (m === 0) return [['delete', [...a]]];
  const max = n + m;
  const offset = max;
  // The trace keeps one frontier per edit; past this many cells (16 MB) two very different texts are shown as
  // "all of this replaced by all of that" rather than exhausting the panel's memory.
  const cellBudget = 4_000_000;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if ((d + 1) * v.length > cellBudget) {
      return [
        ['delete', [...a]],
        ['insert', [...b]],
      ];
    }
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)))
        x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Backtrack from (n, m) through the saved frontiers.
  const steps: [DiffOp, string][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (prev[offset + k - 1] ?? 0) < (prev[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push(['equal', a[x - 1] as string]);
      x--;
      y--;
    }
    if (down) steps.push(['insert', b[y - 1] as string]);
    else steps.push(['delete', a[x - 1] as string]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    steps.push(['equal', a[x - 1] as string]);
    x--;
    y--;
  }
  steps.reverse();
  const runs: [DiffOp, string[]][] = [];
  for (const [op, token] of steps) {
    const last = runs.at(-1);
    if (last && last[0] === op) last[1].push(token);
    else runs.push([op, [token]]);
  }
  return runs;
}

/** Within each changed stretch, deletions first, then insertions: "old → new" reads naturally. */
function orderChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  for (const part of parts) {
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}
