import { runHelpdeskContentScript } from '@/utils/content/run-helpdesk';
import { HELPDESK_HOSTS } from '@/utils/helpdesks/matches';
import { servicenow } from '@/utils/helpdesks/servicenow';

export default defineContentScript({
  matches: [...HELPDESK_HOSTS.servicenow],
  runAt: 'document_idle',
  main: (ctx) => runHelpdeskContentScript(ctx, servicenow),
});
