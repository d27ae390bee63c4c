import { useEffect, useId, useRef, useState } from 'react';
import { type PresetEntry, sourceLabel } from '@/utils/presets/preset';

// One preset in the options library: what it is, where it comes from, and what the agent may do with it.
// Read-only presets (built-in, team packs, policy) offer "Duplicate to edit" instead of Edit / Delete.

export const KIND_LABELS = {
  summary: 'Summary',
  reply: 'Reply',
  rewrite: 'Rewrite',
  custom: 'Custom',
} as const;

const WAIT = 'Save or cancel the preset you are editing first.';

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
            {preset.name}
          </span>
          <span className="badge badge-readonly" data-testid="preset-kind">
            {KIND_LABELS[preset.kind]}
          </span>
          {readOnly && (
            <span className="badge badge-warn" data-testid="preset-readonly">
              Read-only · {sourceLabel(entry.source)}
            </span>
          )}
          {preset.description && <p className="preset-description">{preset.description}</p>}
        </div>
        <div className="preset-actions">
          <button
            type="button"
            className="favourite"
            aria-pressed={meta.favourite}
            aria-describedby={nameId}
            data-testid="preset-favourite"
            title={meta.favourite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={() => onFavourite(entry, !meta.favourite)}
          >
            <span aria-hidden="true">{meta.favourite ? '★' : '☆'}</span> Favourite
          </button>
          {!readOnly && (
            <button
              type="button"
              aria-describedby={nameId}
              data-testid="preset-edit"
              onClick={() => onEdit(entry)}
            >
              Edit
            </button>
          )}
          <button
            type="button"
            aria-describedby={nameId}
            data-testid="preset-duplicate"
            disabled={editorOpen}
            title={editorOpen ? WAIT : undefined}
            onClick={() => onDuplicate(entry)}
          >
            {readOnly ? 'Duplicate to edit' : 'Duplicate'}
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
              Delete
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
          <p>Delete “{preset.name}”? This cannot be undone; export it first if you may want it back.</p>
          <button
            type="button"
            className="danger"
            ref={confirmRef}
            data-testid="preset-delete-confirm"
            onClick={() => onDelete(entry)}
          >
            Delete preset
          </button>
          <button type="button" data-testid="preset-delete-cancel" onClick={keep}>
            Keep it
          </button>
        </div>
      )}
    </li>
  );
}
