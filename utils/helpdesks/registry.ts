import { freshdesk } from './freshdesk';
import { jira } from './jira';
import type { HelpdeskAdapter } from './types';
import { zammad } from './zammad';
import { zendesk } from './zendesk';
import { zohodesk } from './zohodesk';

// Every adapter, in match order. Content-script side: must stay zod-free.
export const ADAPTERS: readonly HelpdeskAdapter[] = [zendesk, freshdesk, zammad, jira, zohodesk];

export function adapterFor(url: URL | string): HelpdeskAdapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return ADAPTERS.find((a) => a.matches(parsed)) ?? null;
}
