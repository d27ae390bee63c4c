import { useEffect, useId, useRef } from 'react';
import { type MessageKey, t, tCount } from '@/utils/i18n/t';
import type { InsertMode } from '@/utils/messaging/protocol';
import { useKeepFocus } from '@/utils/panel/keep-focus';
import type { InsertFlow, InsertFlowEvent } from '@/utils/panel/use-insert-flow';
import type { ActionMessage } from './DraftCard';

// Insert (with its mode), Copy, the replace confirmation and "Undo insert": the draft card's action row.

const MODE_LABELS = {
  caret: 'panel_mode_caret',
  append: 'panel_mode_append',
  replace: 'panel_mode_replace',
} as const satisfies Record<InsertMode, MessageKey>;

/**
 * A page read by "Read this page" has no helpdesk name: the panel calls it 'page', the generic reader's insert
 * answers 'this page'. Its sentences are their own messages ("Insert into page reply"), since languages do not
 * build them by putting a word where the helpdesk's name goes.
 */
const isPage = (helpdesk: string) => helpdesk === 'page' || helpdesk === 'this page';

const INSERT_LABELS = {
  caret: ['panel_insert_into', 'panel_insert_page'],
  append: ['panel_append_to', 'panel_append_page'],
  replace: ['panel_replace_in', 'panel_replace_page'],
} as const satisfies Record<InsertMode, readonly [MessageKey, MessageKey]>;

function insertLabel(mode: InsertMode, helpdesk: string): string {
  const [named, page] = INSERT_LABELS[mode];
  return isPage(helpdesk) ? t(page) : t(named, helpdesk);
}

/** The words for what the insert flow did (kept here: UI strings live in components). */
export function insertMessage(event: InsertFlowEvent): ActionMessage {
  switch (event.type) {
    case 'inserted':
      return {
        tone: 'ok',
        text: isPage(event.helpdesk) ? t('panel_inserted_page') : t('panel_inserted', event.helpdesk),
        method: event.method,
      };
    case 'copied':
      return { tone: 'warn', text: t('panel_insert_copied', event.reason) };
    case 'failed':
      return { tone: 'error', text: t('panel_insert_failed', event.reason) };
    case 'replace-cancelled':
      return { tone: 'ok', text: t('panel_replace_cancelled') };
    case 'undone':
      return {
        tone: 'ok',
        text: isPage(event.helpdesk) ? t('panel_undone_page') : t('panel_undone', event.helpdesk),
      };
    case 'undo-failed':
      return { tone: 'warn', text: t('panel_undo_failed', event.message) };
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
        {flow.busy ? t('panel_inserting') : insertLabel(flow.mode, helpdesk)}
      </button>
      <label htmlFor={modeId} className="sr-only">
        {t('panel_insert_where')}
      </label>
      <select
        id={modeId}
        value={flow.mode}
        onChange={(e) => flow.setMode(e.target.value as InsertMode)}
        data-testid="insert-mode"
        title={t('panel_insert_where')}
      >
        {(Object.keys(MODE_LABELS) as InsertMode[]).map((m) => (
          <option key={m} value={m}>
            {t(MODE_LABELS[m])}
          </option>
        ))}
      </select>
      <button type="button" disabled={!hasText} onClick={onCopy} data-testid="draft-copy">
        {t('panel_copy')}
      </button>
      {flow.undo &&
        (flow.undo.available ? (
          <button
            type="button"
            disabled={flow.undoing}
            onClick={() => void flow.undoInsert()}
            data-testid="insert-undo"
          >
            {flow.undoing ? t('panel_undoing') : t('panel_undo_insert')}
          </button>
        ) : (
          <span className="muted" title={flow.undo.reason} data-testid="insert-undo-unavailable">
            {t('panel_undo_unavailable')}
            <span className="sr-only">: {flow.undo.reason}</span>
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
            {isPage(helpdesk)
              ? tCount('panel_replace_confirm_page', pending.chars, pending.snippet)
              : tCount('panel_replace_confirm', pending.chars, helpdesk, pending.snippet)}
          </p>
          <div className="row">
            <button
              type="button"
              className="primary"
              ref={confirmButton}
              onClick={() => void flow.confirmReplace()}
              data-testid="replace-confirm-yes"
            >
              {t('panel_replace_yes')}
            </button>
            <button type="button" onClick={flow.cancelReplace} data-testid="replace-confirm-cancel">
              {t('panel_replace_keep')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
