import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  dexieSnippetSource,
  resetKnowledgeIndexForTests,
  snippetExcerpt,
  suggestKnowledge,
} from '@/utils/background/knowledge-index';
import { setTabTicket } from '@/utils/background/tab-tickets';
import { db } from '@/utils/db';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { createKnowledgeIndexService, type SnippetSource } from '@/utils/knowledge/index-service';
import { replaceSourceSnippets, savePersonalSnippet } from '@/utils/knowledge/store';
import { KnowledgeSuggestResult } from '@/utils/messaging/protocol';
import { stored, ticketOf } from './knowledge-labelled';

// The background's in-memory index: built on the first request, rebuilt when the stored snippets change (seen by
// a cheap revision on every request, or early through the watch), built in slices, and a request during a
// rebuild answered from the previous index when the new one takes longer than the short wait.

/** A snippet store in memory whose build steps the test lets through one at a time. */
function memorySource(initial: StoredSnippet[]) {
  let rows = initial;
  let revision = 1;
  let notify: (() => void) | undefined;
  let loads = 0;
  const source: SnippetSource = {
    revision: async () => String(revision),
    load: async () => {
      loads++;
      return rows;
    },
    watch(onChange) {
      notify = onChange;
      return () => {
        notify = undefined;
      };
    },
  };
  return {
    source,
    set(next: StoredSnippet[]) {
      rows = next;
      revision++;
    },
    changed: () => notify?.(),
    loads: () => loads,
  };
}

