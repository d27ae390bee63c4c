import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '@/utils/knowledge/csv';
import {
  type ImportIssue,
  MAX_KNOWLEDGE_FILE_BYTES,
  MAX_KNOWLEDGE_SNIPPETS,
  MAX_LISTED_ISSUES,
  type ParseKnowledgeResult,
  parseKnowledgeFile,
} from '@/utils/knowledge/import-file';
import { describeIssue } from '@/utils/options/knowledge-messages';
import type { KnowledgeSnippet } from '@/utils/presets/pack';
import { useTestLocale } from './i18n-fake';

// The knowledge file parsers (docs/knowledge-files.md): Markdown, CSV and JSON happy paths, and every problem a
// team lead's file can have, each with its specific code and place. All or nothing: one bad row, no snippets.

function snippets(result: ParseKnowledgeResult): KnowledgeSnippet[] {
  if (!result.ok) throw new Error(`expected snippets, got ${JSON.stringify(result.issues)}`);
  return result.snippets;
}

function issues(result: ParseKnowledgeResult): ImportIssue[] {
  if (result.ok) throw new Error('expected problems, got snippets');
  return result.issues;
}

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes, CRLF and line breaks inside', () => {
    const csv = parseCsv('a,b,c\r\n"1, one","say ""hi""","line 1\nline 2"\r\n\r\nx,,z\n');
    expect(csv).toEqual({
      ok: true,
      delimiter: ',',
      records: [
        { cells: ['a', 'b', 'c'], line: 1 },
        { cells: ['1, one', 'say "hi"', 'line 1\nline 2'], line: 2 },
        { cells: ['x', '', 'z'], line: 5 },
      ],
    });
  });

  it('takes the delimiter from the header: semicolons (European spreadsheets) and tabs', () => {
    expect(detectDelimiter('title;body;tags\n"a,b";c;d')).toBe(';');
    expect(detectDelimiter('title\tbody\n')).toBe('\t');
    expect(detectDelimiter('"t;x",body\n')).toBe(',');
    expect(detectDelimiter('title\n')).toBe(',');
  });

  it('keeps a quote inside an unquoted field; refuses text after a closing quote and an unclosed quote', () => {
    expect(parseCsv('a,b\n5" screen,x')).toMatchObject({
      ok: true,
      records: [{}, { cells: ['5" screen', 'x'] }],
    });
    expect(parseCsv('a,b\n"x"y,z')).toEqual({
      ok: false,
      error: { kind: 'text-after-quote', line: 2, record: 2 },
    });
    expect(parseCsv('a,b\nok,fine\n"never closed,z\nmore')).toEqual({
      ok: false,
      error: { kind: 'unterminated-quote', line: 3, record: 3 },
    });
  });
});

