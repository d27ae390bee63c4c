import { describe, expect, it } from 'vitest';
import { fold, languageOf, queryTermsOf, termOf, termsOf, words } from '@/utils/knowledge/analyze';
import {
  buildKnowledgeIndex,
  buildKnowledgeIndexInSlices,
  type KnowledgeIndex,
  ticketQuery,
} from '@/utils/knowledge/retrieve';
import { SNIPPETS, stored, TICKETS, TODAY, ticketOf } from './knowledge-labelled';

const ids = (index: KnowledgeIndex, text: string, language?: string, today = TODAY, limit = 3) =>
  index
    .search({ text, ...(language ? { language } : {}) }, { limit, today })
    .map((hit) => hit.key.split('/').pop());

describe('analysis: words, stop words, stems, folding', () => {
  it('stems plural and inflected forms to the same term in each language', () => {
    const pairs: [string, string, 'en' | 'de' | 'sv' | 'es' | 'fr'][] = [
      ['Rückerstattungen', 'Rückerstattung', 'de'],
      ['reembolsos', 'reembolso', 'es'],
      ['återbetalningar', 'återbetalning', 'sv'],
      ['remboursements', 'remboursement', 'fr'],
      ['refunds', 'refunded', 'en'],
      ['Lieferungen', 'Lieferung', 'de'],
      ['facturas', 'factura', 'es'],
    ];
    for (const [a, b, lang] of pairs) {
      expect(termOf(a, lang), `${a} / ${b} (${lang})`).toBe(termOf(b, lang));
      expect(termOf(a, lang)).not.toBeNull();
    }
    // Different words stay apart.
    expect(termOf('refund', 'en')).not.toBe(termOf('invoice', 'en'));
  });

  it('drops stop words and greetings, folds diacritics and case', () => {
    expect(termsOf('Hello, thanks for the quick help with my refund!', 'en')).toEqual([
      'quick',
      'help',
      'refund',
    ]);
    expect(termsOf('Hallo, bitte um Rückerstattung', 'de')).toEqual(['ruckerstatt']);
    expect(fold('Återbetalning Envío Straße')).toBe('aterbetalning envio strasse');
    // A word typed without its accent meets the accented one.
    expect(termOf('envio', 'es')).toBe(termOf('envío', 'es'));
  });

  it('splits French elisions and English possessives at the apostrophe, keeping the word that matters', () => {
    expect(words("l’achat d’origine, lorsqu’il arrive; the customer's order, it's ID 42")).toEqual([
      'achat',
      'origine',
      'il',
      'arrive',
      'the',
      'customer',
      'order',
      'id',
    ]);
  });

  it('uses the declared language, else detects it, else none', () => {
    expect(languageOf('anything at all', 'de-AT')).toBe('de');
    expect(languageOf('whatever', 'it')).toBeUndefined();
    expect(languageOf('Hej, jag har glömt mitt lösenord och kan inte logga in på kontot.')).toBe('sv');
    expect(languageOf('12345')).toBeUndefined();
  });

  it('an unknown query language looks for the word in every language, each term once', () => {
    const terms = queryTermsOf('remboursements remboursements', undefined).map((q) => q.term);
    expect(terms).toContain('remboursements');
    expect(terms).toContain(termOf('remboursements', 'fr'));
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('index: validity, ranking, matched words, determinism', () => {
  const index = buildKnowledgeIndex(SNIPPETS);

  it('indexes every snippet', () => {
    expect(index.size).toBe(SNIPPETS.length);
  });

  it('never returns a snippet outside its valid dates (inclusive bounds, local dates)', () => {
    const outage = 'login sync errors outage status';
    expect(ids(index, outage, 'en', '2026-11-20', 5)).toContain('outage-nov-2026-en');
    expect(ids(index, outage, 'en', '2026-11-18', 5)).toContain('outage-nov-2026-en');
    expect(ids(index, outage, 'en', '2026-11-25', 5)).toContain('outage-nov-2026-en');
    expect(ids(index, outage, 'en', '2026-11-17', 5)).not.toContain('outage-nov-2026-en');
    expect(ids(index, outage, 'en', '2026-11-26', 5)).not.toContain('outage-nov-2026-en');
    // The replaced 2024 policy is never proposed now, though it matches the words.
    expect(ids(index, 'refund within 14 days declined', 'en', TODAY, 20)).not.toContain(
      'refund-policy-2024-en',
    );
    expect(ids(index, 'refund within 14 days declined', 'en', '2025-06-01', 20)).toContain(
      'refund-policy-2024-en',
    );
  });

  it('finds a snippet across inflections in each language', () => {
    expect(ids(index, 'Rückerstattungen', 'de')[0]).toBe('refund-policy-de');
    expect(ids(index, 'reembolsos', 'es')[0]).toBe('refund-policy-es');
    expect(ids(index, 'återbetalningar', 'sv')[0]).toBe('refund-policy-sv');
    expect(ids(index, 'remboursements', 'fr')[0]).toBe('refund-policy-fr');
    expect(ids(index, 'refunded', 'en')[0]).toBe('refund-policy-en');
  });

  it('a query whose language cannot be told (one word) still finds the snippet in its language', () => {
    expect(ids(index, 'Rückerstattungen')[0]).toBe('refund-policy-de');
    expect(ids(index, 'reembolsos')[0]).toBe('refund-policy-es');
    expect(ids(index, 'återbetalningar')[0]).toBe('refund-policy-sv');
    expect(ids(index, 'remboursements')[0]).toBe('refund-policy-fr');
  });

  it('weighs a title word over the same word in a body', () => {
    const a = stored({ id: 'a', title: 'Invoice', text: 'How we handle billing questions.' });
    const b = stored({ id: 'b', title: 'Billing questions', text: 'How we handle an invoice.' });
    expect(ids(buildKnowledgeIndex([b, a]), 'invoice', 'en')).toEqual(['a', 'b']);
  });

  it('reports the ticket words that matched, as the ticket wrote them', () => {
    const [hit] = index.search(
      { text: 'Refunds for damaged parcels', language: 'en' },
      { limit: 1, today: TODAY },
    );
    expect(hit?.key).toBe('file:Acme Support/damaged-item-en');
    expect(hit?.matched).toEqual(['refunds', 'damaged']);
  });

  it('ranks the same way whatever order the snippets come in; equal scores by key', () => {
    const twin = (id: string) => stored({ id, title: 'Gift cards', text: 'Gift cards never expire.' });
    const shuffled = [...SNIPPETS].reverse();
    for (const t of TICKETS.slice(0, 5)) {
      const q = ticketQuery(ticketOf(t));
      expect(buildKnowledgeIndex(shuffled).search(q, { limit: 5, today: TODAY })).toEqual(
        index.search(q, { limit: 5, today: TODAY }),
      );
    }
    expect(ids(buildKnowledgeIndex([twin('c'), twin('a'), twin('b')]), 'gift cards', 'en')).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('returns nothing for an empty index or a query of stop words only', () => {
    expect(buildKnowledgeIndex([]).search({ text: 'refund' }, { limit: 3, today: TODAY })).toEqual([]);
    expect(
      index.search({ text: 'hello thanks the and', language: 'en' }, { limit: 3, today: TODAY }),
    ).toEqual([]);
  });

  it('building in slices yields between slices and makes the same index', async () => {
    let yields = 0;
    const sliced = await buildKnowledgeIndexInSlices(SNIPPETS, {
      slice: 5,
      yieldFn: async () => {
        yields++;
      },
    });
    // At most 5 per slice (more slices if the machine is slow: a slice also ends after 8 ms of work).
    expect(yields).toBeGreaterThanOrEqual(Math.ceil(SNIPPETS.length / 5));
    let timed = 0;
    let now = 0;
    await buildKnowledgeIndexInSlices(SNIPPETS, {
      slice: 1000,
      sliceMs: 8,
      clock: () => (now += 5), // every snippet "takes" 5 ms: a slice ends after two
      yieldFn: async () => {
        timed++;
      },
    });
    expect(timed).toBe(Math.ceil(SNIPPETS.length / 2));
    const q = ticketQuery(ticketOf(TICKETS[0] as (typeof TICKETS)[number]));
    expect(sliced?.search(q, { limit: 5, today: TODAY })).toEqual(
      index.search(q, { limit: 5, today: TODAY }),
    );
    const cancelled = await buildKnowledgeIndexInSlices(SNIPPETS, { slice: 5, isCancelled: () => true });
    expect(cancelled).toBeNull();
  });
});

describe('ticketQuery', () => {
  it('puts the subject first and the last customer messages after, with the ticket language', () => {
    const ticket = ticketOf({
      name: 'x',
      subject: 'Refund\n  please',
      message: 'Where is it?',
      relevant: [],
      language: 'de-AT',
    });
    const q = ticketQuery({
      ...ticket,
      messages: [...ticket.messages, { author: { name: 'Agent' }, role: 'agent', text: 'agent words' }],
    });
    expect(q).toEqual({ text: 'Refund please\nWhere is it?', language: 'de' });
  });
});
