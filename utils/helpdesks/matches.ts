// Hosts the content script is declared for. Self-hosted/custom domains get registered at runtime (later issue).
export const HELPDESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.zammad.com/*',
  'https://*.atlassian.net/*',
  'https://desk.zoho.com/*',
  'https://desk.zoho.eu/*',
  'https://desk.zoho.in/*',
  'https://desk.zoho.com.au/*',
  'https://desk.zoho.jp/*',
  'https://desk.zoho.com.cn/*',
] as const;
