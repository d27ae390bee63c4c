// Knowledge retrieval figures of issue #10, on the BUILT extension in Chromium: "retrieval of the top snippets
// over 5,000 snippets takes under 50 ms".
// - 5,000 generated snippets (five languages, realistic support vocabulary, 25 packs of 200 as the pack limit
//   allows, some with language tags and validity dates) are written straight into the extension's IndexedDB from
//   one of its pages, with the shape the product stores (utils/knowledge/db-tables.ts);
// - the fixture Zendesk ticket is read by the background (`ticket/read`), then an extension page sends
//   `{type: 'knowledge/suggest', tabId, ticketKey}` repeatedly. Figures: `tookMs` (the background's own time for
//   the request: freshness check + search, utils/background/knowledge-index.ts) and the round trip seen by the page;
// - "first suggestion": the first request after seeding, which finds no index in the worker and waits for the
//   build (in slices) — what the first panel after a browser start pays;
// - "during a rebuild": one snippet changed right before the request; the background answers within its short
//   wait (150 ms) from the new index or the previous one, never blocked for the whole build;
// - "index build alone": the product's own index code (utils/knowledge/retrieve.ts, bundled here with esbuild)
//   building the same 5,000 rows in an extension page, at once and in slices.
// Nothing is added to the product.

import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../scripts/lib/extension-session.mjs';
import { summarize, table, verdict } from './stats.mjs';

/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */
/** @typedef {import('@playwright/test').Page} Page */

export const KNOWLEDGE_SEARCH_BUDGET_MS = 50;
export const KNOWLEDGE_SNIPPETS = 5_000;

