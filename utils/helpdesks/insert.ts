import { t } from '../i18n/t';
import type { InsertMethod } from '../messaging/protocol';
import type { BridgeClient } from './bridge-client';
import { bridgeTargetOf } from './bridge-client';
import { detectEditorKind, editableOf, isTextField } from './editor-kind';
import { APPEND_LEAD, type AppendLead, type Placement } from './insert-modes';
import { compactText, replyHtml } from './reply-html';
import type { EditorKind } from './types';

// The insertion ladder (design §5, measured in research/editors.md §3–4): per editor kind, try the
// methods that reach that editor's own model, in order, and stop at the first one whose read-back
// proves the text arrived. Never execCommand into CKEditor 5 (it reverts) or Slate (DOM only).

type Step =
  | 'editor-api'
  | 'paste-html'
  | 'paste-plain'
  | 'beforeinput-replacement'
  | 'textarea-range'
  | 'exec-insert-text'
  | 'exec-insert-html';

export const LADDERS: Readonly<Record<EditorKind, readonly Step[]>> = {
  ckeditor5: ['editor-api', 'paste-html', 'beforeinput-replacement'],
  ckeditor4: ['paste-html', 'exec-insert-html'],
  prosemirror: ['paste-html', 'exec-insert-html'],
  quill: ['paste-html', 'exec-insert-html'],
  slate: ['beforeinput-replacement', 'paste-plain'],
  lexical: ['paste-html', 'beforeinput-replacement'],
  draftjs: ['paste-html', 'paste-plain'],
  tinymce: ['paste-html', 'exec-insert-html'],
  froala: ['paste-html', 'exec-insert-html'],
  textarea: ['textarea-range', 'exec-insert-text'],
  // A bare contenteditable (Zammad's classic reply box) does nothing with synthetic paste/beforeinput; its DOM is
  // its model, so insertHTML gives real paragraphs where insertText gives `<div><br></div>` blank lines.
  contenteditable: ['paste-html', 'beforeinput-replacement', 'exec-insert-html', 'exec-insert-text'],
};

const METHOD_OF: Record<Step, InsertMethod> = {
  'editor-api': 'editor-api',
  'paste-html': 'paste',
  'paste-plain': 'paste',
  'beforeinput-replacement': 'beforeinput',
  'textarea-range': 'input-value',
  'exec-insert-text': 'exec-command',
  'exec-insert-html': 'exec-command',
};

/** Editors whose paragraphs have no spacing: the reply's blank lines are kept as empty paragraphs. */
const SPACED_BY_EMPTY_PARAGRAPH: ReadonlySet<EditorKind> = new Set(['quill']);

/** Editor kinds the MAIN-world bridge knows how to drive and read from the model. */
const BRIDGE_KINDS: ReadonlySet<EditorKind> = new Set(['ckeditor5']);

/** What an insert changed, for undoing exactly that insert later (undo-insert.ts). */
export interface InsertTrace {
  editable: HTMLElement;
  editorKind: EditorKind;
  /** The editor's text (model where the bridge reads it) before and after, whitespace-free. */
  before: string;
  after: string;
  /** Textareas and bare contenteditables: their value / innerHTML before and after (their DOM is their model). */
  snapshot: { before: string; after: string } | null;
}

export type InsertOutcome =
  | { ok: true; method: InsertMethod; editorKind: EditorKind; trace: InsertTrace }
  | { ok: false; code: 'not-verified' | 'failed'; message: string; editorKind: EditorKind };