describe('CSV knowledge files', () => {
  const HEADER = 'title,body,tags,source_url,language,valid_from,valid_until';

  it('one snippet per row, with every column; ids from titles, unique', () => {
    const file = [
      HEADER,
      '"Refund policy (EU)","Refunds within **30 days**.\nKeep the receipt.","refund; billing | eu",https://help.acme.test/refunds,en,2026-01-01,2026-12-31',
      'Rückgabe,Innerhalb von 30 Tagen.,,,de,,',
      'Refund policy (EU),Second one with the same title.,,,,,',
    ].join('\r\n');
    expect(snippets(parseKnowledgeFile('faq.csv', file))).toEqual([
      {
        id: 'refund-policy-eu',
        title: 'Refund policy (EU)',
        text: 'Refunds within **30 days**.\nKeep the receipt.',
        tags: ['refund', 'billing', 'eu'],
        sourceUrl: 'https://help.acme.test/refunds',
        language: 'en',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      },
      { id: 'ruckgabe', title: 'Rückgabe', text: 'Innerhalb von 30 Tagen.', tags: [], language: 'de' },
      {
        id: 'refund-policy-eu-2',
        title: 'Refund policy (EU)',
        text: 'Second one with the same title.',
        tags: [],
      },
    ]);
  });

  it('matches headers loosely (case, spaces, aliases), reads semicolon files, keeps an id column', () => {
    const file = 'Title;Text;Valid From;ID\nShipping;"Ships in 2 days; tracked";2026-03-01;ship-times\n';
    expect(snippets(parseKnowledgeFile('x.csv', file))).toEqual([
      {
        id: 'ship-times',
        title: 'Shipping',
        text: 'Ships in 2 days; tracked',
        tags: [],
        validFrom: '2026-03-01',
      },
    ]);
  });

  it('a row without a title, a bad date, a bad link: each with its row, nothing returned', () => {
    const file = [
      HEADER,
      ',A body without a title,,,,,',
      'Good,Fine,,,,,',
      'Dated,Body,,,,2026-02-30,',
      'Linked,Body,,not a link,,,',
      'Ordered,Body,,,,2026-05-01,2026-04-01',
    ].join('\n');
    const found = issues(parseKnowledgeFile('faq.csv', file));
    expect(found).toEqual([
      { code: 'field', place: { kind: 'row', row: 2 }, problem: { field: 'title', kind: 'required' } },
      { code: 'field', place: { kind: 'row', row: 4 }, problem: { field: 'validFrom', kind: 'date' } },
      { code: 'field', place: { kind: 'row', row: 5 }, problem: { field: 'sourceUrl', kind: 'url' } },
      { code: 'field', place: { kind: 'row', row: 6 }, problem: { field: 'validUntil', kind: 'date-order' } },
    ]);
    expect(found.map(describeIssue)).toEqual([
      'Row 2, Title: A snippet needs a title.',
      'Row 4, Valid from: Not a date: write it as YYYY-MM-DD, such as 2026-01-31.',
      'Row 5, Source URL: Not a web address: write it in full, such as https://help.example.com/refunds.',
      'Row 6, Valid until: “Valid until” is before “Valid from”.',
    ]);
  });

  it('counts rows as a spreadsheet does: a multi-line cell is one row', () => {
    const file = `${HEADER}\nA,"two\nlines",,,,,\n,missing title,,,,,`;
    expect(issues(parseKnowledgeFile('f.csv', file))[0]).toMatchObject({ place: { row: 3 } });
  });

  it('unknown, duplicate and missing columns are refused by name', () => {
    expect(issues(parseKnowledgeFile('f.csv', 'title,body,valid_untill,colour\nA,B,C,D'))).toEqual([
      { code: 'csv-unknown-columns', columns: ['valid_untill', 'colour'] },
    ]);
    expect(issues(parseKnowledgeFile('f.csv', 'title,body,Title\nA,B,C'))).toEqual([
      { code: 'csv-duplicate-column', column: 'title' },
    ]);
    expect(issues(parseKnowledgeFile('f.csv', 'name,tags\nA,B'))).toEqual([
      { code: 'csv-unknown-columns', columns: ['name'] },
      { code: 'csv-missing-column', column: 'title' },
      { code: 'csv-missing-column', column: 'body' },
    ]);
  });

  it('more cells than columns is an error; trailing empty cells are not', () => {
    expect(issues(parseKnowledgeFile('f.csv', 'title,body\nA,B,C'))).toEqual([
      { code: 'csv-extra-cells', row: 2, cells: 3, expected: 2 },
    ]);
    expect(snippets(parseKnowledgeFile('f.csv', 'title,body\nA,B,,'))).toHaveLength(1);
    // Listed with the other rows' problems, in file order.
    expect(issues(parseKnowledgeFile('f.csv', 'title,body\n,no title\nA,B,C\n,again'))).toEqual([
      { code: 'field', place: { kind: 'row', row: 2 }, problem: { field: 'title', kind: 'required' } },
      { code: 'csv-extra-cells', row: 3, cells: 3, expected: 2 },
      { code: 'field', place: { kind: 'row', row: 4 }, problem: { field: 'title', kind: 'required' } },
    ]);
  });

  it('quoting errors name the row and the line', () => {
    expect(issues(parseKnowledgeFile('f.csv', 'title,body\nA,"open'))).toEqual([
      { code: 'csv-unterminated-quote', line: 2, row: 2 },
    ]);
    expect(issues(parseKnowledgeFile('f.csv', 'title,body\nA,"x" y'))).toEqual([
      { code: 'csv-text-after-quote', line: 2, row: 2 },
    ]);
  });

  it('a header with no rows holds no snippets', () => {
    expect(issues(parseKnowledgeFile('f.csv', `${HEADER}\n`))).toEqual([{ code: 'empty' }]);
  });
});

