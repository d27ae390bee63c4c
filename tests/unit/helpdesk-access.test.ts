import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { syncHelpdeskAccess } from '@/utils/background/helpdesk-access';
import {
  builtInHelpdeskOf,
  HELPDESK_IDS,
  originsOf,
  patternCovers,
  planHelpdeskRegistrations,
  type RegisteredScript,
  registrationIdOfHelpdesk,
  registrationOf,
} from '@/utils/helpdesks/access';
import { HELPDESK_MATCHES } from '@/utils/helpdesks/matches';

describe('built-in helpdesk of a page', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/1', 'zendesk'],
    ['https://ACME.Zendesk.com/agent', 'zendesk'],
    ['https://app-eu1.hubspot.com/help-desk/1', 'hubspot'],
    ['https://desk.zoho.com.au/agent/x', 'zohodesk'],
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
  ])('%s → %s', (url, id) => {
    expect(builtInHelpdeskOf(url)).toBe(id);
  });

  it.each([
    'http://acme.zendesk.com/agent', // scheme differs from the pattern
    'https://zendesk.com.evil.test/',
    'https://evilzendesk.com/',
    'https://helpdesk.acme-support.test/#ticket/zoom/1', // a declared domain is not built-in
    'not a url',
    undefined,
  ])('%s → none', (url) => {
    expect(builtInHelpdeskOf(url)).toBeNull();
  });

  it('the bare domain of a wildcard pattern is covered, a look-alike suffix is not', () => {
    expect(patternCovers('https://*.zendesk.com/*', new URL('https://zendesk.com/'))).toBe(true);
    expect(patternCovers('https://*.zendesk.com/*', new URL('https://notzendesk.com/'))).toBe(false);
    expect(patternCovers('https://app.intercom.com/*', new URL('https://x.app.intercom.com/'))).toBe(false);
  });

  it('asks for exactly the helpdesk’s own patterns, and all of them together cover the match list', () => {
    expect(originsOf('hubspot')).toEqual(['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*']);
    expect(HELPDESK_IDS.flatMap(originsOf)).toEqual([...HELPDESK_MATCHES]);
  });
});

describe('registration plan', () => {
  const zendesk = registrationOf('zendesk');

  it('registers each enabled helpdesk once, for its own patterns and script, persisting across sessions', () => {
    expect(planHelpdeskRegistrations(['zendesk'], [])).toEqual({
      unregister: [],
      register: [
        {
          id: 'deskmate-helpdesk:zendesk',
          matches: ['https://*.zendesk.com/*'],
          js: ['content-scripts/zendesk.js'],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ],
      added: ['zendesk'],
    });
  });

  it('keeps a current registration (Chrome reports files with a leading slash) and adds nothing', () => {
    const existing = [{ id: zendesk.id, matches: zendesk.matches, js: ['/content-scripts/zendesk.js'] }];
    expect(planHelpdeskRegistrations(['zendesk'], existing)).toEqual({
      unregister: [],
      register: [],
      added: [],
    });
  });

  it('unregisters a helpdesk turned off, leaves other scripts (declared domains) alone', () => {
    const existing = [
      { id: zendesk.id, matches: zendesk.matches, js: zendesk.js },
      { id: 'deskmate-domain:https://support.acme.com/*', matches: ['https://support.acme.com/*'] },
    ];
    expect(planHelpdeskRegistrations([], existing)).toEqual({
      unregister: [registrationIdOfHelpdesk('zendesk')],
      register: [],
      added: [],
    });
  });

  it('replaces a stale registration (other patterns after an update) without counting it as newly added', () => {
    const existing = [{ id: zendesk.id, matches: ['https://old.zendesk.com/*'], js: zendesk.js }];
    expect(planHelpdeskRegistrations(['zendesk'], existing)).toEqual({
      unregister: [zendesk.id],
      register: [zendesk],
      added: [],
    });
  });
});

// ---------- the background: registrations follow the granted access (browser APIs stubbed) ----------

describe('syncHelpdeskAccess', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  function stub(granted: Set<string>) {
    const scripts = new Map<string, RegisteredScript>();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) =>
      (p.origins ?? []).every((o) => granted.has(o)),
    );
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(
      async () => [...scripts.values()] as never,
    );
    vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (list) => {
      for (const script of list as RegisteredScript[]) {
        if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.set(script.id, script);
      }
    });
    vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
      for (const id of filter?.ids ?? []) scripts.delete(id);
    });
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
    return { scripts, query };
  }

  it('registers a helpdesk only when all its patterns are granted, injects its open tabs, and unregisters it when access goes', async () => {
    // HubSpot has two patterns: one alone is not enough.
    const granted = new Set(['https://*.zendesk.com/*', 'https://app.hubspot.com/*']);
    const { scripts, query } = stub(granted);
    expect(await syncHelpdeskAccess()).toEqual(['zendesk']);
    expect([...scripts.keys()]).toEqual(['deskmate-helpdesk:zendesk']);
    expect(query).toHaveBeenCalledWith({ url: ['https://*.zendesk.com/*'] });

    // A second sync with nothing changed touches nothing and injects nothing.
    query.mockClear();
    expect(await syncHelpdeskAccess()).toEqual(['zendesk']);
    expect(query).not.toHaveBeenCalled();

    granted.add('https://app-eu1.hubspot.com/*');
    granted.delete('https://*.zendesk.com/*');
    expect(await syncHelpdeskAccess()).toEqual(['hubspot']);
    expect([...scripts.keys()]).toEqual(['deskmate-helpdesk:hubspot']);
  });

  it('overlapping syncs do not register the same id twice', async () => {
    const { scripts } = stub(new Set(['https://*.zendesk.com/*']));
    await Promise.all([syncHelpdeskAccess(), syncHelpdeskAccess(), syncHelpdeskAccess()]);
    expect([...scripts.keys()]).toEqual(['deskmate-helpdesk:zendesk']);
  });
});
