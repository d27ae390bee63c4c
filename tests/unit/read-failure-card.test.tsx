// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadFailureCard } from '../../components/panel/ReadFailureCard';

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

const noAccess = {
  ok: false as const,
  code: 'no-access' as const,
  helpdesk: 'Zendesk',
  message: 'Deskmate is not turned on for Zendesk.',
};

function render(onAllowHost: () => Promise<boolean>, allowHelpdesk: string | null = 'Zendesk') {
  act(() =>
    root.render(
      <ReadFailureCard
        failure={noAccess}
        allowHost="acme.zendesk.com"
        allowHelpdesk={allowHelpdesk}
        onAllowHost={onAllowHost}
        onReadPage={() => {}}
        onUseSelection={() => {}}
        onRetry={() => {}}
      />,
    ),
  );
}

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the read-failure card on a helpdesk Deskmate may not read', () => {
  it('offers the helpdesk by name (not the single host), and asks on click', async () => {
    const onAllowHost = vi.fn(async () => true);
    render(onAllowHost);
    expect(byTestId('allow-helpdesk')?.textContent).toBe('Allow Deskmate on Zendesk');
    expect(byTestId('allow-host')).toBeNull();
    await act(async () => byTestId('allow-helpdesk')?.click());
    expect(onAllowHost).toHaveBeenCalledOnce();
    expect(byTestId('allow-refused')).toBeNull();
  });

  it('says so when the agent refused in the browser prompt, and clears it when they try again', async () => {
    let answer = false;
    render(async () => answer);
    await act(async () => byTestId('allow-helpdesk')?.click());
    expect(byTestId('allow-refused')?.textContent).toContain(
      'The browser did not give Deskmate access to Zendesk, so this tab was not read.',
    );
    answer = true;
    await act(async () => byTestId('allow-helpdesk')?.click());
    expect(byTestId('allow-refused')).toBeNull();
  });

  it('on another site, offers that host', async () => {
    render(async () => false, null);
    expect(byTestId('allow-host')?.textContent).toBe('Allow Deskmate to read acme.zendesk.com');
    await act(async () => byTestId('allow-host')?.click());
    expect(byTestId('allow-refused')?.textContent).toContain('access to acme.zendesk.com');
  });
});
