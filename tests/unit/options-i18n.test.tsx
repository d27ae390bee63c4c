// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DataSection } from '../../components/options/DataSection';
import { OptionsApp } from '../../components/options/OptionsApp';
import { ProviderStatus } from '../../components/options/ProviderStatus';
import { TeamPacksSection } from '../../components/options/presets/TeamPacksSection';
import { db } from '../../utils/db';
import { installFakeI18n, useTestLocale } from './i18n-fake';

// The options page in another language: real sections rendered with the German and French locale files show
// translated words, no message key leaks onto the page (a key missing from the build would show as the key), and
// counts take the language's plural form.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

async function waitFor(check: () => void, timeoutMs = 3000) {
  const started = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}

async function render(node: ReactNode) {
  await act(async () => {
    root.render(node);
  });
}

/** Everything a person reads: the text, and the attributes screen readers and tooltips show. */
function readable(): string {
  const attributes = [...container.querySelectorAll('[placeholder],[aria-label],[title]')].flatMap((el) =>
    ['placeholder', 'aria-label', 'title'].map((name) => el.getAttribute(name) ?? ''),
  );
  // Template variables ({{latest_customer_message}}) are code the agent types, not words.
  return [container.textContent ?? '', ...attributes].join('\n').replace(/\{\{[^}]*\}\}/g, '');
}

/** A message key (options_provider_title…) where a sentence should be. */
const RAW_KEY = /\b[a-z]+(_[a-z0-9]+){2,}\b/;

beforeEach(async () => {
  fakeBrowser.reset();
  installFakeI18n();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  await db().secrets.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  useTestLocale('en');
});

describe('options page in German', () => {
  it('shows every section in German, with no message key on the page', async () => {
    useTestLocale('de');
    await render(<OptionsApp />);
    await waitFor(() => expect(byTestId<HTMLButtonElement>('provider-save').disabled).toBe(false));
    await waitFor(() => expect(byTestId('preset-library').textContent).toContain('Neue Vorlage'));

    const headings = [...container.querySelectorAll('h1, h2')].map((h) => h.textContent);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Deskmate-Einstellungen',
        'Modellanbieter',
        'Helpdesks',
        'Über Sie',
        'Vorlagen',
        'Team-Pakete',
        'Datenschutz',
        'Modellpreise',
        'Ollama auf diesem Computer verwenden',
        'Eigene Domain Ihres Helpdesks',
        'Erweitert: Selektoren überschreiben',
        'Ihre Daten',
      ]),
    );
    expect(byTestId('provider-save').textContent).toBe('Speichern');
    expect(byTestId('provider-test').textContent).toBe('Verbindung testen');
    expect(byTestId('provider-onboarding').textContent).toContain('Es ist noch kein Modell eingerichtet.');
    expect(byTestId('data-delete').textContent).toBe('Alle Deskmate-Daten löschen …');
    await waitFor(() => expect(byTestId('pack-none').textContent).toBe('Noch keine Abonnements.'));
    expect(container.querySelector('[placeholder="Für lokale Server leer lassen"]')).not.toBeNull();
    // Text still English here would be a string that missed the locale files.
    expect(container.textContent).not.toContain('Model providers');
    expect(container.textContent).not.toContain('Save privacy settings');
    expect(readable()).not.toMatch(RAW_KEY);
  });

  it('shows a field error in German when the base URL is not a web address', async () => {
    useTestLocale('de');
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await render(<OptionsApp />);
    await waitFor(() => expect(byTestId<HTMLButtonElement>('provider-save').disabled).toBe(false));
    const input = byTestId<HTMLInputElement>('provider-base-url');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    await act(async () => {
      setter?.call(input, 'not a url');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byTestId<HTMLFormElement>('provider-editor').requestSubmit());
    await waitFor(() =>
      expect(byTestId('provider-base-url-error').textContent).toBe(
        'Geben Sie eine vollständige URL ein, die mit http:// oder https:// beginnt, zum Beispiel https://api.openai.com/v1.',
      ),
    );
    expect(byTestId('provider-status').textContent).toBe(
      'Nichts wurde gespeichert: Korrigieren Sie die markierten Felder.',
    );
  });

  it('counts models, days and hours with German plurals', async () => {
    useTestLocale('de');
    const tested = (models: string[]) => (
      <ProviderStatus
        state={{ kind: 'tested', detail: 'OK', models }}
        currentModel=""
        onPickModel={() => {}}
      />
    );
    await render(tested(['llama3.2']));
    expect(container.querySelector('#provider-models-label')?.textContent).toBe(
      'Ein Modell ist verfügbar. Wählen Sie eines aus, um es zu verwenden:',
    );
    await render(tested(['a', 'b', 'c']));
    expect(container.querySelector('#provider-models-label')?.textContent).toBe(
      '3 Modelle sind verfügbar. Wählen Sie eines aus, um es zu verwenden:',
    );

    await render(<DataSection />);
    const retention = [...byTestId<HTMLSelectElement>('data-retention').options].map((o) => o.textContent);
    expect(retention).toEqual(['1 Tag', '7 Tage', '30 Tage', '90 Tage', 'Behalten, bis ich es lösche']);

    await render(<TeamPacksSection />);
    const intervals = [...byTestId<HTMLSelectElement>('pack-interval').options].map((o) => o.textContent);
    expect(intervals).toEqual([
      'jede Stunde',
      'alle 3 Stunden',
      'alle 6 Stunden',
      'alle 12 Stunden',
      'jeden Tag',
      'alle 2 Tage',
      'jede Woche',
    ]);
  });
});

