import { useState } from 'react';
import { t, tCount } from '@/utils/i18n/t';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { downloadText, exportPersonalSnippets } from '@/utils/options/knowledge-export';

// Export the agent's own snippets as a JSON file that imports again (here, on another computer, or in a pack).

export function KnowledgeExportPanel({ rows }: { rows: readonly StoredSnippet[] }) {
  const [message, setMessage] = useState<string | null>(null);
  const personal = rows.filter((row) => row.source.type === 'personal').length;
  return (
    <div className="pack-panel" data-testid="knowledge-export">
      <h3>{t('knowledge_options_export_title')}</h3>
      <p className="field-hint">{t('knowledge_options_export_hint')}</p>
      <div className="actions">
        <button
          type="button"
          disabled={personal === 0}
          data-testid="knowledge-export-button"
          onClick={() => {
            const file = exportPersonalSnippets(rows);
            downloadText(file.text, file.fileName);
            setMessage(tCount('knowledge_options_exported', file.count, file.fileName));
          }}
        >
          {t('knowledge_options_export_button')}
        </button>
      </div>
      {personal === 0 && <p className="field-hint">{t('knowledge_options_export_none')}</p>}
      <div role="status">
        {message && (
          <p className="status status-success" data-testid="knowledge-export-status">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}
