import { freshdesk } from './freshdesk';
import { gmail } from './gmail';
import { salesforce } from './salesforce';
import type { HelpdeskAdapter } from './types';
import { zammad } from './zammad';
import { zendesk } from './zendesk';

// Every adapter, in match order. Content-script side: must stay zod-free.
export const ADAPTERS: readonly HelpdeskAdapter[] = [zendesk, freshdesk, zammad, salesforce, gmail];

export function adapterFor(url: URL | string): HelpdeskAdapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return ADAPTERS.find((a) => a.matches(parsed)) ?? null;
}
