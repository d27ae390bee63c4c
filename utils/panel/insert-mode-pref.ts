import { storage } from 'wxt/utils/storage';
import { InsertMode } from '../messaging/protocol';

// The agent's last insert mode, remembered across tickets and panels (storage.local: a preference, no ticket data).

export const INSERT_MODE_KEY = 'local:insertMode';

/** A missing or unreadable value is the default, the caret. */
export function parseInsertMode(raw: unknown): InsertMode {
  const parsed = InsertMode.safeParse(raw);
  return parsed.success ? parsed.data : 'caret';
}

export async function loadInsertMode(): Promise<InsertMode> {
  try {
    return parseInsertMode(await storage.getItem<unknown>(INSERT_MODE_KEY));
  } catch {
    return 'caret';
  }
}

export async function saveInsertMode(mode: InsertMode): Promise<void> {
  await storage.setItem(INSERT_MODE_KEY, InsertMode.parse(mode));
}
