import { freshdesk } from './freshdesk';
import { front } from './front';
import { gmail } from './gmail';
import { gorgias } from './gorgias';
import { helpscout } from './helpscout';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import { jira } from './jira';
import { salesforce } from './salesforce';
import { servicenow } from './servicenow';
import type { HelpdeskAdapter } from './types';
import { zammad } from './zammad';
import { zendesk } from './zendesk';
import { zohodesk } from './zohodesk';

// Every adapter, in match order. Content-script side: must stay zod-free.
export const ADAPTERS: readonly HelpdeskAdapter[] = [
  zendesk,
  freshdesk,
  zammad,
  intercom,
  front,
  servicenow,
  hubspot,
  salesforce,
  gmail,
  jira,
  zohodesk,
  helpscout,
  gorgias,
];

export function adapterFor(url: URL | string): HelpdeskAdapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return ADAPTERS.find((a) => a.matches(parsed)) ?? null;
}
