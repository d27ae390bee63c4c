import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { gorgias } from '@/utils/helpdesks/gorgias';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.gorgias],
  runAt: 'document_idle',
  // Registered by the background once the agent turns this helpdesk on (utils/background/helpdesk-access.ts).
  registration: 'runtime',
  main: (ctx) => runHelpdeskContentScript(ctx, gorgias),
});
