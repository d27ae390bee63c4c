import { useEffect, useId, useRef, useState } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import { type PresetEntry, type PresetKind, sourceLabel } from '@/utils/presets/preset';
import { entryDisplayDescription, entryDisplayName } from '@/utils/presets/preset-text';

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
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const { preset, readOnly, meta } = entry;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const keep = () => {
    setConfirming(false);
    deleteRef.current?.focus();
  };

  return (
    <li className="preset-row" data-testid="preset-row" data-preset-key={entry.key}>
      <div className="preset-row-main">
        <div>
          <span className="preset-name" id={nameId} data-testid="preset-name">
            {entryDisplayName(entry)}
          </span>
          <span className="badge badge-readonly" data-testid="preset-kind">
            {kindLabel(preset.kind)}
          </span>
          {readOnly && (
            <span className="badge badge-warn" data-testid="preset-readonly">
              {t('presets_read_only', sourceLabel(entry.source))}
            </span>
          )}
          {preset.description && <p className="preset-description">{entryDisplayDescription(entry)}</p>}
        </div>
        <div className="preset-actions">
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
          {!readOnly && (
            <button
              type="button"
              className="danger"
              ref={deleteRef}
              aria-describedby={nameId}
              aria-expanded={confirming}
              data-testid="preset-delete"
              onClick={() => setConfirming(true)}
            >
              {t('options_delete')}
            </button>
          )}
        </div>
      </div>
      {confirming && (
        // Escape backs out, like closing a dialog; the confirm button has focus so Enter deletes.
        // biome-ignore lint/a11y/noStaticElementInteractions: the keydown only adds Escape to the buttons inside
        <div
          className="confirm-row"
          data-testid="preset-delete-confirm-row"
          onKeyDown={(event) => {
            if (event.key === 'Escape') keep();
          }}
        >
          <p>{t('presets_delete_question', preset.name)}</p>
          <button
            type="button"
            className="danger"
            ref={confirmRef}
            data-testid="preset-delete-confirm"
            onClick={() => onDelete(entry)}
          >
            {t('presets_delete_confirm')}
          </button>
          <button type="button" data-testid="preset-delete-cancel" onClick={keep}>
            {t('presets_keep')}
          </button>
        </div>
      )}
    </li>
  );
}
