import { useId } from 'react';
import { t } from '@/utils/i18n/t';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { validityOn } from '@/utils/knowledge/snippet-check';
import { describeSource, languageName } from '@/utils/options/knowledge-messages';
import { LibraryRow, ReadOnlyBadge } from '../shared/LibraryRow';

// One snippet in the options list: title, where it comes from, language, tags, validity, the start of its body
// and its source link. The agent's own snippets can be edited and deleted (with a confirmation); team snippets are
// read-only and offer "Duplicate to edit", which opens the editor on a personal copy.

const EXCERPT_CHARS = 220;

export interface SnippetRowProps {
  row: StoredSnippet;
  /** Today's local date (YYYY-MM-DD), for the expired / not-yet-valid badges. */
  today: string;
  editorOpen: boolean;
  onEdit: (row: StoredSnippet) => void;
  onDuplicate: (row: StoredSnippet) => void;
  onDelete: (row: StoredSnippet) => void;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

export function SnippetRow({ row, today, editorOpen, onEdit, onDuplicate, onDelete }: SnippetRowProps) {
  const titleId = useId();
  const { snippet } = row;
  const readOnly = row.source.type !== 'personal';
  const validity = validityOn(snippet, today);
  const wait = editorOpen ? t('knowledge_options_wait') : undefined;

  return (
    <LibraryRow
      kind="snippet"
      rowKey={row.key}
      nameId={titleId}
      details={
        <>
          <span className="preset-name" id={titleId} data-testid="snippet-title">
            {snippet.title}
          </span>
          {readOnly && (
            <ReadOnlyBadge
              label={t('knowledge_options_readonly', describeSource(row.source))}
              testId="snippet-readonly"
            />
          )}
          {snippet.language && <span className="badge badge-readonly">{languageName(snippet.language)}</span>}
          {validity === 'expired' && snippet.validUntil && (
            <span className="badge badge-warn" data-testid="snippet-expired">
              {t('knowledge_options_expired', snippet.validUntil)}
            </span>
          )}
          {validity === 'upcoming' && snippet.validFrom && (
            <span className="badge badge-readonly" data-testid="snippet-upcoming">
              {t('knowledge_options_upcoming', snippet.validFrom)}
            </span>
          )}
          {row.fromReply && <span className="badge badge-readonly">{t('knowledge_options_from_reply')}</span>}
          <p className="preset-description" data-testid="snippet-excerpt">
            {excerpt(snippet.text)}
          </p>
          {(snippet.tags.length > 0 || snippet.sourceUrl) && (
            <p className="preset-description">
              {snippet.tags.length > 0 && (
                <span data-testid="snippet-tags">{snippet.tags.map((tag) => `#${tag}`).join(' ')}</span>
              )}
              {snippet.tags.length > 0 && snippet.sourceUrl && ' · '}
              {snippet.sourceUrl && (
                <a
                  href={snippet.sourceUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  aria-describedby={titleId}
                >
                  {t('knowledge_options_open_source')}
                </a>
              )}
            </p>
          )}
        </>
      }
      actions={
        <button
          type="button"
          aria-describedby={titleId}
          data-testid={readOnly ? 'snippet-duplicate' : 'snippet-edit'}
          disabled={editorOpen}
          title={wait}
          onClick={() => (readOnly ? onDuplicate(row) : onEdit(row))}
        >
          {readOnly ? t('knowledge_options_duplicate') : t('knowledge_options_edit')}
        </button>
      }
      deletion={
        readOnly
          ? undefined
          : {
              deleteLabel: t('knowledge_options_delete'),
              question: t('knowledge_options_delete_question', snippet.title),
              confirmLabel: t('knowledge_options_delete_confirm'),
              keepLabel: t('knowledge_options_keep'),
              onDelete: () => onDelete(row),
            }
      }
    />
  );
}
