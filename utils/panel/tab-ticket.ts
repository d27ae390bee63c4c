import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import { type PanelRequest, ReadTicketResult } from '../messaging/protocol';
import { tabStorageKey } from '../messaging/session-keys';

export type TicketState = { status: 'loading' } | { status: 'ready'; result: ReadTicketResult };

async function ask(request: PanelRequest): Promise<ReadTicketResult> {
  try {
    const parsed = ReadTicketResult.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
    return { ok: false, code: 'read-failed', message: t('panel_background_unexpected') };
  } catch (error) {
    return {
      ok: false,
      code: 'read-failed',
      message: t('panel_background_no_answer', String(error)),
    };
  }
}

/** The ticket of a tab: read on mount and on navigation, then kept in sync through storage.session. */
export function useTabTicket(tabId: number | null, navigation: number) {
  const [state, setState] = useState<TicketState>({ status: 'loading' });

  // navigation is a deliberate trigger: each tab navigation reads the ticket again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: navigation is a trigger, not a value used inside
  useEffect(() => {
    if (tabId === null) return;
    let cancelled = false;
    setState({ status: 'loading' });
    void ask({ type: 'ticket/read', tabId }).then((result) => {
      if (!cancelled) setState({ status: 'ready', result });
    });
    const key = tabStorageKey(tabId);
    const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
      const change = changes[key];
      if (!change) return;
      const value = change.newValue as { result?: unknown } | undefined;
      const parsed = ReadTicketResult.safeParse(value?.result);
      if (parsed.success && !cancelled) setState({ status: 'ready', result: parsed.data });
    };
    browser.storage.session.onChanged.addListener(onChanged);
    return () => {
      cancelled = true;
      browser.storage.session.onChanged.removeListener(onChanged);
    };
  }, [tabId, navigation]);

  const run = useCallback(
    async (type: 'ticket/read' | 'ticket/read-page' | 'ticket/use-selection') => {
      if (tabId === null) return;
      setState({ status: 'loading' });
      const result = await ask({ type, tabId });
      setState({ status: 'ready', result });
    },
    [tabId],
  );

  return {
    state,
    reread: () => run('ticket/read'),
    readPage: () => run('ticket/read-page'),
    useSelection: () => run('ticket/use-selection'),
  };
}