describe('Markdown knowledge files', () => {
  it('one snippet per file: the first heading is the title', () => {
    const file = '# Refund policy\n\nRefunds within **30 days**.\n\n- Keep the receipt\n';
    expect(snippets(parseKnowledgeFile('refunds.md', file))).toEqual([
      {
        id: 'refund-policy',
        title: 'Refund policy',
        text: 'Refunds within **30 days**.\n\n- Keep the receipt',
        tags: [],
      },
    ]);
  });

  it('one snippet per file without a heading: the file name is the title', () => {
    expect(snippets(parseKnowledgeFile('Shipping times.md', 'Orders ship in 2 days.'))).toEqual([
      { id: 'shipping-times', title: 'Shipping times', text: 'Orders ship in 2 days.', tags: [] },
    ]);
  });

  it('several snippets, each after a front matter block; a --- rule in a body stays in it', () => {
    const file = [
      '---',
      'title: "Refund policy: EU"',
      'tags: [refund, "billing"]',
      'source: https://help.acme.test/refunds',
      'language: en',
      'valid_from: 2026-01-01',
      'validUntil: 2026-12-31',
      '---',
      'Refunds within 30 days.',
      '',
      '---',
      '',
      'After the rule.',
      '---',
      'title: Rückgabe',
      'lang: detect',
      '---',
      'Innerhalb von 30 Tagen.',
    ].join('\r\n');
    expect(snippets(parseKnowledgeFile('policies.md', file))).toEqual([
      {
        id: 'refund-policy-eu',
        title: 'Refund policy: EU',
        text: 'Refunds within 30 days.\r\n\r\n---\r\n\r\nAfter the rule.'.replace(/\r/g, ''),
        tags: ['refund', 'billing'],
        sourceUrl: 'https://help.acme.test/refunds',
        language: 'en',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
      },
      { id: 'ruckgabe', title: 'Rückgabe', text: 'Innerhalb von 30 Tagen.', tags: [] },
    ]);
  });

  it('an unclosed block, a line that is not key: value, an unknown key: each with its line', () => {
    expect(issues(parseKnowledgeFile('a.md', '---\ntitle: A\nBody without a closing fence'))).toEqual([
      { code: 'md-unclosed-front-matter', line: 1 },
    ]);
    expect(issues(parseKnowledgeFile('a.md', '---\ntitle: A\njust words\ncolour: red\n---\nBody'))).toEqual([
      { code: 'md-bad-front-matter-line', line: 3, text: 'just words' },
      { code: 'md-unknown-key', line: 4, key: 'colour' },
    ]);
  });

  it('a block without a title, or without a body, names the snippet and its line', () => {
    const file = '---\ntags: a\n---\nBody one\n---\ntitle: Two\n---\n';
    expect(issues(parseKnowledgeFile('a.md', file))).toEqual([
      {
        code: 'field',
        place: { kind: 'snippet', index: 1, line: 1 },
        problem: { field: 'title', kind: 'required' },
      },
      {
        code: 'field',
        place: { kind: 'snippet', index: 2, line: 5 },
        problem: { field: 'text', kind: 'required' },
      },
    ]);
    expect(describeIssue(issues(parseKnowledgeFile('a.md', file))[1] as ImportIssue)).toBe(
      'Snippet 2 (line 5), Body: The body is empty: write what drafts should follow.',
    );
  });

  it('ids the file gives must be unique', () => {
    const file = '---\ntitle: A\nid: same\n---\nOne\n---\ntitle: B\nid: same\n---\nTwo';
    expect(issues(parseKnowledgeFile('a.md', file))).toEqual([
      {
        code: 'duplicate-id',
        id: 'same',
        place: { kind: 'snippet', index: 2, line: 6 },
        first: { kind: 'snippet', index: 1, line: 1 },
      },
    ]);
  });
});

