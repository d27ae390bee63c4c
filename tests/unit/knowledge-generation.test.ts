import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type GenerationPort, serveGenerationPort } from '@/utils/background/generation';
import { setTabTicket } from '@/utils/background/tab-tickets';
import { db } from '@/utils/db';
import { replaceSourceSnippets } from '@/utils/knowledge/store';
import type { PortServerMessage } from '@/utils/messaging/protocol';
import { saveApiKey, saveProviderSettings } from '@/utils/settings-store';
import { ticketKey } from '@/utils/ticket/ticket';
import { type MockLlm, startMockLlm } from '../mock-llm/server.mjs';
import { sampleTicket } from './sample-ticket';

// The background's side of grounded drafts, against the mock OpenAI server: the snippets are loaded by key and sent
// in their block, a missing key is reported on the record, the "Sources:" line is split off the stored and final
// text, and a policy check without snippets is refused with a sentence the agent can act on.

const ticket = sampleTicket('I was charged twice for INV-2031. Could you refund one of them?');
const KEY = ticketKey(ticket);
const TAB = 7;
const SOURCE = { type: 'file', pack: 'Acme Support' } as const;
const REFUND = 'file:Acme Support/refund-policy';

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

beforeEach(async () => {
  fakeBrowser.reset();
  mock.reset();
  await db().generations.clear();
  await db().snippets.clear();
  await replaceSourceSnippets(db(), SOURCE, [
    {
      id: 'refund-policy',
      title: 'Refund policy',
      text: 'Duplicate charges are refunded in full within 5 business days.',
      tags: ['refund'],
      sourceUrl: 'https://help.acme.example/refunds',
    },
  ]);
  await setTabTicket(TAB, { ok: true, ticket, ticketKey: KEY });
  await saveProviderSettings({ baseURL: mock.url, model: 'gpt-4o-mini', timeoutMs: 10_000 });
  await saveApiKey('sk-test-unit');
});

/** Runs one generation through the port and returns what the panel received. */
async function run(start: Record<string, unknown>): Promise<PortServerMessage[]> {
  const received: PortServerMessage[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    postMessage: (m: unknown) => received.push(m as PortServerMessage),
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
    onDisconnect: { addListener: () => undefined },
  } as unknown as GenerationPort; // only the members the handler uses
  serveGenerationPort(port);
  for (const l of listeners) l({ type: 'start', tabId: TAB, ticketKey: KEY, ...start });
  const deadline = Date.now() + 8000;
  while (!received.some((m) => m.type === 'done' || m.type === 'error')) {
    if (Date.now() > deadline) throw new Error(`timed out: ${received.map((m) => m.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return received;
}

const userPrompt = () => {
  const body = mock.requests.find((r) => r.path === '/v1/chat/completions')?.body as {
    messages: { role: string; content: string }[];
  };
  return body.messages.find((m) => m.role === 'user')?.content ?? '';
};

describe('grounded drafts in the background', () => {
  it('sends the chosen snippet, reports a missing one, and stores the reply without its Sources line', async () => {
    mock.enqueue({
      kind: 'text',
      content: 'Hello Maria,\n\nYou get €49.00 back within 5 business days.\n\nSources: K1',
    });
    const received = await run({ kind: 'draft', knowledgeKeys: [REFUND, 'file:Acme Support/gone'] });
    expect(userPrompt()).toContain(
      '[K1] Refund policy\nSource: Team pack “Acme Support” · https://help.acme.example/refunds',
    );
    const done = received.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.text).toBe(
      'Hello Maria,\n\nYou get €49.00 back within 5 business days.',
    );
    const [stored] = await db().generations.toArray();
    expect(stored?.output).toBe('Hello Maria,\n\nYou get €49.00 back within 5 business days.');
    expect(stored?.knowledge).toEqual({
      use: 'cite',
      sent: [
        {
          key: REFUND,
          ref: 'K1',
          title: 'Refund policy',
          sourceLabel: 'Team pack “Acme Support”',
          sourceUrl: 'https://help.acme.example/refunds',
        },
      ],
      cited: ['K1'],
      missing: ['file:Acme Support/gone'],
      dropped: [],
    });
  });

  it('a summary never carries knowledge', async () => {
    mock.enqueue({ kind: 'text', content: '{"summary":"x"}' });
    await run({ kind: 'summary', knowledgeKeys: [REFUND] });
    expect(userPrompt()).not.toContain('TEAM_KNOWLEDGE');
    const [stored] = await db().generations.toArray();
    expect(stored?.knowledge).toBeUndefined();
  });

  it('a policy check needs a snippet that still exists; with one, it keeps the answer whole', async () => {
    const refused = await run({
      kind: 'draft',
      draft: 'We refund within 24 hours.',
      refine: { mode: 'check' },
      knowledgeKeys: ['file:Acme Support/gone'],
    });
    const error = refused.find((m) => m.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/no longer in the library/);
    expect(mock.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);

    mock.enqueue({
      kind: 'text',
      content: '- "within 24 hours" — the snippet says 5 business days\nSources: K1',
    });
    const received = await run({
      kind: 'draft',
      draft: 'We refund within 24 hours.',
      refine: { mode: 'check' },
      knowledgeKeys: [REFUND],
    });
    const done = received.find((m) => m.type === 'done');
    // A check is not a draft: nothing is split off its answer.
    expect(done?.type === 'done' && done.text).toContain('Sources: K1');
    expect(userPrompt()).toContain('We refund within 24 hours.');
  });
});
