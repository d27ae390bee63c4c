// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useKeepFocus } from '../../utils/panel/keep-focus';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** A button disabled while `busy`, as Insert and the Refine buttons are; "other" is somewhere else to be. */
function Panel({ busy, onPress }: { busy: boolean; onPress?: () => void }) {
  const keepFocus = useKeepFocus(busy);
  return (
    <>
      <button
        type="button"
        data-testid="work"
        disabled={busy}
        onClick={() => {
          keepFocus();
          onPress?.();
        }}
      >
        Work
      </button>
      <input data-testid="box" />
      <button
        type="button"
        data-testid="via-box"
        onClick={() => keepFocus(container.querySelector<HTMLElement>('[data-testid="box"]'))}
      >
        Apply
      </button>
    </>
  );
}

const el = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`) as HTMLElement;
const render = (busy: boolean) => act(() => root.render(<Panel busy={busy} />));

describe('useKeepFocus', () => {
  it('gives the focus back to the pressed control once it is enabled again, if it was dropped meanwhile', () => {
    render(false);
    el('work').focus();
    act(() => el('work').click());
    // The browser drops the focus of a control that becomes disabled.
    el('work').blur();
    render(true);
    expect(document.activeElement).toBe(document.body);
    render(false);
    expect(document.activeElement).toBe(el('work'));
  });

  it('leaves the focus where the agent put it meanwhile', () => {
    render(false);
    el('work').focus();
    act(() => el('work').click());
    render(true);
    el('box').focus();
    render(false);
    expect(document.activeElement).toBe(el('box'));
  });

  it('returns to the element named instead (the instruction box behind a disabled Apply)', () => {
    render(false);
    el('via-box').focus();
    act(() => el('via-box').click());
    el('via-box').blur();
    render(true);
    render(false);
    expect(document.activeElement).toBe(el('box'));
  });

  it('does nothing on a later run once it has handed the focus back', () => {
    render(false);
    el('work').focus();
    act(() => el('work').click());
    el('work').blur();
    render(true);
    render(false);
    el('work').blur();
    render(true);
    render(false);
    expect(document.activeElement).toBe(document.body);
  });
});