/** The product's retrieval code as a script for the page (a copy here could drift). */
async function retrieveScript() {
  const result = await build({
    entryPoints: [path.join(ROOT, 'utils', 'knowledge', 'retrieve.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__deskmateRetrieve',
    target: 'es2022',
    logLevel: 'silent',
  });
  return `${result.outputFiles[0].text}\nglobalThis.__deskmateRetrieve = __deskmateRetrieve;`;
}

/**
 * Runs in an extension page: writes `count` snippets into the `snippets` store of the product's database (which
 * must exist: the options page opened it). Deterministic text. Returns the rows written.
 * @param {Page} page @param {number} count
 */
function seed(page, count) {
  return page.evaluate(async (n) => {
    const vocab = {
      en: 'refund invoice payment charged twice billing account password reset login email shipping parcel tracking delivery delayed subscription cancel renewal plan upgrade receipt card bank outage error sync data export delete privacy address order return damaged replacement warranty discount coupon tax vat company'.split(
        ' ',
      ),
      de: 'Rückerstattung Rechnung Zahlung doppelt abgebucht Konto Passwort zurücksetzen Anmeldung Versand Paket Sendungsverfolgung Lieferung verspätet Abonnement kündigen Verlängerung Tarif Beleg Karte Störung Fehler Daten löschen Datenschutz Adresse Bestellung Rücksendung beschädigt Ersatz Garantie Rabatt'.split(
        ' ',
      ),
      sv: 'återbetalning faktura betalning dubbeldebiterad konto lösenord återställa inloggning frakt paket spårning leverans försenad prenumeration avsluta förnyelse kvitto kort avbrott fel data radera integritet adress beställning retur skadad ersättning garanti rabatt'.split(
        ' ',
      ),
      es: 'reembolso factura pago cobrado dos veces cuenta contraseña restablecer acceso envío paquete seguimiento entrega retrasado suscripción cancelar renovación recibo tarjeta interrupción error datos eliminar privacidad dirección pedido devolución dañado reemplazo garantía descuento'.split(
        ' ',
      ),
      fr: 'remboursement facture paiement débité deux fois compte mot de passe réinitialiser connexion expédition colis suivi livraison retardée abonnement résilier renouvellement reçu carte panne erreur données supprimer confidentialité adresse commande retour endommagé remplacement garantie remise'.split(
        ' ',
      ),
    };
    const filler = {
      en: 'the customer can we will please within days after our team if this is for with and'.split(' '),
      de: 'der Kunde kann wir werden bitte innerhalb Tagen nach unser Team wenn dies für mit und'.split(' '),
      sv: 'kunden kan vi kommer inom dagar efter vårt team om detta för med och'.split(' '),
      es: 'el cliente puede nosotros por favor dentro de días después nuestro equipo si esto para con y'.split(
        ' ',
      ),
      fr: 'le client peut nous veuillez dans les jours après notre équipe si ceci pour avec et'.split(' '),
    };
    const langs = Object.keys(vocab);
    let state = 7;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const pick = (list) => list[Math.floor(random() * list.length)];
    const words = (lang, k) =>
      Array.from({ length: k }, () => (random() < 0.45 ? pick(vocab[lang]) : pick(filler[lang]))).join(' ');
    const open = indexedDB.open('deskmate');
    const database = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    if (!database.objectStoreNames.contains('snippets')) {
      database.close();
      throw new Error('The extension database has no snippets table (Dexie v5): is the build current?');
    }
    const tx = database.transaction(['snippets'], 'readwrite');
    const store = tx.objectStore('snippets');
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      const pack = `Bench pack ${Math.floor(i / 200) + 1}`;
      const lang = langs[i % langs.length];
      const id = `snippet-${i}`;
      const title = words(lang, 3 + Math.floor(random() * 4));
      const snippet = {
        id,
        title: `${title.charAt(0).toUpperCase()}${title.slice(1)}`.slice(0, 120),
        text: Array.from(
          { length: 4 + Math.floor(random() * 5) },
          () => `${words(lang, 10 + Math.floor(random() * 8))}.`,
        ).join(' '),
        tags: [pick(vocab[lang]), pick(vocab[lang])].filter((t, k, all) => all.indexOf(t) === k),
        ...(i % 3 === 0 ? { language: lang } : {}),
        ...(i % 10 === 0
          ? { validFrom: '2020-01-01', validUntil: i % 20 === 0 ? '2021-12-31' : '2099-12-31' }
          : {}),
        ...(i % 4 === 0 ? { sourceUrl: `https://help.acme.test/articles/${i}` } : {}),
      };
      store.put({
        key: `file:${pack}/${id}`,
        sourceKey: `file:${pack}`,
        source: { type: 'file', pack },
        snippet,
        updatedAt: now,
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    database.close();
    return n;
  }, count);
}

/**
 * One `knowledge/suggest` from the page: the background's tookMs, the page's round trip, what came back.
 * @param {Page} page @param {number} tabId @param {string} ticketKey
 */
function suggestOnce(page, tabId, ticketKey) {
  return page.evaluate(
    async ({ tabId, ticketKey }) => {
      const started = performance.now();
      const answer = await chrome.runtime.sendMessage({ type: 'knowledge/suggest', tabId, ticketKey });
      const roundTripMs = performance.now() - started;
      if (!answer?.ok) throw new Error(`knowledge/suggest failed: ${JSON.stringify(answer)}`);
      return {
        tookMs: answer.tookMs,
        roundTripMs,
        indexSize: answer.indexSize,
        top: answer.suggestions.slice(0, 3).map((s) => ({ key: s.key, matched: s.matched.slice(0, 5) })),
      };
    },
    { tabId, ticketKey },
  );
}

/**
 * Runs in the page (after retrieveScript): the product's index built from the stored rows, at once and in
 * slices of 200 with a yield between (as the background builds it), `runs` times each.
 * @param {Page} page @param {number} runs
 */
function buildAlone(page, runs) {
  return page.evaluate(async (runs) => {
    const { buildKnowledgeIndex, buildKnowledgeIndexInSlices } = /** @type {any} */ (globalThis)
      .__deskmateRetrieve;
    const open = indexedDB.open('deskmate');
    const database = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise((resolve, reject) => {
      const request = database.transaction(['snippets']).objectStore('snippets').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.close();
    const atOnce = [];
    const sliced = [];
    const longestSlice = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      buildKnowledgeIndex(rows);
      atOnce.push(performance.now() - started);
      let sliceStart = performance.now();
      let longest = 0;
      started = performance.now();
      await buildKnowledgeIndexInSlices(rows, {
        slice: 200,
        yieldFn: () =>
          new Promise((resolve) => {
            longest = Math.max(longest, performance.now() - sliceStart);
            setTimeout(() => {
              sliceStart = performance.now();
              resolve();
            }, 0);
          }),
      });
      sliced.push(performance.now() - started);
      longestSlice.push(longest);
    }
    return { rows: rows.length, atOnce, sliced, longestSlice };
  }, runs);
}

/**
 * @param {{ context: BrowserContext, extensionId: string, tabId: number, runs: number,
 *   say: (m: string) => void, count?: number }} o
 */
export async function benchKnowledge({ context, extensionId, tabId, runs, say, count = KNOWLEDGE_SNIPPETS }) {
  const page = await context.newPage();
  try {
    // Any top-level page of ours may ask (the background checks the sender); this one has no knowledge UI.
    await page.goto(`chrome-extension://${extensionId}/draft-history.html`);
    say(`knowledge: seeding ${count.toLocaleString('en')} snippets`);
    await seed(page, count);
    const read = await page.evaluate(
      (tabId) => chrome.runtime.sendMessage({ type: 'ticket/read', tabId }),
      tabId,
    );
    if (!read?.ok)
      throw new Error(`The background could not read the fixture ticket: ${JSON.stringify(read)}`);
    const { ticketKey } = read;

    say('knowledge: first suggestion (the background builds its index)');
    const first = await suggestOnce(page, tabId, ticketKey);
    if (first.indexSize !== count)
      throw new Error(`The index holds ${first.indexSize} snippets, not ${count}.`);

    say(`knowledge: ${runs} suggestions over ${count.toLocaleString('en')} snippets`);
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await suggestOnce(page, tabId, ticketKey));

    say('knowledge: suggestions right after a snippet changed (during the rebuild)');
    const during = [];
    for (let i = 0; i < Math.min(5, runs); i++) {
      await page.evaluate(async (i) => {
        const open = indexedDB.open('deskmate');
        const database = await new Promise((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = database.transaction(['snippets'], 'readwrite');
        tx.objectStore('snippets').put({
          key: `personal/bench-change-${i}`,
          sourceKey: 'personal',
          source: { type: 'personal' },
          snippet: {
            id: `bench-change-${i}`,
            title: 'Charged twice',
            text: 'Duplicate charges are refunded.',
            tags: [],
          },
          updatedAt: Date.now(),
        });
        await new Promise((resolve) => {
          tx.oncomplete = resolve;
        });
        database.close();
      }, i);
      during.push(await suggestOnce(page, tabId, ticketKey));
      // Let that rebuild finish before the next change, so each sample is "one change, then a request".
      await page.waitForTimeout(1500);
    }

    say('knowledge: the index build alone (the product code bundled into an extension page)');
    await page.evaluate(await retrieveScript());
    const alone = await buildAlone(page, 3);

    return {
      snippets: count,
      ticketKey,
      firstSuggestion: { tookMs: round(first.tookMs), roundTripMs: round(first.roundTripMs) },
      tookMs: summarize(warm.map((w) => w.tookMs)),
      roundTripMs: summarize(warm.map((w) => w.roundTripMs)),
      duringRebuild: {
        tookMs: summarize(during.map((w) => w.tookMs)),
        roundTripMs: summarize(during.map((w) => w.roundTripMs)),
      },
      buildAlone: {
        rows: alone.rows,
        atOnceMs: summarize(alone.atOnce),
        slicedMs: summarize(alone.sliced),
        longestSliceMs: summarize(alone.longestSlice),
      },
      top: warm[0]?.top ?? [],
    };
  } finally {
    await page.close();
  }
}

const round = (x) => Math.round(x * 100) / 100;

/** @param {Record<string, any> | undefined} k */
export function knowledgeBudgets(k) {
  if (!k) return [];
  return [
    {
      name: `knowledge search over ${k.snippets.toLocaleString('en')} snippets median ≤ ${KNOWLEDGE_SEARCH_BUDGET_MS} ms`,
      value: k.tookMs.median,
      pass: k.tookMs.median <= KNOWLEDGE_SEARCH_BUDGET_MS,
    },
  ];
}

/** @param {Record<string, any> | undefined} k */
export function knowledgeReport(k) {
  if (!k) return '';
  const n = k.snippets.toLocaleString('en');
  return `\n\nKnowledge suggestions over ${n} snippets (ms; tookMs = the background's time, round trip = the page's)\n${table(
    [
      ['figure', 'median', 'p95', 'min', 'max', 'n', 'budget'],
      [
        'tookMs (search)',
        k.tookMs.median,
        k.tookMs.p95,
        k.tookMs.min,
        k.tookMs.max,
        k.tookMs.n,
        verdict(k.tookMs.median <= KNOWLEDGE_SEARCH_BUDGET_MS),
      ],
      [
        'round trip',
        k.roundTripMs.median,
        k.roundTripMs.p95,
        k.roundTripMs.min,
        k.roundTripMs.max,
        k.roundTripMs.n,
        '-',
      ],
      [
        'tookMs, one snippet changed just before',
        k.duringRebuild.tookMs.median,
        k.duringRebuild.tookMs.p95,
        k.duringRebuild.tookMs.min,
        k.duringRebuild.tookMs.max,
        k.duringRebuild.tookMs.n,
        '-',
      ],
      ['first suggestion (build + search), tookMs', k.firstSuggestion.tookMs, '-', '-', '-', 1, '-'],
      ['first suggestion, round trip', k.firstSuggestion.roundTripMs, '-', '-', '-', 1, '-'],
      [
        'index build alone, at once',
        k.buildAlone.atOnceMs.median,
        k.buildAlone.atOnceMs.p95,
        k.buildAlone.atOnceMs.min,
        k.buildAlone.atOnceMs.max,
        k.buildAlone.atOnceMs.n,
        '-',
      ],
      [
        'index build alone, slices of 200',
        k.buildAlone.slicedMs.median,
        k.buildAlone.slicedMs.p95,
        k.buildAlone.slicedMs.min,
        k.buildAlone.slicedMs.max,
        k.buildAlone.slicedMs.n,
        '-',
      ],
      [
        'longest slice (event loop held)',
        k.buildAlone.longestSliceMs.median,
        k.buildAlone.longestSliceMs.p95,
        k.buildAlone.longestSliceMs.min,
        k.buildAlone.longestSliceMs.max,
        k.buildAlone.longestSliceMs.n,
        '-',
      ],
    ],
  )}\ntop 3 for ${k.ticketKey}: ${k.top.map((t) => `${t.key} (${t.matched.join(', ')})`).join('; ')}`;
}
