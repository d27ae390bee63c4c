import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { endpointPolicyProblem, syncPolicyPacks } from '@/utils/background/managed-policy';
import {
  type PackRefreshDeps,
  refreshDue,
  refreshOne,
  refreshUrl,
  setIntervalHours,
  startPackRefresh,
  subscribeUrl,
} from '@/utils/background/pack-refresh';
import { openDb } from '@/utils/db';
import { managedArea } from '@/utils/managed-area';
import { activeProviderIsOnDevice, chooseOnDeviceProvider } from '@/utils/panel/active-provider';
import { listSubscriptions, loadLibrary, type PresetDb } from '@/utils/presets/store';
import {
  type FetchFn,
  MIN_STARTUP_GAP_MS,
  SUBSCRIPTION_ALARM,
  SUBSCRIPTION_ALARM_PERIOD_MINUTES,
} from '@/utils/presets/subscription';

const URL_A = 'https://packs.acme.test/support.json';
const URL_B = 'https://packs.acme.test/billing.json';
const HOUR = 3_600_000;

const packText = (version: string, name = 'Acme', id = 'outage-reply') =>
  JSON.stringify({
    schemaVersion: 1,
    name,
    version,
    presets: [
      { id, name: `Outage ${version}`, kind: 'reply', template: 'Reply to {{latest_customer_message}}' },
    ],
  });

interface Call {
  url: string;
  ifNoneMatch: string | null;
}

/** A pack host: `serve` decides each answer; every request is recorded. */
function host(serve: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    const call = { url, ifNoneMatch: new Headers(init.headers).get('if-none-match') };
    calls.push(call);
    return serve(call);
  };
  return { fetchFn, calls };
}

const ok = (body: string, etag = '"v1"') =>
  new Response(body, { status: 200, headers: { 'content-type': 'application/json', etag } });

let names: string[] = [];
let opened: Dexie[] = [];
let now = Date.UTC(2026, 10, 27, 9);

function deps(fetchFn: FetchFn, log: string[] = []): PackRefreshDeps {
  const name = `deskmate-pack-refresh-${names.length}-${Math.random()}`;
  names.push(name);
  const db = openDb(name) as unknown as PresetDb;
  opened.push(db);
  return { db, fetch: fetchFn, now: () => now, log: (m) => log.push(m) };
}

beforeEach(() => {
  fakeBrowser.reset();
  now = Date.UTC(2026, 10, 27, 9);
});

afterEach(async () => {
  for (const db of opened) db.close();
  for (const name of names) await Dexie.delete(name);
  names = [];
  opened = [];
});

