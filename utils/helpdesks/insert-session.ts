import { t } from '../i18n/t';
import type { BridgeClient } from './bridge-client';
import { detectEditorKind, editableOf } from './editor-kind';
import { editingRoot } from './focus-tracker';
import { composerText, type InsertOutcome, type InsertTrace, insertReply } from './insert';
import { placementFor, snippetOf, undoGroupWait, undoUnavailableReason } from './insert-modes';
import { compactText } from './reply-html';
import { canUndo, type UndoOutcome, undoInsert } from './undo-insert';

// One page's inserts: the mode → placement decision, the replace guard and the memory of the last insert that
// "Undo insert" acts on. Shared by the helpdesk content scripts and the generic page reader. Content-script side:
// no zod (bundle budget); the background validates every answer.

export type InsertModeName = 'caret' | 'append' | 'replace';

export interface SessionInsertRequest {
  /** The ticket the insert is for: an undo is only for the same ticket. */
  key: string;
  text: string;
  mode: InsertModeName;
  /** The agent agreed to replace what the composer holds. */
  confirmReplace: boolean;
  /** The agent put the caret in this composer (the focus tracker remembered it). */
  agentPlacedCaret: boolean;
  bridge: BridgeClient | null;
}

export type SessionInsertResult =
  | { ok: true; outcome: Extract<InsertOutcome, { ok: true }>; undo: { available: boolean; reason?: string } }
  | {
      ok: false;
      code: 'needs-confirmation';
      message: string;
      existing: { chars: number; snippet: string };
    }
  | Extract<InsertOutcome, { ok: false }>;

export interface InsertSession {
  insert(target: HTMLElement, request: SessionInsertRequest): Promise<SessionInsertResult>;
  undo(key: string, bridge: BridgeClient | null): Promise<UndoOutcome>;
}

export function createInsertSession(doc: Document | undefined = globalThis.document): InsertSession {
  let last: { key: string; trace: InsertTrace } | null = null;
  // When the agent last typed in each editor (undoGroupWait): input events are composed, so shadow-DOM editors
  // report here too, with the real target first in the path.
  const lastInputAt = new WeakMap<HTMLElement, number>();
  // No document: imported for its parsers outside a page (unit tests in node).
  doc?.addEventListener(
    'input',
    (event) => {
      const root = editingRoot(event.composedPath()[0] ?? event.target);
      if (root) lastInputAt.set(root, Date.now());
    },
    true,
  );
  return {
    async insert(target, request) {
      if (request.mode === 'replace' && !request.confirmReplace) {
        // Checked here, where the text is, right before the insert: no race with what the panel last saw, and
        // no caller (a shortcut, a stale panel) can wipe the agent's text without the agent having agreed.
        const existing = (await composerText(target, request.bridge)) ?? '';
        if (compactText(existing) !== '') {
          const trimmed = existing.trim();
          return {
            ok: false,
            code: 'needs-confirmation',
            message: t('error_replace_needs_confirmation'),
            existing: { chars: trimmed.length, snippet: snippetOf(trimmed) },
          };
        }
      }
      const editable = editableOf(target);
      const root = (editable && editingRoot(editable)) ?? editable ?? target;
      const wait = undoGroupWait(detectEditorKind(target), lastInputAt.get(root), Date.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const outcome = await insertReply(target, request.text, {
        bridge: request.bridge,
        placement: placementFor(request.mode, request.agentPlacedCaret),
      });
      if (!outcome.ok) return outcome;
      // A new insert replaces the one an undo would have acted on.
      last = { key: request.key, trace: outcome.trace };
      const available = canUndo(outcome.trace);
      return {
        ok: true,
        outcome,
        undo: available ? { available } : { available, reason: undoUnavailableReason() },
      };
    },
    async undo(key, bridge) {
      if (!last || last.key !== key) {
        return {
          ok: false,
          code: 'nothing-to-undo',
          message: t('error_nothing_to_undo'),
        };
      }
      const outcome = await undoInsert(last.trace, { bridge });
      // Done, or never possible again. After 'changed-since' the agent may take their own edit back and retry.
      if (outcome.ok || (outcome.code !== 'changed-since' && outcome.code !== 'failed')) last = null;
      return outcome;
    },
  };
}