describe('JSON knowledge files', () => {
  const refund = { title: 'Refund policy', text: 'Within 30 days.', tags: ['refund'] };

  it('an array, { knowledge: [...] }, and a whole preset pack whose knowledge is taken', () => {
    const expected = [{ id: 'refund-policy', ...refund }];
    expect(snippets(parseKnowledgeFile('a.json', JSON.stringify([refund])))).toEqual(expected);
    expect(snippets(parseKnowledgeFile('a.json', JSON.stringify({ knowledge: [refund] })))).toEqual(expected);
    const pack = {
      schemaVersion: 1,
      name: 'Acme',
      version: '1.0.0',
      presets: [],
      knowledge: [{ id: 'r1', ...refund }],
    };
    expect(snippets(parseKnowledgeFile('pack.json', JSON.stringify(pack)))).toEqual([
      { id: 'r1', ...refund },
    ]);
  });

  it('reads the other spellings (body, source_url, valid_from, tags as text)', () => {
    const item = {
      title: 'T',
      body: 'B',
      tags: 'a; b',
      source_url: 'https://x.test/',
      valid_from: '2026-01-01',
    };
    expect(snippets(parseKnowledgeFile('a.json', JSON.stringify([item])))).toEqual([
      {
        id: 't',
        title: 'T',
        text: 'B',
        tags: ['a', 'b'],
        sourceUrl: 'https://x.test/',
        validFrom: '2026-01-01',
      },
    ]);
  });

  it('a syntax error has its line and column', () => {
    const found = issues(parseKnowledgeFile('a.json', '[\n  {"title": "A",, "text": "B"}\n]'));
    expect(found).toEqual([expect.objectContaining({ code: 'json-syntax', line: 2, column: 17 })]);
    expect(describeIssue(found[0] as ImportIssue)).toMatch(
      /^This file is not valid JSON at line 2, column 17: /,
    );
  });

  it('the wrong shape, an item that is not an object, an item without a title', () => {
    expect(issues(parseKnowledgeFile('a.json', '{"presets": []}'))).toEqual([{ code: 'json-shape' }]);
    expect(issues(parseKnowledgeFile('a.json', '"text"'))).toEqual([{ code: 'json-shape' }]);
    expect(issues(parseKnowledgeFile('a.json', JSON.stringify([refund, 'x'])))).toEqual([
      { code: 'json-not-object', place: { kind: 'item', index: 2 } },
    ]);
    expect(issues(parseKnowledgeFile('a.json', JSON.stringify([{ text: 'B' }])))).toEqual([
      { code: 'field', place: { kind: 'item', index: 1 }, problem: { field: 'title', kind: 'required' } },
    ]);
  });
});

