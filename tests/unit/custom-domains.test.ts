import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  addDomain,
  declaredHostsReady,
  removeDomain,
  syncRegistrations,
} from '@/utils/background/custom-domains';
import { routeMessage } from '@/utils/background/router';
import { declaredHostsFrom } from '@/utils/content/page-config';
import { parseOrigin, parseStoredDomains } from '@/utils/custom-domains';
import { setDeclaredHosts } from '@/utils/helpdesks/custom-hosts';
import { adapterFor } from '@/utils/helpdesks/registry';
import { saveProviderSettings } from '@/utils/settings-store';

// Declared helpdesk domains: what the options page accepts, what the content script reads back, and how the
// background keeps the browser's content-script registrations and permissions in step with the stored list.

describe('parseOrigin', () => {
  it('accepts an http(s) origin with an optional port and normalises it', () => {
    expect(parseOrigin(' https://Support.Acme.test/ ')).toEqual({
      ok: true,
      value: {
        origin: 'https://support.acme.test',
        host: 'support.acme.test',
        pattern: 'https://support.acme.test/*',
      },
    });
    expect(parseOrigin('http://zammad.intra:8080')).toEqual({
      ok: true,
      value: {
        origin: 'http://zammad.intra:8080',
        host: 'zammad.intra:8080',
        pattern: 'http://zammad.intra/*',
      },
    });
    // The default port is not part of the origin.
    expect(parseOrigin('https://desk.example.org:443')).toMatchObject({
      ok: true,
      value: { origin: 'https://desk.example.org', host: 'desk.example.org' },
    });
  });

  it.each([
    ['', 'Enter the address of your helpdesk'],
    ['support.acme.test', 'Start with https:// or http://, for example https://support.acme.test.'],
    ['https://*.acme.test', 'Wildcards are not supported'],
    ['*', 'Wildcards are not supported'],
    ['ftp://files.acme.test', 'Only http:// and https:// addresses'],
    ['https://support.acme.test/agent/tickets', 'without a path: https://support.acme.test instead of'],
    ['https://support.acme.test/?x=1', 'without a path'],
    ['https://support.acme.test/#ticket/zoom/1', 'without a path'],
    ['https://me:secret@support.acme.test', 'Remove the user name and password'],
    ['https://exa mple.test', 'not a valid web address'],
    ['https://acme.zendesk.com', 'already a built-in helpdesk host (https://*.zendesk.com/*)'],
    [`https://${'a'.repeat(300)}.test`, 'too long'],
  ])('rejects %j with a message the agent can act on', (input, message) => {
    const parsed = parseOrigin(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('does not take a look-alike host for a built-in one', () => {
    expect(parseOrigin('https://zendesk.com.acme.test').ok).toBe(true);
    expect(parseOrigin('http://acme.zendesk.com').ok).toBe(true); // built-in hosts are HTTPS only
  });
});

describe('stored list', () => {
  it('a malformed stored value counts as empty and says so', () => {
    expect(parseStoredDomains(undefined)).toEqual({ state: { domains: [], revoked: [] } });
    const bad = parseStoredDomains({
      domains: [{ origin: 'https://x.test/path', helpdesk: 'zammad', addedAt: 1 }],
    });
    expect(bad.state).toEqual({ domains: [], revoked: [] });
    expect(bad.warning).toContain('invalid and was ignored');
  });

  it('the content script reads the hosts by hand and skips what is malformed', () => {
    expect(
      declaredHostsFrom({
        domains: [
          { origin: 'http://zammad.intra:8080', helpdesk: 'zammad' },
          { origin: 'javascript:alert(1)', helpdesk: 'zammad' },
          { origin: 42, helpdesk: 'zammad' },
          { origin: 'not a url', helpdesk: 'zammad' },
          null,
        ],
      }),
    ).toEqual([{ host: 'zammad.intra:8080', helpdesk: 'zammad' }]);
    expect(declaredHostsFrom(undefined)).toEqual([]);
    expect(declaredHostsFrom({ domains: 'x' })).toEqual([]);
  });

  it('adapters match a declared host (exact host and port) like their built-in ones', () => {
    setDeclaredHosts([{ host: 'zammad.intra:8080', helpdesk: 'zammad' }]);
    expect(adapterFor('http://zammad.intra:8080/#ticket/zoom/7')?.id).toBe('zammad');
    expect(adapterFor('http://zammad.intra:9090/#ticket/zoom/7')).toBeNull();
    expect(adapterFor('http://zammad.intra/#ticket/zoom/7')).toBeNull();
    setDeclaredHosts([]);
    expect(adapterFor('http://zammad.intra:8080/#ticket/zoom/7')).toBeNull();
  });
});

// ---------- the background: registrations and permissions, with the browser APIs stubbed ----------

interface Script {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

function stubBrowser(granted: Set<string>) {
  const scripts = new Map<string, Script>();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Deskmate',
    version: '0.1.0',
    host_permissions: ['https://*.zendesk.com/*', 'http://localhost/*'],
  });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) =>
    (p.origins ?? []).every((o) => granted.has(o)),
  );
  const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async (p) => {
    for (const o of p.origins ?? []) granted.delete(o);
    return true;
  });
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(
    async () => [...scripts.values()] as never,
  );
  const register = vi
    .spyOn(fakeBrowser.scripting, 'registerContentScripts')
    .mockImplementation(async (list) => {
      for (const script of list as Script[]) {
        if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.set(script.id, script);
      }
    });
  const unregister = vi
    .spyOn(fakeBrowser.scripting, 'unregisterContentScripts')
    .mockImplementation(async (filter) => {
      for (const id of filter?.ids ?? []) scripts.delete(id);
    });
  return { scripts, remove, register, unregister };
}

