import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addDomain } from '@/utils/background/custom-domains';
import { deleteAllData } from '@/utils/background/data';
import { endpointPolicyProblem } from '@/utils/background/managed-policy';
import { parseStoredDomains } from '@/utils/custom-domains';
import { openDb } from '@/utils/db';
import { providerPolicyProblem, readPolicy } from '@/utils/presets/policy';
import { Preset } from '@/utils/presets/preset';
import { duplicateToEdit, replaceSourcePresets } from '@/utils/presets/store';
import { checkPackUrl, newSubscription, refreshSubscription } from '@/utils/presets/subscription';
import { parseStoredOverrides } from '@/utils/selector-overrides';
import { useTestLocale } from './i18n-fake';

// Texts made outside components (pack subscriptions, the managed policy, declared domains, data actions, preset
// validation) reach the agent in the browser's language: here in German, through the same functions the
// background and the options page call. English stays the default (the other suites assert it).

beforeEach(() => {
  fakeBrowser.reset();
  useTestLocale('de');
});
afterEach(() => useTestLocale('en'));

const PACK_URL = 'https://packs.acme.test/support.json';

function subscription() {
  const made = newSubscription(PACK_URL, 1000);
  if (!made.ok) throw new Error(made.message);
  return made.state;
}

describe('pack subscriptions in German', () => {
  it('a missing pack (HTTP 404) and a refused one (HTTP 403) are explained in German, and stored so', async () => {
    const missing = await refreshSubscription(subscription(), async () => new Response('', { status: 404 }), {
      now: () => 5000,
    });
    expect(missing.error).toMatchObject({
      code: 'not-found',
      message:
        'Das Paket wurde auf packs.acme.test nicht gefunden (HTTP 404). Prüfen Sie den Link oder fragen Sie Ihre Teamleitung, ob das Paket umgezogen ist.',
    });
    // The status line reads the stored error later: it is the German sentence.
    expect(missing.state.lastError?.message).toBe(missing.error?.message);

    const refused = await refreshSubscription(subscription(), async () => new Response('', { status: 403 }));
    expect(refused.error?.message).toMatch(
      /^packs\.acme\.test hat das Senden des Pakets verweigert \(HTTP 403\)/,
    );
  });

  it('a plain-http link is refused with a German reason', () => {
    const http = checkPackUrl('http://packs.acme.test/a.json');
    expect(!http.ok && http.message).toBe(
      'Paketlinks müssen mit https:// beginnen (dieser ist http://packs.acme.test). Ohne HTTPS könnte jeder im Netzwerk die Prompts Ihres Teams unterwegs verändern.',
    );
  });

  it('a web page instead of JSON gets the German hint after the German error', async () => {
    const html = await refreshSubscription(
      subscription(),
      async () =>
        new Response('<!doctype html><p>Login</p>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect(html.error?.message).toBe(
      'Der Link auf packs.acme.test hat keine Paketdatei (JSON) geliefert. Er lieferte eine Webseite (HTML). Verwenden Sie auf GitHub oder GitLab den „Raw“-Link der Datei.',
    );
  });
});

describe('managed policy in German', () => {
  it('warnings for bad settings and the reason a provider is refused', () => {
    const { warnings, policy } = readPolicy({
      packRefreshHours: 0,
      colour: 'blue',
      requiredProvider: { baseURL: 'https://llm.acme.test/v1', model: 'gpt-x' },
    });
    expect(warnings).toEqual([
      'Die Richtlinieneinstellung „colour“ ist dieser Deskmate-Version unbekannt und wurde ignoriert.',
      'packRefreshHours muss eine ganze Zahl von Stunden zwischen 1 und 168 sein; die Einstellung wurde ignoriert.',
    ]);
    expect(providerPolicyProblem(policy, { baseURL: 'https://api.openai.com/v1', model: 'gpt-x' })).toBe(
      'Ihre Administration schreibt den Modell-Endpunkt https://llm.acme.test/v1 vor.',
    );
    expect(providerPolicyProblem(policy, { baseURL: 'https://llm.acme.test/v1', model: 'other' })).toBe(
      'Ihre Administration schreibt das Modell „gpt-x“ unter https://llm.acme.test/v1 vor.',
    );
  });

  it('the background says in German that it did not send a refused request', async () => {
    const area = { get: async () => ({ allowedBaseUrls: ['https://llm.acme.test/v1'] }) };
    expect(await endpointPolicyProblem(area, { baseURL: 'https://api.openai.com/v1' })).toBe(
      'Ihre Administration erlaubt nur diese Modell-Endpunkte: https://llm.acme.test/v1. Deskmate hat diese Anfrage nicht gesendet. Details finden Sie in den Deskmate-Einstellungen.',
    );
  });
});

describe('declared domains, selector overrides and data in German', () => {
  it('an unknown helpdesk and a damaged stored list are reported in German', async () => {
    expect(await addDomain('https://desk.acme.test', 'nosuchdesk')).toEqual({
      ok: false,
      message: 'Deskmate hat keinen Adapter namens „nosuchdesk“.',
    });
    const stored = parseStoredDomains({
      domains: [{ origin: 'not an origin', helpdesk: 'zammad', addedAt: 1 }],
    });
    expect(stored.state.domains).toEqual([]);
    expect(stored.warning).toMatch(
      /^Die gespeicherte Liste der Helpdesk-Domains war ungültig und wurde ignoriert \(/,
    );
    // The zod message inside is German too: it is built when the issue is raised, not when the module loaded.
    expect(stored.warning).toContain('Kein Helpdesk-Ursprung');
  });

  it('damaged selector overrides say so in German', () => {
    expect(
      parseStoredOverrides({ schemaVersion: 1, adapters: { zendesk: { subject: [' '] } } }).warning,
    ).toMatch(
      /^Die gespeicherten Selektor-Überschreibungen waren ungültig und werden nicht verwendet \(.*leerer Selektor/,
    );
  });

  it('delete-all without the confirmation deletes nothing and says why in German', async () => {
    expect(await deleteAllData('nope')).toEqual({
      ok: false,
      message: 'Nichts wurde gelöscht: Die Bestätigung fehlte.',
    });
  });
});

describe('presets in German', () => {
  it('validation messages follow the language in force when the preset is checked', () => {
    const bad = { id: 'Bad Id', name: ' ', kind: 'reply', template: '' };
    const german = Preset.safeParse(bad);
    expect(german.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Eine ID besteht aus 1–80 Kleinbuchstaben/),
        'Eine Vorlage braucht einen Namen.',
        'Der Vorlagentext ist leer.',
      ]),
    );
    useTestLocale('en');
    expect(Preset.safeParse(bad).error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['A preset needs a name.', 'The template is empty.']),
    );
  });

  it('a duplicated preset is named “(Kopie)” and still fits the 80-character name limit', async () => {
    const name = `core-presets-i18n-${Math.random()}`;
    const db = openDb(name);
    try {
      const long = 'L'.repeat(80);
      await replaceSourcePresets(db, { type: 'file', pack: 'Acme' }, [
        Preset.parse({
          id: 'refund',
          name: 'Erstattung',
          kind: 'reply',
          template: 'Reply to {{conversation}}',
        }),
        Preset.parse({ id: 'long', name: long, kind: 'reply', template: 'Reply to {{conversation}}' }),
      ]);
      expect((await duplicateToEdit(db, 'file:Acme/refund')).preset.name).toBe('Erstattung (Kopie)');
      const copy = await duplicateToEdit(db, 'file:Acme/long');
      expect(copy.preset.name).toBe(`${'L'.repeat(72)} (Kopie)`);
      expect(copy.preset.name).toHaveLength(80);
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  });
});
