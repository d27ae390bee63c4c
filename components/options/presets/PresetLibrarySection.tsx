import { useState } from 'react';
import { db } from '@/utils/db';
import { draftFromPreset, draftToInput, type EditorDraft, emptyDraft } from '@/utils/options/preset-editor';
import { groupLibrary, useLiveLibrary } from '@/utils/options/preset-library';
import type { PresetEntry } from '@/utils/presets/preset';
import {
  deletePersonalPreset,
  duplicateToEdit,
  type PresetIssue,
  removeSourcePresets,
  savePersonalPreset,
  setFavourite,
} from '@/utils/presets/store';
import { tRich } from '../rich-text';
import { LibraryEditorSlot } from '../shared/LibraryEditorSlot';
import type { StatusMessage } from '../shared/StatusLine';
import { useEditorFocus } from '../shared/use-editor-focus';
import { PackExportPanel } from './PackExportPanel';
import { PackImportPanel } from './PackImportPanel';
import { PresetEditor } from './PresetEditor';
import { PresetGroup } from './PresetGroup';
import { PresetSyncControl } from './PresetSyncControl';
import './presets.css';
import { t, tCount } from '@/utils/i18n/t';

// "Presets" in the options page: the library (yours, team packs, built-in) with favourites, edit, duplicate and
// delete; the editor; and pack files in and out. Everything reads and writes the store the side panel's picker
// reads, so a change here is in the picker the next time it opens.

type Editing = { initial: EditorDraft; previousId?: string };

export function PresetLibrarySection() {
  const library = useLiveLibrary();
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const { editing, open, close, newButtonRef } = useEditorFocus<Editing>(() => setStatus(null));

  const run = (what: string, action: () => Promise<unknown>, done?: string) => {
    void action().then(
      () => {
        if (done) setStatus({ tone: 'success', message: done });
      },
      (error: unknown) =>
        setStatus({
          tone: 'error',
          message: t('presets_action_failed', what, error instanceof Error ? error.message : String(error)),
        }),
    );
  };

  const save = async (draft: EditorDraft, previousId?: string): Promise<PresetIssue[]> => {
    const result = await savePersonalPreset(db(), draftToInput(draft), previousId ? { previousId } : {});
    if (!result.ok) return result.issues;
    close();
    setStatus({ tone: 'success', message: t('presets_saved', result.entry.preset.name) });
    return [];
  };

  const duplicate = (entry: PresetEntry) =>
    run(t('presets_duplicate_failed'), async () => {
      const copy = await duplicateToEdit(db(), entry.key);
      open({ initial: draftFromPreset(copy.preset), previousId: copy.preset.id });
      setStatus({ tone: 'success', message: t('presets_duplicated', copy.preset.name) });
    });

  const handlers = {
    editorOpen: editing !== null,
    onFavourite: (entry: PresetEntry, favourite: boolean) =>
      run(t('presets_favourite_failed'), () => setFavourite(db(), entry.key, favourite)),
    onEdit: (entry: PresetEntry) =>
      open({ initial: draftFromPreset(entry.preset), previousId: entry.preset.id }),
    onDuplicate: duplicate,
    onDelete: (entry: PresetEntry) =>
      run(
        t('presets_delete_failed'),
        async () => {
          await deletePersonalPreset(db(), entry.key);
          newButtonRef.current?.focus();
        },
        t('presets_deleted', entry.preset.name),
      ),
  };

  const groups = library.status === 'ready' ? groupLibrary(library.view.entries) : null;

  return (
    <section className="card" aria-labelledby="presets-title" data-testid="preset-library">
      <h2 id="presets-title">{t('presets_title')}</h2>
      <p>
        {tRich(
          'presets_intro',
          <strong>{t('presets_picker_name')}</strong>,
          <em>{t('presets_duplicate_to_edit')}</em>,
        )}
      </p>
      {library.status === 'loading' && <p className="status status-busy">{t('presets_loading')}</p>}
      {library.status === 'error' && (
        <p className="status status-error" role="alert">
          {library.message}
        </p>
      )}
      {library.status === 'ready' && library.view.warnings.length > 0 && (
        <p className="status status-warning" data-testid="preset-library-warnings">
          {library.view.warnings.join(' ')}
        </p>
      )}
      <LibraryEditorSlot
        status={status}
        statusTestId="preset-library-status"
        statusAreaTestId="preset-library-status-area"
        editor={
          editing && (
            <PresetEditor
              // A fresh editor per preset, so no state leaks from the previous one.
              key={editing.previousId ?? 'new'}
              initial={editing.initial}
              previousId={editing.previousId}
              onSave={save}
              onCancel={close}
            />
          )
        }
        newLabel={t('presets_new')}
        newTestId="preset-new"
        newButtonRef={newButtonRef}
        onNew={() => open({ initial: emptyDraft() })}
      />
      {groups && (
        <>
          <PresetGroup
            title={t('presets_group_yours')}
            testId="preset-group-personal"
            entries={groups.personal}
            empty={t('presets_group_yours_empty')}
            {...handlers}
          />
          {groups.team.map((group) => (
            <PresetGroup
              key={group.sourceKey}
              title={group.label}
              testId="preset-group-team"
              entries={group.entries}
              onRemovePack={
                group.source.type === 'file'
                  ? () =>
                      run(
                        t('presets_pack_remove_failed'),
                        () => removeSourcePresets(db(), group.source),
                        tCount('presets_pack_removed', group.entries.length),
                      )
                  : undefined
              }
              {...handlers}
            />
          ))}
          {groups.team.length === 0 && (
            <p className="field-hint" data-testid="preset-group-team-empty">
              {t('presets_group_team_empty')}
            </p>
          )}
          <PresetGroup
            title={t('presets_source_builtin')}
            testId="preset-group-builtin"
            entries={groups.builtin}
            {...handlers}
          />
          <PresetSyncControl />
          <PackImportPanel />
          <PackExportPanel entries={library.status === 'ready' ? library.view.entries : []} />
        </>
      )}
    </section>
  );
}
