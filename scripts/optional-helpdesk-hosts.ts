import { HELPDESK_MATCHES } from '../utils/helpdesks/matches';

// Build step (wxt.config.ts hook). The helpdesk content scripts are `registration: 'runtime'`, and WXT then adds
// their match patterns to the REQUIRED host permissions (MV2: `permissions`). Deskmate wants the opposite:
// helpdesk access is optional, granted per helpdesk when the agent turns it on (utils/background/helpdesk-access.ts,
// covered by the optional https://*/* entry). This takes those patterns back out of the required lists.

interface ManifestHosts {
  host_permissions?: string[];
  permissions?: string[];
  content_scripts?: unknown[];
}

export function stripHelpdeskHosts(_wxt: unknown, manifest: ManifestHosts): void {
  const helpdesk = new Set(HELPDESK_MATCHES);
  for (const key of ['host_permissions', 'permissions'] as const) {
    const list = manifest[key];
    if (list) manifest[key] = list.filter((entry) => !helpdesk.has(entry));
  }
  // Every content script is registered at runtime: WXT leaves an empty list behind.
  if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
}
