import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { startRetentionSchedule } from '@/utils/background/data';
import { routeMessage } from '@/utils/background/router';
import { isTopLevelExtensionPage, type SenderLike } from '@/utils/background/senders';
import { CUSTOM_DOMAINS_KEY, REGISTRATION_PREFIX } from '@/utils/custom-domains';
import { DeleteAllResult, describeDeletion, RetentionResult } from '@/utils/data/delete-all';
import { DeskmateExport, ExportResult, endpointWithoutCredentials } from '@/utils/data/export';
import {
  DEFAULT_RETENTION,
  enforceRetention,
  ensureRetentionAlarm,
  loadLastRetentionRun,
  loadRetentionSetting,
  RETENTION_ALARM,
  RETENTION_KEY,
  saveRetentionSetting,
} from '@/utils/data/retention';
import { API_KEY_SECRET_ID, db, type GenerationRecord } from '@/utils/db';
import { SELECTOR_OVERRIDES_KEY } from '@/utils/selector-overrides';
import { PROVIDER_SETTINGS_KEY } from '@/utils/settings';
import { loadApiKey, loadProviderSettings, saveApiKey, saveProviderSettings } from '@/utils/settings-store';

// "Your data": retention, export (never a key), delete-all, and who may ask for them.
const EXT = 'chrome-extension://test-extension-id';
const OPTIONS_IN_TAB: SenderLike = {
  id: 'test-extension-id',
  url: `${EXT}/options.html`,
  tab: { id: 4, url: `${EXT}/options.html` },
  frameId: 0,
};
const SIDE_PANEL: SenderLike = { id: 'test-extension-id', url: `${EXT}/sidepanel.html` };
const CONTENT_SCRIPT: SenderLike = {
  id: 'test-extension-id',
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 7, url: 'https://acme.zendesk.com/agent/tickets/1' },
  frameId: 0,
};
/** One of our pages framed inside a web site's tab (what a page could embed if a page were web-accessible). */
const FRAMED_IN_WEB_TAB: SenderLike = {
  id: 'test-extension-id',
  url: `${EXT}/options.html`,
  tab: { id: 7, url: 'https://evil.example/' },
  frameId: 3,
};
const OTHER_EXTENSION: SenderLike = {
  id: 'other-extension',
  url: 'chrome-extension://other-extension/x.html',
};

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const KEY = 'sk-live-SECRET-do-not-export-1234567890';

function generation(ticketKey: string, startedAt: number, output = 'Hello Maria'): GenerationRecord {
  return {
    ticketKey,
    kind: 'draft',
    model: 'gpt-4o-mini',
    promptChars: 100,
    output,
    startedAt,
    outcome: 'complete',
  };
}
function draft(ticketKey: string, updatedAt: number) {
  return { ticketKey, text: `draft for ${ticketKey}`, edited: true, versions: [], updatedAt };
}

async function seedEverything() {
  await db().generations.bulkAdd([generation('zendesk:a:1', NOW - DAY), generation('zendesk:a:2', NOW)]);
  await db().drafts.bulkPut([draft('zendesk:a:1', NOW - DAY), draft('zendesk:a:2', NOW)]);
  await saveApiKey(KEY);
  await saveProviderSettings({
    baseURL: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 60_000,
  });
  await storage.setItem(CUSTOM_DOMAINS_KEY, {
    domains: [{ origin: 'https://support.acme.com', helpdesk: 'zammad', addedAt: 1 }],
    revoked: [],
  });
  await storage.setItem(SELECTOR_OVERRIDES_KEY, {
    schemaVersion: 1,
    adapters: { zendesk: { subject: ['h1.x'] } },
  });
  await saveRetentionSetting({ period: '90d' });
  await fakeBrowser.storage.session.set({ 'tab:7': { result: { ok: false } }, 'insert:7': { ok: true } });
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await db().generations.clear();
  await db().drafts.clear();
  await db().secrets.clear();
});
afterEach(() => vi.useRealTimers());

