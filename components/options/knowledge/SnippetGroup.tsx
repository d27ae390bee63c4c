import { useState } from 'react';
import { t } from '@/utils/i18n/t';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { LibraryGroup } from '../shared/LibraryGroup';
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
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <LibraryGroup
      title={title}
      testId={testId}
      count={rows.length}
      empty={empty}
      removal={
        onRemoveFile && {
          label: t('knowledge_options_remove_file'),
          question: t('knowledge_options_remove_file_question'),
          keepLabel: t('knowledge_options_keep'),
          testIdPrefix: 'snippet-file-remove',
          onRemove: onRemoveFile,
        }
      }
      footer={
        shown.length < rows.length && (
          <button type="button" data-testid="snippet-show-all" onClick={() => setShowAll(true)}>
            {t('knowledge_options_show_all', rows.length)}
          </button>
        )
      }
    >
      {shown.map((r) => (
        <SnippetRow key={r.key} row={r} {...row} />
      ))}
    </LibraryGroup>
  );
}