export interface InsertOptions {
  bridge?: BridgeClient | null;
  /**
   * 'caret' (default): where the agent's caret is. 'end': after whatever is there, as a new paragraph (also used
   * when the agent never put a caret in this editor, so the reply does not land at the top). 'all': replace the
   * composer's whole content (the caller has made sure the agent agreed).
   */
  placement?: Placement;
  /** ms to let an editor sync its selection after focus (Slate/Lexical need 100–200 ms). */
  focusSettleMs?: number;
  /** ms to wait for a method's effect to show in the read-back. */
  verifyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The bridge's handle on an editable: its index among its family's editables, or -1 (not bridge-driven). */
export function bridgeTokenOf(editable: HTMLElement, kind: EditorKind): number {
  return BRIDGE_KINDS.has(kind) ? bridgeTargetOf(editable, 'ckeditor5') : -1;
}

/** Placeholders some editors render inside their editable (Slate); they are not the agent's text. */
const IN_EDITOR_PLACEHOLDERS = '[data-slate-placeholder="true"]';

/** What the editor holds, as text: the model through the bridge where we can, the DOM otherwise. */
export async function readBack(
  editable: HTMLElement,
  kind: EditorKind,
  bridge: BridgeClient | null | undefined,
  token: number,
): Promise<string> {
  if (bridge && BRIDGE_KINDS.has(kind) && token >= 0) {
    const r = await bridge.call({ op: `${kind}.read` as 'ckeditor5.read', target: token }, 800);
    if (r.ok && typeof r.modelText === 'string') return r.modelText;
  }
  if (isTextField(editable)) return editable.value;
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps block boundaries the way the agent sees them
  let text = editable.innerText ?? editable.textContent ?? '';
  for (const placeholder of editable.querySelectorAll<HTMLElement>(IN_EDITOR_PLACEHOLDERS)) {
    // biome-ignore lint/performance/useDomNodeTextContent: the same rendering as the text it is removed from
    const shown = placeholder.innerText ?? '';
    if (shown) text = text.replace(shown, '');
  }
  return text;
}

/** The composer's current text (model where reachable), for the replace confirmation; null without an editable. */
export async function composerText(target: HTMLElement, bridge: BridgeClient | null): Promise<string | null> {
  const editable = editableOf(target);
  if (!editable) return null;
  const kind = detectEditorKind(target);
  return readBack(editable, kind, bridge, bridgeTokenOf(editable, kind));
}

/** The value / innerHTML of editors whose DOM is their whole model; null for model-driven editors. */
export function snapshotOf(editable: HTMLElement, kind: EditorKind): string | null {
  if (kind === 'textarea' && isTextField(editable)) return editable.value;
  if (kind === 'contenteditable') return editable.innerHTML;
  return null;
}

/** How many times `needle` occurs in `haystack`, without overlaps. */
function occurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length))
    count += 1;
  return count;
}

function caretElement(editable: HTMLElement): HTMLElement {
  const selection = editable.ownerDocument.getSelection();
  const anchor = selection?.anchorNode;
  // nodeType, not instanceof: the editor may live in a same-origin iframe (another realm).
  const el = anchor ? (anchor.nodeType === 1 ? (anchor as HTMLElement) : anchor.parentElement) : null;
  return el && editable.contains(el) ? el : editable;
}

/** Puts the DOM selection at the end of the editable ('end') or around all of it ('all'); editors follow it. */
function placeSelection(editable: HTMLElement, placement: 'end' | 'all'): void {
  if (isTextField(editable)) {
    const length = editable.value.length;
    editable.setSelectionRange(placement === 'all' ? 0 : length, length);
    return;
  }
  const selection = editable.ownerDocument.getSelection();
  if (!selection) return;
  const range = editable.ownerDocument.createRange();
  range.selectNodeContents(editable);
  if (placement === 'end') range.collapse(false);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Collapses a selection the agent left inside the editor to its end; true when there was one. The reply goes
 * after the selected text instead of replacing it (design: never silently wipe the agent's text), and no editor
 * is handed a paste over a selection, which some mishandle (Jira's leaves the caret at the start and can
 * duplicate content, research/helpdesks.md).
 */
function collapseSelectionToEnd(editable: HTMLElement): boolean {
  if (isTextField(editable)) {
    const end = editable.selectionEnd ?? editable.value.length;
    if (editable.selectionStart === end) return false;
    editable.setSelectionRange(end, end);
    return true;
  }
  const selection = editable.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
  if (!editable.contains(selection.anchorNode) || !editable.contains(selection.focusNode)) return false;
  selection.collapseToEnd();
  return true;
}

function dispatchPaste(target: HTMLElement, text: string, html: string | null): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (html !== null) data.setData('text/html', html);
  target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

function dispatchBeforeInput(target: HTMLElement, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  target.dispatchEvent(
    new InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: null,
      dataTransfer: data,
      bubbles: true,
      cancelable: true,
    }),
  );
}