describe('retention', () => {
  it('defaults to 30 days when nothing (or something invalid) is stored', async () => {
    expect(DEFAULT_RETENTION).toBe('30d');
    expect((await loadRetentionSetting()).period).toBe('30d');
    await storage.setItem(RETENTION_KEY, { period: '2d' });
    expect((await loadRetentionSetting()).period).toBe('30d');
  });

  it('deletes generations and drafts older than the period, keeps newer ones, and records the run', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    await saveRetentionSetting({ period: '7d' });
    await db().generations.bulkAdd([
      generation('old', NOW - 8 * DAY),
      generation('edge', NOW - 7 * DAY + 1000),
      generation('new', NOW - DAY),
    ]);
    await db().drafts.bulkPut([draft('old', NOW - 30 * DAY), draft('new', NOW - 6 * DAY)]);

    const run = await enforceRetention(db(), 'startup');
    expect(run).toEqual({ at: NOW, trigger: 'startup', period: '7d', generations: 1, drafts: 1 });
    expect((await db().generations.toArray()).map((g) => g.ticketKey).sort()).toEqual(['edge', 'new']);
    expect((await db().drafts.toArray()).map((d) => d.ticketKey)).toEqual(['new']);
    expect(await loadLastRetentionRun()).toEqual(run);

    // A day later the edge record is past the period too.
    vi.setSystemTime(NOW + DAY);
    expect(await enforceRetention(db(), 'schedule')).toMatchObject({ generations: 1, drafts: 0 });
    expect((await db().generations.toArray()).map((g) => g.ticketKey)).toEqual(['new']);
  });

  it('"keep until deleted" removes nothing, however old', async () => {
    await saveRetentionSetting({ period: 'forever' });
    await db().generations.add(generation('ancient', NOW - 5000 * DAY));
    expect(await enforceRetention(db(), 'schedule', NOW)).toMatchObject({ generations: 0, drafts: 0 });
    expect(await db().generations.count()).toBe(1);
  });

  it('creates the repeating alarm once, and each alarm firing applies the period', async () => {
    expect(await ensureRetentionAlarm(fakeBrowser.alarms)).toBe(true);
    expect(await ensureRetentionAlarm(fakeBrowser.alarms)).toBe(false);
    const alarm = await fakeBrowser.alarms.get(RETENTION_ALARM);
    expect(alarm?.periodInMinutes).toBe(60);

    await fakeBrowser.alarms.clearAll();
    await saveRetentionSetting({ period: '1d' });
    await db().generations.bulkAdd([generation('old', Date.now() - 2 * DAY), generation('new', Date.now())]);
    startRetentionSchedule();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(RETENTION_ALARM)).toBeDefined());
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETENTION_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await loadLastRetentionRun()).toMatchObject({ trigger: 'schedule' }));
    expect((await db().generations.toArray()).map((g) => g.ticketKey)).toEqual(['new']);
  });

  it('a new period is saved and applied at once through the options request', async () => {
    await db().generations.add(generation('old', Date.now() - 2 * DAY));
    const result = RetentionResult.parse(
      await routeMessage({ type: 'data/retention-set', period: '1d' }, OPTIONS_IN_TAB),
    );
    expect(result).toMatchObject({
      ok: true,
      period: '1d',
      run: { trigger: 'setting-changed', generations: 1 },
    });
    expect((await loadRetentionSetting()).period).toBe('1d');
  });
});

describe('export', () => {
  it('contains generations, drafts, settings, domains and overrides, and no API key even when one is set', async () => {
    await seedEverything();
    expect(await loadApiKey()).toBe(KEY);
    const result = ExportResult.parse(await routeMessage({ type: 'data/export' }, OPTIONS_IN_TAB));
    if (!result.ok) throw new Error(result.message);
    const data = DeskmateExport.parse(result.data);
    expect(data.format).toBe('deskmate-export');
    expect(data.version).toBe(1);
    expect(data.generations.map((g) => g.ticketKey).sort()).toEqual(['zendesk:a:1', 'zendesk:a:2']);
    expect(data.drafts).toHaveLength(2);
    expect(data.settings).toEqual({
      provider: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', timeoutMs: 60_000 },
      providers: {
        defaultId: 'default',
        list: [
          {
            id: 'default',
            presetId: 'openai',
            label: 'OpenAI',
            baseURL: 'https://api.openai.com/v1',
            model: 'gpt-4o-mini',
            timeoutMs: 60_000,
            firstTokenTimeoutMs: 60_000,
          },
        ],
      },
      retention: { period: '90d' },
    });
    expect(data.declaredDomains.domains[0]?.origin).toBe('https://support.acme.com');
    expect(data.selectorOverrides.adapters.zendesk).toEqual({ subject: ['h1.x'] });
    const json = JSON.stringify(data);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain('SECRET');
    expect(json).not.toMatch(/apiKey|secrets/);
  });

  it('drops fields the schema does not name, and credentials carried in the endpoint URL', async () => {
    await db().generations.add({ ...generation('k', NOW), apiKey: KEY } as GenerationRecord);
    await saveProviderSettings({
      baseURL: 'https://user:pw@gw.example.com/openai?api-key=abc123&api-version=2024-06-01',
      model: 'm',
      timeoutMs: 60_000,
    });
    const result = ExportResult.parse(await routeMessage({ type: 'data/export' }, SIDE_PANEL));
    if (!result.ok) throw new Error(result.message);
    const json = JSON.stringify(result.data);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain('abc123');
    expect(json).not.toContain('pw@');
    expect(result.data.settings.provider?.baseURL).toBe(
      'https://gw.example.com/openai?api-key=REMOVED&api-version=2024-06-01',
    );
    expect(result.data.settings.providers?.list.map((p) => p.baseURL)).toEqual([
      'https://gw.example.com/openai?api-key=REMOVED&api-version=2024-06-01',
    ]);
    expect(endpointWithoutCredentials('not a url')).toBe('');
  });
});

