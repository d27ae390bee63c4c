// Hosts the content script is declared for. Self-hosted/custom domains get registered at runtime (later issue).
export const HELPDESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.zammad.com/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://*.service-now.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://*.lightning.force.com/*',
  'https://mail.google.com/*',
] as const;
