import { browser } from 'wxt/browser';
import { browserLabel, maskUrl } from '../diagnose/report';
import { declaredHelpdeskOf } from '../helpdesks/custom-hosts';
import { adapterFor } from '../helpdesks/registry';
import { t } from '../i18n/t';
import { ContentDiagnosis, type DiagnoseResult, PageDiagnosis } from '../messaging/protocol';
import { getLastInsert } from './last-insert';
import { getTabTicket, sendToContent } from './tab-tickets';

// "Diagnose this page", background half: asks the tab's content script how the adapter's selectors fare, checks
// its answer, and adds what only the background knows (the reader of the stored ticket, the last insertion, the
// extension version). The URL goes in masked; nothing from the page's text is asked for or kept.

export async function diagnoseTab(tabId: number): Promise<DiagnoseResult> {
  let href: string | undefined;
  try {
    href = (await browser.tabs.get(tabId)).url;
  } catch {
    return { ok: false, message: t('error_tab_closed') };
  }
  const adapter = href ? adapterFor(href) : null;
  let hostKind: PageDiagnosis['hostKind'] = 'none';
  if (adapter && href) hostKind = declaredHelpdeskOf(new URL(href)) === adapter.id ? 'declared' : 'built-in';

  let content: ContentDiagnosis | null = null;
  let contentError: string | undefined;
  if (adapter) {
    try {
      const parsed = ContentDiagnosis.safeParse(await sendToContent(tabId, { type: 'content/diagnose' }));
      if (parsed.success) content = parsed.data;
      // i18n-ignore: goes into the Diagnose report only (English, for maintainers)
      else contentError = `The ${adapter.name} tab gave an answer Deskmate does not understand.`;
    } catch (error) {
      // i18n-ignore: goes into the Diagnose report only (English, for maintainers)
      contentError = `The ${adapter.name} tab did not answer (${String(error).slice(0, 160)}).`;
    }
  }

  const stored = await getTabTicket(tabId);
  const ticket = stored?.result.ok ? stored.result.ticket : null;
  const diagnosis = PageDiagnosis.parse({
    generatedAt: new Date().toISOString(),
    extensionVersion: browser.runtime.getManifest().version,
    browser: browserLabel(navigator.userAgent),
    page: href ? maskUrl(href) : null,
    hostKind,
    content,
    ...(contentError ? { contentError } : {}),
    reader: ticket
      ? { adapter: ticket.source.adapter, method: ticket.source.method, warnings: ticket.warnings.length }
      : null,
    lastInsert: await getLastInsert(tabId),
  });
  return { ok: true, diagnosis };
}