describe('delete all', () => {
  it('empties IndexedDB, every storage area and the declared-domain registrations, and says what went', async () => {
    await seedEverything();
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([
      { id: `${REGISTRATION_PREFIX}https://support.acme.com/*`, matches: ['https://support.acme.com/*'] },
      { id: 'deskmate-helpdesk:zendesk', matches: ['https://*.zendesk.com/*'] },
      { id: 'someone-elses-script', matches: ['https://x.example/*'] },
    ] as never);
    const unregister = vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      host_permissions: ['http://localhost/*'],
    } as never);
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({
      origins: [
        'http://localhost/*',
        'https://support.acme.com/*',
        'https://*.zendesk.com/*',
        'https://llm.example.com/*',
      ],
    });
    // Zendesk is turned on (its one origin granted); no other helpdesk is.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins }) =>
      (origins ?? []).every((o) => o === 'https://*.zendesk.com/*'),
    );
    const removePermission = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);

    const result = DeleteAllResult.parse(
      await routeMessage({ type: 'data/delete-all', confirmation: 'DELETE' }, OPTIONS_IN_TAB),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.summary).toEqual({
      generations: 2,
      drafts: 2,
      secrets: 1,
      apiKeyRemoved: true,
      localKeys: ['customDomains', 'provider', 'providers', 'retention', 'selectorOverrides'],
      sessionKeys: 2,
      syncKeys: 0,
      registrations: 1,
      // The optional site access the agent granted goes back; the manifest's required hosts stay.
      siteAccessRemoved: ['https://llm.example.com/*', 'https://support.acme.com/*'],
      // Helpdesks the agent had turned on are named, not listed as host patterns.
      helpdesksTurnedOff: ['Zendesk'],
      failures: [],
    });
    expect(removePermission).toHaveBeenCalledWith({
      origins: ['https://support.acme.com/*', 'https://*.zendesk.com/*', 'https://llm.example.com/*'],
    });
    expect(unregister).toHaveBeenCalledWith({
      ids: [`${REGISTRATION_PREFIX}https://support.acme.com/*`, 'deskmate-helpdesk:zendesk'],
    });
    expect(describeDeletion(result.summary).join(' ')).toContain(
      'Helpdesks turned off (their site access given back): Zendesk.',
    );
    expect(await db().generations.count()).toBe(0);
    expect(await db().drafts.count()).toBe(0);
    expect(await db().secrets.get(API_KEY_SECRET_ID)).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(describeDeletion(result.summary).join(' ')).toContain('The API key was deleted.');

    // Afterwards Deskmate runs on its defaults, and the database still works.
    expect(await loadProviderSettings()).toEqual({ settings: null });
    expect(await loadApiKey()).toBeNull();
    expect((await loadRetentionSetting()).period).toBe('30d');
    await db().generations.add(generation('after', NOW));
    expect(await db().generations.count()).toBe(1);
  });

  it('does nothing without the typed confirmation', async () => {
    await seedEverything();
    expect(await routeMessage({ type: 'data/delete-all' }, OPTIONS_IN_TAB)).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(
      await routeMessage({ type: 'data/delete-all', confirmation: 'delete please' }, OPTIONS_IN_TAB),
    ).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await db().generations.count()).toBe(2);
    expect(await loadApiKey()).toBe(KEY);
  });
});

describe('data requests accept extension pages only', () => {
  const requests = [
    { type: 'data/delete-all', confirmation: 'DELETE' },
    { type: 'data/export' },
    { type: 'data/retention-set', period: '1d' },
  ];

  it.each([
    ['a content script', CONTENT_SCRIPT],
    ['one of our pages framed in a web tab', FRAMED_IN_WEB_TAB],
    [
      'a web page tab (no extension id match)',
      { url: 'https://evil.example/', tab: { id: 9, url: 'https://evil.example/' } },
    ],
    ['another extension', OTHER_EXTENSION],
  ])('refuses %s and changes nothing', async (_name, sender) => {
    await seedEverything();
    const getScripts = vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts');
    for (const request of requests) expect(await routeMessage(request, sender as SenderLike)).toBeUndefined();
    expect(getScripts).not.toHaveBeenCalled();
    expect(await db().generations.count()).toBe(2);
    expect(await loadApiKey()).toBe(KEY);
    expect((await loadRetentionSetting()).period).toBe('90d');
    expect(await storage.getItem(PROVIDER_SETTINGS_KEY)).not.toBeNull();
  });

  it('isTopLevelExtensionPage: the side panel and the options page in its own tab, nothing else', () => {
    const ours = (sender: SenderLike) => isTopLevelExtensionPage(sender, 'test-extension-id', EXT);
    expect(ours(SIDE_PANEL)).toBe(true);
    expect(ours(OPTIONS_IN_TAB)).toBe(true);
    expect(ours(CONTENT_SCRIPT)).toBe(false);
    expect(ours(FRAMED_IN_WEB_TAB)).toBe(false);
    // Same page in a top frame but the tab shows a web site (no url known): refused, not assumed safe.
    expect(ours({ ...OPTIONS_IN_TAB, tab: { id: 4 } })).toBe(false);
    expect(ours({ ...OPTIONS_IN_TAB, tab: { id: 4, url: 'https://evil.example/' } })).toBe(false);
    expect(ours(OTHER_EXTENSION)).toBe(false);
    expect(ours({ id: 'test-extension-id', url: `${EXT}.evil.example/x` })).toBe(false);
  });
});
