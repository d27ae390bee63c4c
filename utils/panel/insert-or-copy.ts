import { browser } from 'wxt/browser';
import { type InsertMethod, InsertResult } from '../messaging/protocol';

export type InsertOutcome =
  | { kind: 'inserted'; helpdesk: string; method: InsertMethod }
  | { kind: 'copied'; reason: string }
  | { kind: 'failed'; reason: string };

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No focus or no clipboard API: the clipboardWrite permission still allows the legacy copy command.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Insert into the helpdesk's reply editor; when that cannot be verified, copy and say why. */
export async function insertOrCopy(tabId: number, ticketKey: string, text: string): Promise<InsertOutcome> {
  let reason: string;
  try {
    const parsed = InsertResult.safeParse(
      await browser.runtime.sendMessage({ type: 'reply/insert', tabId, ticketKey, text }),
    );
    if (parsed.success && parsed.data.ok)
      return { kind: 'inserted', helpdesk: parsed.data.helpdesk, method: parsed.data.method };
    reason =
      parsed.success && !parsed.data.ok ? parsed.data.message : 'The helpdesk tab gave an unexpected answer.';
  } catch (error) {
    reason = `Deskmate’s background did not answer (${String(error)}).`;
  }
  return (await copyText(text)) ? { kind: 'copied', reason } : { kind: 'failed', reason };
}
