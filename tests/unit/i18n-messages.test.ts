import { APIError, AuthenticationError, InternalServerError, RateLimitError } from 'openai';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { GenerationMeta } from '@/components/history/GenerationMeta';
import type { GenerationRecord } from '@/utils/db';
import { readApiThenPage } from '@/utils/helpdesks/adapter-kit';
import { HttpError } from '@/utils/helpdesks/types';
import { tSlots } from '@/utils/i18n/slots';
import { isUnexplainedNetworkError, toLlmError } from '@/utils/llm/errors';
import { describeNetworkFailure } from '@/utils/llm/network-diagnosis';
import type { PresetTables } from '@/utils/presets/db-tables';
import { presetRunFor } from '@/utils/presets/run';
import { useTestLocale } from './i18n-fake';

// The texts composed outside components (errors the background reports, the connection test's diagnosis, preset
// refusals) come out in the UI language, with the same facts (host, status, model, wait) in them.

afterEach(() => useTestLocale('en'));
// Not a React hook, whatever its name says: an alias lets a loop switch the language.
const switchLocale = useTestLocale;

const OPENAI = { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini' };

describe('LLM errors in the UI language', () => {
  it('German: a rejected key, a rate limit with its wait, a server error with the provider’s own words', () => {
    useTestLocale('de');
    const auth = toLlmError(
      new AuthenticationError(401, { message: 'bad key' }, undefined, new Headers()),
      OPENAI,
    );
    expect(auth).toMatchObject({ code: 'auth', status: 401 });
    expect(auth.message).toBe(
      'Der API-Schlüssel wurde abgelehnt (401). Prüfen Sie den Schlüssel in den Deskmate-Einstellungen.',
    );

    const limited = toLlmError(
      new RateLimitError(429, { message: 'slow down' }, undefined, new Headers({ 'retry-after': '30' })),
      OPENAI,
    );
    expect(limited.message).toBe(
      'api.example.test begrenzt die Anfragen (429); versuchen Sie es in 30 s erneut.',
    );

    const server = toLlmError(
      new InternalServerError(502, { message: 'upstream timed out' }, undefined, new Headers()),
      OPENAI,
    );
    expect(server.message).toBe(
      'Der Server des Anbieters unter api.example.test hatte einen Fehler (502 Bad Gateway). Das ist meist ' +
        'vorübergehend; versuchen Sie es gleich noch einmal. Der Anbieter meldete: „upstream timed out“',
    );
  });

  it('English wording is unchanged (one sentence after the other, the provider last)', () => {
    const err = new APIError(400, { message: 'model foo does not exist' }, undefined, new Headers());
    expect(toLlmError(err, { ...OPENAI, model: 'foo' }).message).toBe(
      'Model “foo” was not found at api.example.test. Check the model name in Deskmate settings. ' +
        'The provider said: “model foo does not exist”',
    );
  });

  it('Swedish: the stop and a timeout with its seconds', () => {
    useTestLocale('sv');
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toLlmError(abort, OPENAI).message).toBe('Stoppad.');
    const timeout = Object.assign(new Error('t'), { name: 'TimeoutError' });
    expect(toLlmError(timeout, { ...OPENAI, timeoutMs: 45_000 }).message).toBe(
      'api.example.test svarade inte inom 45 s. Modellen kanske fortfarande laddas eller så är servern upptagen; försök igen.',
    );
  });

  it('the connection test still recognises the unexplained network failure in any language', () => {
    for (const locale of ['en', 'fr'] as const) {
      switchLocale(locale);
      const mapped = toLlmError(new TypeError('Failed to fetch'), OPENAI);
      expect(mapped.code).toBe('network');
      expect(isUnexplainedNetworkError(mapped, OPENAI.baseURL)).toBe(true);
      const refused = toLlmError(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), OPENAI);
      expect(isUnexplainedNetworkError(refused, OPENAI.baseURL)).toBe(false);
    }
    expect(
      describeNetworkFailure({
        baseURL: 'http://localhost:11434/v1',
        hasPermission: true,
        originAnswers: false,
      }).message,
    ).toBe(
      'Rien ne répond à localhost:11434 : la connexion a été refusée. Le serveur est-il démarré sur cet ' +
        'ordinateur (ollama serve), et le port est-il correct ?',
    );
  });
});

