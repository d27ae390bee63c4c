import type { StoredSnippet } from '../knowledge/db-tables';
import { diffSnippets, type KnowledgeDiff, snippetDiffHasChanges } from '../knowledge/import-diff';
import {
  checkFileSize,
  type ImportIssue,
  type KnowledgeFileFormat,
  parseKnowledgeFile,
} from '../knowledge/import-file';
import { type KnowledgeDb, listSnippets, replaceSourceSnippets } from '../knowledge/store';
import type { KnowledgeSnippet } from '../presets/pack';
import { type PresetSource, sourceKey } from '../presets/preset';

// Importing a knowledge file in the options page: read it, plan what it would change, show that, and only on
// "Import" write it — as one `file` source named after the file, replaced as a whole in one transaction. So
// importing "faq.csv" again updates its snippets by id (titles make the ids), adds new ones and removes the ones
// no longer in it, and never touches the agent's own snippets or another file's.

/** One source per file name (the store's limit for a source name is 100 characters). */
export function knowledgeFileSource(fileName: string): PresetSource {
  return { type: 'file', pack: fileName.trim().slice(0, 100) || 'knowledge' };
}

/** `removed`: in the earlier import of this file, not in this one, so removed on import. */
export interface KnowledgeImportPreview extends KnowledgeDiff {
  fileName: string;
  format: KnowledgeFileFormat;
  source: PresetSource;
  snippets: KnowledgeSnippet[];
}

export type ReadKnowledgeResult =
  | { ok: true; preview: KnowledgeImportPreview }
  | { ok: false; format?: KnowledgeFileFormat; issues: ImportIssue[] };

export function planKnowledgeImport(
  existing: readonly StoredSnippet[],
  fileName: string,
  format: KnowledgeFileFormat,
  snippets: KnowledgeSnippet[],
): KnowledgeImportPreview {
  const source = knowledgeFileSource(fileName);
  const key = sourceKey(source);
  const before = existing.filter((row) => row.sourceKey === key).map((row) => row.snippet);
  return { fileName, format, source, snippets, ...diffSnippets(before, snippets) };
}

export function hasKnowledgeChanges(preview: KnowledgeImportPreview): boolean {
  return snippetDiffHasChanges(preview);
}

/** A chosen file → its preview, planned against what is stored now. Nothing is written. */
export async function readKnowledgeFile(
  db: KnowledgeDb,
  file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> },
): Promise<ReadKnowledgeResult> {
  const tooLarge = checkFileSize(file.size);
  if (tooLarge) return { ok: false, issues: [tooLarge] };
  const parsed = parseKnowledgeFile(file.name, await file.arrayBuffer());
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    preview: planKnowledgeImport(await listSnippets(db), file.name, parsed.format, parsed.snippets),
  };
}

/** Writes the previewed import: the file's source replaced as a whole, in one transaction (all or nothing). */
export function applyKnowledgeImport(db: KnowledgeDb, preview: KnowledgeImportPreview): Promise<void> {
  return replaceSourceSnippets(db, preview.source, preview.snippets);
}
