import { t } from '../i18n/t';
import type { PackActionResult } from '../messaging/protocol';
import {
  addSubscription,
  listSubscriptions,
  type PresetDb,
  recordRefresh,
  removeSubscription,
} from '../presets/store';
import {
  type FetchFn,
  type RefreshReason,
  type RefreshResult,
  refreshSubscription,
  SUBSCRIPTION_ALARM,
  SUBSCRIPTION_ALARM_PERIOD_MINUTES,
  type SubscriptionState,
  shouldRefresh,
} from '../presets/subscription';

// The background's side of pack subscriptions (utils/presets/subscription.ts has the rules, store.ts the rows):
// - at every service-worker start, each subscription not checked in the last MIN_STARTUP_GAP is fetched;
// - a repeating alarm (hourly) fetches each one whose own interval (12 h by default, the policy's packRefreshHours
//   for policy packs) has passed, or sooner after a failure;
// - "Subscribe" and "Refresh now" in the options page ask for one URL (router: packs/*).
// All fetches run here, one at a time per URL: a startup refresh and a click on "Refresh now" share one request,
// so two contexts never race on the same ETag / last-good state. The options page watches the table (liveQuery).

export interface PackRefreshDeps {
  db: PresetDb;
  fetch: FetchFn;
  now?: () => number;
  timeoutMs?: number;
  /** Where refresh problems are reported (the console in the worker). */
  log?: (message: string) => void;
}

const inFlight = new Map<string, Promise<RefreshResult>>();

/** Fetches one subscription and stores the outcome; a refresh of the same URL already running is shared. */
export function refreshOne(deps: PackRefreshDeps, state: SubscriptionState): Promise<RefreshResult> {
  const running = inFlight.get(state.url);
  if (running) return running;
  const work = (async () => {
    const now = deps.now ?? Date.now;
    const result = await refreshSubscription(state, deps.fetch, {
      now,
      ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    });
    await recordRefresh(deps.db, result, now());
    if (result.error) deps.log?.(`Pack ${state.url}: ${result.error.message}`);
    return result;
  })().finally(() => inFlight.delete(state.url));
  inFlight.set(state.url, work);
  return work;
}

/** Refreshes every subscription that is due for `reason`; returns what ran. Never throws for one bad pack. */
export async function refreshDue(deps: PackRefreshDeps, reason: RefreshReason): Promise<RefreshResult[]> {
  const { subscriptions, warnings } = await listSubscriptions(deps.db);
  for (const warning of warnings) deps.log?.(warning);
  const now = (deps.now ?? Date.now)();
  const due = subscriptions.filter((s) => shouldRefresh(s, now, reason));
  const settled = await Promise.allSettled(due.map((s) => refreshOne(deps, s)));
  const done: RefreshResult[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') done.push(outcome.value);
    else deps.log?.(`A pack refresh could not be stored: ${String(outcome.reason)}`);
  }
  return done;
}

/** The options page's answer for one refresh (Subscribe / Refresh now). */
export function actionResultOf(result: RefreshResult): PackActionResult {
  if (result.outcome === 'failed' || !result.state.pack) {
    return {
      ok: false,
      code: result.error?.code ?? 'http',
      message: result.error?.message ?? t('core_presets_refresh_unreadable'),
      issues: (result.issues ?? []).slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
    };
  }
  const { name, version } = result.state.pack;
  return {
    ok: true,
    outcome: result.outcome === 'not-modified' ? 'not-modified' : 'updated',
    name,
    version,
    presetCount: result.state.pack.presets.length,
  };
}

/** Refresh now, for one URL the agent (or the policy) subscribed to. */
export async function refreshUrl(deps: PackRefreshDeps, url: string): Promise<PackActionResult> {
  const { subscriptions } = await listSubscriptions(deps.db);
  const state = subscriptions.find((s) => s.url === url);
  if (!state) return { ok: false, code: 'bad-url', message: t('core_presets_refresh_no_subscription') };
  return actionResultOf(await refreshOne(deps, state));
}

/** Changes how often one subscription is checked (after any refresh of it in flight, which would overwrite it). */
export async function setIntervalHours(
  deps: PackRefreshDeps,
  url: string,
  intervalHours: number,
): Promise<{ ok: true } | { ok: false; message: string }> {
  await inFlight.get(url)?.catch(() => null);
  const row = await deps.db.presetSubscriptions.get(url);
  if (!row) return { ok: false, message: t('core_presets_refresh_no_subscription') };
  if (row.origin === 'policy') return { ok: false, message: t('core_presets_refresh_interval_by_admin') };
  await deps.db.presetSubscriptions.put({ ...row, intervalHours });
  return { ok: true };
}

/** The part of `browser.alarms` the schedule needs (injected: tests pass a fake). */
export interface PackAlarms {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
  onAlarm: { addListener(cb: (alarm: { name: string }) => void): void };
}

/**
 * Wires the schedule once per worker start: the hourly alarm (created only if missing, so a restart does not
 * reset it), its listener, and a startup pass (MIN_STARTUP_GAP keeps frequent worker wake-ups from refetching).
 */
export function startPackRefresh(deps: PackRefreshDeps, alarms: PackAlarms): Promise<RefreshResult[]> {
  alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SUBSCRIPTION_ALARM) void refreshDue(deps, 'alarm').catch(() => []);
  });
  void (async () => {
    if (!(await alarms.get(SUBSCRIPTION_ALARM)))
      await alarms.create(SUBSCRIPTION_ALARM, {
        periodInMinutes: SUBSCRIPTION_ALARM_PERIOD_MINUTES,
        delayInMinutes: SUBSCRIPTION_ALARM_PERIOD_MINUTES,
      });
  })().catch((error: unknown) => deps.log?.(`The pack refresh alarm could not be set: ${String(error)}`));
  return refreshDue(deps, 'startup').catch(() => []);
}

/**
 * Subscribe: stores the subscription and fetches it at once. A first fetch that fails leaves nothing behind (no
 * copy was ever good, and the agent keeps the link in the field to correct it); the answer says why.
 */
export async function subscribeUrl(
  deps: PackRefreshDeps,
  url: string,
  intervalHours?: number,
): Promise<PackActionResult> {
  const added = await addSubscription(deps.db, url, {
    now: (deps.now ?? Date.now)(),
    ...(intervalHours !== undefined ? { intervalHours } : {}),
  });
  if (!added.ok) return { ok: false, code: 'bad-url', message: added.message };
  const result = await refreshOne(deps, added.state);
  const answer = actionResultOf(result);
  if (!answer.ok) await removeSubscription(deps.db, added.state.url).catch(() => null);
  return answer;
}