describe('preset refusals in the UI language', () => {
  const noStoredPresets = { presets: { get: async () => undefined } } as unknown as Pick<
    PresetTables,
    'presets'
  >;

  it('Spanish: a deleted preset and a summary preset asked for a draft', async () => {
    useTestLocale('es');
    await expect(
      presetRunFor(noStoredPresets, { presetKey: 'personal/gone', kind: 'draft' }),
    ).rejects.toThrow('Esta plantilla ya no existe (se eliminó o se quitó su paquete).');
    await expect(
      presetRunFor(noStoredPresets, { presetKey: 'builtin/summary-structured', kind: 'draft' }),
    ).rejects.toThrow(/^La plantilla «.+» no genera un borrador\.$/);
  });
});

describe('ticket read failures in the UI language', () => {
  it('German: neither the helpdesk API nor the page gives the ticket', async () => {
    useTestLocale('de');
    const read = readApiThenPage({
      name: 'Zendesk',
      ticketId: '123',
      readApi: () => Promise.reject(new HttpError(403, '/api/v2/tickets/123.json')),
      readPage: () => null,
      pageNote: () => '',
    });
    await expect(read).rejects.toThrow(
      'Ticket #123 konnte nicht gelesen werden: Die Zendesk-API antwortete mit 403, und das Ticket wird auf ' +
        'dieser Seite nicht angezeigt. Laden Sie den Tab neu oder öffnen Sie das Ticket erneut und versuchen Sie ' +
        'es dann noch einmal.',
    );
  });
});

describe('tSlots: a sentence with elements inside, in the translation’s word order', () => {
  it('splits the message around its slots', () => {
    expect(tSlots('history_intro', 2)).toEqual([
      'Summaries and drafts Deskmate wrote on this computer, kept for the retention period set in ',
      0,
      '. Texts show placeholders such as [EMAIL_1] where personal data was hidden from the model. See also the ',
      1,
      '.',
    ]);
    useTestLocale('es');
    const parts = tSlots('history_intro', 2);
    expect(parts.filter((p) => typeof p === 'number')).toEqual([0, 1]);
    expect(parts[0]).toMatch(/^Resúmenes y borradores/);
  });
});

describe('history entries in the UI language', () => {
  const draft: GenerationRecord = {
    ticketKey: 'zendesk:acme.zendesk.com:123',
    kind: 'draft',
    model: 'gpt-4o-mini',
    promptChars: 900,
    output: 'Hello',
    outcome: 'interrupted',
    startedAt: Date.UTC(2026, 10, 28, 12, 0),
    promptTokens: 12_345,
    outputTokens: 678,
    inserted: true,
    insertMethod: 'copy',
  } as GenerationRecord;

  it('German: kind, tokens with a German thousands separator, outcome, used, a German date', () => {
    useTestLocale('de');
    const html = renderToStaticMarkup(createElement(GenerationMeta, { generation: draft }));
    expect(html).toContain('>Entwurf<');
    expect(html).toContain('>12.345 Tokens rein / 678 raus<');
    expect(html).toContain('>abgebrochen<');
    expect(html).toContain('>kopiert<');
    expect(html).toMatch(/>28\.11\.2026, \d{2}:\d{2}</);
  });

  it('English is unchanged', () => {
    const html = renderToStaticMarkup(createElement(GenerationMeta, { generation: draft }));
    expect(html).toContain('>12,345 in / 678 out tokens<');
    expect(html).toContain('>cut off<');
    expect(html).toContain('>copied<');
  });
});