describe('subscribe and refresh now', () => {
  it('subscribing fetches at once and stores the presets read-only under the subscription', async () => {
    const { fetchFn, calls } = host(() => ok(packText('1.0.0')));
    const d = deps(fetchFn);
    expect(await subscribeUrl(d, URL_A, 6)).toEqual({
      ok: true,
      outcome: 'updated',
      name: 'Acme',
      version: '1.0.0',
      presetCount: 1,
    });
    expect(calls).toEqual([{ url: URL_A, ifNoneMatch: null }]);
    const { subscriptions } = await listSubscriptions(d.db);
    expect(subscriptions[0]).toMatchObject({
      url: URL_A,
      intervalHours: 6,
      etag: '"v1"',
      lastChangedAt: now,
    });
    const team = (await loadLibrary(d.db)).entries.filter((e) => e.source.type === 'subscription');
    expect(team.map((e) => [e.key, e.readOnly])).toEqual([[`subscription:${URL_A}/outage-reply`, true]]);
  });

  it('a first fetch that fails leaves no subscription behind and says why', async () => {
    const { fetchFn } = host(() => new Response('<!doctype html><p>hi</p>', { status: 200 }));
    const d = deps(fetchFn);
    const answer = await subscribeUrl(d, URL_A);
    expect(answer).toMatchObject({ ok: false, code: 'not-json' });
    expect((await listSubscriptions(d.db)).subscriptions).toEqual([]);
  });

  it('refuses a plain-http or malformed link without fetching', async () => {
    const { fetchFn, calls } = host(() => ok(packText('1.0.0')));
    const d = deps(fetchFn);
    expect(await subscribeUrl(d, 'http://packs.acme.test/a.json')).toMatchObject({
      ok: false,
      code: 'bad-url',
    });
    expect(await subscribeUrl(d, 'packs.acme.test/a.json')).toMatchObject({ ok: false, code: 'bad-url' });
    expect(calls).toEqual([]);
  });

  it('Refresh now sends If-None-Match; a 304 keeps the copy; an invalid pack keeps it too and reports paths', async () => {
    let answer = (call: Call): Response =>
      call.ifNoneMatch === '"v1"' ? new Response(null, { status: 304 }) : ok(packText('1.0.0'));
    const { fetchFn, calls } = host((call) => answer(call));
    const d = deps(fetchFn);
    await subscribeUrl(d, URL_A);
    now += 1000;
    expect(await refreshUrl(d, URL_A)).toMatchObject({ ok: true, outcome: 'not-modified', version: '1.0.0' });
    expect(calls[1]?.ifNoneMatch).toBe('"v1"');

    answer = () =>
      ok(JSON.stringify({ schemaVersion: 1, name: 'Acme', version: '2.0.0', presets: [{}] }), '"v2"');
    const failed = await refreshUrl(d, URL_A);
    expect(failed).toMatchObject({ ok: false, code: 'invalid-pack' });
    expect(failed.ok ? [] : failed.issues?.map((i) => i.path)).toContain('presets[0].id');
    const [state] = (await listSubscriptions(d.db)).subscriptions;
    expect(state?.pack?.version).toBe('1.0.0');
    expect(state?.lastError?.code).toBe('invalid-pack');
    expect(
      (await loadLibrary(d.db)).entries.some((e) => e.key === `subscription:${URL_A}/outage-reply`),
    ).toBe(true);
  });

  it('two refreshes of one URL at once share one request', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fetchFn, calls } = host(async () => {
      await gate;
      return ok(packText('1.0.0'));
    });
    const d = deps(fetchFn);
    await d.db.presetSubscriptions.put({ url: URL_A, origin: 'agent', intervalHours: 12, addedAt: now });
    const [state] = (await listSubscriptions(d.db)).subscriptions;
    if (!state) throw new Error('no state');
    const first = refreshOne(d, state);
    const second = refreshOne(d, state);
    release();
    expect(await first).toBe(await second);
    expect(calls).toHaveLength(1);
  });

  it('the interval of an agent subscription can change; a policy one cannot', async () => {
    const { fetchFn } = host(() => ok(packText('1.0.0')));
    const d = deps(fetchFn);
    await subscribeUrl(d, URL_A);
    expect(await setIntervalHours(d, URL_A, 24)).toEqual({ ok: true });
    expect((await d.db.presetSubscriptions.get(URL_A))?.intervalHours).toBe(24);
    await d.db.presetSubscriptions.put({ url: URL_B, origin: 'policy', intervalHours: 6, addedAt: now });
    expect(await setIntervalHours(d, URL_B, 24)).toMatchObject({ ok: false });
    expect((await d.db.presetSubscriptions.get(URL_B))?.intervalHours).toBe(6);
  });
});

describe('schedule', () => {
  it('the startup pass skips packs checked within MIN_STARTUP_GAP and fetches the others', async () => {
    const { fetchFn, calls } = host(() => ok(packText('1.0.0')));
    const d = deps(fetchFn);
    await d.db.presetSubscriptions.bulkPut([
      {
        url: URL_A,
        origin: 'agent',
        intervalHours: 12,
        addedAt: 0,
        lastCheckedAt: now - MIN_STARTUP_GAP_MS / 2,
      },
      {
        url: URL_B,
        origin: 'agent',
        intervalHours: 12,
        addedAt: 0,
        lastCheckedAt: now - MIN_STARTUP_GAP_MS * 2,
      },
    ]);
    await refreshDue(d, 'startup');
    expect(calls.map((c) => c.url)).toEqual([URL_B]);
  });

  it('creates the hourly alarm once, and each tick fetches only the packs whose interval has passed', async () => {
    const { fetchFn, calls } = host(() => ok(packText('1.0.0')));
    const d = deps(fetchFn);
    await d.db.presetSubscriptions.bulkPut([
      { url: URL_A, origin: 'agent', intervalHours: 12, addedAt: 0, lastCheckedAt: now - 2 * HOUR },
      { url: URL_B, origin: 'policy', intervalHours: 1, addedAt: 0, lastCheckedAt: now - 2 * HOUR },
    ]);
    await startPackRefresh(d, fakeBrowser.alarms);
    // Both were checked 2 h ago, more than the startup gap: the startup pass fetched both.
    expect(calls).toHaveLength(2);
    const alarm = await fakeBrowser.alarms.get(SUBSCRIPTION_ALARM);
    expect(alarm?.periodInMinutes).toBe(SUBSCRIPTION_ALARM_PERIOD_MINUTES);
    await startPackRefresh(d, fakeBrowser.alarms);
    expect((await fakeBrowser.alarms.getAll()).filter((a) => a.name === SUBSCRIPTION_ALARM)).toHaveLength(1);

    calls.length = 0;
    now += 90 * 60_000; // 1.5 h later: B (every hour) is due, A (every 12 h) is not.
    await fakeBrowser.alarms.onAlarm.trigger({ name: SUBSCRIPTION_ALARM, scheduledTime: now });
    // Two listeners are registered (two starts) and both run: they share B's request; A is not due.
    await expect.poll(() => calls.map((c) => c.url)).toEqual([URL_B]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.map((c) => c.url)).toEqual([URL_B]);
  });

  it('a failed refresh is retried within the hour, not after the full interval', async () => {
    const { fetchFn, calls } = host(() => new Response('', { status: 503 }));
    const d = deps(fetchFn);
    await d.db.presetSubscriptions.put({ url: URL_A, origin: 'agent', intervalHours: 24, addedAt: 0 });
    await refreshDue(d, 'alarm');
    now += HOUR;
    await refreshDue(d, 'alarm');
    expect(calls).toHaveLength(2);
    expect((await listSubscriptions(d.db)).subscriptions[0]?.lastError?.code).toBe('http');
  });
});

