import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import {
  type InsertMethod,
  type InsertMode,
  InsertResult,
  UndoInsertResult,
  type UndoOffer,
} from '../messaging/protocol';

export type InsertOutcome =
  | { kind: 'inserted'; helpdesk: string; method: InsertMethod; undo: UndoOffer }
  /** Replace over text in the composer: nothing changed; ask the agent, then send again with `confirmReplace`. */
  | { kind: 'needs-confirmation'; existing: { chars: number; snippet: string } }
  | { kind: 'copied'; reason: string }
  | { kind: 'failed'; reason: string };

export interface InsertChoice {
  mode: InsertMode;
  confirmReplace?: boolean;
}

/** An older content script answers without an undo offer: say so rather than offer what may not work. */
const noUndoOffer = (): UndoOffer => ({ available: false, reason: t('panel_no_undo_offer') });

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

/**
 * Insert into the helpdesk's reply editor (at the caret by default); when that cannot be verified, copy and say
 * why. A replace the agent has not confirmed comes back as 'needs-confirmation' with nothing changed or copied.
 */
export async function insertOrCopy(
  tabId: number,
  ticketKey: string,
  text: string,
  choice: InsertChoice = { mode: 'caret' },
): Promise<InsertOutcome> {
  let reason: string;
  try {
    const parsed = InsertResult.safeParse(
      await browser.runtime.sendMessage({
        type: 'reply/insert',
        tabId,
        ticketKey,
        text,
        mode: choice.mode,
        ...(choice.confirmReplace ? { confirmReplace: true } : {}),
      }),
    );
    if (parsed.success && parsed.data.ok)
      return {
        kind: 'inserted',
        helpdesk: parsed.data.helpdesk,
        method: parsed.data.method,
        undo: parsed.data.undo ?? noUndoOffer(),
      };
    if (
      parsed.success &&
      !parsed.data.ok &&
      parsed.data.code === 'needs-confirmation' &&
      parsed.data.existing
    )
      return { kind: 'needs-confirmation', existing: parsed.data.existing };
    reason = parsed.success && !parsed.data.ok ? parsed.data.message : t('panel_tab_unexpected');
  } catch (error) {
    reason = t('panel_background_no_answer', String(error));
  }
  return (await copyText(text)) ? { kind: 'copied', reason } : { kind: 'failed', reason };
}

/** "Undo insert": the editor's own undo of Deskmate's last insert into this ticket, verified by the page. */
export async function undoLastInsert(tabId: number, ticketKey: string): Promise<UndoInsertResult> {
  try {
    const parsed = UndoInsertResult.safeParse(
      await browser.runtime.sendMessage({ type: 'reply/undo-insert', tabId, ticketKey }),
    );
    return parsed.success ? parsed.data : { ok: false, code: 'failed', message: t('panel_tab_unexpected') };
  } catch (error) {
    return { ok: false, code: 'failed', message: t('panel_background_no_answer', String(error)) };
  }
}
