import { db } from '../db';
import { buildKnowledgeIndex, type SnippetHit, ticketQuery } from '../knowledge/retrieve';
import { listSnippets } from '../knowledge/store';
import type { KnowledgeSuggestResult } from '../messaging/protocol';
import { sourceLabel } from '../presets/preset';
import type { Ticket } from '../ticket/ticket';
import { getTabTicket } from './tab-tickets';

// THE SEAM the panel's suggestions use (through the background router). This first version rebuilds the index on
// every call; the index helper replaces the inside (kept in memory, rebuilt in slices when snippets change, so a
// rebuild never blocks a suggestion or the panel) and keeps the signature.

/** Today as the agent's local calendar date, YYYY-MM-DD (snippets' valid-from/until are dates, not instants). */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function knowledgeSuggestions(
  ticket: Ticket,
  limit = 5,
  now = new Date(),
): Promise<SnippetHit[]> {
  const index = buildKnowledgeIndex(await listSnippets(db()));
  return index.search(ticketQuery(ticket), { limit, today: localDate(now) });
}

const EXCERPT_CHARS = 240;

/** The body as one line of plain text: Markdown marks dropped, whitespace folded, cut at a word. */
export function snippetExcerpt(markdown: string, max = EXCERPT_CHARS): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max * 0.6))}…`;
}

/** The panel's "knowledge/suggest": the snippets for the ticket the background holds for `tabId`. */
export async function suggestKnowledge(
  tabId: number,
  ticketKey: string,
  limit = 5,
): Promise<KnowledgeSuggestResult> {
  const held = await getTabTicket(tabId);
  if (!held?.result.ok || held.result.ticketKey !== ticketKey)
    return {
      ok: false,
      code: 'no-ticket',
      message: 'Read the ticket first: the panel has no ticket for this tab.',
    };
  try {
    const started = performance.now();
    const { hits, indexSize, rows } = await searchForTicket(held.result.ticket, limit);
    const tookMs = performance.now() - started;
    const suggestions = hits.flatMap((hit) => {
      const row = rows.get(hit.key);
      if (!row) return [];
      const { snippet } = row;
      return [
        {
          key: row.key,
          title: snippet.title,
          excerpt: snippetExcerpt(snippet.text),
          tags: snippet.tags,
          ...(snippet.sourceUrl ? { sourceUrl: snippet.sourceUrl } : {}),
          sourceLabel: sourceLabel(row.source),
          score: hit.score,
          matched: hit.matched.slice(0, 30),
        },
      ];
    });
    return { ok: true, suggestions, indexSize, tookMs };
  } catch (error) {
    return { ok: false, code: 'failed', message: `The knowledge search failed: ${String(error)}` };
  }
}

async function searchForTicket(ticket: Ticket, limit: number) {
  const snippets = await listSnippets(db());
  const index = buildKnowledgeIndex(snippets);
  const hits = index.search(ticketQuery(ticket), { limit, today: localDate() });
  return { hits, indexSize: index.size, rows: new Map(snippets.map((s) => [s.key, s])) };
}