const EXT = 'chrome-extension://test-extension-id';
const optionsPage = { id: 'test-extension-id', url: `${EXT}/options.html` };

describe('background: declared domains', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    setDeclaredHosts([]);
  });

  it('adds a domain only with its permission, registers the content script there and matches it', async () => {
    const granted = new Set<string>();
    const { scripts } = stubBrowser(granted);
    const refused = await addDomain('https://helpdesk.acme-support.test', 'zammad');
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringContaining('has not given Deskmate access'),
    });
    expect(scripts.size).toBe(0);

    granted.add('https://helpdesk.acme-support.test/*');
    const added = await addDomain('https://helpdesk.acme-support.test', 'zammad');
    expect(added).toMatchObject({
      ok: true,
      message: 'https://helpdesk.acme-support.test is read as Zammad.',
    });
    expect([...scripts.values()]).toEqual([
      {
        id: 'deskmate-domain:https://helpdesk.acme-support.test/*',
        matches: ['https://helpdesk.acme-support.test/*'],
        js: ['content-scripts/zammad.js'],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
    expect(adapterFor('https://helpdesk.acme-support.test/#ticket/zoom/42')?.id).toBe('zammad');
    const stored = await fakeBrowser.storage.local.get('customDomains');
    expect(stored.customDomains).toMatchObject({
      domains: [{ origin: 'https://helpdesk.acme-support.test', helpdesk: 'zammad' }],
      revoked: [],
    });
  });

  it('refuses unknown adapters and bad origins without touching anything', async () => {
    const { register } = stubBrowser(new Set(['https://x.test/*']));
    expect(await addDomain('https://x.test', 'nosuchdesk')).toMatchObject({ ok: false });
    expect(await addDomain('https://x.test/agent', 'zammad')).toMatchObject({ ok: false });
    expect(register).not.toHaveBeenCalled();
  });

  it('removing a domain unregisters it and gives the permission back', async () => {
    const granted = new Set(['https://helpdesk.acme-support.test/*']);
    const { scripts, remove } = stubBrowser(granted);
    await addDomain('https://helpdesk.acme-support.test', 'zammad');
    const removed = await removeDomain('https://helpdesk.acme-support.test');
    expect(removed).toMatchObject({ ok: true, message: expect.stringContaining('gave back its access') });
    expect(scripts.size).toBe(0);
    expect(remove).toHaveBeenCalledWith({ origins: ['https://helpdesk.acme-support.test/*'] });
    expect(adapterFor('https://helpdesk.acme-support.test/#ticket/zoom/42')).toBeNull();
  });

  it('keeps the permission when another declared port or the model endpoint still needs the host', async () => {
    const granted = new Set(['http://zammad.intra/*']);
    const { scripts, remove } = stubBrowser(granted);
    await addDomain('http://zammad.intra:8080', 'zammad');
    await addDomain('http://zammad.intra:9090', 'zammad');
    expect(scripts.size).toBe(1); // one pattern, one registration
    const first = await removeDomain('http://zammad.intra:8080');
    expect(first).toMatchObject({
      ok: true,
      message: expect.stringContaining('still declared on the same host'),
    });
    expect(scripts.size).toBe(1);

    await saveProviderSettings({
      baseURL: 'http://zammad.intra:11434/v1',
      model: 'llama3.2',
      timeoutMs: 60_000,
    });
    const second = await removeDomain('http://zammad.intra:9090');
    expect(second).toMatchObject({
      ok: true,
      message: expect.stringContaining('your model endpoint uses it'),
    });
    expect(scripts.size).toBe(0);
    expect(remove).not.toHaveBeenCalled();
  });

  it('a sync drops domains whose access was revoked, records them and unregisters their scripts', async () => {
    const granted = new Set(['https://a.test/*', 'https://b.test/*']);
    const { scripts } = stubBrowser(granted);
    await addDomain('https://a.test', 'zammad');
    await addDomain('https://b.test', 'zendesk');
    granted.delete('https://a.test/*'); // the agent removed the site in chrome://extensions
    const state = await syncRegistrations();
    expect(state.domains.map((d) => d.origin)).toEqual(['https://b.test']);
    expect(state.revoked).toEqual([
      { origin: 'https://a.test', helpdesk: 'zammad', revokedAt: expect.any(Number) },
    ]);
    expect([...scripts.keys()]).toEqual(['deskmate-domain:https://b.test/*']);
    expect(adapterFor('https://a.test/#ticket/zoom/1')).toBeNull();
  });

  it('a sync re-registers what is missing and replaces a stale registration (another file)', async () => {
    const granted = new Set(['https://a.test/*']);
    const { scripts } = stubBrowser(granted);
    await addDomain('https://a.test', 'zammad');
    scripts.set('deskmate-domain:https://a.test/*', {
      id: 'deskmate-domain:https://a.test/*',
      matches: ['https://a.test/*'],
      js: ['content-scripts/old.js'],
    });
    scripts.set('deskmate-domain:https://gone.test/*', { id: 'deskmate-domain:https://gone.test/*' });
    scripts.set('someone-else', { id: 'someone-else' });
    await syncRegistrations();
    expect([...scripts.keys()].sort()).toEqual(['deskmate-domain:https://a.test/*', 'someone-else']);
    expect(scripts.get('deskmate-domain:https://a.test/*')?.js).toEqual(['content-scripts/zammad.js']);
  });

  it('a fresh worker loads the declared hosts before it matches a tab', async () => {
    await fakeBrowser.storage.local.set({
      customDomains: {
        domains: [{ origin: 'https://desk.acme.test', helpdesk: 'zendesk', addedAt: 1 }],
        revoked: [],
      },
    });
    expect(adapterFor('https://desk.acme.test/agent/tickets/5')).toBeNull();
    await declaredHostsReady();
    expect(adapterFor('https://desk.acme.test/agent/tickets/5')?.id).toBe('zendesk');
  });

  it('only extension pages may add or remove domains', async () => {
    const { register } = stubBrowser(new Set(['https://a.test/*']));
    const contentScript = { id: 'test-extension-id', url: 'https://a.test/', tab: { id: 3 }, frameId: 0 };
    expect(
      await routeMessage(
        { type: 'domains/add', origin: 'https://a.test', helpdesk: 'zammad' },
        contentScript,
      ),
    ).toBeUndefined();
    expect(register).not.toHaveBeenCalled();
    expect(
      await routeMessage({ type: 'domains/add', origin: 'https://a.test', helpdesk: 'zammad' }, optionsPage),
    ).toMatchObject({ ok: true });
    expect(
      await routeMessage({ type: 'domains/add', origin: 'https://a.test', helpdesk: 'Bad Id!' }, optionsPage),
    ).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
