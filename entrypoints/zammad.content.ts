import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';
import { zammad } from '@/utils/helpdesks/zammad';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.zammad],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, zammad),
});
