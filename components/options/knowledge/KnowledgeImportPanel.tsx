import { db } from '@/utils/db';
import { t } from '@/utils/i18n/t';
import {
  applyKnowledgeImport,
  type KnowledgeImportPreview as Preview,
  readKnowledgeFile,
} from '@/utils/options/knowledge-import';
import { describeIssue } from '@/utils/options/knowledge-messages';
import { FileImportPanel, type ImportReadResult } from '../shared/FileImportPanel';
import { KnowledgeImportPreview } from './KnowledgeImportPreview';

// Import a knowledge file (Markdown, CSV or JSON): choose or drop it, read the preview, then Import or Cancel.
// Every problem in the file is listed with its place, and nothing changes until Import is pressed.

const ACCEPT = '.md,.markdown,.txt,.csv,.json,text/markdown,text/csv,application/json';

async function readFile(file: File): Promise<ImportReadResult<Preview>> {
  const result = await readKnowledgeFile(db(), file);
  return result.ok
    ? result
    : { ok: false, problems: result.issues.map((issue) => ({ message: describeIssue(issue) })) };
}

export function KnowledgeImportPanel() {
  return (
    <FileImportPanel<Preview>
      testIdPrefix="knowledge"
      title={t('knowledge_options_import_title')}
      hint={t('knowledge_options_import_formats')}
      fileLabel={t('knowledge_options_import_label')}
      accept={ACCEPT}
      read={readFile}
      unreadable={(error) => ({
        message: t('knowledge_options_import_read_error', String(error).slice(0, 200)),
      })}
      readingText={(fileName) => t('knowledge_options_import_reading', fileName)}
      problemsHeading={(fileName) => t('knowledge_options_import_failed', fileName)}
      renderPreview={({ preview, busy, onConfirm, onCancel }) => (
        <KnowledgeImportPreview preview={preview} busy={busy} onConfirm={onConfirm} onCancel={onCancel} />
      )}
      apply={(preview) => applyKnowledgeImport(db(), preview)}
      importedText={(preview) =>
        t(
          'knowledge_options_imported',
          preview.fileName,
          preview.added.length,
          preview.updated.length,
          preview.removed.length,
        )
      }
      applyFailedText={(error) => t('knowledge_options_import_apply_failed', String(error).slice(0, 200))}
      cancelledText={t('knowledge_options_import_cancelled')}
    />
  );
}
