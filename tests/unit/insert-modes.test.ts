// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { parseContentCommand } from '@/utils/content/command-handler';
import { insertReply } from '@/utils/helpdesks/insert';
import {
  APPEND_LEAD,
  placementFor,
  snippetOf,
  UNDO_STEPS,
  undoGroupWait,
  undoUnavailableReason,
} from '@/utils/helpdesks/insert-modes';
import { createInsertSession } from '@/utils/helpdesks/insert-session';
import { canUndo } from '@/utils/helpdesks/undo-insert';
import { InsertResult, PanelRequest, UndoInsertResult } from '@/utils/messaging/protocol';
import { parseInsertMode } from '@/utils/panel/insert-mode-pref';

// Insert modes and undo (#7): the mode → placement rule, the per-editor facts, the replace guard and the undo of a
// textarea / bare contenteditable (their DOM is their model, so happy-dom runs them for real). The model-driven
// editors are covered end to end in tests/e2e/insert-modes.spec.ts.

const fast = { focusSettleMs: 0, verifyTimeoutMs: 200 };

function textarea(value: string): HTMLTextAreaElement {
  const el = document.createElement('textarea');
  el.value = value;
  document.body.append(el);
  return el;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('mode → placement', () => {
  it('caret goes to the caret only where the agent put one; append and replace ignore the caret', () => {
    expect(placementFor('caret', true)).toBe('caret');
    expect(placementFor('caret', false)).toBe('end');
    expect(placementFor('append', true)).toBe('end');
    expect(placementFor('append', false)).toBe('end');
    expect(placementFor('replace', true)).toBe('all');
    expect(placementFor('replace', false)).toBe('all');
  });

  it('every editor kind has an append lead and an undo entry; the empty undo list is the "not offered" case', () => {
    expect(Object.keys(APPEND_LEAD).sort()).toEqual(Object.keys(UNDO_STEPS).sort());
    expect(canUndo({ editorKind: 'ckeditor5', snapshot: null })).toBe(true);
    expect(canUndo({ editorKind: 'prosemirror', snapshot: null })).toBe(true);
    expect(canUndo({ editorKind: 'tinymce', snapshot: null })).toBe(false);
    // A snapshot editor without its snapshot cannot be restored.
    expect(canUndo({ editorKind: 'textarea', snapshot: null })).toBe(false);
    expect(canUndo({ editorKind: 'textarea', snapshot: { before: '', after: 'x' } })).toBe(true);
  });

  it('the replace snippet is one line, cut with an ellipsis', () => {
    expect(snippetOf('  Dear Maria,\n\nThanks  ')).toBe('Dear Maria, Thanks');
    const long = snippetOf('word '.repeat(100), 20);
    expect(long.length).toBeLessThanOrEqual(20);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('insertReply placements into a textarea', () => {
  it("'end' appends after the text with a blank line wherever the caret is", async () => {
    const field = textarea('Dear Maria,');
    field.setSelectionRange(0, 0);
    const out = await insertReply(field, 'The refund is on its way.', { ...fast, placement: 'end' });
    expect(out.ok).toBe(true);
    expect(field.value).toBe('Dear Maria,\n\nThe refund is on its way.');
  });

  it("'all' replaces everything, and 'caret' keeps a selection the agent made (goes after it)", async () => {
    const field = textarea('Old macro text.');
    const out = await insertReply(field, 'New reply.', { ...fast, placement: 'all' });
    expect(out.ok).toBe(true);
    expect(field.value).toBe('New reply.');

    const other = textarea('Keep me.');
    other.focus();
    other.setSelectionRange(0, 4);
    const caret = await insertReply(other, ' Added', { ...fast, placement: 'caret' });
    expect(caret.ok).toBe(true);
    expect(other.value).toBe('Keep Added me.');
  });

  it("'all' is verified as exactly the reply: the reply already present once still gets inserted", async () => {
    const field = textarea('New reply. Old tail.');
    const out = await insertReply(field, 'New reply.', { ...fast, placement: 'all' });
    expect(out.ok).toBe(true);
    expect(field.value).toBe('New reply.');
    if (out.ok) {
      expect(out.trace.before).toBe('Newreply.Oldtail.');
      expect(out.trace.after).toBe('Newreply.');
      expect(out.trace.snapshot).toEqual({ before: 'New reply. Old tail.', after: 'New reply.' });
    }
  });
});

describe('insert session: replace guard and undo', () => {
  const request = (mode: 'caret' | 'append' | 'replace', confirmReplace = false) => ({
    key: '123',
    text: 'Hi Maria, the refund is done.',
    mode,
    confirmReplace,
    agentPlacedCaret: false,
    bridge: null,
  });

  it('replace over text asks first and changes nothing; confirmed, it replaces', async () => {
    const session = createInsertSession();
    const field = textarea('  Dear Maria,\n\nnotes  ');
    const asked = await session.insert(field, request('replace'));
    expect(asked).toEqual({
      ok: false,
      code: 'needs-confirmation',
      message: expect.any(String),
      existing: { chars: 18, snippet: 'Dear Maria, notes' },
    });
    expect(field.value).toBe('  Dear Maria,\n\nnotes  ');
    // The answer is a valid protocol InsertResult.
    expect(InsertResult.safeParse(asked).success).toBe(true);

    const done = await session.insert(field, request('replace', true));
    expect(done.ok).toBe(true);
    expect(field.value).toBe('Hi Maria, the refund is done.');
  });

  it('replace into an empty (whitespace-only) composer needs no confirmation', async () => {
    const session = createInsertSession();
    const field = textarea(' \n ');
    const done = await session.insert(field, request('replace'));
    expect(done.ok).toBe(true);
    expect(field.value).toBe('Hi Maria, the refund is done.');
  });

  it('undo restores the textarea exactly, and there is nothing left to undo after', async () => {
    const session = createInsertSession();
    const field = textarea('Dear Maria,');
    let inputs = 0;
    field.addEventListener('input', () => {
      inputs += 1;
    });
    const done = await session.insert(field, request('append'));
    expect(done.ok && done.undo).toEqual({ available: true });
    expect(field.value).toBe('Dear Maria,\n\nHi Maria, the refund is done.');
    const before = inputs;
    expect(await session.undo('123', null)).toEqual({ ok: true });
    expect(field.value).toBe('Dear Maria,');
    // The page heard about it (React-controlled fields update their state from `input`).
    expect(inputs).toBeGreaterThan(before);
    expect(await session.undo('123', null)).toMatchObject({ ok: false, code: 'nothing-to-undo' });
  });

  it('undo is refused once the agent has typed after the insert, and is only for the same ticket', async () => {
    const session = createInsertSession();
    const field = textarea('');
    await session.insert(field, request('caret'));
    expect(await session.undo('124', null)).toMatchObject({ ok: false, code: 'nothing-to-undo' });
    field.value += ' Sam';
    const refused = await session.undo('123', null);
    expect(refused).toMatchObject({ ok: false, code: 'changed-since' });
    expect(field.value).toBe('Hi Maria, the refund is done. Sam');
    // The agent takes their own edit back: our insert can be undone again.
    field.value = 'Hi Maria, the refund is done.';
    expect(await session.undo('123', null)).toEqual({ ok: true });
    expect(field.value).toBe('');
  });

  it('a bare contenteditable is restored from its innerHTML snapshot', async () => {
    const session = createInsertSession();
    const box = document.createElement('div');
    box.setAttribute('contenteditable', 'true');
    box.innerHTML = '<p>Dear Maria,</p>';
    document.body.append(box);
    // happy-dom has no execCommand/paste handling: give the box the one rung it can take (insertHTML).
    document.execCommand = ((command: string, _ui: boolean, value: string) => {
      if (command !== 'insertHTML') return false;
      box.insertAdjacentHTML('beforeend', value);
      return true;
    }) as typeof document.execCommand;
    const done = await session.insert(box, request('append'));
    expect(done.ok).toBe(true);
    expect(box.innerHTML).toContain('Hi Maria, the refund is done.');
    expect(await session.undo('123', null)).toEqual({ ok: true });
    expect(box.innerHTML).toBe('<p>Dear Maria,</p>');
  });
});

describe('the insert messages', () => {
  it('the content script parses the mode, defaults an absent one to the caret and refuses unknown ones', () => {
    const base = { type: 'content/insert', ticketId: '1', text: 'Hi', bridgeNonce: null };
    expect(parseContentCommand(base)).toMatchObject({ mode: 'caret', confirmReplace: false });
    expect(parseContentCommand({ ...base, mode: 'replace', confirmReplace: true })).toMatchObject({
      mode: 'replace',
      confirmReplace: true,
    });
    expect(parseContentCommand({ ...base, mode: 'everywhere' })).toBeNull();
    expect(parseContentCommand({ ...base, mode: 'replace', confirmReplace: 'yes' })).toBeNull();
    expect(parseContentCommand({ type: 'content/undo-insert', ticketId: '1', bridgeNonce: null })).toEqual({
      type: 'content/undo-insert',
      ticketId: '1',
      bridgeNonce: null,
    });
    expect(parseContentCommand({ type: 'content/undo-insert', ticketId: 1, bridgeNonce: null })).toBeNull();
  });

  it('the panel request carries a valid mode; copy is not a mode the page ever sees', () => {
    const insert = { type: 'reply/insert', tabId: 1, ticketKey: 'k', text: 'Hi' };
    expect(PanelRequest.safeParse({ ...insert, mode: 'append' }).success).toBe(true);
    expect(PanelRequest.safeParse({ ...insert, mode: 'copy' }).success).toBe(false);
    expect(PanelRequest.safeParse({ ...insert, mode: 'replace', confirmReplace: false }).success).toBe(false);
    expect(PanelRequest.safeParse({ type: 'reply/undo-insert', tabId: 1, ticketKey: 'k' }).success).toBe(
      true,
    );
    expect(UndoInsertResult.safeParse({ ok: false, code: 'changed-since', message: 'x' }).success).toBe(true);
  });

  it('a stored mode that is not one falls back to the caret', () => {
    expect(parseInsertMode('append')).toBe('append');
    expect(parseInsertMode('copy')).toBe('caret');
    expect(parseInsertMode(undefined)).toBe('caret');
  });

  it('the reason an undo is not offered tells the agent what to do instead', () => {
    expect(undoUnavailableReason()).toMatch(/Ctrl\+Z/);
  });
});

describe('an insert right after typing opens its own undo step', () => {
  it('waits out the rest of the editor’s undo-grouping window, and only then', () => {
    expect(undoGroupWait('quill', 10_000, 10_300)).toBe(720);
    expect(undoGroupWait('quill', 10_000, 11_500)).toBe(0);
    expect(undoGroupWait('quill', undefined, 10_000)).toBe(0);
    expect(undoGroupWait('prosemirror', 10_000, 10_100)).toBe(420);
    // No time-based grouping: CKEditor 5 batches per command, textareas are restored from a snapshot.
    expect(undoGroupWait('ckeditor5', 10_000, 10_001)).toBe(0);
    expect(undoGroupWait('textarea', 10_000, 10_001)).toBe(0);
    // Never longer than the window, whatever the clocks say.
    expect(undoGroupWait('quill', 20_000, 10_000)).toBe(1000);
  });
});
