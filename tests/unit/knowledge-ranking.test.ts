import { describe, expect, it } from 'vitest';
import { buildKnowledgeIndex, ticketQuery } from '@/utils/knowledge/retrieve';
import { SNIPPETS, TICKETS, TODAY, ticketOf } from './knowledge-labelled';

// Ranking quality on the labelled set (knowledge-labelled.ts: 24 snippets in en/de/sv/es/fr, 27 tickets). The
// panel shows the top 3 first, so the figure is precision@3:
//   P@3       = relevant snippets among the top 3, ÷ 3, averaged over tickets. Most tickets have ONE relevant
//               snippet, so a perfect ranking scores the set's ceiling (mean of min(3, relevant) ÷ 3), not 1.
//   P@3 (ceiling-normalised) = relevant among the top 3 ÷ min(3, relevant): 1 = everything wanted is in the top 3.
// Threshold: ceiling-normalised ≥ 0.9, i.e. at most about 2 of the 27 tickets may miss a wanted snippet in the
// top 3. Below that an agent would see the wrong policy proposed on roughly one ticket in ten, which is where a
// suggestion list stops being trusted; above it the remaining misses are genuinely ambiguous tickets.

const THRESHOLD = 0.9;

describe('ranking on the labelled set', () => {
  const index = buildKnowledgeIndex(SNIPPETS);
  const results = TICKETS.map((t) => {
    const top = index
      .search(ticketQuery(ticketOf(t)), { limit: 3, today: TODAY })
      .map((hit) => hit.key.split('/').pop() ?? '');
    const hits = top.filter((id) => t.relevant.includes(id)).length;
    return { name: t.name, top, relevant: t.relevant, hits };
  });

  it('has a labelled set of the promised size, with labels that exist', () => {
    expect(SNIPPETS.length).toBeGreaterThanOrEqual(20);
    expect(TICKETS.length).toBeGreaterThanOrEqual(15);
    const known = new Set(SNIPPETS.map((s) => s.snippet.id));
    for (const t of TICKETS)
      for (const id of t.relevant) expect(known.has(id), `${t.name}: ${id}`).toBe(true);
    const languages = new Set(SNIPPETS.map((s) => s.snippet.language ?? 'detected'));
    for (const lang of ['de', 'sv', 'es', 'fr']) expect(languages.has(lang)).toBe(true);
  });

  it(`precision@3 (ceiling-normalised) is at least ${THRESHOLD}`, () => {
    const p3 = results.reduce((sum, r) => sum + r.hits / 3, 0) / results.length;
    const ceiling = results.reduce((sum, r) => sum + Math.min(3, r.relevant.length) / 3, 0) / results.length;
    const normalised =
      results.reduce((sum, r) => sum + r.hits / Math.min(3, r.relevant.length), 0) / results.length;
    const misses = results.filter((r) => r.hits < Math.min(3, r.relevant.length));
    console.log(
      `knowledge ranking: precision@3 = ${p3.toFixed(3)} (ceiling ${ceiling.toFixed(3)}), ceiling-normalised = ${normalised.toFixed(3)} over ${results.length} tickets` +
        (misses.length
          ? `; misses: ${misses.map((m) => `${m.name} → [${m.top.join(', ')}]`).join('; ')}`
          : ''),
    );
    expect(normalised).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('puts the wanted snippet first for most tickets (mean reciprocal rank of the first relevant ≥ 0.85)', () => {
    const mrr =
      results.reduce((sum, r) => {
        const rank = r.top.findIndex((id) => r.relevant.includes(id));
        return sum + (rank < 0 ? 0 : 1 / (rank + 1));
      }, 0) / results.length;
    console.log(`knowledge ranking: MRR@3 = ${mrr.toFixed(3)}`);
    expect(mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('never proposes a snippet in another language than the ticket’s for the same policy', () => {
    // A German refund ticket gets the German policy, not the English/French/Spanish/Swedish ones first.
    for (const r of results.filter((x) => x.name.endsWith('refund')))
      expect(r.top[0], r.name).toBe(r.relevant[0]);
  });
});
