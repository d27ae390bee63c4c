import { t } from '../i18n/t';
import type { EditorKind } from './types';

// Per-editor facts for the insert modes (#7) and for undoing an insert, as data. The mechanisms that use them are
// in insert.ts (placing the selection, the ladder) and undo-insert.ts (undo, verified by read-back).

/**
 * Where the ladder puts the reply: 'caret' where the agent's caret is; 'end' after everything the composer holds,
 * as a new paragraph; 'all' over the composer's whole content (replace).
 */
export type Placement = 'caret' | 'end' | 'all';

/**
 * What goes in front of an appended reply when the composer already holds text, so the reply starts a new
 * paragraph instead of being glued onto the agent's last line. Pasted HTML is "open" at both ends in these
 * editors: an empty first paragraph merges into the paragraph holding the caret and closes it, so the reply's
 * first paragraph becomes a block of its own. Plain-text paths get a blank line (what the textarea path does).
 */
export interface AppendLead {
  html: string;
  plain: string;
}

const PARAGRAPH_BREAK: AppendLead = { html: '<p></p>', plain: '\n\n' };

export const APPEND_LEAD: Readonly<Record<EditorKind, AppendLead | null>> = {
  // The bridge appends a paragraph through the model itself; this is for the paste fallback.
  ckeditor5: PARAGRAPH_BREAK,
  ckeditor4: PARAGRAPH_BREAK,
  prosemirror: PARAGRAPH_BREAK,
  // Quill paragraphs have no spacing: its users leave an empty line between them (reply-html.ts).
  quill: { html: '<p></p><p><br></p>', plain: '\n\n' },
  slate: PARAGRAPH_BREAK,
  // Lexical keeps the empty paragraph as a blank line (measured on the Front fixture); without it the reply is glued.
  lexical: PARAGRAPH_BREAK,
  draftjs: PARAGRAPH_BREAK,
  tinymce: PARAGRAPH_BREAK,
  froala: PARAGRAPH_BREAK,
  // insertIntoTextField adds its own blank line after existing text.
  textarea: null,
  contenteditable: PARAGRAPH_BREAK,
};

/**
 * How to undo an insert through the editor itself, in order:
 * - 'bridge': the editor's API from the MAIN world (CKEditor 5 `execute('undo')`);
 * - 'history-beforeinput': a `beforeinput` event with inputType historyUndo, which the editor's own history
 *   handles (prosemirror-history, Quill's history module, slate-react with slate-history, @lexical/history);
 * - 'snapshot': the element's DOM/value is its whole model, so the value/innerHTML from before the insert is put
 *   back (only when nothing changed since).
 * Empty: no undo Deskmate can reach from the page (their keyboard handlers read `keyCode`, which a script in the
 * extension's world cannot set on an event the page sees); the Undo button is not offered and says why.
 */
export type UndoStep = 'bridge' | 'history-beforeinput' | 'snapshot';

export const UNDO_STEPS: Readonly<Record<EditorKind, readonly UndoStep[]>> = {
  ckeditor5: ['bridge'],
  ckeditor4: [],
  prosemirror: ['history-beforeinput'],
  quill: ['history-beforeinput'],
  slate: ['history-beforeinput'],
  lexical: ['history-beforeinput'],
  draftjs: [],
  tinymce: [],
  froala: [],
  textarea: ['snapshot'],
  contenteditable: ['snapshot'],
};

/**
 * Editors whose history folds edits made within this many ms into ONE undo step (their modules' defaults: Quill
 * history `delay` 1000, prosemirror-history `newGroupDelay` 500, Lexical's history merge window). An insert right
 * after the agent typed would share an undo step with that typing, and "Undo insert" would take both (measured on
 * the Quill fixture: it then has to redo and refuse). So the insert waits until the window since the agent's last
 * input has passed — at most this long, and only when they typed just before.
 */
export const UNDO_GROUP_MS: Readonly<Partial<Record<EditorKind, number>>> = {
  quill: 1000,
  prosemirror: 500,
  lexical: 1000,
};

/** How long to wait before inserting so the insert opens its own undo step; 0 when no wait is needed. */
export function undoGroupWait(kind: EditorKind, lastInputAt: number | undefined, now: number): number {
  const window = UNDO_GROUP_MS[kind];
  if (!window || lastInputAt === undefined) return 0;
  return Math.max(0, Math.min(window, lastInputAt + window - now + 20));
}

/** The editor families whose undo Deskmate cannot drive, by the name the agent may know. */
export function undoUnavailableReason(): string {
  return t('error_undo_unavailable');
}

/** Up to this many characters of the composer's current text are shown when asking to replace it. */
export const REPLACE_SNIPPET_CHARS = 120;

/** The start of `text` on one line, for the replace confirmation. */
export function snippetOf(text: string, max = REPLACE_SNIPPET_CHARS): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/** The ladder's placement for a mode: at the caret only where the agent put one in this composer. */
export function placementFor(mode: 'caret' | 'append' | 'replace', agentPlacedCaret: boolean): Placement {
  if (mode === 'replace') return 'all';
  if (mode === 'append') return 'end';
  return agentPlacedCaret ? 'caret' : 'end';
}
