import { browser } from 'wxt/browser';
import { builtInHelpdeskOf, originsOf } from '../helpdesks/access';
import { adapterFor } from '../helpdesks/registry';
import { t } from '../i18n/t';
import {
  type ContentCommand,
  type ReadTicketResult,
  ReadTicketResult as ReadTicketResultSchema,
} from '../messaging/protocol';
import { tabStorageKey } from '../messaging/session-keys';
import { Ticket, ticketKey } from '../ticket/ticket';
import { contentScriptFor } from './reinject';

// The last ticket read per tab lives in storage.session (trusted contexts only, survives a service-worker
// restart, gone with the browser session). The side panel pulls it on mount and watches it.

export { tabStorageKey };

export interface StoredTabTicket {
  result: ReadTicketResult;
  at: number;
}

// The service worker also keeps what it stored in memory: reading a 1,000-message ticket back from storage.session
// and validating it again costs ≈ 30 ms on every click (issue #9). storage.session stays the truth: an entry
// written or removed by anything else (delete all, another worker instance) drops the memory copy.
const inMemory = new Map<number, StoredTabTicket>();

function onSessionChange(changes: Record<string, { newValue?: unknown }>): void {
  for (const [tabId, entry] of inMemory) {
    const change = changes[tabStorageKey(tabId)];
    if (!change) continue;
    const at = (change.newValue as { at?: unknown } | undefined)?.at;
    if (at !== entry.at) inMemory.delete(tabId);
  }
}

function watchSessionStorage(): void {
  if (!browser.storage.session.onChanged.hasListener(onSessionChange)) {
    browser.storage.session.onChanged.addListener(onSessionChange);
  }
}

export async function getTabTicket(tabId: number): Promise<StoredTabTicket | null> {
  const remembered = inMemory.get(tabId);
  if (remembered) return remembered;
  const key = tabStorageKey(tabId);
  const stored = (await browser.storage.session.get(key))[key] as
    | { result?: unknown; at?: unknown }
    | undefined;
  if (!stored) return null;
  const parsed = ReadTicketResultSchema.safeParse(stored.result);
  if (!parsed.success || typeof stored.at !== 'number') return null;
  return { result: parsed.data, at: stored.at };
}

export async function setTabTicket(tabId: number, result: ReadTicketResult): Promise<void> {
  watchSessionStorage();
  const entry = { result, at: Date.now() };
  inMemory.delete(tabId);
  await browser.storage.session.set({ [tabStorageKey(tabId)]: entry });
  // Only once stored: a failed write leaves no copy that storage.session does not have.
  inMemory.set(tabId, entry);
}

export async function clearTabTicket(tabId: number): Promise<void> {
  inMemory.delete(tabId);
  await browser.storage.session.remove(tabStorageKey(tabId));
}

const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/i;

/** How long a just-injected content script gets to start listening (it reads its settings first). */
export const INJECTED_SCRIPT_WAIT = { attempts: 10, intervalMs: 100 };

/** Sends a command to the tab's top-frame content script, injecting the script once if an old tab has none. */
export async function sendToContent(tabId: number, command: ContentCommand): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, command, { frameId: 0 });
  } catch (error) {
    if (!NO_RECEIVER.test(String(error))) throw error;
    // Tabs opened before install/update have no content script yet: inject it rather than ask for a reload.
    const file = contentScriptFor((await browser.tabs.get(tabId)).url);
    if (!file) throw error;
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [file] });
    // executeScript resolves once the script has run its first lines, but the script adds its message listener
    // only after reading its settings from storage, and a helpdesk just turned on gets a second copy injected by
    // the access sync (the newer copy replaces the older). So "no receiver" right after injecting means "not yet":
    // ask again for up to a second.
    for (let attempt = 1; ; attempt++) {
      try {
        return await browser.tabs.sendMessage(tabId, command, { frameId: 0 });
      } catch (retryError) {
        if (!NO_RECEIVER.test(String(retryError)) || attempt >= INJECTED_SCRIPT_WAIT.attempts)
          throw retryError;
        await new Promise((resolve) => setTimeout(resolve, INJECTED_SCRIPT_WAIT.intervalMs));
      }
    }
  }
}

export function acceptTicket(raw: unknown): ReadTicketResult {
  const parsed = Ticket.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'read-failed',
      message: t('error_ticket_not_understood', parsed.error.issues[0]?.path.join('.') ?? 'shape'),
    };
  }
  return { ok: true, ticket: parsed.data, ticketKey: ticketKey(parsed.data) };
}

async function hasAccess(origins: string[]): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins });
  } catch {
    return false;
  }
}

export async function readTicketFromTab(tabId: number): Promise<ReadTicketResult> {
  let url: string | undefined;
  try {
    url = (await browser.tabs.get(tabId)).url;
  } catch {
    return { ok: false, code: 'no-access', message: t('error_tab_closed') };
  }
  if (!url) {
    return { ok: false, code: 'no-access', message: t('error_tab_no_address') };
  }
  const adapter = adapterFor(url);
  if (!adapter) {
    return {
      ok: false,
      code: 'no-adapter',
      message: t('error_no_adapter'),
    };
  }
  let reply: unknown;
  try {
    reply = await sendToContent(tabId, { type: 'content/extract' });
  } catch (error) {
    // A built-in helpdesk the agent has not turned on: say so (the panel offers to allow it) rather than blame the
    // tab. (Opening the panel from the toolbar grants activeTab, which lets the read above succeed once anyway.)
    const builtIn = builtInHelpdeskOf(url);
    if (builtIn === adapter.id && !(await hasAccess(originsOf(builtIn)))) {
      return {
        ok: false,
        code: 'no-access',
        helpdesk: adapter.name,
        message: t('error_helpdesk_off', adapter.name),
      };
    }
    return {
      ok: false,
      code: 'read-failed',
      helpdesk: adapter.name,
      message: t('error_helpdesk_tab_unreachable', adapter.name, String(error)),
    };
  }
  if (!reply || typeof reply !== 'object') {
    return {
      ok: false,
      code: 'read-failed',
      helpdesk: adapter.name,
      message: t('error_helpdesk_tab_silent', adapter.name),
    };
  }
  const r = reply as { ok?: unknown; ticket?: unknown; code?: unknown; message?: unknown };
  if (r.ok === true) return acceptTicket(r.ticket);
  return {
    ok: false,
    code: r.code === 'no-ticket' ? 'no-ticket' : 'read-failed',
    helpdesk: adapter.name,
    message:
      typeof r.message === 'string' ? r.message.slice(0, 500) : t('error_helpdesk_read_failed', adapter.name),
  };
}

export async function refreshTabTicket(tabId: number): Promise<ReadTicketResult> {
  const result = await readTicketFromTab(tabId);
  await setTabTicket(tabId, result);
  return result;
}
