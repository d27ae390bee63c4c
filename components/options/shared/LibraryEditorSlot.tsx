import type { ReactNode, RefObject } from 'react';
import type { StatusMessage } from './StatusLine';

// The top of a library section (presets, knowledge): the outcome of the last action, announced, and either the
// open editor or the "New" button.

export interface LibraryEditorSlotProps {
  status: StatusMessage | null;
  statusTestId: string;
  statusAreaTestId?: string;
  /** The open editor, or null to show the "New" button. */
  editor: ReactNode | null;
  newLabel: string;
  newTestId: string;
  newButtonRef: RefObject<HTMLButtonElement | null>;
  onNew: () => void;
}

export function LibraryEditorSlot(props: LibraryEditorSlotProps) {
  const { status } = props;
  return (
    <>
      <div role="status" className="status-area" data-testid={props.statusAreaTestId}>
        {status && (
          <p className={`status status-${status.tone}`} data-testid={props.statusTestId}>
            {status.message}
          </p>
        )}
      </div>
      {props.editor ?? (
        <div className="actions">
          <button
            type="button"
            className="primary"
            ref={props.newButtonRef}
            data-testid={props.newTestId}
            onClick={props.onNew}
          >
            {props.newLabel}
          </button>
        </div>
      )}
    </>
  );
}
