// Sample drafts for the docs' dashboard and history pictures (scripts/store-screenshots.mjs --docs): two weeks of an
// agent's AI drafts on three helpdesks, some inserted as written, some edited, some not used. Deterministic but for
// the dates (a fixed seed; the last two weeks, since the retention setting, 30 days by default, deletes older
// records), so the pictures only change when the pages do. Written straight into the extension's
// IndexedDB from one of its pages, in the shape Deskmate stores (utils/db.ts GenerationRecord, TicketViewRecord);
// the dashboard then computes its figures from them exactly as from real use.

const HELPDESKS = [
  { id: 'zendesk', host: 'acme.zendesk.com', weight: 0.55 },
  { id: 'freshdesk', host: 'acme.freshdesk.com', weight: 0.3 },
  { id: 'intercom', host: 'app.intercom.com', weight: 0.15 },
];

/** Built-in presets by id and name, as a generation records them (utils/background/generation.ts), or none. */
const PRESETS = [
  { weight: 0.5 },
  { weight: 0.2, presetId: 'reply-empathetic', presetName: 'Empathetic reply' },
  { weight: 0.15, presetId: 'reply-refund-returns', presetName: 'Refund / returns reply' },
  { weight: 0.15, presetId: 'reply-missing-info', presetName: 'Ask for missing information' },
];

const SUBJECTS = [
  'Charged twice for my February invoice',
  'Password reset link has expired',
  'Please change my delivery address',
  'Invoice shows the wrong currency',
  'How do I cancel my subscription?',
  'CSV export stops at 1,000 rows',
  'Package marked delivered but not here',
  'Can I add a second user to my plan?',
  'App logs me out every few minutes',
  'Discount code not accepted at checkout',
];

const MODELS = ['gpt-4o-mini', 'llama3.2'];
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** A small linear congruential generator: the same numbers on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick(rand, items) {
  let at = rand();
  for (const item of items) {
    at -= item.weight;
    if (at < 0) return item;
  }
  return items[items.length - 1];
}

/** 08:00 UTC `days` days before today. */
function daysAgo(days) {
  const today = new Date();
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 8) - days * DAY_MS;
}

/**
 * @param {{ start?: number, days?: number, seed?: number }} [options] `start`: the first day, 08:00 UTC
 * @returns {{ generations: Record<string, unknown>[], ticketViews: { ticketKey: string, firstViewedAt: number }[] }}
 */
export function sampleDrafts({ days = 14, start = daysAgo(days), seed = 7 } = {}) {
  const rand = random(seed);
  const generations = [];
  const ticketViews = [];
  let ticket = 4100;
  for (let day = 0; day < days; day++) {
    const date = start + day * DAY_MS;
    // Two quiet days a week, wherever the week starts.
    const count = day % 7 >= 5 ? Math.floor(rand() * 2) : 3 + Math.floor(rand() * 5);
    for (let i = 0; i < count; i++) {
      ticket += 1;
      const helpdesk = pick(rand, HELPDESKS);
      const preset = pick(rand, PRESETS);
      const subject = SUBJECTS[Math.floor(rand() * SUBJECTS.length)];
      const ticketKey = `${helpdesk.id}:${helpdesk.host}:${ticket}`;
      const viewedAt = date + Math.floor(rand() * 8 * 60) * MINUTE_MS;
      const startedAt = viewedAt + (1 + Math.floor(rand() * 6)) * MINUTE_MS;
      const finishedAt = startedAt + 4_000 + Math.floor(rand() * 6_000);
      const output = `Hi there,\n\nThanks for getting in touch about "${subject}". Here is what I found and what happens next.\n\nBest regards`;
      const used = rand() < 0.82;
      // Most drafts need few changes; a few are rewritten heavily (the distribution's long tail).
      const editRate = Math.round(rand() ** 2.2 * 0.9 * 1000) / 1000;
      generations.push({
        ticketKey,
        kind: 'draft',
        model: MODELS[rand() < 0.7 ? 0 : 1],
        promptChars: 2_000 + Math.floor(rand() * 6_000),
        output,
        startedAt,
        finishedAt,
        outcome: 'complete',
        ticketSubject: subject,
        helpdesk: helpdesk.id,
        ticketUrl: `https://${helpdesk.host}/tickets/${ticket}`,
        ...(preset.presetId ? { presetId: preset.presetId, presetName: preset.presetName } : {}),
        ...(used
          ? {
              inserted: true,
              insertedAt: finishedAt + (1 + Math.floor(rand() * 9)) * MINUTE_MS,
              insertMethod: rand() < 0.85 ? 'insert' : 'copy',
              editRate,
              insertedChars: Math.round(output.length * (1 + editRate / 3)),
            }
          : {}),
      });
      ticketViews.push({ ticketKey, firstViewedAt: viewedAt });
    }
  }
  return { generations, ticketViews };
}

/**
 * Adds the sample to the extension's database from `page`, an open page of the extension (same origin as its
 * IndexedDB). The database must exist already (the panel has opened it).
 * @param {import('@playwright/test').Page} page
 */
export async function seedSampleDrafts(page, sample = sampleDrafts()) {
  await page.evaluate(async ({ generations, ticketViews }) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('deskmate');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['generations', 'ticketViews'], 'readwrite');
        for (const g of generations) tx.objectStore('generations').add(g);
        for (const v of ticketViews) tx.objectStore('ticketViews').put(v);
        tx.oncomplete = () => resolve(undefined);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, sample);
}