function insertIntoTextField(field: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  // Append after existing text with a blank line unless the caret is somewhere the agent chose.
  const atEndOfText = start === end && start === field.value.length && field.value.trim() !== '';
  const insertion = atEndOfText && !field.value.endsWith('\n\n') ? `\n\n${text}` : text;
  field.setRangeText(insertion, start, end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

async function runStep(
  step: Step,
  editable: HTMLElement,
  kind: EditorKind,
  text: string,
  bridge: BridgeClient | null | undefined,
  token: number,
  placement: Placement,
  lead: AppendLead | null,
): Promise<boolean> {
  const doc = editable.ownerDocument;
  const html = () =>
    (lead?.html ?? '') + replyHtml(text, { blankLineBetweenParagraphs: SPACED_BY_EMPTY_PARAGRAPH.has(kind) });
  const plain = (lead?.plain ?? '') + text;
  switch (step) {
    case 'editor-api': {
      if (!bridge || !BRIDGE_KINDS.has(kind) || token < 0) return false;
      const r = await bridge.call({
        op: `${kind}.insert` as 'ckeditor5.insert',
        target: token,
        // The bridge makes its own paragraph when appending: no lead.
        html: replyHtml(text, { blankLineBetweenParagraphs: SPACED_BY_EMPTY_PARAGRAPH.has(kind) }),
        placement,
      });
      return r.ok;
    }
    case 'paste-html':
      dispatchPaste(caretElement(editable), plain, html());
      return true;
    case 'paste-plain':
      dispatchPaste(caretElement(editable), plain, null);
      return true;
    case 'beforeinput-replacement':
      dispatchBeforeInput(caretElement(editable), plain);
      return true;
    case 'textarea-range':
      if (!isTextField(editable)) return false;
      insertIntoTextField(editable, text);
      return true;
    case 'exec-insert-text':
      return doc.execCommand('insertText', false, plain);
    case 'exec-insert-html':
      return doc.execCommand('insertHTML', false, html());
  }
}

/**
 * Whether the read-back shows the reply arrived. Counted, not measured: an in-editor placeholder leaves the
 * read-back when text arrives, so the text can grow by less than the reply's length. A replace must leave exactly
 * the reply (the same reply already present once must not count as done).
 */
function arrived(now: string, wanted: string, occurrencesBefore: number, placement: Placement): boolean {
  return placement === 'all' ? now === wanted : occurrences(now, wanted) > occurrencesBefore;
}

/**
 * Inserts `text` into the given reply editor where `placement` says (default: the caret; never replacing the agent's
 * own text unless placement is 'all') and verifies it by reading the editor back. Never touches any send button.
 */
export async function insertReply(
  target: HTMLElement,
  text: string,
  options: InsertOptions = {},
): Promise<InsertOutcome> {
  const kind = detectEditorKind(target);
  const editable = editableOf(target);
  if (!editable) {
    return { ok: false, code: 'failed', message: t('error_editor_not_editable'), editorKind: kind };
  }
  const { bridge, focusSettleMs = 150, verifyTimeoutMs = 600, placement = 'caret' } = options;
  // The bridge addresses the editor by position, so it must be a bridge-driven kind and found on the page.
  const token = bridgeTokenOf(editable, kind);
  const wasFocused =
    editable.ownerDocument.activeElement === editable ||
    editable.contains(editable.ownerDocument.activeElement);
  if (!wasFocused) {
    editable.ownerDocument.defaultView?.focus();
    editable.focus();
  }
  if (placement !== 'caret') placeSelection(editable, placement);
  // Editors sync their model's selection from the DOM's on selectionchange: give them the settle time.
  if (!wasFocused || placement !== 'caret') await sleep(focusSettleMs);
  if (placement !== 'all' && collapseSelectionToEnd(editable)) await sleep(focusSettleMs);
  const snapshotBefore = snapshotOf(editable, kind);
  const before = compactText(await readBack(editable, kind, bridge, token));
  const wanted = compactText(text);
  const occurrencesBefore = occurrences(before, wanted);
  // Appending after existing text: the reply starts its own paragraph.
  const lead = placement === 'end' && before !== '' ? APPEND_LEAD[kind] : null;
  for (const step of LADDERS[kind]) {
    const attempted = await runStep(step, editable, kind, text, bridge, token, placement, lead).catch(
      () => false,
    );
    if (!attempted) continue;
    const deadline = Date.now() + verifyTimeoutMs;
    let now = before;
    do {
      await sleep(40);
      now = compactText(await readBack(editable, kind, bridge, token));
      if (arrived(now, wanted, occurrencesBefore, placement)) {
        // Some editors re-render a moment later and drop what they did not accept (CKEditor 5 + execCommand).
        await sleep(120);
        const settled = compactText(await readBack(editable, kind, bridge, token));
        if (arrived(settled, wanted, occurrencesBefore, placement)) {
          const snapshotAfter = snapshotOf(editable, kind);
          return {
            ok: true,
            method: METHOD_OF[step],
            editorKind: kind,
            trace: {
              editable,
              editorKind: kind,
              before,
              after: settled,
              snapshot:
                snapshotBefore !== null && snapshotAfter !== null
                  ? { before: snapshotBefore, after: snapshotAfter }
                  : null,
            },
          };
        }
        break;
      }
    } while (Date.now() < deadline);
    if (now !== before) {
      // Something changed but not the full text: stacking another method could duplicate it.
      return {
        ok: false,
        code: 'not-verified',
        message: t('error_editor_partial'),
        editorKind: kind,
      };
    }
  }
  return {
    ok: false,
    code: 'not-verified',
    message: t('error_editor_refused'),
    editorKind: kind,
  };
}
