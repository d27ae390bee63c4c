// Hosts each helpdesk's content script is declared for, by adapter id. Each helpdesk has its own content script
// (entrypoints/<id>.content.ts) holding only its adapter, so a helpdesk page loads one adapter, not thirteen.
// Self-hosted / custom domains are registered at runtime (utils/background/custom-domains.ts).
export const HELPDESK_HOSTS = {
  zendesk: ['https://*.zendesk.com/*'],
  freshdesk: ['https://*.freshdesk.com/*'],
  zammad: ['https://*.zammad.com/*'],
  intercom: ['https://app.intercom.com/*'],
  front: ['https://app.frontapp.com/*'],
  servicenow: ['https://*.service-now.com/*'],
  hubspot: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  salesforce: ['https://*.lightning.force.com/*'],
  gmail: ['https://mail.google.com/*'],
  jira: ['https://*.atlassian.net/*'],
  zohodesk: [
    'https://desk.zoho.com/*',
    'https://desk.zoho.eu/*',
    'https://desk.zoho.in/*',
    'https://desk.zoho.com.au/*',
    'https://desk.zoho.jp/*',
    'https://desk.zoho.com.cn/*',
  ],
  helpscout: ['https://secure.helpscout.net/*'],
  gorgias: ['https://*.gorgias.com/*'],
} as const satisfies Record<string, readonly string[]>;

export type HelpdeskId = keyof typeof HELPDESK_HOSTS;

/** Every built-in helpdesk host pattern (the manifest's host permissions). */
export const HELPDESK_MATCHES: readonly string[] = Object.values(HELPDESK_HOSTS).flat();

/** The packaged content script of one helpdesk (WXT names it after its entrypoint). */
export function contentScriptFileOf(helpdeskId: string): string {
  return `content-scripts/${helpdeskId}.js`;
}
