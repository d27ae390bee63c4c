import { z } from 'zod';
import { RetentionPeriod, RetentionRun } from './retention';

// What "Delete all Deskmate data" removed, and the answers of the options page's data requests. The logic that
// deletes lives in the background (utils/background/data.ts); these are the shapes both sides parse.

/** What the agent types to confirm; the background refuses a delete-all request without it. */
export const DELETE_ALL_CONFIRMATION = 'DELETE';

export const DeleteAllSummary = z.object({
  generations: z.number().int().nonnegative(),
  drafts: z.number().int().nonnegative(),
  /** Rows of the secrets table (the API key is one of them). */
  secrets: z.number().int().nonnegative(),
  apiKeyRemoved: z.boolean(),
  /** Names of the storage.local keys removed (settings, declared domains, selector overrides…). */
  localKeys: z.array(z.string()),
  /** storage.session entries removed (tickets read per tab, last insertion per tab). */
  sessionKeys: z.number().int().nonnegative(),
  syncKeys: z.number().int().nonnegative(),
  /** Content scripts registered for declared helpdesk domains, unregistered. */
  registrations: z.number().int().nonnegative(),
  /** Sites (model endpoints, declared helpdesk domains) whose access the agent had granted, given back. */
  siteAccessRemoved: z.array(z.string()).default([]),
  /** Names of the built-in helpdesks that were turned on: their access is given back and their scripts go. */
  helpdesksTurnedOff: z.array(z.string()).default([]),
  /** Parts that could not be removed, in words (empty when everything went). */
  failures: z.array(z.string()),
});
export type DeleteAllSummary = z.infer<typeof DeleteAllSummary>;

export const DeleteAllResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), summary: DeleteAllSummary }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type DeleteAllResult = z.infer<typeof DeleteAllResult>;

export const RetentionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), period: RetentionPeriod, run: RetentionRun }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type RetentionResult = z.infer<typeof RetentionResult>;

/** One sentence per part, for the options page. */
export function describeDeletion(summary: DeleteAllSummary): string[] {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines = [
    `${plural(summary.generations, 'generation', 'generations')} and ${plural(summary.drafts, 'draft', 'drafts')} deleted from Deskmate's database.`,
    summary.apiKeyRemoved
      ? 'The API key was deleted.'
      : `No API key was stored${summary.secrets > 0 ? `; ${plural(summary.secrets, 'other secret', 'other secrets')} deleted` : ''}.`,
    summary.localKeys.length > 0
      ? `Settings removed: ${summary.localKeys.join(', ')}. Deskmate now uses its defaults.`
      : 'No saved settings were found; Deskmate uses its defaults.',
    `${plural(summary.sessionKeys, 'per-tab entry', 'per-tab entries')} (tickets read, last insertion) cleared.`,
  ];
  if (summary.syncKeys > 0)
    lines.push(`${plural(summary.syncKeys, 'synced entry', 'synced entries')} cleared.`);
  lines.push(
    summary.registrations > 0
      ? `${plural(summary.registrations, 'content script', 'content scripts')} for your declared helpdesk domains unregistered.`
      : 'No declared helpdesk domains were registered.',
  );
  if (summary.helpdesksTurnedOff.length > 0)
    lines.push(
      `Helpdesks turned off (their site access given back): ${summary.helpdesksTurnedOff.join(', ')}. Turn on the ones you use again in Helpdesks.`,
    );
  if (summary.siteAccessRemoved.length > 0)
    lines.push(`Site access given back: ${summary.siteAccessRemoved.join(', ')}.`);
  for (const failure of summary.failures) lines.push(`Not removed: ${failure}`);
  return lines;
}
