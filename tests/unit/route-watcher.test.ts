// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackFocusedEditor } from '@/utils/helpdesks/focus-tracker';
import { watchTicketId } from '@/utils/helpdesks/route-watcher';

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('watchTicketId', () => {
  it('reports each SPA ticket switch once, with the previous id', () => {
    vi.useFakeTimers();
    let id: string | null = '123';
    const changes: [string | null, string | null][] = [];
    const stop = watchTicketId(
      () => id,
      (next, prev) => changes.push([next, prev]),
      { intervalMs: 100 },
    );
    vi.advanceTimersByTime(300);
    expect(changes).toEqual([]);
    id = '124';
    vi.advanceTimersByTime(100);
    vi.advanceTimersByTime(300);
    id = null;
    window.dispatchEvent(new Event('popstate'));
    expect(changes).toEqual([
      ['124', '123'],
      [null, '124'],
    ]);
    stop();
    id = '999';
    vi.advanceTimersByTime(500);
    window.dispatchEvent(new Event('popstate'));
    expect(changes).toHaveLength(2);
  });
});

describe('trackFocusedEditor', () => {
  it('remembers the editing root that last had focus, even after focus moves away', () => {
    document.body.innerHTML = `
      <div id="a" contenteditable="true"><p id="a-p">x</p></div>
      <textarea id="b"></textarea>
      <button id="c">c</button>`;
    const tracker = trackFocusedEditor(document);
    const a = document.getElementById('a')!;
    document
      .getElementById('a-p')!
      .dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    document.getElementById('c')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(tracker.last(() => true)).toBe(a);
    // The caller decides whether the remembered editor belongs to the active ticket.
    expect(tracker.last((el) => el.id === 'b')).toBeNull();
    document.getElementById('b')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(tracker.last(() => true)?.id).toBe('b');
    document.getElementById('b')!.remove();
    expect(tracker.last(() => true)).toBeNull();
    tracker.stop();
  });
});
