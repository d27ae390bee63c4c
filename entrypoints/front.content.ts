import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { front } from '@/utils/helpdesks/front';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.front],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, front),
});
