import type OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { routeMessage } from '@/utils/background/router';
import { t } from '@/utils/i18n/t';
import { modelDisplayName, ON_DEVICE_MODEL_LABEL } from '@/utils/llm/chrome-ai';
import { LlmCallError } from '@/utils/llm/errors';
import { parsePriceForm } from '@/utils/llm/prices';
import { streamChat } from '@/utils/llm/stream';
import { parseSummary } from '@/utils/llm/summary';
import { saysTextKept } from '@/utils/messaging/stream-notes';
import { chooseOnDeviceProvider } from '@/utils/panel/active-provider';
import { buildPrivacySettings, parseTeamPatterns } from '@/utils/privacy/form';
import { DEFAULT_PRIVACY, parsePrivacySettings } from '@/utils/privacy/settings';
import { editorForPreset, parseProviderEditor } from '@/utils/providers/form';
import { resolveProvider } from '@/utils/providers/resolve';
import { AzureFields, parseStoredProviders } from '@/utils/providers/schema';
import { loadProviders } from '@/utils/providers/store';
import { installFakeI18n, useTestLocale } from './i18n-fake';

// Texts made outside components (LLM calls, providers, prices, privacy) follow the UI language: the same code
// paths as in the English tests, read with the German locale file. zod messages are read when the issue is raised,
// so switching language after the modules were imported still changes them.

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n();
  useTestLocale('de');
});
afterEach(() => useTestLocale('en'));

/** A client whose chat call answers with `body` as an SSE stream (no network). */
function streamingClient(body: ReadableStream<Uint8Array>): OpenAI {
  const create = () => ({ asResponse: async () => new Response(body, { status: 200 }) });
  return { chat: { completions: { create } } } as unknown as OpenAI;
}

function sseBody(parts: string[], thenFail?: Error): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[next++];
      if (part !== undefined) controller.enqueue(encoder.encode(part));
      else if (thenFail) controller.error(thenFail);
      else controller.close();
    },
  });
}

