import { useEffect, useId, useRef } from 'react';
import type { InsertMode } from '@/utils/messaging/protocol';
import { useKeepFocus } from '@/utils/panel/keep-focus';
import type { InsertFlow, InsertFlowEvent } from '@/utils/panel/use-insert-flow';
import type { ActionMessage } from './DraftCard';

// Insert (with its mode), Copy, the replace confirmation and "Undo insert": the draft card's action row.

const MODE_LABELS: Record<InsertMode, string> = {
  caret: 'At the caret',
  append: 'At the end',
  replace: 'Replace the reply',
};

function insertLabel(mode: InsertMode, helpdesk: string): string {
  if (mode === 'append') return `Append to ${helpdesk} reply`;
  if (mode === 'replace') return `Replace ${helpdesk} reply`;
  return `Insert into ${helpdesk} reply`;
}

/** "in Zendesk", but "on this page" for a page read by "Read this page". */
function where(helpdesk: string): string {
  return helpdesk === 'this page' ? 'on this page' : `in ${helpdesk}`;
}

/** The words for what the insert flow did (kept here: UI strings live in components). */
export function insertMessage(event: InsertFlowEvent): ActionMessage {
  switch (event.type) {
    case 'inserted':
      return {
        tone: 'ok',
        text: `Inserted — review it ${where(event.helpdesk)} before sending.`,
        method: event.method,
      };
    case 'copied':
      return {
        tone: 'warn',
        text: `Could not insert: ${event.reason} The draft is copied to your clipboard — click into the reply box and paste (Ctrl+V / ⌘V).`,
      };
    case 'failed':
      return {
        tone: 'error',
        text: `Could not insert or copy: ${event.reason} Select the draft text and copy it yourself.`,
      };
    case 'replace-cancelled':
      return { tone: 'ok', text: 'Nothing was replaced: the reply is as you left it.' };
    case 'undone':
      return {
        tone: 'ok',
        text: `Insert undone: the ${event.helpdesk === 'this page' ? 'reply on this page' : `${event.helpdesk} reply`} is back to what it was.`,
      };
    case 'undo-failed':
      return { tone: 'warn', text: `Could not undo the insert: ${event.message}` };
  }
}

interface Props {
  helpdesk: string;
  flow: InsertFlow;
  hasText: boolean;
  onCopy(): void;
}

export function InsertControls({ helpdesk, flow, hasText, onCopy }: Props) {
  const modeId = useId();
  const confirmTextId = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const insertButton = useRef<HTMLButtonElement>(null);
  const pending = flow.pendingReplace;
  const wasPending = useRef(false);
  // Insert is disabled while it works: a keyboard user's focus comes back to it afterwards.
  const keepFocus = useKeepFocus(flow.busy);
  // The question needs an answer: take the agent's focus to it, and back to Insert once it is answered (the
  // answer's buttons disappear with it, which would drop a keyboard user's focus on the page body).
  useEffect(() => {
    if (pending) confirmButton.current?.focus();
    else if (wasPending.current) insertButton.current?.focus();
    wasPending.current = pending !== null;
  }, [pending]);

  return (
    <>
      <button
        type="button"
        className="primary"
        ref={insertButton}
        disabled={!hasText || flow.busy}
        onClick={() => {
          keepFocus();
          void flow.insert();
        }}
        data-testid="draft-insert"
      >
        {flow.busy ? 'Inserting…' : insertLabel(flow.mode, helpdesk)}
      </button>
      <label htmlFor={modeId} className="sr-only">
        Where to insert
      </label>
      <select
        id={modeId}
        value={flow.mode}
        onChange={(e) => flow.setMode(e.target.value as InsertMode)}
        data-testid="insert-mode"
        title="Where to insert"
      >
        {(Object.keys(MODE_LABELS) as InsertMode[]).map((m) => (
          <option key={m} value={m}>
            {MODE_LABELS[m]}
          </option>
        ))}
      </select>
      <button type="button" disabled={!hasText} onClick={onCopy} data-testid="draft-copy">
        Copy
      </button>
      {flow.undo &&
        (flow.undo.available ? (
          <button
            type="button"
            disabled={flow.undoing}
            onClick={() => void flow.undoInsert()}
            data-testid="insert-undo"
          >
            {flow.undoing ? 'Undoing…' : 'Undo insert'}
          </button>
        ) : (
          <span className="muted" title={flow.undo.reason} data-testid="insert-undo-unavailable">
            Undo not available here<span className="sr-only">: {flow.undo.reason}</span>
          </span>
        ))}
      {pending && (
        <div
          className="notice warn insert-confirm"
          role="alertdialog"
          aria-labelledby={confirmTextId}
          data-testid="replace-confirm"
        >
          <p id={confirmTextId}>
            The {helpdesk} reply already holds {pending.chars} character{pending.chars === 1 ? '' : 's'}: “
            {pending.snippet}”. Replace all of it with the draft?
          </p>
          <div className="row">
            <button
              type="button"
              className="primary"
              ref={confirmButton}
              onClick={() => void flow.confirmReplace()}
              data-testid="replace-confirm-yes"
            >
              Replace it
            </button>
            <button type="button" onClick={flow.cancelReplace} data-testid="replace-confirm-cancel">
              Keep the reply
            </button>
          </div>
        </div>
      )}
    </>
  );
}
