// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type DeskmateDb, db, type GenerationRecord, openDb } from '@/utils/db';
import { type FirstRead, startFirstRead } from '@/utils/history/first-read';
import type { HistoryPage } from '@/utils/history/query';
import { useHistorySearch } from '@/utils/history/use-history-search';

// History open (issue #9): the first page is read before the app mounts, and the live query takes over.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 10, 20, 12);
const record = (ticket: number, output: string): GenerationRecord => ({
  ticketKey: `zendesk:acme.zendesk.com:${ticket}`,
  kind: 'draft',
  model: 'gpt-4o-mini',
  promptChars: 1000,
  output,
  startedAt: NOW + ticket,
  finishedAt: NOW + ticket + 2000,
  outcome: 'complete',
  promptTokens: 250,
  outputTokens: 40,
});
const pageOf = (outputs: string[]): HistoryPage => ({
  entries: outputs.map((output, i) => record(i + 1, output)),
  nextBefore: null,
  scanned: outputs.length,
});

let container: HTMLElement;
let root: Root;
beforeEach(async () => {
  fakeBrowser.reset();
  await db().generations.clear();
  shown = [];
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(() => act(() => root.unmount()));

/** What the page showed, one entry per change. */
let shown: string[] = [];
function Results({ firstRead }: { firstRead: FirstRead }) {
  const { state } = useHistorySearch(firstRead.filters, firstRead);
  const text = state.status === 'ready' ? state.page.entries.map((e) => e.output).join('|') : state.status;
  if (shown.at(-1) !== text) shown.push(text);
  return <p>{text}</p>;
}
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 20)));

describe('the history page’s first read', () => {
  it('reads the search in the address, first page only', async () => {
    const database: DeskmateDb = openDb('history-first-read-test');
    await database.generations.bulkAdd([record(1, 'Refund sent.'), record(2, 'Password reset link.')]);
    const first = startFirstRead('?q=refund&kind=draft', database);
    expect(first.filters).toMatchObject({ text: 'refund', kind: 'draft' });
    expect((await first.page).entries.map((e) => e.output)).toEqual(['Refund sent.']);
    database.close();
    await database.delete();
  });

  it('shows the early page before the live query has answered', async () => {
    const early: FirstRead = {
      filters: startFirstRead('').filters,
      page: Promise.resolve(pageOf(['early'])),
    };
    await act(async () => root.render(<Results firstRead={early} />));
    await settle();
    // The early page is on screen first; the live query's answer then replaces it (the database is empty).
    expect(shown).toEqual(['loading', 'early', '']);
    expect(container.textContent).toBe('');
  });

  it('never puts a late early read over the live query’s newer answer', async () => {
    await db().generations.add(record(7, 'live'));
    let resolveLate: (page: HistoryPage) => void = () => undefined;
    const late: FirstRead = {
      filters: startFirstRead('').filters,
      page: new Promise<HistoryPage>((resolve) => {
        resolveLate = resolve;
      }),
    };
    await act(async () => root.render(<Results firstRead={late} />));
    await settle();
    expect(container.textContent).toBe('live');
    await act(async () => resolveLate(pageOf(['stale'])));
    expect(container.textContent).toBe('live');
    expect(shown).toEqual(['loading', 'live']);
  });
});
