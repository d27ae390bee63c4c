// The benchmark's own pieces: the fixture's generated long thread and the statistics it reports.
import { describe, expect, it } from 'vitest';
import { quantile, summarize } from '../../bench/stats.mjs';
import { zendeskApi } from '../fixtures/zendesk/routes.mjs';

const comments = (page: number, state: Record<string, unknown>) => {
  const url = new URL(`https://acme.zendesk.com/api/v2/tickets/123/comments.json?page=${page}`);
  return zendeskApi({ url, state })?.body as {
    comments: { id: number; created_at: string }[];
    count: number;
    next_page: string | null;
  };
};

describe('generated Zendesk thread (state.zendeskGeneratedComments)', () => {
  it('serves N comments in pages of 100 with unique ids and increasing times, the same every time', () => {
    const state = { zendeskGeneratedComments: 1000 };
    const first = comments(1, state);
    expect(first.count).toBe(1000);
    expect(first.comments).toHaveLength(100);
    expect(first.next_page).toContain('page=2');
    const last = comments(10, state);
    expect(last.next_page).toBeNull();
    const ids = [...first.comments, ...last.comments].map((c) => c.id);
    expect(new Set(ids).size).toBe(200);
    const [earliest, latest] = [first.comments.at(0), last.comments.at(-1)];
    expect(Date.parse(latest?.created_at ?? '')).toBeGreaterThan(Date.parse(earliest?.created_at ?? ''));
    expect(comments(3, state)).toEqual(comments(3, { zendeskGeneratedComments: 1000 }));
  });

  it('leaves the fixture thread unchanged when unset', () => {
    const plain = comments(1, {});
    expect(plain.count).toBeLessThan(100);
    expect(plain.comments).toHaveLength(3);
  });
});

describe('bench statistics', () => {
  it('takes nearest-rank quantiles', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(quantile(values, 0.5)).toBe(10);
    expect(quantile(values, 0.95)).toBe(19);
    expect(summarize([3, 1, 2])).toEqual({ n: 3, median: 2, p95: 3, min: 1, max: 3 });
  });
});
