import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { enforceRetention, saveRetentionSetting } from '@/utils/data/retention';
import { type DeskmateDb, type GenerationRecord, openDb } from '@/utils/db';
import {
  dayEnd,
  dayStart,
  filtersFromQuery,
  HistoryFilters,
  NO_FILTERS,
  searchWords,
  snippetOf,
} from '@/utils/history/filters';
import { SUBJECT_MAX, safeTicketUrl, ticketLabelFields, ticketTitleOf } from '@/utils/history/label';
import {
  countTicketHistory,
  groupByTicket,
  historyHelpdesks,
  listTicketHistory,
  searchHistory,
} from '@/utils/history/query';
import { MAX_WORD, MAX_WORDS, searchWordsOf, wordsOf } from '@/utils/history/words';
import { draftReducer, EMPTY_DRAFT } from '@/utils/panel/draft-state';
import { declarePresetTables } from '@/utils/presets/db-tables';

// History (issue #7): the per-ticket list, the search across tickets, the label stored with each generation,
// and that retention removes from history what it removes from the database.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 20, 12);
let database: DeskmateDb;
let dbCount = 0;

beforeEach(() => {
  fakeBrowser.reset();
  database = openDb(`history-test-${++dbCount}`);
});
afterEach(async () => {
  database.close();
  await database.delete();
});

function generation(overrides: Partial<GenerationRecord> & { ticketKey: string }): GenerationRecord {
  return {
    kind: 'draft',
    model: 'gpt-4o-mini',
    promptChars: 1000,
    output: 'Hello, thanks for writing in.',
    startedAt: NOW,
    finishedAt: NOW + 2000,
    outcome: 'complete',
    promptTokens: 250,
    outputTokens: 40,
    ...overrides,
  };
}

const ZD1 = 'zendesk:acme.zendesk.com:1';
const ZD2 = 'zendesk:acme.zendesk.com:2';
const FD1 = 'freshdesk:acme.freshdesk.com:1';

async function seedMixed() {
  await database.generations.bulkAdd([
    generation({
      ticketKey: ZD1,
      kind: 'summary',
      output: 'Customer was charged twice for the March invoice.',
      startedAt: NOW - 3 * DAY,
      ticketSubject: 'Charged twice',
      helpdesk: 'zendesk',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/1',
    }),
    generation({
      ticketKey: ZD1,
      output: 'Hi Maria, I have refunded the second payment.',
      startedAt: NOW - 2 * DAY,
      ticketSubject: 'Charged twice',
      helpdesk: 'zendesk',
      inserted: true,
      insertMethod: 'insert',
      presetName: 'Friendly reply',
    }),
    generation({
      ticketKey: ZD2,
      output: 'Your parcel is on its way; tracking attached.',
      startedAt: NOW - DAY,
      ticketSubject: 'Where is my order?',
      helpdesk: 'zendesk',
      model: 'llama3.1',
    }),
    generation({
      ticketKey: FD1,
      output: 'We have reset your password. Refunds take five days.',
      startedAt: NOW,
      ticketSubject: 'Login broken',
      helpdesk: 'freshdesk',
    }),
  ]);
}

const search = (filters: Partial<HistoryFilters>, options = {}) =>
  searchHistory(database, HistoryFilters.parse(filters), options);
const outputs = (entries: GenerationRecord[]) => entries.map((e) => e.output);

