import type { StoredSnippet } from '../knowledge/db-tables';
import { localDate } from '../knowledge/snippet-check';
import type { KnowledgeSnippet } from '../presets/pack';

// "Export" of the agent's own snippets: a JSON file in the shape the importer reads (utils/knowledge/import-json.ts)
// and a pack's `knowledge` holds, so it can be imported on another computer, or pasted into a team pack.

export const KNOWLEDGE_EXPORT_FORMAT = 'deskmate-knowledge';

export interface KnowledgeExport {
  format: typeof KNOWLEDGE_EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  knowledge: KnowledgeSnippet[];
}

export function exportPersonalSnippets(
  rows: readonly StoredSnippet[],
  now = new Date(),
): { text: string; fileName: string; count: number } {
  const knowledge = rows
    .filter((row) => row.source.type === 'personal')
    .map((row) => row.snippet)
    .sort((a, b) => a.title.localeCompare(b.title));
  const data: KnowledgeExport = {
    format: KNOWLEDGE_EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    knowledge,
  };
  return {
    text: `${JSON.stringify(data, null, 2)}\n`,
    fileName: `deskmate-knowledge-${localDate(now)}.json`,
    count: knowledge.length,
  };
}

/** Saves text as a file through a download link (no `downloads` permission needed). */
export function downloadText(text: string, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
