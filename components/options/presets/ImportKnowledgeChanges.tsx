import { t } from '@/utils/i18n/t';
import type { KnowledgePlan } from '@/utils/knowledge/import-diff';
import { SnippetChangeList } from '../knowledge/SnippetTitles';

// The knowledge part of an import preview: which of the pack's snippets will be added, updated or removed (matched
// by id within this pack), so nothing changes in the panel's suggestions without the agent having seen it.

export function ImportKnowledgeChanges({ plan }: { plan: KnowledgePlan | undefined }) {
  if (!plan) return null;
  const { added, updated, removed, unchanged } = plan.diff;
  if (added.length + updated.length + removed.length + unchanged.length === 0) return null;
  return (
    <div data-testid="pack-import-knowledge">
      <h4>{t('knowledge_core_import_heading')}</h4>
      <p className="field-hint">{t('knowledge_core_import_hint')}</p>
      <SnippetChangeList
        heading={t('knowledge_core_import_added', added.length)}
        level="h5"
        snippets={added}
        testId="pack-import-knowledge-added"
      />
      <SnippetChangeList
        heading={t('knowledge_core_import_updated', updated.length)}
        level="h5"
        snippets={updated.map((u) => u.after)}
        testId="pack-import-knowledge-updated"
      />
      <SnippetChangeList
        heading={t('knowledge_core_import_removed', removed.length)}
        level="h5"
        snippets={removed}
        testId="pack-import-knowledge-removed"
      />
      {unchanged.length > 0 && (
        <p className="field-hint" data-testid="pack-import-knowledge-unchanged">
          {t('knowledge_core_import_unchanged', unchanged.length)}
        </p>
      )}
    </div>
  );
}