describe('ticket label stored with a generation', () => {
  it('keeps the subject on one line and cut to the limit, the helpdesk, and an http(s) address only', () => {
    expect(
      ticketLabelFields({
        subject: '  Refund\n  please ',
        helpdesk: 'zendesk',
        url: 'https://acme.zendesk.com/agent/tickets/1',
      }),
    ).toEqual({
      ticketSubject: 'Refund please',
      helpdesk: 'zendesk',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/1',
    });
    const long = ticketLabelFields({ subject: 'é'.repeat(1000), helpdesk: 'x', url: 'javascript:alert(1)' });
    expect([...(long.ticketSubject ?? '')]).toHaveLength(SUBJECT_MAX);
    expect(long.ticketUrl).toBeUndefined();
    expect(ticketLabelFields({ subject: '   ', helpdesk: 'x', url: '' })).toEqual({ helpdesk: 'x' });
    expect(safeTicketUrl('data:text/html,<b>x</b>')).toBeNull();
  });

  it('a record written before labels existed is named from its key', () => {
    expect(ticketTitleOf({ ticketKey: ZD1 })).toBe('acme.zendesk.com #1');
    expect(ticketTitleOf({ ticketKey: 'odd' })).toBe('odd');
    expect(ticketTitleOf({ ticketKey: ZD1, ticketSubject: 'Charged twice' })).toBe('Charged twice');
  });
});

describe('one ticket’s history', () => {
  it('lists only that ticket, newest first, a page at a time without reading the rest', async () => {
    await database.generations.bulkAdd(
      Array.from({ length: 120 }, (_, i) =>
        generation({ ticketKey: i % 2 === 0 ? ZD1 : ZD2, output: `draft ${i}`, startedAt: NOW + i }),
      ),
    );
    const first = await listTicketHistory(database, ZD1, { limit: 50 });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]?.output).toBe('draft 118');
    expect(first.entries.every((e) => e.ticketKey === ZD1)).toBe(true);
    expect(first.scanned).toBeLessThanOrEqual(51);
    const second = await listTicketHistory(database, ZD1, { before: first.nextBefore, limit: 50 });
    expect(second.entries).toHaveLength(10);
    expect(second.entries.at(-1)?.output).toBe('draft 0');
    expect(second.nextBefore).toBeNull();
    expect(await countTicketHistory(database, ZD1)).toBe(60);
  });

  it('an unknown ticket has no history', async () => {
    await seedMixed();
    expect(await listTicketHistory(database, 'zendesk:other:9')).toEqual({
      entries: [],
      nextBefore: null,
      scanned: 0,
    });
  });
});

