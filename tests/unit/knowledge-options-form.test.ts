import Dexie from 'dexie';
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '@/utils/db';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { parseKnowledgeFile } from '@/utils/knowledge/import-file';
import { isCalendarDate, uniqueSnippetId, validityOn } from '@/utils/knowledge/snippet-check';
import {
  type KnowledgeDb,
  listSnippets,
  replaceSourceSnippets,
  savePersonalSnippet,
} from '@/utils/knowledge/store';
import { exportPersonalSnippets } from '@/utils/options/knowledge-export';
import {
  checkSnippetDraft,
  draftFromSnippet,
  draftToInput,
  emptySnippetDraft,
  problemFor,
} from '@/utils/options/knowledge-form';
import {
  applyKnowledgeImport,
  hasKnowledgeChanges,
  knowledgeFileSource,
  readKnowledgeFile,
} from '@/utils/options/knowledge-import';
import { filterSnippets, groupSnippets, searchable } from '@/utils/options/knowledge-library';
import { describeProblem, describeSource } from '@/utils/options/knowledge-messages';
import { depersonalizeReply, prefillFromReply, snippetLanguageOf } from '@/utils/panel/snippet-offer';
import type { KnowledgeSnippet } from '@/utils/presets/pack';

// The knowledge screens' logic as plain functions: the form's check (the store's schema), ids from titles, the
// list's grouping and filter, the import plan (new / updated / unchanged / removed) and its all-or-nothing apply,
// the export that imports again, and the panel's prefill from a ticket.

