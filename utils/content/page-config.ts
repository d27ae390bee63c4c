import { browser } from 'wxt/browser';
import { type DeclaredHost, setDeclaredHosts } from '../helpdesks/custom-hosts';
import { applySelectorOverrides } from '../helpdesks/selector-overrides';
import type { HelpdeskAdapter } from '../helpdesks/types';

// What the content script must know before it matches an adapter: the domains the agent declared as helpdesks
// and their selector overrides. Both live in storage.local (written, zod-validated, by the options page and the
// background; schemas in ../custom-domains.ts and ../selector-overrides.ts). Here they are checked by hand to keep
// zod out of the content bundle; a malformed entry is skipped.

const DOMAINS = 'customDomains';
const OVERRIDES = 'selectorOverrides';

export function declaredHostsFrom(raw: unknown): DeclaredHost[] {
  const domains = (raw as { domains?: unknown } | null)?.domains;
  if (!Array.isArray(domains)) return [];
  const hosts: DeclaredHost[] = [];
  for (const entry of domains.slice(0, 50)) {
    const { origin, helpdesk } = (entry ?? {}) as { origin?: unknown; helpdesk?: unknown };
    if (typeof origin !== 'string' || typeof helpdesk !== 'string') continue;
    try {
      const url = new URL(origin);
      if (url.protocol === 'https:' || url.protocol === 'http:') hosts.push({ host: url.host, helpdesk });
    } catch {
      // not an origin: skipped
    }
  }
  return hosts;
}

/**
 * Loads both settings and applies them to `adapters` (a helpdesk's content script carries only its own adapter).
 * Never throws: without storage the built-in hosts still work.
 */
export async function loadPageConfig(adapters: readonly HelpdeskAdapter[]): Promise<void> {
  try {
    const stored = await browser.storage.local.get([DOMAINS, OVERRIDES]);
    setDeclaredHosts(declaredHostsFrom(stored[DOMAINS]));
    applySelectorOverrides(adapters, stored[OVERRIDES]);
  } catch {
    // storage unavailable (extension context gone): keep the defaults
  }
}

/** Re-applies the settings when they change (an override saved in the options page works without a reload). */
export function watchPageConfig(adapters: readonly HelpdeskAdapter[]): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (changes[DOMAINS]) setDeclaredHosts(declaredHostsFrom(changes[DOMAINS].newValue));
    if (changes[OVERRIDES]) applySelectorOverrides(adapters, changes[OVERRIDES].newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
