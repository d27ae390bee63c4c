import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { hubspot } from '@/utils/helpdesks/hubspot';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.hubspot],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, hubspot),
});
