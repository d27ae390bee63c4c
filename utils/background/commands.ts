import { browser } from 'wxt/browser';
import { CommandName, PANEL_COMMAND_KEY, type PanelCommand } from '../messaging/panel-commands';

// Keyboard shortcuts (manifest `commands`): "open Deskmate" is the browser's own _execute_action; summarize, draft
// and insert open the panel for the tab they were pressed in (a shortcut is the user gesture sidePanel.open needs)
// and leave the command for that panel (utils/messaging/panel-commands.ts).

export interface CommandDeps {
  openPanel(tabId: number, windowId: number | undefined): Promise<void>;
  store(command: PanelCommand): Promise<void>;
  now(): number;
  newId(): string;
}

export async function handleCommand(
  name: string,
  tab: { id?: number; windowId?: number } | undefined,
  deps: CommandDeps,
): Promise<PanelCommand | null> {
  const command = CommandName.safeParse(name);
  if (!command.success || tab?.id === undefined) return null;
  const entry: PanelCommand = { id: deps.newId(), command: command.data, tabId: tab.id, at: deps.now() };
  // Opening first keeps the user gesture; the panel then finds the command when it starts.
  await deps.openPanel(tab.id, tab.windowId).catch(() => undefined);
  await deps.store(entry);
  return entry;
}

const firefox = browser as unknown as { sidebarAction?: { open(): Promise<void> } };

const browserDeps: CommandDeps = {
  async openPanel(tabId) {
    if (browser.sidePanel?.open) await browser.sidePanel.open({ tabId });
    else await firefox.sidebarAction?.open();
  },
  store: (command) => browser.storage.session.set({ [PANEL_COMMAND_KEY]: command }),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
};

export function startCommandHandling(): void {
  browser.commands?.onCommand.addListener((name, tab) => void handleCommand(name, tab, browserDeps));
}
