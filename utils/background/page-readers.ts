import { browser } from 'wxt/browser';
import { readSelectionTicket } from '../helpdesks/selection';
import { t } from '../i18n/t';
import type { InsertMode, InsertResult, ReadTicketResult, UndoInsertResult } from '../messaging/protocol';
import {
  InsertResult as InsertResultSchema,
  UndoInsertResult as UndoInsertResultSchema,
} from '../messaging/protocol';
import { acceptTicket } from './tab-tickets';

// On-demand readers for pages no adapter knows. They run only after the agent clicks, through activeTab
// (granted when the agent opened Deskmate from the toolbar on that tab) or an explicit host permission.

const NO_ACCESS =
  /Cannot access|cannot be scripted|Missing host permission|permission|chrome:\/\/|extensions gallery/i;

function noAccess(error: unknown): ReadTicketResult {
  return {
    ok: false,
    code: 'no-access',
    message: NO_ACCESS.test(String(error))
      ? t('error_page_no_access')
      : t('error_page_unreadable', String(error).slice(0, 200)),
  };
}

async function ensureGenericReader(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/generic-reader.js'] });
}

export async function readPageWithGenericReader(tabId: number): Promise<ReadTicketResult> {
  try {
    await ensureGenericReader(tabId);
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: () => {
        try {
          return { ok: true, ticket: globalThis.__deskmateGeneric?.read() };
        } catch (error) {
          return { ok: false, message: String((error as Error)?.message ?? error) };
        }
      },
    });
    const value = result?.result as { ok?: boolean; ticket?: unknown; message?: string } | undefined;
    if (!value?.ok) {
      return {
        ok: false,
        code: 'read-failed',
        message: value?.message ?? t('error_page_reader_empty'),
      };
    }
    return acceptTicket(value.ticket);
  } catch (error) {
    return noAccess(error);
  }
}

export async function readSelection(tabId: number): Promise<ReadTicketResult> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => ({ text: String(getSelection() ?? ''), title: document.title, url: location.href }),
    });
    const pick = results
      .map((r) => r.result as { text: string; title: string; url: string } | undefined)
      .find((r) => r && r.text.trim().length > 0);
    const top = results.find((r) => r.frameId === 0)?.result as { title: string; url: string } | undefined;
    if (!pick) {
      return {
        ok: false,
        code: 'empty-selection',
        message: t('error_empty_selection'),
      };
    }
    return acceptTicket(readSelectionTicket(pick.text, top?.title ?? pick.title, top?.url ?? pick.url));
  } catch (error) {
    return noAccess(error);
  }
}

export async function insertWithGenericReader(
  tabId: number,
  request: { text: string; mode: InsertMode; confirmReplace: boolean },
): Promise<InsertResult> {
  try {
    await ensureGenericReader(tabId);
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: (t: string, mode: InsertMode, confirmReplace: boolean) =>
        globalThis.__deskmateGeneric?.insert(t, mode, confirmReplace),
      args: [request.text, request.mode, request.confirmReplace],
    });
    const parsed = InsertResultSchema.safeParse(result?.result);
    if (parsed.success) return parsed.data;
    return { ok: false, code: 'failed', message: t('error_page_no_insert_answer') };
  } catch (error) {
    return {
      ok: false,
      code: 'no-content-script',
      message: t('error_page_no_write', String(error).slice(0, 160)),
    };
  }
}

/** "Undo insert" on a page read by the generic reader: its own last insert, if the page is still the same. */
export async function undoWithGenericReader(tabId: number): Promise<UndoInsertResult> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: () => globalThis.__deskmateGeneric?.undo() ?? null,
    });
    const parsed = UndoInsertResultSchema.safeParse(result?.result);
    if (parsed.success) return parsed.data;
    return { ok: false, code: 'nothing-to-undo', message: t('error_page_reloaded') };
  } catch (error) {
    return {
      ok: false,
      code: 'no-content-script',
      message: t('error_page_no_write', String(error).slice(0, 160)),
    };
  }
}
