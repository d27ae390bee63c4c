import { contentScriptFileOf, HELPDESK_HOSTS, type HelpdeskId } from './matches';

// Built-in helpdesks are opt-in: the manifest does not require their hosts. The agent turns a helpdesk on (options
// page "Helpdesks", or "Allow Deskmate on …" in the side panel), the browser grants exactly that helpdesk's
// origins, and the background registers its content script (utils/background/helpdesk-access.ts). The granted
// permission is the one source of truth; these plain functions say what follows from it. Zod-free: the panel and
// the options page use them too.

/** Prefix of the ids of the built-in helpdesks' runtime content-script registrations. */
export const HELPDESK_REGISTRATION_PREFIX = 'deskmate-helpdesk:';

export const HELPDESK_IDS = Object.keys(HELPDESK_HOSTS) as HelpdeskId[];

export function isHelpdeskId(value: string): value is HelpdeskId {
  return Object.hasOwn(HELPDESK_HOSTS, value);
}

/** The origins the browser is asked for when the agent turns `id` on (and gives back when they turn it off). */
export function originsOf(id: HelpdeskId): string[] {
  return [...HELPDESK_HOSTS[id]];
}

export function registrationIdOfHelpdesk(id: HelpdeskId): string {
  return `${HELPDESK_REGISTRATION_PREFIX}${id}`;
}

/** Whether a URL falls under a `scheme://[*.]host/*` match pattern (the only shape HELPDESK_HOSTS uses). */
export function patternCovers(pattern: string, url: URL): boolean {
  const match = /^(https?):\/\/(\*\.)?([^/*]+)\/\*$/.exec(pattern);
  if (!match || `${match[1]}:` !== url.protocol) return false;
  const [, , wildcard, base] = match;
  const host = url.hostname.toLowerCase();
  return host === base || (wildcard !== undefined && host.endsWith(`.${base}`));
}

/** The built-in helpdesk whose hosts cover this page, or null (declared custom domains are not built-in). */
export function builtInHelpdeskOf(url: string | URL | undefined): HelpdeskId | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' || url === undefined ? new URL(url ?? '') : url;
  } catch {
    return null;
  }
  return HELPDESK_IDS.find((id) => HELPDESK_HOSTS[id].some((p) => patternCovers(p, parsed))) ?? null;
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

export interface HelpdeskRegistration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: true;
}

export function registrationOf(id: HelpdeskId): HelpdeskRegistration {
  return {
    id: registrationIdOfHelpdesk(id),
    matches: originsOf(id),
    js: [contentScriptFileOf(id)],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

export interface RegistrationPlan {
  /** Registration ids to remove: helpdesks turned off, or registered with stale matches/files (an update). */
  unregister: string[];
  register: HelpdeskRegistration[];
  /** Helpdesks that get their script now (their open tabs are injected at once). */
  added: HelpdeskId[];
}

/** What to change so the browser's registrations are exactly one per enabled helpdesk, as `registrationOf` says. */
export function planHelpdeskRegistrations(
  enabled: readonly HelpdeskId[],
  existing: readonly RegisteredScript[],
): RegistrationPlan {
  const ours = existing.filter((script) => script.id.startsWith(HELPDESK_REGISTRATION_PREFIX));
  const wanted = new Map(enabled.map((id) => [registrationIdOfHelpdesk(id), registrationOf(id)]));
  const sameList = (a: readonly string[] = [], b: readonly string[]) =>
    a.length === b.length && b.every((entry) => a.includes(entry));
  const current = (script: RegisteredScript) => {
    const want = wanted.get(script.id);
    const files = (script.js ?? []).map((file) => file.replace(/^\//, ''));
    return want !== undefined && sameList(script.matches, want.matches) && sameList(files, want.js);
  };
  const kept = new Set(ours.filter(current).map((script) => script.id));
  const previously = new Set(ours.map((script) => script.id));
  const register = [...wanted.values()].filter((reg) => !kept.has(reg.id));
  return {
    unregister: ours.filter((script) => !current(script)).map((script) => script.id),
    register,
    added: enabled.filter((id) => !previously.has(registrationIdOfHelpdesk(id))),
  };
}