describe('options page in French', () => {
  it('shows every section in French, with no message key on the page', async () => {
    useTestLocale('fr');
    await render(<OptionsApp />);
    await waitFor(() => expect(byTestId<HTMLButtonElement>('provider-save').disabled).toBe(false));
    await waitFor(() => expect(byTestId('preset-library').textContent).toContain('Nouveau préréglage'));

    const headings = [...container.querySelectorAll('h1, h2')].map((h) => h.textContent);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Paramètres de Deskmate',
        'Fournisseurs de modèles',
        'À propos de vous',
        'Préréglages',
        'Packs d’équipe',
        'Confidentialité',
        'Prix des modèles',
        'Vos données',
      ]),
    );
    expect(byTestId('privacy-save').textContent).toBe('Enregistrer les paramètres de confidentialité');
    expect(byTestId('domain-empty').textContent).toBe('Aucun domaine déclaré.');
    expect(byTestId('open-dashboard').textContent).toBe('Qualité des brouillons IA');
    expect(container.textContent).not.toContain('Your data');
    expect(readable()).not.toMatch(RAW_KEY);
  });

  it('uses the French plural rules (0 and 1 are singular)', async () => {
    useTestLocale('fr');
    await render(
      <ProviderStatus
        state={{ kind: 'tested', detail: 'OK', models: ['a', 'b'] }}
        currentModel=""
        onPickModel={() => {}}
      />,
    );
    expect(container.querySelector('#provider-models-label')?.textContent).toBe(
      '2 modèles sont disponibles. Choisissez-en un pour l’utiliser :',
    );
    const { describeDeletion } = await import('../../utils/data/delete-all');
    const lines = describeDeletion({
      generations: 0,
      drafts: 1,
      secrets: 0,
      apiKeyRemoved: false,
      localKeys: [],
      sessionKeys: 2,
      syncKeys: 0,
      registrations: 0,
      helpdesksTurnedOff: [],
      siteAccessRemoved: [],
      failures: [],
    });
    expect(lines[0]).toBe('0 génération et 1 brouillon supprimés de la base de données de Deskmate.');
    expect(lines).toContain('2 entrées par onglet (tickets lus, dernière insertion) effacées.');
  });
});
