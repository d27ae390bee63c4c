import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import { type CommandName, commandToRun, PANEL_COMMAND_KEY } from '../messaging/panel-commands';

// Runs the keyboard shortcut left for this panel's tab (see utils/messaging/panel-commands.ts): at start, when the
// shortcut opened the panel, and on every later press while it is open.

export type CommandHandlers = Record<CommandName, () => void>;

export function usePanelCommands(tabId: number | null, ready: boolean, handlers: CommandHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const handled = useRef(new Set<string>());
  useEffect(() => {
    if (tabId === null || !ready) return;
    const run = (raw: unknown) => {
      const command = commandToRun(raw, tabId, Date.now(), handled.current);
      if (!command) return;
      handled.current.add(command.id);
      void browser.storage.session.remove(PANEL_COMMAND_KEY).catch(() => undefined);
      latest.current[command.command]();
    };
    void browser.storage.session
      .get(PANEL_COMMAND_KEY)
      .then((all) => run(all[PANEL_COMMAND_KEY]))
      .catch(() => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && PANEL_COMMAND_KEY in changes) run(changes[PANEL_COMMAND_KEY]?.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [tabId, ready]);
}