describe('search across tickets', () => {
  it('finds words (any case, all of them) in the output, subject, preset or model', async () => {
    await seedMixed();
    expect(outputs((await search({ text: 'REFUNDED' })).entries)).toEqual([
      'Hi Maria, I have refunded the second payment.',
    ]);
    // "refund" is in two outputs; with "password" only one has both.
    expect((await search({ text: 'refund' })).entries).toHaveLength(2);
    expect(outputs((await search({ text: 'refund password' })).entries)).toEqual([
      'We have reset your password. Refunds take five days.',
    ]);
    expect((await search({ text: '"where is my order?"' })).entries.map((e) => e.ticketKey)).toEqual([ZD2]);
    expect((await search({ text: 'friendly' })).entries.map((e) => e.presetName)).toEqual(['Friendly reply']);
    expect((await search({ text: 'llama3.1' })).entries.map((e) => e.ticketKey)).toEqual([ZD2]);
    expect((await search({ text: 'charged' })).entries.map((e) => e.kind)).toEqual(['draft', 'summary']);
    expect((await search({ text: 'nowhere-to-be-found' })).entries).toEqual([]);
  });

  it('filters by kind, used or not, helpdesk and a date range', async () => {
    await seedMixed();
    expect((await search({ kind: 'summary' })).entries.map((e) => e.kind)).toEqual(['summary']);
    expect(outputs((await search({ inserted: 'yes' })).entries)).toEqual([
      'Hi Maria, I have refunded the second payment.',
    ]);
    expect((await search({ inserted: 'no', kind: 'draft' })).entries).toHaveLength(2);
    expect((await search({ helpdesk: 'freshdesk' })).entries.map((e) => e.ticketKey)).toEqual([FD1]);
    const range = await search({ from: NOW - 2 * DAY, to: NOW - DAY + 1 });
    expect(range.entries.map((e) => e.startedAt)).toEqual([NOW - DAY, NOW - 2 * DAY]);
    expect(await historyHelpdesks(database)).toEqual(['freshdesk', 'zendesk']);
    // Odd keys (no helpdesk part, no colon) do not stall the walk over the index.
    await database.generations.bulkAdd([
      generation({ ticketKey: ':host:1' }),
      generation({ ticketKey: 'odd' }),
    ]);
    expect(await historyHelpdesks(database)).toEqual(['freshdesk', 'odd', 'unknown', 'zendesk']);
  });

  it('pages newest first through every match, with no repeats, across gaps left by deletions', async () => {
    await database.generations.bulkAdd(
      Array.from({ length: 700 }, (_, i) =>
        generation({
          ticketKey: `zendesk:acme.zendesk.com:${i % 40}`,
          output: `reply ${i}`,
          startedAt: NOW + i,
        }),
      ),
    );
    // A hole in the ids, as retention or a cleared ticket leaves.
    await database.generations.where(':id').between(200, 400).delete();
    // Without words (the chunked scan) and with a word every record has (the newest chunk, then the index).
    for (const text of ['', 'reply']) {
      const seen: string[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof search>> = await search({ text }, { before, limit: 50 });
        seen.push(...outputs(page.entries));
        before = page.nextBefore;
        pages++;
      } while (before !== null && pages < 100);
      expect(seen).toHaveLength(500);
      expect(new Set(seen).size).toBe(500);
      expect(seen[0]).toBe('reply 699');
      expect(seen.at(-1)).toBe('reply 0');
    }
  });

  it('opens without reading everything at 10,000: the first page reads about a page, a word search what has the word', async () => {
    await database.generations.bulkAdd(
      Array.from({ length: 10_000 }, (_, i) =>
        generation({ ticketKey: `zendesk:acme.zendesk.com:${i % 1000}`, startedAt: NOW + i }),
      ),
    );
    const first = await searchHistory(database, NO_FILTERS);
    expect(first.entries).toHaveLength(50);
    expect(first.scanned).toBeLessThanOrEqual(100);
    expect(first.nextBefore).not.toBeNull();
    // A word search reads the newest chunk, then only what the word index names: nothing more for a word nobody
    // wrote, one record for a word only the oldest has; a word every record has fills its page in the chunk.
    expect(await search({ text: 'zebra' })).toMatchObject({ entries: [], nextBefore: null, scanned: 100 });
    await database.generations.update(1, { output: 'The zanzibar office will call you.' });
    const rare = await search({ text: 'Zanzib' });
    expect(rare).toMatchObject({ nextBefore: null, scanned: 101 });
    expect(rare.entries.map((e) => e.id)).toEqual([1]);
    const common = await search({ text: 'thanks writing' });
    expect(common.entries).toHaveLength(50);
    expect(common.entries[0]?.id).toBe(10_000);
    expect(common.scanned).toBeLessThanOrEqual(100);
    // Its next page continues below the last result, through the index.
    const next = await search({ text: 'thanks writing' }, { before: common.nextBefore });
    expect(next.entries[0]?.id).toBe(9_950);
    expect(next.entries).toHaveLength(50);
  });

  it('groups results by ticket in the order of their newest result, with the label and a safe link', async () => {
    await seedMixed();
    await database.generations.add(
      // The newest record of ZD2 has no subject (written before labels existed): the group takes the older one's.
      generation({ ticketKey: ZD2, startedAt: NOW + 1, ticketUrl: 'javascript:alert(1)' }),
    );
    const groups = groupByTicket((await search({})).entries);
    expect(groups.map((g) => [g.title, g.helpdesk, g.entries.length])).toEqual([
      ['Where is my order?', 'zendesk', 2],
      ['Login broken', 'freshdesk', 1],
      ['Charged twice', 'zendesk', 2],
    ]);
    expect(groups[0]?.url).toBeNull();
    expect(groups[2]?.url).toBe('https://acme.zendesk.com/agent/tickets/1');
  });
});