async function streamError(body: ReadableStream<Uint8Array>): Promise<LlmCallError> {
  const error = await streamChat({
    client: streamingClient(body),
    model: 'm',
    messages: [{ role: 'user', content: 'x' }],
    signal: new AbortController().signal,
    onDelta: () => undefined,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmCallError);
  return error as LlmCallError;
}

describe('LLM texts in German', () => {
  it('price validation: every bad field says what is wrong in German', () => {
    const result = parsePriceForm({ model: 'my model', input: '0,15', output: '20000' });
    expect(result).toEqual({
      ok: false,
      errors: {
        model: expect.stringMatching(/^Schreiben Sie die Modell-ID so, wie der Anbieter sie schreibt/),
        input: 'Geben Sie eine einfache Zahl wie 0.15 ein (ohne Buchstaben, Kommas oder Vorzeichen).',
        output: 'Das sind mehr als 10.000 $ pro Million Tokens; prüfen Sie den Wert.',
      },
    });
    useTestLocale('en');
    const english = parsePriceForm({ model: '', input: '', output: '20000' });
    expect(english).toEqual({
      ok: false,
      errors: {
        model: 'Enter a model id.',
        input: 'Enter a price in US dollars per million tokens (0 for free).',
        output: 'That is more than $10,000 per million tokens; check the value.',
      },
    });
  });

  it('a stream of unreadable events and a dropped connection are explained in German', async () => {
    const unreadable = await streamError(sseBody(['data: {not json\n\n']));
    expect(unreadable.llmError).toEqual({
      code: 'bad-response',
      message: expect.stringMatching(
        /^Der Server antwortete mit 1 Ereignis, das Deskmate nicht lesen konnte/,
      ),
    });

    const chunk = JSON.stringify({
      choices: [{ index: 0, delta: { content: 'Hallo' }, finish_reason: null }],
    });
    const dropped = await streamError(sseBody([`data: ${chunk}\n\n`], new TypeError('terminated')));
    expect(dropped.partialText).toBe('Hallo');
    expect(dropped.llmError).toEqual({
      code: 'network',
      message: 'Die Verbindung brach mitten in der Antwort ab; der bisherige Text wurde behalten.',
    });
    // The panel knows this one already says the text was kept, in German as in English.
    expect(saysTextKept(dropped.llmError.message)).toBe(true);
    expect(saysTextKept(t('core_llm_stream_idle', 'm', 30))).toBe(true);
    expect(saysTextKept(t('core_llm_stream_dropped'))).toBe(false);
    expect(saysTextKept('Die Verbindung brach ab.')).toBe(false);
    // A generation stored before the translation holds the English sentence.
    expect(saysTextKept('The connection dropped mid-answer; the partial text was kept.')).toBe(true);
  });

  it('the on-device model is named in German; other model ids stay as they are', () => {
    expect(modelDisplayName(ON_DEVICE_MODEL_LABEL)).toBe('On-Device-Modell von Chrome');
    expect(modelDisplayName('gpt-4o-mini')).toBe('gpt-4o-mini');
  });

  it('the summary fallback says why in German', () => {
    expect(parseSummary('')).toEqual({ ok: false, reason: 'die Antwort ist leer' });
    expect(parseSummary('Keine Ahnung.')).toEqual({
      ok: false,
      reason: 'die Antwort enthält kein JSON-Objekt',
    });
    // An answer cut off at the length limit, and one with a syntax error: no English parser detail.
    expect(parseSummary('{"issue": "Doppelt abgebucht", "customerWants": "Erstatt')).toEqual({
      ok: false,
      reason: 'das JSON endet, bevor es vollständig ist',
    });
    expect(parseSummary('{"issue": "Doppelt" "customerWants": 1}')).toEqual({
      ok: false,
      reason: 'das JSON ist fehlerhaft',
    });
  });

  it('the background answers a malformed page request in German', async () => {
    const panel = {
      id: 'test-extension-id',
      url: 'chrome-extension://test-extension-id/sidepanel.html?tabId=7',
    };
    expect(await routeMessage({ type: 'ticket/read', tabId: 'seven' }, panel)).toEqual({
      ok: false,
      code: 'bad-request',
      message: 'Fehlerhafte Anfrage.',
    });
  });
});

describe('provider texts in German', () => {
  it('a damaged stored provider list is reported in German, with the plural the count needs', () => {
    const good = {
      id: 'openai-1',
      presetId: 'openai',
      label: 'OpenAI',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-4o-mini',
    };
    const broken = { ...good, id: 'broken-1', baseURL: 'ftp://example.com' };
    const loaded = parseStoredProviders(
      { providers: [good, broken, { ...broken, id: 'broken-2' }], defaultId: 'openai-1' },
      null,
    );
    expect(loaded.state.providers.map((p) => p.id)).toEqual(['openai-1']);
    expect(loaded.warning).toMatch(/^2 gespeicherte Anbieter waren ungültig und wurden ignoriert \(/);
    expect(loaded.warning).toContain('Die Basis-URL muss mit http:// oder https:// beginnen');
  });

  it('a provider named by a preset that is gone: the warning is German', async () => {
    const { provider, warning } = await resolveProvider('gone');
    expect(provider).toBeNull();
    expect(warning).toBe(
      'Der Anbieter „gone“ ist nicht mehr eingerichtet. Wählen Sie in den Deskmate-Einstellungen einen anderen.',
    );
  });

  it('zod messages follow the language in force when the value is checked', () => {
    const bad = { deployment: 'my deployment', apiVersion: '2024-10-21' };
    const german = AzureFields.safeParse(bad);
    expect(german.success ? '' : german.error.issues[0]?.message).toBe(
      'Ein Deployment-Name besteht nur aus Buchstaben, Ziffern, Punkten, Bindestrichen und Unterstrichen.',
    );
    useTestLocale('fr');
    const french = AzureFields.safeParse(bad);
    expect(french.success ? '' : french.error.issues[0]?.message).toBe(
      'Un nom de déploiement ne contient que des lettres, chiffres, points, tirets et tirets bas.',
    );
  });

  it('a provider saved with its name left empty gets the name the field showed, in German', () => {
    const result = parseProviderEditor({ ...editorForPreset('chrome-ai') }, 'chrome-ai-1');
    expect(result.ok && result.config.label).toBe('Chrome-KI auf dem Gerät');
    const openai = parseProviderEditor({ ...editorForPreset('openai'), apiKey: 'sk-test' }, 'openai-1');
    expect(openai.ok && openai.config.label).toBe('OpenAI');
  });

  it('"Use on-device model" saves the provider under its German name', async () => {
    await chooseOnDeviceProvider();
    const { state } = await loadProviders();
    expect(state.providers.map((p) => [p.presetId, p.label])).toEqual([
      ['chrome-ai', 'Chrome-KI auf dem Gerät'],
    ]);
  });
});

describe('privacy texts in German', () => {
  it('team pattern lines that cannot be used name the line and the problem in German', () => {
    expect(parseTeamPatterns('ORDER: ORD-\\d{6}\nkaputt')).toEqual({
      ok: false,
      error: 'Zeile 2: Schreiben Sie „LABEL: Muster“, z. B. ORDER: ORD-\\d{6}',
    });
    const badRegex = parseTeamPatterns('ORDER: ORD-\\d{6}\nTICKET: (');
    expect(badRegex).toEqual({
      ok: false,
      error: expect.stringMatching(/^Zeile 2: Muster \(TICKET\): ungültiger regulärer Ausdruck: /),
    });
    expect(parseTeamPatterns('order: x')).toEqual({
      ok: false,
      error:
        'Zeile 1: Muster (order): das Label muss aus 1–24 Großbuchstaben oder Ziffern bestehen und mit einem Buchstaben beginnen (z. B. ORDER).',
    });
    expect(buildPrivacySettings(DEFAULT_PRIVACY, 'EMPTY: x*', '')).toEqual({
      ok: false,
      error:
        'Zeile 1: Muster (EMPTY): das Muster passt auf leeren Text und würde daher nichts Sinnvolles schwärzen.',
    });
  });

  it('stored privacy settings that fail validation: German warning, the defaults (redaction on) apply', () => {
    const loaded = parsePrivacySettings({ teamPatterns: [{ label: 'order', pattern: 'x' }] });
    expect(loaded.settings).toEqual(DEFAULT_PRIVACY);
    expect(loaded.warning).toMatch(
      /^Die gespeicherten Datenschutzeinstellungen waren ungültig; die Standardwerte \(Schwärzung an\) gelten: Label: 1–24 Großbuchstaben/,
    );
  });
});
