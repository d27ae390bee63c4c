import { db } from '../db';
import { buildKnowledgeIndex, type SnippetHit, ticketQuery } from '../knowledge/retrieve';
import { listSnippets } from '../knowledge/store';
import type { Ticket } from '../ticket/ticket';

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
