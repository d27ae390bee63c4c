import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import { ContentEvent, PanelRequest } from '../messaging/protocol';
import { runProviderTest } from '../providers/test-request';
import { previewPayload, warmPayloadSoon } from './budgeted-payload';
import { addDomain, declaredHostsReady, dismissRevoked, removeDomain } from './custom-domains';
import { deleteAllData, exportData, setRetention } from './data';
import { diagnoseTab } from './diagnose';
import { insertIntoTab, undoInsertInTab } from './insert';
import { suggestKnowledge } from './knowledge-index';
import { readPageWithGenericReader, readSelection } from './page-readers';
import { isAnyPanelOpen } from './panel-presence';
import { classifySender, extensionOriginOf, isTopLevelExtensionPage, type SenderLike } from './senders';
import { clearTabTicket, refreshTabTicket, setTabTicket } from './tab-tickets';
import { handlePackRequest } from './team-packs';

// Every runtime message enters here. Each is parsed against the protocol for its sender's kind; a content
// script can only report a ticket change — it can never start a model call or ask for an insert.

export async function routeMessage(raw: unknown, sender: SenderLike): Promise<unknown> {
  const extensionOrigin = extensionOriginOf(browser.runtime.getURL('/'));
  const kind = classifySender(sender, browser.runtime.id, extensionOrigin);
  if (kind === 'foreign') return undefined;
  // Matching a tab to an adapter needs the hosts the agent declared (a fresh worker loads them first).
  await declaredHostsReady();
  if (kind === 'content-script') {
    const event = ContentEvent.safeParse(raw);
    if (!event.success) return undefined;
    const tabId = sender.tab?.id;
    if (typeof tabId !== 'number' || sender.frameId !== 0) return undefined;
    // Read only while someone looks; otherwise forget the old ticket and let the next panel read afresh.
    if (isAnyPanelOpen()) {
      const result = await refreshTabTicket(tabId);
      if (result.ok) warmPayloadSoon(tabId, result.ticketKey);
    } else await clearTabTicket(tabId);
    return undefined;
  }
  if (kind !== 'extension-page') return undefined;

  const parsed = PanelRequest.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'bad-request', message: t('core_llm_malformed_request') };
  const request = parsed.data;
  // The agent's stored data (export, delete-all, retention) answers only our own top-level pages, and so does a
  // test that sends the stored key to the endpoint named in the request, and the payload preview (ticket text).
  const needsTopLevel =
    request.type.startsWith('data/') ||
    request.type.startsWith('packs/') ||
    request.type === 'payload/preview' ||
    request.type === 'knowledge/suggest' ||
    (request.type === 'provider/test' && request.useStoredKey === true);
  if (needsTopLevel && !isTopLevelExtensionPage(sender, browser.runtime.id, extensionOrigin)) {
    return undefined;
  }
  switch (request.type) {
    case 'ticket/read': {
      const result = await refreshTabTicket(request.tabId);
      if (result.ok) warmPayloadSoon(request.tabId, result.ticketKey);
      return result;
    }
    case 'ticket/read-page': {
      const result = await readPageWithGenericReader(request.tabId);
      await setTabTicket(request.tabId, result);
      return result;
    }
    case 'ticket/use-selection': {
      const result = await readSelection(request.tabId);
      if (result.ok) await setTabTicket(request.tabId, result);
      return result;
    }
    case 'reply/insert':
      return insertIntoTab(request.tabId, request.ticketKey, {
        text: request.text,
        mode: request.mode ?? 'caret',
        confirmReplace: request.confirmReplace === true,
      });
    case 'reply/undo-insert':
      return undoInsertInTab(request.tabId, request.ticketKey);
    case 'domains/add':
      return addDomain(request.origin, request.helpdesk);
    case 'domains/remove':
      return removeDomain(request.origin);
    case 'domains/dismiss-revoked':
      return dismissRevoked();
    case 'page/diagnose':
      return diagnoseTab(request.tabId);
    case 'payload/preview':
      return previewPayload(request.tabId, request.ticketKey, request.kind, {
        ...(request.replyLanguage ? { replyLanguage: request.replyLanguage } : {}),
        ...(request.presetKey ? { presetKey: request.presetKey } : {}),
        ...(request.draft !== undefined ? { draft: request.draft } : {}),
        ...(request.refine ? { refine: request.refine } : {}),
        ...(request.knowledgeKeys ? { knowledgeKeys: request.knowledgeKeys } : {}),
      });
    case 'data/retention-set':
      return setRetention(request.period);
    case 'data/export':
      return exportData();
    case 'data/delete-all':
      return deleteAllData(request.confirmation);
    case 'provider/test':
      return runProviderTest(request);
    case 'packs/subscribe':
    case 'packs/refresh':
    case 'packs/set-interval':
      return handlePackRequest(request);
    case 'knowledge/suggest':
      return suggestKnowledge(request.tabId, request.ticketKey, request.limit);
  }
}
