import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { freshdesk } from '@/utils/helpdesks/freshdesk';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.freshdesk],
  runAt: 'document_idle',
  main: (ctx) => runHelpdeskContentScript(ctx, freshdesk),
});
