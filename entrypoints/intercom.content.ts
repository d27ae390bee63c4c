import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { intercom } from '@/utils/helpdesks/intercom';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.intercom],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, intercom),
});
