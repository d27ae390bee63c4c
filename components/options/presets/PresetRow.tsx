import { useId } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import { type PresetEntry, type PresetKind, sourceLabel } from '@/utils/presets/preset';
import { entryDisplayDescription, entryDisplayName } from '@/utils/presets/preset-text';
import { LibraryRow, ReadOnlyBadge } from '../shared/LibraryRow';

// One preset in the options library: what it is, where it comes from, and what the agent may do with it.
// Read-only presets (built-in, team packs, policy) offer "Duplicate to edit" instead of Edit / Delete.

const KIND_KEYS: Record<PresetKind, MessageKey> = {
  summary: 'presets_kind_summary',
  reply: 'presets_kind_reply',
  rewrite: 'presets_kind_rewrite',
  custom: 'presets_kind_custom',
};

/** A preset kind's name in the UI language. */
export function kindLabel(kind: PresetKind): string {
  return t(KIND_KEYS[kind]);
}

export interface PresetRowProps {
  entry: PresetEntry;
  onFavourite: (entry: PresetEntry, favourite: boolean) => void;
  onEdit: (entry: PresetEntry) => void;
  onDuplicate: (entry: PresetEntry) => void;
  onDelete: (entry: PresetEntry) => void;
  /** The editor is open: opening another preset would drop its unsaved changes, so Edit / Duplicate wait. */
  editorOpen: boolean;
}

export function PresetRow({ entry, onFavourite, onEdit, onDuplicate, onDelete, editorOpen }: PresetRowProps) {
  const nameId = useId();
  const { preset, readOnly, meta } = entry;

  return (
    <LibraryRow
      kind="preset"
      rowKey={entry.key}
      nameId={nameId}
      details={
        <>
          <span className="preset-name" id={nameId} data-testid="preset-name">
            {entryDisplayName(entry)}
          </span>
          <span className="badge badge-readonly" data-testid="preset-kind">
            {kindLabel(preset.kind)}
          </span>
          {readOnly && (
            <ReadOnlyBadge
              label={t('presets_read_only', sourceLabel(entry.source))}
              testId="preset-readonly"
            />
          )}
          {preset.description && <p className="preset-description">{entryDisplayDescription(entry)}</p>}
        </>
      }
      actions={
        <>
          <button
            type="button"
            className="favourite"
            aria-pressed={meta.favourite}
            aria-describedby={nameId}
            data-testid="preset-favourite"
            title={meta.favourite ? t('presets_unfavourite') : t('presets_favourite_add')}
            onClick={() => onFavourite(entry, !meta.favourite)}
          >
            <span aria-hidden="true">{meta.favourite ? '★' : '☆'}</span> {t('presets_favourite')}
          </button>
          {!readOnly && (
            <button
              type="button"
              aria-describedby={nameId}
              data-testid="preset-edit"
              onClick={() => onEdit(entry)}
            >
              {t('options_edit')}
            </button>
          )}
          <button
            type="button"
            aria-describedby={nameId}
            data-testid="preset-duplicate"
            disabled={editorOpen}
            title={editorOpen ? t('presets_wait') : undefined}
            onClick={() => onDuplicate(entry)}
          >
            {readOnly ? t('presets_duplicate_to_edit') : t('presets_duplicate')}
          </button>
        </>
      }
      deletion={
        readOnly
          ? undefined
          : {
              deleteLabel: t('options_delete'),
              question: t('presets_delete_question', preset.name),
              confirmLabel: t('presets_delete_confirm'),
              keepLabel: t('presets_keep'),
              onDelete: () => onDelete(entry),
            }
      }
    />
  );
}
