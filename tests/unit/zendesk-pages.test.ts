// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
// Comment pages of a long Zendesk ticket: once the first page gives the count, pages 2…N are requested at
// once (issue #9: 1,000 comments were 10 round trips in a row), with the same ticket as reading them in turn.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../utils/helpdesks/types';
import { zendesk } from '../../utils/helpdesks/zendesk';
import { zendeskApi } from '../fixtures/zendesk/routes.mjs';
import { showRoute } from '../fixtures/zendesk/tabs';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/zendesk');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://acme.zendesk.com';

function loadPage(path = '/agent/tickets/123'): { doc: Document; url: URL } {
  const doc = new DOMParser().parseFromString(PAGE_HTML, 'text/html');
  showRoute(doc, path);
  return { doc, url: new URL(path, ORIGIN) };
}

/**
 * fetchJson backed by the fixture API; every answer waits for `release()` so the test sees which requests were
 * in flight together. `edit` may change a page's body.
 */
function gatedFetch(
  state: Record<string, unknown>,
  edit?: (path: string, body: Record<string, unknown>) => void,
) {
  const paths: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchJson = async (path: string): Promise<unknown> => {
    paths.push(path);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    const result = zendeskApi({ method: 'GET', url: new URL(path, ORIGIN), state });
    if (result?.status !== 200) throw new HttpError(result?.status ?? 404, path);
    const body = JSON.parse(JSON.stringify(result.body)) as Record<string, unknown>;
    edit?.(path, body);
    return body;
  };
  return { fetchJson, paths, maxInFlight: () => maxInFlight };
}

/** The same fetch, with `count` removed from every page: the reader must follow next_page one by one. */
const withoutCount = (_path: string, body: Record<string, unknown>) => {
  delete body.count;
};

describe('Zendesk comment pages of a long ticket', () => {
  it('requests pages 2…10 of 1,000 comments together and keeps their order', async () => {
    const { doc, url } = loadPage();
    const parallel = gatedFetch({ zendeskGeneratedComments: 1000 });
    const ticket = await zendesk.extract({ doc, url, fetchJson: parallel.fetchJson });
    expect(ticket.source.method).toBe('api');
    expect(ticket.warnings).toEqual([]);
    expect(ticket.messages).toHaveLength(1000);
    // ticket + first comments page, then the nine remaining pages at once.
    expect(parallel.maxInFlight()).toBe(9);
    expect(parallel.paths.filter((p) => p.includes('/comments.json'))).toEqual([
      '/api/v2/tickets/123/comments.json?include=users',
      ...Array.from(
        { length: 9 },
        (_, i) => `/api/v2/tickets/123/comments.json?include=users&page=${i + 2}&per_page=100`,
      ),
    ]);

    const { doc: doc2, url: url2 } = loadPage();
    const sequential = gatedFetch({ zendeskGeneratedComments: 1000 }, withoutCount);
    const inTurn = await zendesk.extract({ doc: doc2, url: url2, fetchJson: sequential.fetchJson });
    expect(sequential.maxInFlight()).toBe(2);
    expect(inTurn).toEqual(ticket);
  });

  it('still follows the last page when comments were added while reading', async () => {
    const { doc, url } = loadPage();
    const state: Record<string, unknown> = { zendeskGeneratedComments: 250 };
    // The first page says 250; by the time the others are read there are 310 (a fourth page appears).
    const fetch = gatedFetch(state, (path) => {
      if (path.endsWith('?include=users')) state.zendeskGeneratedComments = 310;
    });
    const ticket = await zendesk.extract({ doc, url, fetchJson: fetch.fetchJson });
    expect(ticket.messages).toHaveLength(310);
    expect(fetch.paths.at(-1)).toBe('/api/v2/tickets/123/comments.json?include=users&page=4&per_page=100');
    expect(new Set(fetch.paths).size).toBe(fetch.paths.length);
  });

  it('stops at 20 pages with a count of 3,000 comments and says so', async () => {
    const { doc, url } = loadPage();
    const fetch = gatedFetch({ zendeskGeneratedComments: 3000 });
    const ticket = await zendesk.extract({ doc, url, fetchJson: fetch.fetchJson });
    expect(fetch.paths.filter((p) => p.includes('/comments.json'))).toHaveLength(20);
    expect(ticket.messages).toHaveLength(2000);
    expect(ticket.warnings).toEqual([
      'The conversation has more than 20 pages of comments; only the first 20 were read.',
    ]);
  });

  it('reads exactly the pages the next_page links lead to when the count overstates the thread', async () => {
    const { doc, url } = loadPage();
    // A count of 1,150 for 1,000 comments: page 11 is asked for with the others; its answer (empty, or a
    // misbehaving proxy's copy of the last comments) is never used, because page 10 has no next_page.
    const fetch = gatedFetch({ zendeskGeneratedComments: 1000 }, (path, body) => {
      body.count = 1150;
      if (path.includes('page=11'))
        body.comments = [{ id: 1, author_id: -1, public: true, plain_body: 'extra' }];
    });
    const ticket = await zendesk.extract({ doc, url, fetchJson: fetch.fetchJson });
    expect(fetch.paths.some((p) => p.includes('page=11'))).toBe(true);
    expect(ticket.messages).toHaveLength(1000);
    expect(ticket.messages.some((m) => m.text === 'extra')).toBe(false);
  });

  it('ignores a failed request for a page it does not need', async () => {
    const { doc, url } = loadPage();
    const fetch = gatedFetch({ zendeskGeneratedComments: 1000 }, (_path, body) => {
      body.count = 1150;
    });
    const failing = (path: string) =>
      path.includes('page=11') ? Promise.reject(new HttpError(404, path)) : fetch.fetchJson(path);
    const ticket = await zendesk.extract({ doc, url, fetchJson: failing });
    expect(ticket.source.method).toBe('api');
    expect(ticket.messages).toHaveLength(1000);
  });

  it('falls back to the page when one of the parallel pages fails', async () => {
    const { doc, url } = loadPage();
    const fetch = gatedFetch({ zendeskGeneratedComments: 1000 });
    const failing = (path: string) =>
      path.includes('page=7') ? Promise.reject(new HttpError(500, path)) : fetch.fetchJson(path);
    const ticket = await zendesk.extract({ doc, url, fetchJson: failing });
    expect(ticket.source.method).toBe('dom');
    expect(ticket.warnings[0]).toContain('returned 500');
  });
});
