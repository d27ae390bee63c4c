import type { EditorKind } from './types';

// DOM signatures of each editor family (research/editors.md §4). Order matters: the most specific first.
const SIGNATURES: ReadonlyArray<readonly [EditorKind, string]> = [
  ['ckeditor5', '.ck-editor__editable'],
  ['prosemirror', '.ProseMirror'],
  ['quill', '.ql-editor'],
  ['slate', '[data-slate-editor]'],
  ['lexical', '[data-lexical-editor]'],
  ['draftjs', '.public-DraftEditor-content'],
  ['froala', '.fr-element'],
];

// Element kinds are checked by tag name, not `instanceof`: an editor inside a same-origin iframe (ServiceNow's
// classic form in the Next Experience shell) belongs to that frame's realm, where the top window's
// HTMLTextAreaElement is another constructor.

/** A `<textarea>` or `<input>`, from any realm. */
export function isTextField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  const tag = el.tagName.toUpperCase();
  return tag === 'TEXTAREA' || tag === 'INPUT';
}

function isIframe(el: Element): el is HTMLIFrameElement {
  return el.tagName.toUpperCase() === 'IFRAME';
}

export function detectEditorKind(el: Element): EditorKind {
  if (isTextField(el)) return 'textarea';
  if (isIframe(el)) {
    if (el.classList.contains('cke_wysiwyg_frame')) return 'ckeditor4';
    if (el.closest('.tox-edit-area')) return 'tinymce';
  }
  for (const [kind, selector] of SIGNATURES) {
    if (el.matches(selector) || el.closest(selector)) return kind;
  }
  return 'contenteditable';
}

/** The element that holds the caret for an editor, descending into iframe editors. */
export function editableOf(el: HTMLElement): HTMLElement | null {
  if (isIframe(el)) {
    return el.contentDocument?.body ?? null;
  }
  if (isTextField(el)) return el;
  if (el.isContentEditable) {
    // Walk up to the editing host: editors put contenteditable on their root only.
    let host: HTMLElement = el;
    while (host.parentElement?.isContentEditable) host = host.parentElement;
    return host;
  }
  return el.querySelector<HTMLElement>('[contenteditable="true"], textarea');
}