describe('any file', () => {
  it('refuses other file types by name', () => {
    expect(issues(parseKnowledgeFile('policies.docx', 'x'))).toEqual([
      { code: 'unsupported-type', name: 'policies.docx' },
    ]);
  });

  it('refuses a file over 2 MB before decoding it', () => {
    const big = new Uint8Array(MAX_KNOWLEDGE_FILE_BYTES + 1).fill(0x41);
    expect(issues(parseKnowledgeFile('big.csv', big))).toEqual([
      { code: 'too-large', bytes: MAX_KNOWLEDGE_FILE_BYTES + 1, max: MAX_KNOWLEDGE_FILE_BYTES },
    ]);
  });

  it('refuses bytes that are not UTF-8, and empty files', () => {
    expect(issues(parseKnowledgeFile('a.csv', new Uint8Array([0x74, 0xff, 0xfe, 0x00])))).toEqual([
      { code: 'not-utf8' },
    ]);
    expect(issues(parseKnowledgeFile('a.md', '  \n\n'))).toEqual([{ code: 'empty' }]);
    expect(issues(parseKnowledgeFile('a.json', '\uFEFF'))).toEqual([{ code: 'empty' }]);
  });

  it('reads UTF-8 bytes with a byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFtitle,body\nÅtervändning,Inom 30 dagar');
    expect(snippets(parseKnowledgeFile('sv.csv', bytes))).toEqual([
      { id: 'atervandning', title: 'Återvändning', text: 'Inom 30 dagar', tags: [] },
    ]);
  });

  it('refuses more than 5,000 snippets', () => {
    const rows = Array.from({ length: MAX_KNOWLEDGE_SNIPPETS + 1 }, (_, i) => `S${i},B`);
    expect(issues(parseKnowledgeFile('many.csv', `title,body\n${rows.join('\n')}`))).toEqual([
      { code: 'too-many', count: MAX_KNOWLEDGE_SNIPPETS + 1, max: MAX_KNOWLEDGE_SNIPPETS },
    ]);
  });

  it('lists at most 50 problems, then how many more', () => {
    const rows = Array.from({ length: 60 }, () => ',B');
    const found = issues(parseKnowledgeFile('bad.csv', `title,body\n${rows.join('\n')}`));
    expect(found).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(found.at(-1)).toEqual({ code: 'more', count: 10 });
    expect(describeIssue(found.at(-1) as ImportIssue)).toBe('…and 10 more problems.');
  });
});

describe('every problem has words, in every language', () => {
  const place = { kind: 'row', row: 3 } as const;
  const all: ImportIssue[] = [
    { code: 'too-large', bytes: 3_000_000, max: MAX_KNOWLEDGE_FILE_BYTES },
    { code: 'too-many', count: 6000, max: MAX_KNOWLEDGE_SNIPPETS },
    { code: 'not-utf8' },
    { code: 'empty' },
    { code: 'unsupported-type', name: 'a.docx' },
    { code: 'json-syntax', line: 2, column: 3, reason: 'Unexpected token' },
    { code: 'json-syntax', reason: 'Unexpected end' },
    { code: 'json-shape' },
    { code: 'json-not-object', place: { kind: 'item', index: 2 } },
    { code: 'csv-unterminated-quote', line: 4, row: 3 },
    { code: 'csv-text-after-quote', line: 4, row: 3 },
    { code: 'csv-unknown-columns', columns: ['colour'] },
    { code: 'csv-missing-column', column: 'title' },
    { code: 'csv-duplicate-column', column: 'body' },
    { code: 'csv-extra-cells', row: 3, cells: 4, expected: 3 },
    { code: 'md-unclosed-front-matter', line: 1 },
    { code: 'md-bad-front-matter-line', line: 2, text: 'words' },
    { code: 'md-unknown-key', line: 2, key: 'colour' },
    { code: 'duplicate-id', id: 'a', place, first: { kind: 'snippet', index: 1, line: 1 } },
    { code: 'more', count: 1 },
    ...(
      [
        { field: 'title', kind: 'required' },
        { field: 'text', kind: 'required' },
        { field: 'tags', kind: 'required' },
        { field: 'title', kind: 'too-long', max: 120 },
        { field: 'tags', kind: 'too-many', max: 20 },
        { field: 'tags', kind: 'tag-too-long', max: 40 },
        { field: 'sourceUrl', kind: 'url' },
        { field: 'validFrom', kind: 'date' },
        { field: 'validUntil', kind: 'date-order' },
        { field: 'language', kind: 'language' },
        { field: 'id', kind: 'id' },
      ] as const
    ).map((problem) => ({ code: 'field' as const, place, problem })),
  ];

  for (const locale of ['en', 'de', 'sv', 'es', 'fr'] as const)
    it(locale, () => {
      useTestLocale(locale);
      try {
        for (const issue of all) {
          const text = describeIssue(issue);
          // A missing key shows itself (t returns the key); an unfilled substitution leaves a $n.
          expect(text, issue.code).not.toMatch(/knowledge_options_|\$\d/);
          expect(text.length, issue.code).toBeGreaterThan(5);
        }
        expect(describeIssue({ code: 'csv-missing-column', column: 'title' })).toContain('title');
      } finally {
        useTestLocale('en');
      }
    });
});
