import { db } from '@/utils/db';
import { t, tCount } from '@/utils/i18n/t';
import { knowledgeHasChanges } from '@/utils/knowledge/import-diff';
import { type ImportPreview as Preview, readPackFile } from '@/utils/options/pack-io';
import { ImportConflictError } from '@/utils/presets/import-diff';
import { commitImport } from '@/utils/presets/store';
import { FileImportPanel, type ImportReadResult } from '../shared/FileImportPanel';
import { ImportPreview } from './ImportPreview';

// Import a pack file: choose (or drop) it, read the preview, then Import or Cancel. Any problem in the file is
// listed with its place, and nothing changes until Import is pressed.

async function readFile(file: File): Promise<ImportReadResult<Preview>> {
  const result = await readPackFile(db(), file);
  return result.ok
    ? result
    : { ok: false, problems: result.errors.map(({ code, message }) => ({ code, message })) };
}

export function PackImportPanel() {
  return (
    <FileImportPanel<Preview>
      testIdPrefix="pack"
      title={t('presets_import_title')}
      fileLabel={t('presets_import_file_label')}
      accept=".json,application/json"
      read={readFile}
      unreadable={(error) => ({
        code: 'invalid',
        message: t('presets_import_unreadable', String(error).slice(0, 200)),
      })}
      readingText={(fileName) => t('presets_import_reading', fileName)}
      problemsHeading={(fileName, problemCount) =>
        `${t('presets_import_not_imported', fileName)} ${tCount('presets_import_problems', problemCount)}`
      }
      renderPreview={(controls) => <ImportPreview {...controls} />}
      apply={(preview) => commitImport(db(), preview.plan, 'confirm')}
      importedText={(preview) =>
        t('presets_imported', preview.plan.pack.name, preview.plan.pack.version, summarizeShort(preview))
      }
      applyFailedText={(error) =>
        error instanceof ImportConflictError
          ? error.message
          : t('presets_import_failed', String(error).slice(0, 200))
      }
      cancelledText={t('presets_import_cancelled')}
    />
  );
}

function summarizeShort(preview: Preview): string {
  const { added, updated, removed } = preview.plan.diff;
  const presets = t('presets_import_short', added.length, updated.length, removed.length);
  const knowledge = preview.plan.knowledge;
  if (!knowledgeHasChanges(knowledge) || !knowledge) return presets;
  const k = knowledge.diff;
  return `${presets}; ${t('presets_import_short_knowledge', k.added.length, k.updated.length, k.removed.length)}`;
}
