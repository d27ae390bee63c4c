import { useId } from 'react';
import { t } from '@/utils/i18n/t';
import {
  hasKnowledgeChanges,
  type KnowledgeImportPreview as Preview,
} from '@/utils/options/knowledge-import';
import { describeSource } from '@/utils/options/knowledge-messages';
import { ImportPreviewActions } from '../shared/FileImportPanel';
import { SnippetChangeList, SnippetTitles } from './SnippetTitles';

// What a knowledge import will do, before it does it: how many snippets are new, updated, unchanged and removed,
// with their titles. Import writes; Cancel changes nothing.

export interface KnowledgeImportPreviewProps {
  preview: Preview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function KnowledgeImportPreview({ preview, busy, onConfirm, onCancel }: KnowledgeImportPreviewProps) {
  const titleId = useId();
  const changes = hasKnowledgeChanges(preview);
  const { added, updated, unchanged, removed } = preview;
  return (
    <section className="import-preview" aria-labelledby={titleId} data-testid="knowledge-import-preview">
      <h4 id={titleId}>{t('knowledge_options_preview_title', preview.fileName)}</h4>
      <p data-testid="knowledge-import-summary">
        <strong>
          {t(
            'knowledge_options_preview_summary',
            added.length,
            updated.length,
            unchanged.length,
            removed.length,
          )}
        </strong>{' '}
        {t('knowledge_options_preview_explain', describeSource(preview.source))}
      </p>
      <SnippetChangeList
        heading={t('knowledge_options_preview_added', added.length)}
        level="h4"
        snippets={added}
        testId="knowledge-import-added"
      />
      <SnippetChangeList
        heading={t('knowledge_options_preview_updated', updated.length)}
        level="h4"
        snippets={updated.map((u) => u.after)}
        testId="knowledge-import-updated"
      />
      <SnippetChangeList
        heading={t('knowledge_options_preview_removed', removed.length)}
        level="h4"
        snippets={removed}
        testId="knowledge-import-removed"
        hint={t('knowledge_options_preview_removed_hint')}
      />
      {unchanged.length > 0 && (
        <details>
          <summary>{t('knowledge_options_preview_unchanged', unchanged.length)}</summary>
          <SnippetTitles snippets={unchanged} testId="knowledge-import-unchanged" />
        </details>
      )}
      <ImportPreviewActions
        testIdPrefix="knowledge"
        changes={changes}
        busy={busy}
        confirmLabel={t('knowledge_options_import_confirm')}
        upToDateLabel={t('knowledge_options_import_up_to_date')}
        cancelLabel={t('knowledge_options_cancel')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />
    </section>
  );
}
