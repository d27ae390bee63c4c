// Hosts the agent declared in the options page as "this domain is a <helpdesk>": self-hosted Zammad, Jira Data
// Center, ServiceNow custom URLs, Zendesk host-mapped domains, Zoho regional domains… The content script loads
// the list from storage before it matches an adapter; adapters consult it next to their built-in host patterns,
// so routes, selectors and APIs stay the same on every host. Content-script side: no zod here.

/** host (with a port when not the default one, lower case) → adapter id */
const declared = new Map<string, string>();

export interface DeclaredHost {
  /** `URL.host`: `desk.example.org` or `zammad.intra:8443`. */
  host: string;
  /** The adapter id it belongs to (`zammad`). */
  helpdesk: string;
}

export function setDeclaredHosts(entries: Iterable<DeclaredHost>): void {
  declared.clear();
  for (const entry of entries) declared.set(entry.host.toLowerCase(), entry.helpdesk);
}

/** The adapter id the agent declared this URL's host to be, if any. */
export function declaredHelpdeskOf(url: URL): string | undefined {
  return declared.get(url.host.toLowerCase());
}

/**
 * Whether `url` is served by helpdesk `adapterId`: a built-in cloud host over HTTPS, or a host the agent declared
 * for that helpdesk (HTTP allowed there: intranet installs).
 */
export function isHelpdeskHost(url: URL, adapterId: string, builtInHost: RegExp): boolean {
  if (declaredHelpdeskOf(url) === adapterId) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && builtInHost.test(url.hostname);
}
