// Hosts of each helpdesk, by adapter id: what the browser is asked for when the agent turns that helpdesk on, and
// where its content script is then registered (utils/background/helpdesk-access.ts). Each helpdesk has its own
// content script (entrypoints/<id>.content.ts) holding only its adapter, so a helpdesk page loads one adapter, not
// thirteen. Self-hosted / custom domains are registered at runtime too (utils/background/custom-domains.ts).
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

/** Every built-in helpdesk host pattern (optional: granted per helpdesk, utils/helpdesks/access.ts). */
export const HELPDESK_MATCHES: readonly string[] = Object.values(HELPDESK_HOSTS).flat();

/** The packaged content script of one helpdesk (WXT names it after its entrypoint). */
export function contentScriptFileOf(helpdeskId: string): string {
  return `content-scripts/${helpdeskId}.js`;
}