describe('retention', () => {
  it('an expired generation is gone from the search and the ticket’s list after the retention run', async () => {
    await seedMixed();
    await saveRetentionSetting({ period: '1d' });
    expect((await search({ text: 'charged' })).entries).toHaveLength(2);
    const run = await enforceRetention(database, 'schedule', NOW);
    // The two ZD1 generations (3 and 2 days old) go; the one started exactly a day ago stays.
    expect(run.generations).toBe(2);
    expect((await search({ text: 'charged' })).entries).toEqual([]);
    expect((await listTicketHistory(database, ZD1)).entries).toEqual([]);
    expect(groupByTicket((await search({})).entries).map((g) => g.title)).toEqual([
      'Login broken',
      'Where is my order?',
    ]);
  });
});

describe('search words, snippets, days and the page address', () => {
  it('reads a search from the address, ignoring what it cannot read', () => {
    expect(filtersFromQuery('?q=%20refund%20&kind=draft&inserted=yes&helpdesk=zendesk')).toEqual({
      ...NO_FILTERS,
      text: 'refund',
      kind: 'draft',
      inserted: 'yes',
      helpdesk: 'zendesk',
    });
    expect(filtersFromQuery(`?kind=letters&inserted=maybe&q=${'x'.repeat(600)}`)).toEqual(NO_FILTERS);
    expect(filtersFromQuery('')).toEqual(NO_FILTERS);
  });

  it('splits words and strips quotes and punctuation around them', () => {
    expect(searchWords('  "Refund," please?  ')).toEqual(['refund', 'please']);
    expect(searchWords('')).toEqual([]);
  });

  it('cuts a snippet around the first word found, on one line', () => {
    const text = `${'a '.repeat(200)}the refund\nwas sent ${'b '.repeat(200)}`;
    const snippet = snippetOf(text, ['refund'], 60);
    expect(snippet).toContain('refund was sent');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippetOf('short text', ['zzz'])).toBe('short text');
  });

  it('reads a date field as the local day, the "to" day included whole', () => {
    expect(dayStart('2026-03-04')).toBe(new Date(2026, 2, 4).getTime());
    expect(dayEnd('2026-03-04')).toBe(new Date(2026, 2, 5).getTime());
    expect(dayStart('')).toBeNull();
    expect(dayStart('04/03/2026')).toBeNull();
  });
});

describe('"Use as draft" from the history', () => {
  it('adds the generation as a version and makes it the draft, keeping what the agent had typed', () => {
    const typed = draftReducer(EMPTY_DRAFT, { type: 'edit', text: 'My own words' });
    const next = draftReducer(typed, { type: 'adopt', generationId: 7, text: 'An older AI draft', at: 1 });
    expect(next.text).toBe('An older AI draft');
    expect(next.followsGenerationId).toBeUndefined();
    expect(next.versions.map((v) => [v.source, v.text])).toEqual([
      ['ai', 'An older AI draft'],
      ['agent', 'My own words'],
    ]);
  });

  it('a generation already among the versions is restored, not added twice', () => {
    let state = draftReducer(EMPTY_DRAFT, { type: 'ai-started', generationId: 3, at: 1 });
    state = draftReducer(state, { type: 'ai-text', generationId: 3, text: 'First AI draft' });
    state = draftReducer(state, { type: 'ai-started', generationId: 4, at: 2 });
    state = draftReducer(state, { type: 'ai-text', generationId: 4, text: 'Second AI draft' });
    const next = draftReducer(state, { type: 'adopt', generationId: 3, text: 'First AI draft', at: 3 });
    expect(next.text).toBe('First AI draft');
    expect(next.versions.filter((v) => v.generationId === 3)).toHaveLength(1);
    expect(next.versions).toHaveLength(2);
  });
});

