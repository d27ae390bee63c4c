import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { front } from '@/utils/helpdesks/front';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.front],
  runAt: 'document_idle',
  main: (ctx) => runHelpdeskContentScript(ctx, front),
});
