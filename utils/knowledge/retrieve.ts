import type { Ticket } from '../ticket/ticket';
import type { StoredSnippet } from './db-tables';

// THE SEAM between the knowledge index and its users (background suggestions, the benchmark). This first version
// is a plain word-overlap ranking so the rest can be built against it; the index helper replaces the inside with
// BM25 + stemming (minisearch + @orama/stemmers) and keeps these signatures.

export interface KnowledgeQuery {
  /** Words to match: the ticket's subject and the customer's recent messages. */
  text: string;
  /** The ticket's language (BCP 47 primary tag) when known: picks the stemmer for the query. */
  language?: string;
}

export interface SnippetHit {
  key: string;
  score: number;
  /** Query words (as typed, not stemmed) that matched, for "why proposed". */
  matched: string[];
}

export interface KnowledgeIndex {
  readonly size: number;
  /** Best first; snippets outside their valid dates on `today` (YYYY-MM-DD, local) are never returned. */
  search(query: KnowledgeQuery, options: { limit: number; today: string }): SnippetHit[];
}

const words = (text: string) => text.toLowerCase().match(/\p{L}[\p{L}\p{N}]{2,}/gu) ?? [];

export function buildKnowledgeIndex(snippets: readonly StoredSnippet[]): KnowledgeIndex {
  const docs = snippets.map((s) => ({
    row: s,
    words: new Set(words(`${s.snippet.title} ${s.snippet.tags.join(' ')} ${s.snippet.text}`)),
  }));
  return {
    size: docs.length,
    search(query, { limit, today }) {
      const q = [...new Set(words(query.text))];
      return docs
        .filter(
          ({ row: { snippet } }) =>
            (!snippet.validFrom || snippet.validFrom <= today) &&
            (!snippet.validUntil || today <= snippet.validUntil),
        )
        .map(({ row, words: w }) => {
          const matched = q.filter((x) => w.has(x));
          return { key: row.key, score: matched.length, matched };
        })
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}

/** What the open ticket is about, as a query: subject plus the customer's last messages (capped). */
export function ticketQuery(ticket: Ticket): KnowledgeQuery {
  const customer = ticket.messages.filter((m) => m.role === 'customer').slice(-3);
  const text = [ticket.subject, ...customer.map((m) => m.text)].join('\n').slice(0, 4000);
  return { text, ...(ticket.language ? { language: ticket.language.split('-')[0] } : {}) };
}