describe('the word index (Dexie v4)', () => {
  it('words: lower-cased, distinct, punctuation dropped, one-letter words left out, long runs cut, capped', () => {
    expect(
      searchWordsOf({ output: 'Refund, refund! A re-fund: 42 €.', model: 'gpt-4o', ticketSubject: 'Über' }),
    ).toEqual(['über', 'gpt', '4o', 'refund', 're', 'fund', '42']);
    expect(wordsOf('x'.repeat(100)).values().next().value).toHaveLength(MAX_WORD);
    const many = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
    const words = searchWordsOf({ output: many, model: 'm1', ticketSubject: 'Subject kept' });
    expect(words).toHaveLength(MAX_WORDS);
    // The subject and the model come first: the cap never cuts them.
    expect(words.slice(0, 3)).toEqual(['subject', 'kept', 'm1']);
  });

  it('every write keeps the words current: add, update of the text, modify; other updates leave them', async () => {
    const id = (await database.generations.add(
      generation({ ticketKey: ZD1, output: 'First words' }),
    )) as number;
    expect((await database.generations.get(id))?.searchWords).toEqual([
      'gpt',
      '4o',
      'mini',
      'first',
      'words',
    ]);
    await database.generations.update(id, { output: 'First words and more' });
    expect((await search({ text: 'more' })).entries.map((e) => e.id)).toEqual([id]);
    await database.generations
      .where('id')
      .equals(id)
      .modify((g) => {
        g.output = 'Replaced entirely';
      });
    expect((await search({ text: 'first' })).entries).toEqual([]);
    expect((await search({ text: 'replaced' })).entries.map((e) => e.id)).toEqual([id]);
    await database.generations.update(id, { inserted: true });
    expect((await database.generations.get(id))?.searchWords).toContain('replaced');
  });

  it('a version 3 database upgrades to 4 with every record kept and findable by its words', async () => {
    const name = `history-v3-${++dbCount}`;
    const v3 = new Dexie(name);
    v3.version(1).stores({
      generations: '++id, ticketKey, kind, startedAt, [ticketKey+kind]',
      drafts: 'ticketKey, updatedAt',
      secrets: 'id',
    });
    v3.version(2).stores({ ticketViews: 'ticketKey, firstViewedAt' });
    declarePresetTables(v3, 3);
    await v3.open();
    await v3
      .table('generations')
      .bulkAdd([
        generation({ ticketKey: ZD1, output: 'Your refund is on its way.', startedAt: NOW - 1 }),
        generation({ ticketKey: ZD2, output: 'Please reset your password.', startedAt: NOW }),
      ]);
    await v3
      .table('drafts')
      .put({ ticketKey: ZD1, text: 'kept', edited: true, versions: [], updatedAt: NOW });
    await v3.table('secrets').put({ id: 'provider:default:apiKey', value: 'sk-kept' });
    expect((await v3.table('generations').toArray())[0]?.searchWords).toBeUndefined();
    v3.close();

    const upgraded = openDb(name);
    try {
      await upgraded.open();
      // Upgraded through v4 (word index) to the current version (5: knowledge snippets, a new table only).
      expect(upgraded.verno).toBe(5);
      expect(await upgraded.snippets.count()).toBe(0);
      expect(await upgraded.generations.count()).toBe(2);
      expect((await upgraded.drafts.get(ZD1))?.text).toBe('kept');
      expect((await upgraded.secrets.get('provider:default:apiKey'))?.value).toBe('sk-kept');
      const found = await searchHistory(upgraded, HistoryFilters.parse({ text: 'password' }));
      expect(found.entries.map((e) => e.ticketKey)).toEqual([ZD2]);
      expect((await listTicketHistory(upgraded, ZD1)).entries[0]?.output).toBe('Your refund is on its way.');
    } finally {
      upgraded.close();
      await upgraded.delete();
    }
  });
});
