import { z } from 'zod';
import { t, tCount } from '../i18n/t';
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
  const lines = [
    t(
      'options_deleted_database',
      tCount('options_deleted_generations', summary.generations),
      tCount('options_deleted_drafts', summary.drafts),
    ),
    summary.apiKeyRemoved
      ? t('options_deleted_key')
      : summary.secrets > 0
        ? t('options_deleted_no_key_secrets', tCount('options_deleted_secrets', summary.secrets))
        : t('options_deleted_no_key'),
    summary.localKeys.length > 0
      ? t('options_deleted_settings', summary.localKeys.join(', '))
      : t('options_deleted_no_settings'),
    tCount('options_deleted_session', summary.sessionKeys),
  ];
  if (summary.syncKeys > 0) lines.push(tCount('options_deleted_sync', summary.syncKeys));
  lines.push(
    summary.registrations > 0
      ? tCount('options_deleted_registrations', summary.registrations)
      : t('options_deleted_no_registrations'),
  );
  if (summary.helpdesksTurnedOff.length > 0)
    lines.push(t('options_deleted_helpdesks', summary.helpdesksTurnedOff.join(', ')));
  if (summary.siteAccessRemoved.length > 0)
    lines.push(t('options_deleted_site_access', summary.siteAccessRemoved.join(', ')));
  for (const failure of summary.failures) lines.push(t('options_deleted_failure', failure));
  return lines;
}
