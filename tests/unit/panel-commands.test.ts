import { describe, expect, it } from 'vitest';
import { type CommandDeps, handleCommand } from '@/utils/background/commands';
import { COMMAND_TTL_MS, commandToRun, type PanelCommand } from '@/utils/messaging/panel-commands';

function deps(now = 1_000) {
  const calls: string[] = [];
  const stored: PanelCommand[] = [];
  const d: CommandDeps = {
    openPanel: async (tabId) => {
      calls.push(`open ${tabId}`);
    },
    store: async (command) => {
      calls.push(`store ${command.command}`);
      stored.push(command);
    },
    now: () => now,
    newId: () => `id-${stored.length + 1}`,
  };
  return { d, calls, stored };
}

describe('handleCommand (background)', () => {
  it('opens the panel for the tab first (the shortcut is the user gesture), then leaves the command for it', async () => {
    const { d, calls, stored } = deps();
    const entry = await handleCommand('draft', { id: 7, windowId: 1 }, d);
    expect(calls).toEqual(['open 7', 'store draft']);
    expect(stored).toEqual([{ id: 'id-1', command: 'draft', tabId: 7, at: 1_000 }]);
    expect(entry).toEqual(stored[0]);
  });
  it('stores the command even when the panel cannot be opened (it may be open already)', async () => {
    const { d, stored } = deps();
    d.openPanel = async () => {
      throw new Error('No user gesture');
    };
    await handleCommand('summarize', { id: 3 }, d);
    expect(stored.map((c) => c.command)).toEqual(['summarize']);
  });
  it('ignores unknown commands and shortcuts pressed outside a tab', async () => {
    const { d, calls } = deps();
    expect(await handleCommand('delete-everything', { id: 7 }, d)).toBeNull();
    expect(await handleCommand('insert', undefined, d)).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('commandToRun (panel)', () => {
  const command: PanelCommand = { id: 'a', command: 'insert', tabId: 7, at: 10_000 };
  it('runs a fresh command for its own tab, once', () => {
    expect(commandToRun(command, 7, 10_500, new Set())).toEqual(command);
    expect(commandToRun(command, 7, 10_500, new Set(['a']))).toBeNull();
  });
  it('ignores another tab, a stale or future command, and anything malformed', () => {
    expect(commandToRun(command, 8, 10_500, new Set())).toBeNull();
    expect(commandToRun(command, null, 10_500, new Set())).toBeNull();
    expect(commandToRun(command, 7, 10_000 + COMMAND_TTL_MS + 1, new Set())).toBeNull();
    expect(commandToRun({ ...command, at: 20_000 }, 7, 10_000, new Set())).toBeNull();
    expect(commandToRun({ ...command, command: 'send' }, 7, 10_500, new Set())).toBeNull();
    expect(commandToRun(undefined, 7, 10_500, new Set())).toBeNull();
  });
});
