import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { hubspot } from '@/utils/helpdesks/hubspot';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.hubspot],
  runAt: 'document_idle',
  main: (ctx) => runHelpdeskContentScript(ctx, hubspot),
});
