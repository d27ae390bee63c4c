// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableJavaScriptEvaluation":true,"disableCSSFileLoading":true}}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readGenericPage } from '@/utils/helpdesks/generic';
import { editableRoots, findReplyBox, labelOf } from '@/utils/helpdesks/generic-composer';
import { findThread } from '@/utils/helpdesks/generic-thread';

function load(name: string) {
  document.open();
  document.write(readFileSync(path.resolve('tests/fixtures/generic', name), 'utf8'));
  document.close();
}

function anchor() {
  const t = findThread(document);
  const first = t?.messages[0]?.element;
  const last = t?.messages.at(-1)?.element;
  return first && last ? { first, last } : undefined;
}

/** The DOM Quill 2 builds in its mount (scripts do not run here). */
function mountQuillDom(mountId: string): HTMLElement {
  const mount = document.getElementById(mountId) as HTMLElement;
  mount.classList.add('ql-container');
  const editor = document.createElement('div');
  editor.className = 'ql-editor ql-blank';
  editor.setAttribute('contenteditable', 'true');
  editor.setAttribute('data-placeholder', mount.dataset.placeholder ?? '');
  editor.innerHTML = '<p><br></p>';
  mount.append(editor);
  return editor;
}

/** The DOM a ProseMirror EditorView builds in its mount. */
function mountProseMirrorDom(mountId: string): HTMLElement {
  const mount = document.getElementById(mountId) as HTMLElement;
  const editor = document.createElement('div');
  editor.className = 'ProseMirror';
  editor.setAttribute('contenteditable', 'true');
  editor.setAttribute('aria-label', mount.dataset.placeholder ?? '');
  editor.innerHTML = '<p><br class="ProseMirror-trailingBreak"></p>';
  mount.append(editor);
  return editor;
}

beforeEach(() => {
  document.open();
  document.write('<html><body></body></html>');
  document.close();
});

describe('the reply box of a page no adapter knows', () => {
  it('(a) classic: the response textarea, not the hidden internal-note tab', () => {
    load('classic-ticket.html');
    expect(editableRoots(document).map((el) => el.id)).toEqual(['response', 'note']);
    expect(findReplyBox(document, anchor())?.id).toBe('response');
    // Switching tabs shows the note box; it is labelled as a note, so it is still not the reply box.
    (document.getElementById('note-tab') as HTMLElement).style.display = '';
    (document.getElementById('reply-tab') as HTMLElement).style.display = 'none';
    expect(findReplyBox(document, anchor())).toBeNull();
  });

  it('(b) SPA: the Quill editor; never the floating help chat box, even when Quill is gone', () => {
    load('spa-inbox.html');
    const quill = mountQuillDom('reply-editor');
    expect(labelOf(quill)).toContain('Reply to Jonas');
    expect(findReplyBox(document, anchor())).toBe(quill);
    quill.remove();
    expect(editableRoots(document)).toHaveLength(1); // the help chat's textarea is still there
    expect(findReplyBox(document, anchor())).toBeNull();
  });

  it('(c) mail: the ProseMirror root below the thread, not the sidebar customer-notes box', () => {
    load('mail-thread.html');
    const editor = mountProseMirrorDom('mail-editor');
    expect(findReplyBox(document, anchor())).toBe(editor);
    editor.remove();
    expect(findReplyBox(document, anchor())).toBeNull();
  });

  it('(d) knowledge base: the hidden feedback box is not a reply box; the ticket says Insert will copy', () => {
    load('kb-article.html');
    expect(findReplyBox(document)).toBeNull();
    const ticket = readGenericPage(document, 'http://127.0.0.1/kb-article.html');
    expect(ticket.warnings).toContain(
      'No reply box was found on this page: Insert will copy the draft to the clipboard instead.',
    );
  });

  it('prefers a box after the conversation labelled as a reply over a bigger one before it', () => {
    document.body.innerHTML = `
      <main>
        <textarea id="scratch" rows="14"></textarea>
        <div id="t">
          <div class="msg"><b>Ann Lee</b> <time datetime="2026-03-01T10:00:00Z">Mar 1</time><p>My order did not arrive at all.</p></div>
          <div class="msg"><b>Bo Kim</b> <time datetime="2026-03-01T11:00:00Z">Mar 1</time><p>We are sorry, we are checking it now.</p></div>
        </div>
        <label for="r">Your answer</label><textarea id="r" rows="4"></textarea>
        <textarea id="s" rows="20" placeholder="Search"></textarea>
        <textarea id="ro" rows="20" readonly></textarea>
      </main>`;
    expect(findReplyBox(document, anchor())?.id).toBe('r');
  });

  it('the editable root, not a nested contenteditable; contenteditable="false" is no box', () => {
    document.body.innerHTML = `
      <div contenteditable="true" id="root" aria-label="Reply"><p>x</p><span contenteditable="true" id="inner">y</span></div>
      <div contenteditable="false" id="off">z</div>`;
    expect(editableRoots(document).map((el) => el.id)).toEqual(['root']);
  });
});
