import { useId, useMemo, useState } from 'react';
import { db } from '@/utils/db';
import { t, tCount } from '@/utils/i18n/t';
import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { localDate, uniqueSnippetId } from '@/utils/knowledge/snippet-check';
import { deletePersonalSnippet, removeSourceSnippets, savePersonalSnippet } from '@/utils/knowledge/store';
import { draftFromSnippet, emptySnippetDraft, type SnippetDraft } from '@/utils/options/knowledge-form';
import {
  filterSnippets,
  groupSnippets,
  searchable,
  useLiveSnippets,
  useSourcesWithPresets,
} from '@/utils/options/knowledge-library';
import { describeSource } from '@/utils/options/knowledge-messages';
import type { KnowledgeSnippet } from '@/utils/presets/pack';
import { LibraryEditorSlot } from '../shared/LibraryEditorSlot';
import type { StatusMessage } from '../shared/StatusLine';
import { useEditorFocus } from '../shared/use-editor-focus';
import { KnowledgeExportPanel } from './KnowledgeExportPanel';
import { KnowledgeImportPanel } from './KnowledgeImportPanel';
import { SnippetEditor } from './SnippetEditor';
import { SnippetGroup } from './SnippetGroup';
import '../presets/presets.css';
import './knowledge.css';

// "Knowledge" in the options page: every snippet the side panel can propose — the agent's own (written here, or
// saved from a reply in the panel) and the team's (imported files, subscribed and policy packs, read-only) —
// with a filter, the editor, file import with a preview, and export. It reads and writes the same Dexie table
// the panel and the background index read, so a change here is there at once.

/** `key`: the stored row being edited; absent for a new snippet (or a duplicate of a team one). */
type Editing = { initial: SnippetDraft; key?: string; id?: string; title?: string };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

export function KnowledgeSection() {
  const list = useLiveSnippets();
  const packSources = useSourcesWithPresets();
  const uid = useId();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const { editing, open, close, newButtonRef } = useEditorFocus<Editing>(() => setStatus(null));
  const today = localDate();
  const rows = list.status === 'ready' ? list.rows : [];
  const index = useMemo(() => searchable(rows), [rows]);
  const shown = useMemo(() => filterSnippets(index, query), [index, query]);
  const groups = useMemo(() => groupSnippets(shown), [shown]);

  const save = async (snippet: KnowledgeSnippet): Promise<string | null> => {
    try {
      // A new snippet's id comes from its title, unique among the agent's own (team ids live in other sources).
      const id =
        editing?.id ??
        uniqueSnippetId(
          snippet.title,
          new Set(rows.filter((r) => r.source.type === 'personal').map((r) => r.snippet.id)),
        );
      const existing = editing?.key ? rows.find((r) => r.key === editing.key) : undefined;
      await savePersonalSnippet(
        db(),
        { ...snippet, id },
        existing?.fromReply ? { fromReply: existing.fromReply } : {},
      );
      close();
      setStatus({ tone: 'success', message: t('knowledge_options_saved', snippet.title) });
      return null;
    } catch (error) {
      return t('knowledge_options_save_failed', errorText(error));
    }
  };

  const onDelete = (row: StoredSnippet) => {
    void deletePersonalSnippet(db(), row.key).then(
      () => {
        newButtonRef.current?.focus();
        setStatus({ tone: 'success', message: t('knowledge_options_deleted', row.snippet.title) });
      },
      (error: unknown) =>
        setStatus({
          tone: 'error',
          message: t('knowledge_options_delete_failed', row.snippet.title, errorText(error)),
        }),
    );
  };

  const rowHandlers = {
    today,
    editorOpen: editing !== null,
    onEdit: (row: StoredSnippet) =>
      open({
        initial: draftFromSnippet(row.snippet),
        key: row.key,
        id: row.snippet.id,
        title: row.snippet.title,
      }),
    onDuplicate: (row: StoredSnippet) => {
      open({ initial: draftFromSnippet(row.snippet) });
      setStatus({ tone: 'success', message: t('knowledge_options_duplicated', row.snippet.title) });
    },
    onDelete,
  };

  return (
    <section className="card" aria-labelledby={`${uid}-title`} data-testid="knowledge-section">
      <h2 id={`${uid}-title`}>{t('knowledge_options_title')}</h2>
      <p>{t('knowledge_options_intro')}</p>
      {list.status === 'loading' && <p className="status status-busy">{t('knowledge_options_loading')}</p>}
      {list.status === 'error' && (
        <p className="status status-error" role="alert">
          {t('knowledge_options_load_error', list.detail)}
        </p>
      )}
      <LibraryEditorSlot
        status={status}
        statusTestId="knowledge-status"
        editor={
          editing && (
            <SnippetEditor
              // A fresh editor per snippet, so no state leaks from the previous one.
              key={editing.key ?? 'new'}
              initial={editing.initial}
              id={editing.id}
              editingTitle={editing.title}
              onSave={save}
              onCancel={close}
            />
          )
        }
        newLabel={t('knowledge_options_new')}
        newTestId="snippet-new"
        newButtonRef={newButtonRef}
        onNew={() => open({ initial: emptySnippetDraft() })}
      />
      {list.status === 'ready' && (
        <>
          <div className="field knowledge-filter">
            <label htmlFor={`${uid}-filter`}>{t('knowledge_options_filter_label')}</label>
            <input
              id={`${uid}-filter`}
              type="search"
              value={query}
              placeholder={t('knowledge_options_filter_placeholder')}
              data-testid="knowledge-filter"
              onChange={(event) => setQuery(event.currentTarget.value)}
            />
          </div>
          <p className="field-hint" data-testid="knowledge-count" aria-live="polite">
            {query.trim()
              ? tCount('knowledge_options_count_filtered', rows.length, shown.length)
              : tCount('knowledge_options_count', rows.length)}
          </p>
          {query.trim() && shown.length === 0 && (
            <p className="field-hint" data-testid="knowledge-no-match">
              {t('knowledge_options_no_match', query.trim())}
            </p>
          )}
          <SnippetGroup
            title={t('knowledge_options_source_personal')}
            testId="snippet-group-personal"
            rows={groups.personal}
            empty={query.trim() ? undefined : t('knowledge_options_personal_empty')}
            {...rowHandlers}
          />
          {groups.team.map((group) => (
            <SnippetGroup
              key={group.sourceKey}
              title={describeSource(group.source)}
              testId="snippet-group-team"
              rows={group.rows}
              onRemoveFile={
                group.source.type === 'file' && !packSources.has(group.sourceKey)
                  ? () =>
                      void removeSourceSnippets(db(), group.source).then(
                        () =>
                          setStatus({
                            tone: 'success',
                            message: t('knowledge_options_removed_file', describeSource(group.source)),
                          }),
                        (error: unknown) =>
                          setStatus({
                            tone: 'error',
                            message: t('knowledge_options_save_failed', errorText(error)),
                          }),
                      )
                  : undefined
              }
              {...rowHandlers}
            />
          ))}
          <KnowledgeImportPanel />
          <KnowledgeExportPanel rows={rows} />
        </>
      )}
    </section>
  );
}
