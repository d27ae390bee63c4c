import { freshdesk } from './freshdesk';
import { gorgias } from './gorgias';
import { helpscout } from './helpscout';
import type { HelpdeskAdapter } from './types';
import { zammad } from './zammad';
import { zendesk } from './zendesk';

// Every adapter, in match order. Content-script side: must stay zod-free.
export const ADAPTERS: readonly HelpdeskAdapter[] = [zendesk, freshdesk, zammad, helpscout, gorgias];

export function adapterFor(url: URL | string): HelpdeskAdapter | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return ADAPTERS.find((a) => a.matches(parsed)) ?? null;
}
