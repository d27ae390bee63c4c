import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';
import { servicenow } from '@/utils/helpdesks/servicenow';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.servicenow],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, servicenow),
});