/** A yield that holds the build until released (the "slow rebuild" of thousands of snippets). */
function gate() {
  let open = true;
  let waiters: (() => void)[] = [];
  return {
    yieldFn: () => (open ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close() {
      open = false;
    },
    release() {
      open = true;
      for (const w of waiters.splice(0)) w();
      waiters = [];
    },
  };
}

const refund = stored({ id: 'refund', title: 'Refund policy', text: 'Refunds within 30 days.' });
const shipping = stored({ id: 'shipping', title: 'Shipping delays', text: 'Parcels late? Check tracking.' });
const TODAY = '2026-11-20';
const keysFor = async (service: ReturnType<typeof createKnowledgeIndexService>, text: string) =>
  (await service.snapshot()).index
    .search({ text, language: 'en' }, { limit: 5, today: TODAY })
    .map((h) => h.key);

describe('index service', () => {
  it('builds on the first request and reuses the index while nothing changes', async () => {
    const store = memorySource([refund]);
    const service = createKnowledgeIndexService(store.source);
    expect(await keysFor(service, 'refund')).toEqual([refund.key]);
    await service.snapshot();
    await service.snapshot();
    expect(store.loads()).toBe(1);
  });

  it('rebuilds when the revision changes (a write from any context), seen on the next request', async () => {
    const store = memorySource([refund]);
    const service = createKnowledgeIndexService(store.source);
    expect((await service.snapshot()).index.size).toBe(1);
    store.set([refund, shipping]);
    expect(await keysFor(service, 'shipping delays')).toEqual([shipping.key]);
    expect(store.loads()).toBe(2);
  });

  it('the first request after a start waits for the build (there is no older index to answer from)', async () => {
    const g = gate();
    const store = memorySource([refund, shipping]);
    const service = createKnowledgeIndexService(store.source, {
      slice: 1,
      yieldFn: g.yieldFn,
      staleWaitMs: 5,
    });
    g.close();
    let answered = false;
    const pending = service.snapshot().then((s) => {
      answered = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false);
    expect(service.building).toBe(true);
    g.release();
    expect((await pending).index.size).toBe(2);
  });

  it('a request during a slow rebuild answers from the previous index; the next one gets the new index', async () => {
    const g = gate();
    const store = memorySource([refund]);
    const service = createKnowledgeIndexService(store.source, {
      slice: 1,
      yieldFn: g.yieldFn,
      staleWaitMs: 10,
    });
    const first = await service.snapshot();
    g.close();
    store.set([refund, shipping]);
    const during = await service.snapshot();
    expect(during).toBe(first);
    expect(during.index.size).toBe(1);
    expect(service.building).toBe(true);
    g.release();
    await new Promise((r) => setTimeout(r, 0));
    expect((await service.snapshot()).index.size).toBe(2);
  });

  it('a quick rebuild is waited for, so the request already sees the change', async () => {
    const store = memorySource([refund]);
    const service = createKnowledgeIndexService(store.source, { staleWaitMs: 1000 });
    await service.snapshot();
    store.set([refund, shipping]);
    expect((await service.snapshot()).index.size).toBe(2);
  });

  it('a change signalled by the watch rebuilds before anyone asks', async () => {
    const store = memorySource([refund]);
    const service = createKnowledgeIndexService(store.source, { debounceMs: 1 });
    service.watch();
    await service.snapshot();
    store.set([refund, shipping]);
    store.changed();
    await new Promise((r) => setTimeout(r, 20));
    expect(store.loads()).toBe(2);
    expect((await service.snapshot()).index.size).toBe(2);
    expect(store.loads()).toBe(2);
    service.stop();
  });

  it('a failed rebuild keeps answering from the previous index', async () => {
    const store = memorySource([refund]);
    const logged: string[] = [];
    const service = createKnowledgeIndexService(store.source, { log: (m) => logged.push(m) });
    await service.snapshot();
    store.set([refund]);
    store.source.load = async () => {
      throw new Error('disk');
    };
    expect((await service.snapshot()).index.size).toBe(1);
    expect(logged.join()).toContain('previous one');
  });
});

describe('background suggestions (knowledge/suggest)', () => {
  const TAB = 4;
  const ticket = ticketOf({
    name: '1',
    subject: 'Refund please',
    message: 'I want my money back',
    relevant: [],
    language: 'en',
  });
  const KEY = 'zendesk:acme.zendesk.com:1';
  const suggest = async () => KnowledgeSuggestResult.parse(await suggestKnowledge(TAB, KEY, 5));

  beforeEach(async () => {
    fakeBrowser.reset();
    resetKnowledgeIndexForTests();
    await db().snippets.clear();
    await setTabTicket(TAB, { ok: true, ticket, ticketKey: KEY });
  });
  afterEach(() => resetKnowledgeIndexForTests());

  it('answers from the stored snippets, sees later writes, and survives a worker restart', async () => {
    const empty = await suggest();
    expect(empty).toMatchObject({ ok: true, suggestions: [], indexSize: 0 });

    await savePersonalSnippet(db(), {
      id: 'refund',
      title: 'Refund policy',
      text: 'Refunds within **30 days**.',
      tags: ['billing'],
    });
    const first = await suggest();
    if (!first.ok) throw new Error(first.message);
    expect(first.indexSize).toBe(1);
    expect(first.suggestions).toEqual([
      expect.objectContaining({
        key: 'personal/refund',
        title: 'Refund policy',
        excerpt: 'Refunds within 30 days.',
        sourceLabel: 'Yours',
        matched: ['refund'],
      }),
    ]);
    expect(first.tookMs).toBeGreaterThanOrEqual(0);

    // A pack replaced from the options page (another context): the revision changes, the index follows.
    await replaceSourceSnippets(db(), { type: 'file', pack: 'Acme' }, [
      { id: 'money-back', title: 'Money back guarantee', text: 'Money back within 30 days.', tags: [] },
    ]);
    const second = await suggest();
    expect(second.ok && second.suggestions.map((s) => s.key)).toEqual([
      'file:Acme/money-back',
      'personal/refund',
    ]);

    resetKnowledgeIndexForTests();
    const afterRestart = await suggest();
    expect(afterRestart.ok && afterRestart.indexSize).toBe(2);
  });

  it('the revision changes on add, edit and delete', async () => {
    const source = dexieSnippetSource(db);
    const r0 = await source.revision();
    await savePersonalSnippet(db(), { id: 'a', title: 'A', text: 'a', tags: [] }, {}, 100);
    const r1 = await source.revision();
    await savePersonalSnippet(db(), { id: 'a', title: 'A', text: 'a changed', tags: [] }, {}, 200);
    const r2 = await source.revision();
    await savePersonalSnippet(db(), { id: 'b', title: 'B', text: 'b', tags: [] }, {}, 300);
    const r3 = await source.revision();
    await db().snippets.delete('personal/a');
    const r4 = await source.revision();
    expect(new Set([r0, r1, r2, r3, r4]).size).toBe(5);
  });

  it('makes a one-line plain excerpt of the Markdown body', () => {
    expect(
      snippetExcerpt(
        '## Refunds\n\n- Within **30 days**.\n- Use `refund_form` — see [the policy](https://x.test).\n\n---\n> _Updated_ 2026',
      ),
    ).toBe('Refunds Within 30 days. Use refund_form — see the policy. Updated 2026');
    expect(snippetExcerpt('word '.repeat(100), 40)).toBe(`${'word '.repeat(7)}word…`);
  });

  it('says so when the panel has no ticket for the tab', async () => {
    expect(await suggestKnowledge(TAB, 'zendesk:acme.zendesk.com:other')).toMatchObject({
      ok: false,
      code: 'no-ticket',
    });
  });
});