const names: string[] = [];
const opened: Dexie[] = [];
function freshDb(): KnowledgeDb {
  const name = `deskmate-knowledge-form-test-${names.length}-${Date.now()}`;
  names.push(name);
  const db = openDb(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const file = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
};

describe('the snippet form', () => {
  it('an empty form: title and body are required, with their own words', () => {
    const check = checkSnippetDraft(emptySnippetDraft());
    expect(check.ok).toBe(false);
    expect(describeProblem(problemFor(check, 'title') ?? { field: 'id', kind: 'id' })).toBe(
      'A snippet needs a title.',
    );
    expect(problemFor(check, 'text')).toEqual({ field: 'text', kind: 'required' });
  });

  it('every field is checked as the store checks it', () => {
    const draft = {
      title: 'x'.repeat(121),
      text: 'Body',
      tags: `ok, ${'t'.repeat(41)}`,
      sourceUrl: 'help centre',
      language: 'not a tag!',
      validFrom: '2026-02-30',
      validUntil: '2026-01-01',
    };
    const check = checkSnippetDraft(draft);
    expect(problemFor(check, 'title')).toEqual({ field: 'title', kind: 'too-long', max: 120 });
    expect(problemFor(check, 'tags')).toEqual({ field: 'tags', kind: 'tag-too-long', max: 40 });
    expect(problemFor(check, 'sourceUrl')).toEqual({ field: 'sourceUrl', kind: 'url' });
    expect(problemFor(check, 'language')).toEqual({ field: 'language', kind: 'language' });
    expect(problemFor(check, 'validFrom')).toEqual({ field: 'validFrom', kind: 'date' });
    const tooMany = checkSnippetDraft({
      ...emptySnippetDraft(),
      title: 'T',
      text: 'B',
      tags: Array(21).fill('a').join(','),
    });
    expect(problemFor(tooMany, 'tags')).toEqual({ field: 'tags', kind: 'too-many', max: 20 });
  });

  it('a good form becomes the snippet; empty optional fields are left out', () => {
    const draft = {
      ...emptySnippetDraft(),
      title: ' Refund policy ',
      text: 'Within **30 days**.',
      tags: 'refund, , billing',
    };
    const check = checkSnippetDraft(draft, 'refund');
    expect(check).toEqual({
      ok: true,
      snippet: {
        id: 'refund',
        title: 'Refund policy',
        text: 'Within **30 days**.',
        tags: ['refund', 'billing'],
      },
    });
    expect(draftToInput(draft, 'refund')).not.toHaveProperty('sourceUrl');
  });

  it('a snippet goes into the form and comes back the same', () => {
    const snippet: KnowledgeSnippet = {
      id: 'ship',
      title: 'Shipping',
      text: 'Two days.',
      tags: ['shipping', 'eu'],
      sourceUrl: 'https://help.acme.test/shipping',
      language: 'de',
      validFrom: '2026-01-01',
      validUntil: '2026-06-30',
    };
    expect(checkSnippetDraft(draftFromSnippet(snippet), 'ship')).toEqual({ ok: true, snippet });
  });

  it('ids from titles are unique; dates must exist; validity by local day', () => {
    const taken = new Set(['refund-policy']);
    expect(uniqueSnippetId('Refund policy', taken)).toBe('refund-policy-2');
    expect(uniqueSnippetId('Refund policy', taken)).toBe('refund-policy-3');
    expect(uniqueSnippetId('返金', taken)).toBe('snippet');
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(validityOn({ validUntil: '2026-01-31' }, '2026-02-01')).toBe('expired');
    expect(validityOn({ validFrom: '2026-03-01' }, '2026-02-01')).toBe('upcoming');
    expect(validityOn({ validFrom: '2026-02-01', validUntil: '2026-02-01' }, '2026-02-01')).toBe('current');
  });
});

describe('the list', () => {
  const row = (
    source: StoredSnippet['source'],
    snippet: Partial<KnowledgeSnippet> & { title: string },
  ): StoredSnippet => ({
    key: `${source.type}/${snippet.title}`,
    sourceKey: source.type === 'file' ? `file:${source.pack}` : source.type,
    source,
    snippet: { id: 'x', text: '', tags: [], ...snippet },
    updatedAt: 0,
  });
  const rows = [
    row(
      { type: 'file', pack: 'faq.csv' },
      { title: 'Shipping', text: 'Ships in two days', tags: ['delivery'] },
    ),
    row({ type: 'personal' }, { title: 'Rückgabe', text: 'Innerhalb von 30 Tagen' }),
    row({ type: 'personal' }, { title: 'Apology', text: 'Sorry for the delay', tags: ['tone'] }),
  ];

  it('groups yours first (by title), then one group per team source', () => {
    const groups = groupSnippets(rows);
    expect(groups.personal.map((r) => r.snippet.title)).toEqual(['Apology', 'Rückgabe']);
    expect(groups.team.map((g) => [describeSource(g.source), g.rows.length])).toEqual([
      ['File “faq.csv”', 1],
    ]);
  });

  it('filters by every word in title, tags or body, without regard to case or accents', () => {
    expect(filterSnippets(searchable(rows), 'ruckgabe').map((r) => r.snippet.title)).toEqual(['Rückgabe']);
    expect(filterSnippets(searchable(rows), 'DELIVERY two').map((r) => r.snippet.title)).toEqual([
      'Shipping',
    ]);
    expect(filterSnippets(searchable(rows), 'tone sorry').map((r) => r.snippet.title)).toEqual(['Apology']);
    expect(filterSnippets(searchable(rows), 'refund')).toEqual([]);
    expect(filterSnippets(searchable(rows), '  ')).toHaveLength(3);
  });
});

describe('importing a file', () => {
  it('previews new / updated / unchanged / removed against the earlier import of the same file, then applies it', async () => {
    const db = freshDb();
    await savePersonalSnippet(db, { id: 'mine', title: 'Mine', text: 'Personal', tags: [] });
    const first = await readKnowledgeFile(
      db,
      file('faq.csv', 'title,body\nShipping,Two days\nRefunds,30 days\nOld,Gone soon'),
    );
    if (!first.ok) throw new Error('expected a preview');
    expect(first.preview.added.map((s) => s.id)).toEqual(['shipping', 'refunds', 'old']);
    // Nothing is written by the preview.
    expect((await listSnippets(db)).map((r) => r.key)).toEqual(['personal/mine']);
    await applyKnowledgeImport(db, first.preview);

    const second = await readKnowledgeFile(
      db,
      file('faq.csv', 'title,body\nShipping,Two days\nRefunds,Now 60 days\nNew one,Hello'),
    );
    if (!second.ok) throw new Error('expected a preview');
    const { added, updated, unchanged, removed } = second.preview;
    expect({
      added: added.map((s) => s.id),
      updated: updated.map((u) => [u.before.text, u.after.text]),
      unchanged: unchanged.map((s) => s.id),
      removed: removed.map((s) => s.id),
    }).toEqual({
      added: ['new-one'],
      updated: [['30 days', 'Now 60 days']],
      unchanged: ['shipping'],
      removed: ['old'],
    });
    await applyKnowledgeImport(db, second.preview);
    const stored = await listSnippets(db);
    expect(stored.map((r) => r.key)).toEqual([
      'personal/mine',
      'file:faq.csv/new-one',
      'file:faq.csv/refunds',
      'file:faq.csv/shipping',
    ]);
    expect(stored[2]?.source).toEqual(knowledgeFileSource('faq.csv'));

    const again = await readKnowledgeFile(
      db,
      file('faq.csv', 'title,body\nShipping,Two days\nRefunds,Now 60 days\nNew one,Hello'),
    );
    expect(again.ok && hasKnowledgeChanges(again.preview)).toBe(false);
  });

  it('a bad file or a too-large one changes nothing and says why', async () => {
    const db = freshDb();
    await savePersonalSnippet(db, { id: 'mine', title: 'Mine', text: 'Personal', tags: [] });
    expect(await readKnowledgeFile(db, file('bad.csv', 'title,body\n,no title'))).toMatchObject({
      ok: false,
      issues: [{ code: 'field', place: { row: 2 } }],
    });
    expect(
      await readKnowledgeFile(db, {
        name: 'huge.json',
        size: 3 * 1024 * 1024,
        arrayBuffer: () => Promise.reject(new Error('not read')),
      }),
    ).toEqual({ ok: false, issues: [{ code: 'too-large', bytes: 3 * 1024 * 1024, max: 2 * 1024 * 1024 }] });
    expect((await listSnippets(db)).map((r) => r.key)).toEqual(['personal/mine']);
  });

  it('another file and the personal snippets are never touched by an import', async () => {
    const db = freshDb();
    await replaceSourceSnippets(db, knowledgeFileSource('other.md'), [
      { id: 'a', title: 'A', text: 'a', tags: [] },
    ]);
    const preview = await readKnowledgeFile(db, file('faq.csv', 'title,body\nA,from faq'));
    if (!preview.ok) throw new Error('expected a preview');
    expect(preview.preview.added).toHaveLength(1);
    expect(preview.preview.removed).toEqual([]);
    await applyKnowledgeImport(db, preview.preview);
    expect((await listSnippets(db)).map((r) => r.key).sort()).toEqual(['file:faq.csv/a', 'file:other.md/a']);
  });
});

describe('export', () => {
  it('writes the personal snippets only, in a file that imports again as the same snippets', async () => {
    const db = freshDb();
    const mine: KnowledgeSnippet = {
      id: 'refund',
      title: 'Refund',
      text: 'Within **30** days.',
      tags: ['refund'],
      language: 'en',
    };
    await savePersonalSnippet(db, mine);
    await replaceSourceSnippets(db, knowledgeFileSource('faq.csv'), [
      { id: 'team', title: 'Team', text: 't', tags: [] },
    ]);
    const out = exportPersonalSnippets(await listSnippets(db), new Date(2026, 1, 3, 12));
    expect(out.count).toBe(1);
    expect(out.fileName).toBe('deskmate-knowledge-2026-02-03.json');
    const back = parseKnowledgeFile(out.fileName, out.text);
    expect(back).toEqual({ ok: true, format: 'json', snippets: [mine] });
  });
});

describe('the panel prefill', () => {
  it('title from the subject, tags from the ticket, the reply language as its base tag', () => {
    expect(
      prefillFromReply(
        {
          subject: '  Refund for order 123 ',
          tags: ['refund', ' vip ', ''],
          requester: { name: 'Maria Svensson' },
        },
        ' Hi Maria, … ',
        'de-CH',
      ),
    ).toEqual({
      title: 'Refund for order 123',
      text: 'Hi [NAME], …',
      tags: 'refund, vip',
      sourceUrl: '',
      language: 'de',
      validFrom: '',
      validUntil: '',
    });
    expect(snippetLanguageOf(undefined)).toBe('');
  });

  it('the customer’s details become generic placeholders: requester name and address, and what redaction found', () => {
    const text = depersonalizeReply(
      'Hi Maria Svensson, Maria: we wrote to maria@example.com and called +46 70 123 45 67.',
      { requester: { name: 'Maria Svensson', email: 'maria@example.com' } },
      { '[PHONE_1]': '+46 70 123 45 67' },
    );
    expect(text).toBe('Hi [NAME], [NAME]: we wrote to [EMAIL] and called [PHONE].');
    // The agent's own bracketed text is not a placeholder Deskmate put in: it stays as written.
    expect(depersonalizeReply('See [SKU_42].', { requester: { name: 'Ann Lee' } })).toBe('See [SKU_42].');
    expect(snippetLanguageOf('zz-top-1')).toBe('zz');
  });
});
