import { type ReactNode, useEffect, useRef, useState } from 'react';

// One item of a library list in the options page (a preset, a knowledge snippet): what it is on the left, its
// actions on the right, and for the agent's own items a Delete that asks first. Read-only items (built-in, team,
// policy) have no Delete and say where they come from with a ReadOnlyBadge.

export interface RowDeletion {
  deleteLabel: string;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  onDelete: () => void;
}

export interface LibraryRowProps {
  /** Test ids `{kind}-row`, `{kind}-delete`, `{kind}-delete-confirm-row`, `-delete-confirm`, `-delete-cancel`. */
  kind: 'preset' | 'snippet';
  /** The stored item's key, as `data-{kind}-key`. */
  rowKey: string;
  /** Id of the element naming the item: the action buttons are described by it. */
  nameId: string;
  details: ReactNode;
  /** The buttons before Delete. */
  actions: ReactNode;
  /** Absent for a read-only item. */
  deletion?: RowDeletion;
}

export function LibraryRow({ kind, rowKey, nameId, details, actions, deletion }: LibraryRowProps) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const keep = () => {
    setConfirming(false);
    deleteRef.current?.focus();
  };

  return (
    <li className="preset-row" data-testid={`${kind}-row`} {...{ [`data-${kind}-key`]: rowKey }}>
      <div className="preset-row-main">
        <div>{details}</div>
        <div className="preset-actions">
          {actions}
          {deletion && (
            <button
              type="button"
              className="danger"
              ref={deleteRef}
              aria-describedby={nameId}
              aria-expanded={confirming}
              data-testid={`${kind}-delete`}
              onClick={() => setConfirming(true)}
            >
              {deletion.deleteLabel}
            </button>
          )}
        </div>
      </div>
      {deletion && confirming && (
        // Escape backs out, like closing a dialog; the confirm button has focus so Enter deletes.
        // biome-ignore lint/a11y/noStaticElementInteractions: the keydown only adds Escape to the buttons inside
        <div
          className="confirm-row"
          data-testid={`${kind}-delete-confirm-row`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') keep();
          }}
        >
          <p>{deletion.question}</p>
          <button
            type="button"
            className="danger"
            ref={confirmRef}
            data-testid={`${kind}-delete-confirm`}
            onClick={deletion.onDelete}
          >
            {deletion.confirmLabel}
          </button>
          <button type="button" data-testid={`${kind}-delete-cancel`} onClick={keep}>
            {deletion.keepLabel}
          </button>
        </div>
      )}
    </li>
  );
}

/** "Read-only (from …)": where a read-only item comes from. */
export function ReadOnlyBadge({ label, testId }: { label: string; testId: string }) {
  return (
    <span className="badge badge-warn" data-testid={testId}>
      {label}
    </span>
  );
}
