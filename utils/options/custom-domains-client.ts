import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { CUSTOM_DOMAINS_KEY, type CustomDomainsState, parseStoredDomains } from '../custom-domains';
import { t } from '../i18n/t';
import { DomainsResult, type PanelRequest } from '../messaging/protocol';

// The options page's side of declared helpdesk domains: it reads and watches the stored list, and asks the
// background (which owns the registrations) to add or remove one. Never throws.

export async function loadDomains(): Promise<{ state: CustomDomainsState; warning?: string }> {
  try {
    return parseStoredDomains(await storage.getItem<unknown>(CUSTOM_DOMAINS_KEY));
  } catch (error) {
    return {
      state: { domains: [], revoked: [] },
      warning: t('options_domains_unreadable', String(error)),
    };
  }
}

export function watchDomains(
  cb: (result: { state: CustomDomainsState; warning?: string }) => void,
): () => void {
  return storage.watch<unknown>(CUSTOM_DOMAINS_KEY, (raw) => cb(parseStoredDomains(raw)));
}

export async function askBackground(
  request: Extract<PanelRequest, { type: `domains/${string}` }>,
): Promise<DomainsResult> {
  try {
    const parsed = DomainsResult.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
    return { ok: false, message: t('options_background_garbled') };
  } catch (error) {
    return { ok: false, message: t('options_background_silent', String(error)) };
  }
}
