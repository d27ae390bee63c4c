import { useId, useState } from 'react';
import { t } from '@/utils/i18n/t';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { SnippetRow, type SnippetRowProps } from './SnippetRow';

// One group of the knowledge list (yours, or one team source). Long groups show their first rows and a "Show
// all" button: a 5,000-snippet file is searchable with the filter, not scrolled through. A group imported from a
// file can be removed as a whole (with a confirmation); subscribed and policy packs are managed elsewhere.

const FIRST_ROWS = 100;

export interface SnippetGroupProps extends Omit<SnippetRowProps, 'row'> {
  title: string;
  testId: string;
  rows: StoredSnippet[];
  /** Shown when the group has no rows. */
  empty?: string;
  onRemoveFile?: () => void;
}

export function SnippetGroup({ title, testId, rows, empty, onRemoveFile, ...row }: SnippetGroupProps) {
  const uid = useId();
  const [showAll, setShowAll] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section className="preset-group" aria-labelledby={`${uid}-title`} data-testid={testId}>
      <div className="preset-group-header">
        <h3 id={`${uid}-title`}>
          {title} <span className="preset-description">({rows.length})</span>
        </h3>
        {onRemoveFile && !confirming && (
          <button
            type="button"
            className="danger"
            data-testid="snippet-file-remove"
            onClick={() => setConfirming(true)}
          >
            {t('knowledge_options_remove_file')}
          </button>
        )}
      </div>
      {onRemoveFile && confirming && (
        <div className="confirm-row">
          <p>{t('knowledge_options_remove_file_question')}</p>
          <button
            type="button"
            className="danger"
            data-testid="snippet-file-remove-confirm"
            onClick={onRemoveFile}
          >
            {t('knowledge_options_remove_file')}
          </button>
          <button type="button" data-testid="snippet-file-remove-cancel" onClick={() => setConfirming(false)}>
            {t('knowledge_options_keep')}
          </button>
        </div>
      )}
      {rows.length === 0 && empty ? (
        <p className="field-hint">{empty}</p>
      ) : (
        <ul className="preset-list">
          {shown.map((r) => (
            <SnippetRow key={r.key} row={r} {...row} />
          ))}
        </ul>
      )}
      {shown.length < rows.length && (
        <button type="button" data-testid="snippet-show-all" onClick={() => setShowAll(true)}>
          {t('knowledge_options_show_all', rows.length)}
        </button>
      )}
    </section>
  );
}
