// Hosts the content script is declared for. Self-hosted/custom domains get registered at runtime (later issue).
export const HELPDESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.zammad.com/*',
  'https://secure.helpscout.net/*',
  'https://*.gorgias.com/*',
] as const;
