import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';
import { zendesk } from '@/utils/helpdesks/zendesk';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.zendesk],
  runAt: 'document_idle',
  main: (ctx) => runHelpdeskContentScript(ctx, zendesk),
});
