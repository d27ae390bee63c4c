import { z } from 'zod';
import { SnippetKey } from '../messaging/protocol';
import { splitCitations } from './citations';

// What a generation record keeps about the knowledge it carried (a plain field on GenerationRecord, no index): the
// snippets sent with their K ids, titles and links, those the model cited, and those that could not be sent. The
// titles are kept so history still names a snippet after its pack was removed.

export const SentSnippet = z.object({
  key: SnippetKey,
  ref: z.string().regex(/^K\d{1,2}$/),
  title: z.string().max(200),
  sourceLabel: z.string().max(300),
  sourceUrl: z.httpUrl().max(2000).optional(),
});
export type SentSnippet = z.infer<typeof SentSnippet>;

export const KnowledgeGenerationInfo = z.object({
  /** 'cite': a draft that ends with "Sources: …"; 'check': a policy check (its answer is a list, not a draft). */
  use: z.enum(['cite', 'check']),
  sent: z.array(SentSnippet).max(20),
  /** K ids the model named on its Sources line (only ids that were sent). */
  cited: z.array(z.string().max(4)).max(20),
  /** Keys the agent chose that no longer exist: not sent. */
  missing: z.array(SnippetKey).max(20),
  /** Keys left out to fit the model's window (lowest-ranked first). */
  dropped: z.array(SnippetKey).max(20),
});
export type KnowledgeGenerationInfo = z.infer<typeof KnowledgeGenerationInfo>;

/**
 * The model's text as stored and shown: for a grounded draft, the reply without its Sources line, and the ids it
 * cited. `final` false while streaming (a partial trailer is held back). Other generations pass through unchanged.
 */
export function groundedOutput(
  text: string,
  info: Pick<KnowledgeGenerationInfo, 'use' | 'sent'> | undefined,
  final: boolean,
): { reply: string; cited: string[] } {
  if (info?.use !== 'cite' || info.sent.length === 0) return { reply: text, cited: [] };
  const split = splitCitations(text, { final, known: info.sent.map((s) => s.ref) });
  return { reply: split.reply, cited: split.cited };
}

/** The stored info, parsed (a damaged or older record reads as none). */
export function knowledgeOf(record: { knowledge?: unknown }): KnowledgeGenerationInfo | undefined {
  const parsed = KnowledgeGenerationInfo.safeParse(record.knowledge);
  return parsed.success ? parsed.data : undefined;
}
