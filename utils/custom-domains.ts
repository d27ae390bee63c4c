import { z } from 'zod';
import { HELPDESK_MATCHES } from './helpdesks/matches';
import { t } from './i18n/t';

// Self-hosted and custom helpdesk domains ("this domain is a <helpdesk>"), as the options page and the background
// see them (zod lives here). The content script reads the same stored value by hand (utils/content/page-config.ts)
// and hands the hosts to utils/helpdesks/custom-hosts.ts; this module is the one description of that value.

/** chrome.storage.local key, through WXT's storage (`local:` prefix); the content script reads `customDomains`. */
export const CUSTOM_DOMAINS_KEY = 'local:customDomains';
export const CUSTOM_DOMAINS_STORAGE_KEY = 'customDomains';
/** Prefix of the ids of the content scripts Deskmate registers for declared domains. */
export const REGISTRATION_PREFIX = 'deskmate-domain:';
export const MAX_CUSTOM_DOMAINS = 50;

const EXAMPLE = 'https://support.acme.com';

export interface ParsedOrigin {
  /** `https://support.acme.com` or `http://zammad.intra:8080` (URL.origin: lower case, default port dropped). */
  origin: string;
  /** `URL.host`: host name plus a non-default port. */
  host: string;
  /**
   * The match pattern for the permission and the content-script registration. No port: Chrome reads a missing
   * port as "any port" and Firefox rejects ports in patterns; the content script then checks the exact host.
   */
  pattern: string;
}

/** Built-in helpdesk hosts (HELPDESK_MATCHES): those are turned on per helpdesk, not declared. */
export function builtInPatternFor(url: URL): string | null {
  for (const pattern of HELPDESK_MATCHES) {
    const match = /^(https?):\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
    if (!match || `${match[1]}:` !== url.protocol) continue;
    const [, , wildcard, base] = match;
    const host = url.hostname.toLowerCase();
    if (host === base || (wildcard && host.endsWith(`.${base}`))) return pattern;
  }
  return null;
}

/** What the agent typed → an origin, or the reason it is not one, in words they can act on. */
export function parseOrigin(input: string): { ok: true; value: ParsedOrigin } | { ok: false; error: string } {
  const text = input.trim();
  if (text === '') return { ok: false, error: t('options_origin_empty', EXAMPLE) };
  if (text.length > 300) return { ok: false, error: t('options_origin_too_long', 300) };
  if (text.includes('*')) {
    return {
      ok: false,
      error: t('options_origin_wildcard', EXAMPLE),
    };
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return {
      ok: false,
      error: t('options_origin_no_scheme', `https://${text.replace(/^\/+/, '')}`),
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: t('options_origin_invalid', EXAMPLE) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      error: t('options_origin_scheme', `${url.protocol}//`),
    };
  }
  if (url.username || url.password) {
    return { ok: false, error: t('options_origin_credentials') };
  }
  if (url.hostname === '') return { ok: false, error: t('options_origin_no_host', EXAMPLE) };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return {
      ok: false,
      error: t('options_origin_path', url.origin, text),
    };
  }
  const builtIn = builtInPatternFor(url);
  if (builtIn) {
    return {
      ok: false,
      error: t('options_origin_built_in', url.origin, builtIn),
    };
  }
  return {
    ok: true,
    value: { origin: url.origin, host: url.host, pattern: `${url.protocol}//${url.hostname}/*` },
  };
}

/** An http(s) origin as stored (normalised by `parseOrigin`). */
export const DomainOrigin = z
  .string()
  .max(300)
  .refine(
    (value) => {
      const parsed = parseOrigin(value);
      return parsed.ok && parsed.value.origin === value;
    },
    { error: () => t('core_data_domains_not_origin') },
  );

export const AdapterId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, { error: () => t('core_data_domains_not_helpdesk_id') });

export const DeclaredDomain = z.object({
  origin: DomainOrigin,
  /** Adapter id (`zammad`). */
  helpdesk: AdapterId,
  addedAt: z.number().int().nonnegative(),
});
export type DeclaredDomain = z.infer<typeof DeclaredDomain>;

export const RevokedDomain = z.object({
  origin: DomainOrigin,
  helpdesk: AdapterId,
  revokedAt: z.number().int().nonnegative(),
});
export type RevokedDomain = z.infer<typeof RevokedDomain>;

export const CustomDomainsState = z.object({
  domains: z.array(DeclaredDomain).max(MAX_CUSTOM_DOMAINS),
  /** Dropped because the agent took the site access away in the browser; shown in the options page. */
  revoked: z.array(RevokedDomain).max(MAX_CUSTOM_DOMAINS),
});
export type CustomDomainsState = z.infer<typeof CustomDomainsState>;

export const EMPTY_DOMAINS: CustomDomainsState = { domains: [], revoked: [] };

/** A stored value, validated; a bad one counts as empty and says so rather than breaking the page. */
export function parseStoredDomains(raw: unknown): { state: CustomDomainsState; warning?: string } {
  if (raw == null) return { state: EMPTY_DOMAINS };
  const parsed = CustomDomainsState.safeParse(raw);
  if (parsed.success) return { state: parsed.data };
  return {
    state: EMPTY_DOMAINS,
    warning: t('core_data_domains_saved_invalid', parsed.error.issues[0]?.message ?? 'bad shape'),
  };
}

export function patternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export function registrationIdOf(pattern: string): string {
  return `${REGISTRATION_PREFIX}${pattern}`;
}
