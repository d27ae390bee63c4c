import { z } from 'zod';

// Keyboard shortcuts (manifest `commands`) reach the side panel through storage.session: the background writes
// the command for the tab it was pressed in, the panel for that tab runs it once and removes it. One mechanism
// whether the panel was already open or is opened by the shortcut itself; storage.session is readable by the
// extension's own pages only (never by content scripts), so a page cannot fake a shortcut.

export const PANEL_COMMAND_KEY = 'panelCommand';

export const CommandName = z.enum(['summarize', 'draft', 'insert']);
export type CommandName = z.infer<typeof CommandName>;

export const PanelCommand = z.object({
  /** Unique per key press, so a command runs once even if the panel sees it twice. */
  id: z.string().min(1).max(64),
  command: CommandName,
  tabId: z.number().int().nonnegative(),
  at: z.number().int().nonnegative(),
});
export type PanelCommand = z.infer<typeof PanelCommand>;

/** A command older than this is stale: the panel did not open for it, and running it later would surprise. */
export const COMMAND_TTL_MS = 15_000;

/** The command the panel of `tabId` should run now, or null. */
export function commandToRun(
  raw: unknown,
  tabId: number | null,
  now: number,
  handled: ReadonlySet<string>,
): PanelCommand | null {
  const parsed = PanelCommand.safeParse(raw);
  if (!parsed.success || tabId === null) return null;
  const command = parsed.data;
  if (command.tabId !== tabId || handled.has(command.id)) return null;
  if (now - command.at > COMMAND_TTL_MS || command.at > now + 1_000) return null;
  return command;
}
