import { browser } from 'wxt/browser';
import { db } from '../db';
import { deskmateBridge } from '../helpdesks/bridge-main';
import { t } from '../i18n/t';
import type { InsertMode, InsertResult, UndoInsertResult } from '../messaging/protocol';
import {
  InsertResult as InsertResultSchema,
  UndoInsertResult as UndoInsertResultSchema,
} from '../messaging/protocol';
import { recordLastInsert } from './last-insert';
import { insertWithGenericReader, undoWithGenericReader } from './page-readers';
import { getTabTicket, sendToContent } from './tab-tickets';

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Injects a one-shot MAIN-world bridge with a fresh nonce; null when the page does not allow it. */
async function injectBridge(tabId: number): Promise<string | null> {
  const nonce = newNonce();
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      world: 'MAIN',
      func: deskmateBridge,
      args: [nonce, 15_000],
    });
    return nonce;
  } catch {
    return null;
  }
}

export interface InsertRequest {
  text: string;
  mode: InsertMode;
  confirmReplace: boolean;
}

export async function insertIntoTab(
  tabId: number,
  ticketKey: string,
  request: InsertRequest,
): Promise<InsertResult> {
  const result = await tryInsert(tabId, ticketKey, request);
  // Asking the agent to confirm a replace is no attempt: Diagnose keeps showing the last real one.
  if (result.ok || result.code !== 'needs-confirmation') await recordLastInsert(tabId, result);
  return result;
}

async function tryInsert(tabId: number, ticketKey: string, request: InsertRequest): Promise<InsertResult> {
  const { text, mode, confirmReplace } = request;
  const stored = await getTabTicket(tabId);
  if (!stored?.result.ok || stored.result.ticketKey !== ticketKey) {
    return {
      ok: false,
      code: 'ticket-changed',
      message: t('error_insert_ticket_changed'),
    };
  }
  const { ticket } = stored.result;
  let result: InsertResult;
  if (ticket.source.method === 'generic' || ticket.source.method === 'selection') {
    result = await insertWithGenericReader(tabId, request);
  } else {
    const bridgeNonce = await injectBridge(tabId);
    let reply: unknown;
    try {
      reply = await sendToContent(tabId, {
        type: 'content/insert',
        ticketId: ticket.id,
        text,
        bridgeNonce,
        mode,
        confirmReplace,
      });
    } catch (error) {
      return {
        ok: false,
        code: 'no-content-script',
        message: t('error_tab_no_answer', String(error).slice(0, 160)),
      };
    }
    const parsed = InsertResultSchema.safeParse(reply);
    result = parsed.success ? parsed.data : { ok: false, code: 'failed', message: t('error_tab_bad_answer') };
  }
  if (result.ok) await markLatestDraftInserted(ticketKey);
  return result;
}

/** "Undo insert": the content script undoes its own last insert in this ticket through the editor's undo. */
export async function undoInsertInTab(tabId: number, ticketKey: string): Promise<UndoInsertResult> {
  const stored = await getTabTicket(tabId);
  if (!stored?.result.ok || stored.result.ticketKey !== ticketKey) {
    return {
      ok: false,
      code: 'ticket-changed',
      message: t('error_undo_ticket_changed'),
    };
  }
  const { ticket } = stored.result;
  if (ticket.source.method === 'generic' || ticket.source.method === 'selection') {
    return undoWithGenericReader(tabId);
  }
  const bridgeNonce = await injectBridge(tabId);
  let reply: unknown;
  try {
    reply = await sendToContent(tabId, { type: 'content/undo-insert', ticketId: ticket.id, bridgeNonce });
  } catch (error) {
    return {
      ok: false,
      code: 'no-content-script',
      message: t('error_tab_no_answer', String(error).slice(0, 160)),
    };
  }
  const parsed = UndoInsertResultSchema.safeParse(reply);
  return parsed.success ? parsed.data : { ok: false, code: 'failed', message: t('error_tab_bad_answer') };
}

async function markLatestDraftInserted(ticketKey: string): Promise<void> {
  const latest = await db().generations.where('[ticketKey+kind]').equals([ticketKey, 'draft']).last();
  if (latest?.id !== undefined) await db().generations.update(latest.id, { inserted: true });
}