describe('managed policy in the background', () => {
  const area = (value: Record<string, unknown> | Error) => ({
    get: async () => {
      if (value instanceof Error) throw value;
      return value;
    },
  });

  it('stores inline packs read-only and adds pack URLs as policy subscriptions; a withdrawn policy removes them', async () => {
    const d = deps(host(() => ok(packText('1.0.0'))).fetchFn);
    const log: string[] = [];
    const result = await syncPolicyPacks({
      db: d.db,
      area: area({
        packUrls: [URL_A],
        packRefreshHours: 6,
        inlinePacks: [packText('3.0.0', 'Compliance', 'gdpr'), '{broken'],
      }),
      log: (m) => log.push(m),
      now: () => now,
    });
    expect(result.managed).toBe(true);
    expect(log.join('\n')).toContain('inlinePacks[1] is not valid JSON');
    const subs = (await listSubscriptions(d.db)).subscriptions;
    expect(subs).toEqual([expect.objectContaining({ url: URL_A, origin: 'policy', intervalHours: 6 })]);
    const inline = (await loadLibrary(d.db)).entries.filter((e) => e.source.type === 'policy');
    expect(inline.map((e) => [e.key, e.readOnly])).toEqual([['policy:inline:0/gdpr', true]]);

    await syncPolicyPacks({ db: d.db, area: area({}), now: () => now });
    expect((await listSubscriptions(d.db)).subscriptions).toEqual([]);
    expect((await loadLibrary(d.db)).entries.filter((e) => e.source.type === 'policy')).toEqual([]);
  });

  it('no managed area, or one that rejects (Firefox without policies.json), means no policy and no crash', async () => {
    const d = deps(host(() => ok(packText('1.0.0'))).fetchFn);
    // fakeBrowser's managed area is empty, like a browser without a policy.
    expect((await syncPolicyPacks({ db: d.db, area: managedArea() })).managed).toBe(false);
    expect(
      (await syncPolicyPacks({ db: d.db, area: area(new Error('Managed storage manifest not found')) }))
        .managed,
    ).toBe(false);
    expect(
      await endpointPolicyProblem(area(new Error('nope')), { baseURL: 'https://x.test/v1', model: 'm' }),
    ).toBe(null);
  });

  it('refuses endpoints the policy does not allow, with the reason; the required one passes', async () => {
    const allow = area({ allowedBaseUrls: ['https://llm.acme.test/v1'] });
    expect(await endpointPolicyProblem(allow, { baseURL: 'https://llm.acme.test/v1/', model: 'm' })).toBe(
      null,
    );
    expect(await endpointPolicyProblem(allow, { baseURL: 'https://api.openai.com/v1', model: 'm' })).toBe(
      'Your administrator allows only these model endpoints: https://llm.acme.test/v1. Deskmate did not send this request. Open Deskmate settings for details.',
    );
    const required = area({ requiredProvider: { baseURL: 'https://llm.acme.test/v1', model: 'acme-large' } });
    expect(
      await endpointPolicyProblem(required, { baseURL: 'https://llm.acme.test/v1', model: 'acme-large' }),
    ).toBe(null);
    // "Load models" has no model yet: only the endpoint is checked.
    expect(await endpointPolicyProblem(required, { baseURL: 'https://llm.acme.test/v1' })).toBe(null);
    expect(
      await endpointPolicyProblem(required, { baseURL: 'https://llm.acme.test/v1', model: 'other' }),
    ).toContain('requires the model “acme-large”');
  });

  it('a policy that requires an endpoint rules out the on-device model in the panel (the background then explains)', async () => {
    await chooseOnDeviceProvider();
    expect(await activeProviderIsOnDevice()).toBe(true);
    await fakeBrowser.storage.managed.set({ requiredProvider: { baseURL: 'https://llm.acme.test/v1' } });
    expect(await activeProviderIsOnDevice()).toBe(false);
    expect(await endpointPolicyProblem(managedArea(), { baseURL: '', model: 'gemini-nano' })).toContain(
      'Your administrator requires the model endpoint https://llm.acme.test/v1.',
    );
  });
});
