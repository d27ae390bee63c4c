import { liveQuery } from 'dexie';
import { db } from '../db';
import { t } from '../i18n/t';
import {
  createKnowledgeIndexService,
  type KnowledgeIndexService,
  type SnippetSource,
} from '../knowledge/index-service';
import { ticketQuery } from '../knowledge/retrieve';
import { localDate } from '../knowledge/snippet-check';
import { type KnowledgeDb, listSnippets } from '../knowledge/store';
import type { KnowledgeSuggestResult } from '../messaging/protocol';
import { sourceLabel } from '../presets/preset';
import type { Ticket } from '../ticket/ticket';
import { getTabTicket } from './tab-tickets';

// The panel's knowledge suggestions (through the background router), answered from the index the background keeps
// in memory (utils/knowledge/index-service.ts: rebuilt in slices when the stored snippets change; a request during
// a rebuild waits up to 150 ms for it, else answers from the previous index).

/** The stored snippets as the index service sees them: a cheap revision, the rows, and a live watch. */
export function dexieSnippetSource(database: () => KnowledgeDb): SnippetSource {
  // Row count + newest write: any add, edit or delete changes one of them (replacing a source writes new
  // updatedAt). Read in one transaction so the two agree.
  const revision = () => {
    const d = database();
    return d.transaction('r', d.snippets, async () => {
      const [count, newest] = await Promise.all([d.snippets.count(), d.snippets.orderBy('updatedAt').last()]);
      return `${count}:${newest?.updatedAt ?? 0}:${newest?.key ?? ''}`;
    });
  };
  return {
    revision,
    load: () => listSnippets(database()),
    // Dexie tells a liveQuery about writes from other extension pages too (its storage-mutated broadcast).
    watch(onChange) {
      const subscription = liveQuery(revision).subscribe({
        next: onChange,
        error: (error: unknown) => console.warn('Deskmate: watching the knowledge snippets failed.', error),
      });
      return () => subscription.unsubscribe();
    },
  };
}

let service: KnowledgeIndexService | undefined;
function indexService(): KnowledgeIndexService {
  service ??= createKnowledgeIndexService(dexieSnippetSource(db));
  service.watch();
  return service;
}

/**
 * A side panel opened: build the index now (in slices), so the panel's first suggestion does not wait for a
 * whole build after a worker start. Cheap when the index is current (one revision read).
 */
export function warmKnowledgeIndex(): void {
  indexService()
    .snapshot()
    .catch((error: unknown) => console.warn('Deskmate: building the knowledge index failed.', error));
}

/** For tests: forget the in-memory index (as a worker restart does). */
export function resetKnowledgeIndexForTests(): void {
  service?.stop();
  service = undefined;
}

const EXCERPT_CHARS = 240;

/** The body as one line of plain text: Markdown marks dropped, whitespace folded, cut at a word. */
export function snippetExcerpt(markdown: string, max = EXCERPT_CHARS): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    // Block marks at a line start (heading, quote, list item, rule); emphasis and code marks anywhere, without
    // leaving a space behind ("**30 days**." → "30 days."); underscores only at word edges (snake_case stays).
    .replace(/^[ \t]{0,3}(?:(?:#{1,6}|>+|[-*+]|\d+[.)])[ \t]+|[-*_]{3,}[ \t]*$)/gm, '')
    .replace(/[*~`]+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
    .replace(/\|/g, ' ')
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
      message: t('core_presets_knowledge_no_ticket'),
    };
  try {
    // tookMs: the freshness check, any wait for a (re)build, and the search; not the ticket lookup or messaging.
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
          // Free text of any length (a subscription's URL): cut to the protocol's limit.
          sourceLabel: sourceLabel(row.source).slice(0, 300),
          score: hit.score,
          matched: hit.matched.slice(0, 30),
        },
      ];
    });
    return { ok: true, suggestions, indexSize, tookMs };
  } catch (error) {
    // The panel words the failure itself (knowledge_panel_error_failed); this is only the detail, capped.
    return { ok: false, code: 'failed', message: String(error).slice(0, 500) };
  }
}

async function searchForTicket(ticket: Ticket, limit: number) {
  const { index, rows } = await indexService().snapshot();
  const hits = index.search(ticketQuery(ticket), { limit, today: localDate() });
  return { hits, indexSize: index.size, rows };
}
