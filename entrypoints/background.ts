import '@/utils/zod-setup';
import { warmTokenizerSoon } from '@/utils/background/budgeted-payload';
import { startCommandHandling } from '@/utils/background/commands';
import { declaredPatterns, syncRegistrations } from '@/utils/background/custom-domains';
import { runRetention, startRetentionSchedule } from '@/utils/background/data';
import { serveGenerationPort } from '@/utils/background/generation';
import { markOrphanedGenerations } from '@/utils/background/generation-stream';
import { syncHelpdeskAccess } from '@/utils/background/helpdesk-access';
import { warmKnowledgeIndex } from '@/utils/background/knowledge-index';
import { clearLastInsert } from '@/utils/background/last-insert';
import { trackPanelPort } from '@/utils/background/panel-presence';
import { startPresetSync } from '@/utils/background/preset-sync';
import { reinjectIntoOpenTabs } from '@/utils/background/reinject';
import { routeMessage } from '@/utils/background/router';
import { classifySender, extensionOriginOf } from '@/utils/background/senders';
import { clearTabTicket } from '@/utils/background/tab-tickets';
import { startTeamPacks } from '@/utils/background/team-packs';
import { GENERATION_PORT, PANEL_PORT } from '@/utils/messaging/protocol';

export default defineBackground(() => {
  const extensionOrigin = extensionOriginOf(browser.runtime.getURL('/'));
  // A generation still 'streaming' now was cut off by the previous worker stopping: mark it interrupted.
  void markOrphanedGenerations().catch(() => 0);

  // Chrome: the toolbar button opens the side panel (Firefox uses sidebar_action on its own).
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  // Firefox: the same panel is a sidebar; the toolbar button toggles it (a user gesture, as open() requires).
  const firefox = browser as unknown as {
    sidebarAction?: { toggle(): Promise<void> };
    browserAction?: { onClicked: { addListener(cb: () => void): void } };
  };
  if (firefox.sidebarAction && firefox.browserAction) {
    const sidebar = firefox.sidebarAction;
    firefox.browserAction.onClicked.addListener(() => void sidebar.toggle());
  }

  startCommandHandling();
  // Personal presets through storage.sync, when the agent turned it on (options page).
  startPresetSync();
  // Team packs: the administrator's policy packs, then subscriptions due at start and on an hourly alarm.
  startTeamPacks();

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    routeMessage(message, sender).then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, code: 'failed', message: String(error) }),
    );
    return true;
  });

  browser.runtime.onConnect.addListener((port) => {
    // Only extension pages may open ports: a content script never starts a model call.
    if (classifySender(port.sender ?? {}, browser.runtime.id, extensionOrigin) !== 'extension-page') {
      port.disconnect();
      return;
    }
    if (port.name === GENERATION_PORT) serveGenerationPort(port);
    else if (port.name === PANEL_PORT) {
      trackPanelPort(port);
      warmTokenizerSoon();
      warmKnowledgeIndex();
    } else port.disconnect();
  });

  // Declared helpdesk domains: registrations follow the stored list after an update or a browser start, and a
  // site whose access the agent took away in the browser's settings is dropped (the options page says so).
  const resync = () => syncRegistrations().catch(() => null);
  browser.runtime.onStartup.addListener(() => void resync());

  // Retention: generations and drafts older than the agent's period go at browser start, after an install or
  // update, and on a repeating alarm (utils/data/retention.ts).
  startRetentionSchedule();
  browser.runtime.onStartup.addListener(() => void runRetention('startup').catch(() => null));
  browser.permissions.onRemoved.addListener(() => void resync());

  // Built-in helpdesks: a helpdesk's content script is registered while its site access is granted.
  const syncHelpdesks = () => void syncHelpdeskAccess().catch(() => null);
  browser.permissions.onAdded.addListener(syncHelpdesks);
  browser.permissions.onRemoved.addListener(syncHelpdesks);
  browser.runtime.onStartup.addListener(syncHelpdesks);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'install' && reason !== 'update') return;
    void runRetention('startup').catch(() => null);
    syncHelpdesks();
    void resync()
      .then(() => declaredPatterns())
      .then((patterns) => reinjectIntoOpenTabs(patterns));
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void clearTabTicket(tabId);
    void clearLastInsert(tabId);
  });
});
