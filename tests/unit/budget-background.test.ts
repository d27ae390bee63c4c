import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { previewPayload } from '@/utils/background/budgeted-payload';
import { type GenerationPort, serveGenerationPort } from '@/utils/background/generation';
import { setTabTicket } from '@/utils/background/tab-tickets';
import { db } from '@/utils/db';
import { savePrices } from '@/utils/llm/prices';
import { countTokens, setRanksLoader } from '@/utils/llm/tokens';
import { PayloadPreviewResult, type PortServerMessage } from '@/utils/messaging/protocol';
import { upsertProvider } from '@/utils/providers/store';
import { saveApiKey, saveProviderSettings } from '@/utils/settings-store';
import { type Ticket, ticketKey } from '@/utils/ticket/ticket';
import { type MockLlm, startMockLlm } from '../mock-llm/server.mjs';

// The budget end to end inside the background: the port's `started`/`done` carry tokens and cost, the generation
// record keeps them, the request the mock receives is the trimmed thread, and the preview equals the request.

const N = 400;
const ticket: Ticket = {
  id: '9',
  url: 'https://acme.zendesk.com/agent/tickets/9',
  helpdesk: 'zendesk',
  subject: 'Printer on fire',
  requester: { name: 'Maria Svensson', email: 'maria@example.com' },
  messages: [
    { author: { name: 'Maria Svensson' }, role: 'customer', text: 'FIRST-CUSTOMER: the printer smokes.' },
    ...Array.from({ length: N }, (_, i) => ({
      author: { name: i % 2 ? 'Maria Svensson' : 'Sam Agent' },
      role: i % 2 ? ('customer' as const) : ('agent' as const),
      text: `MIDDLE-${i}: ${'We checked the spooler logs again and found nothing unusual. '.repeat(3)}`,
    })),
    { author: { name: 'Maria Svensson' }, role: 'customer', text: 'LATEST: it smoked again today.' },
  ],
  tags: [],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
};
const KEY = ticketKey(ticket);
const TAB = 3;

let mock: MockLlm;
beforeAll(async () => {
  // The extension fetches its packaged copy of the ranks; here they come from the package itself.
  setRanksLoader(async () => o200kRanks);
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  mock.reset();
  await db().generations.clear();
  await setTabTicket(TAB, { ok: true, ticket, ticketKey: KEY });
  await saveApiKey('sk-test-unit');
});

function run(kind: 'draft' | 'summary') {
  const received: PortServerMessage[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  let resolve: () => void = () => {};
  const finished = new Promise<void>((r) => {
    resolve = r;
  });
  const port = {
    postMessage: (m: PortServerMessage) => {
      received.push(m);
      if (m.type === 'done' || m.type === 'error' || m.type === 'stopped') resolve();
    },
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
    onDisconnect: { addListener: () => {} },
  } as unknown as GenerationPort;
  serveGenerationPort(port);
  for (const l of listeners) l({ type: 'start', kind, tabId: TAB, ticketKey: KEY });
  return finished.then(() => received);
}

describe('token budget in the background', () => {
  it('a small-window model gets the first customer message, the latest ones and the marker, not the middle', async () => {
    // gpt-3.5-turbo: 16,385 tokens (known table), counted with the estimate.
    await saveProviderSettings({ baseURL: mock.url, model: 'gpt-3.5-turbo', timeoutMs: 10_000 });
    const received = await run('draft');
    const started = received.find((m) => m.type === 'started');
    if (started?.type !== 'started') throw new Error('no started');
    expect(started.tokenCountMethod).toBe('estimate');
    expect(started.contextWindow).toEqual({ tokens: 16_385, source: 'known' });
    expect(started.trimmed?.omittedMessages).toBeGreaterThan(100);
    expect(started.trimmed?.budgetTokens).toBe(16_385 - 1200);
    expect(started.promptTokens).toBeLessThanOrEqual(16_385 - 1200);
    expect(started.estimatedCostUsd).toBeCloseTo((started.promptTokens! * 0.5) / 1e6, 12);

    const body = mock.requests.find((r) => r.path === '/v1/chat/completions')?.body as {
      messages: { role: string; content: string }[];
    };
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    expect(user).toContain('FIRST-CUSTOMER');
    expect(user).toContain('LATEST');
    expect(user).toContain(`MIDDLE-${N - 1}:`);
    expect(user).not.toContain('MIDDLE-5:');
    expect(user).toContain(
      `[${started.trimmed?.omittedMessages} earlier messages omitted to fit the model's context]`,
    );

    const done = received.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error('no done');
    expect(done.outputTokens).toBe(countTokens(done.text, 'gpt-3.5-turbo'));
    expect(done.costUsd).toBeCloseTo((started.promptTokens! * 0.5 + done.outputTokens! * 1.5) / 1e6, 12);
    const record = await db().generations.get(started.generationId);
    expect(record).toMatchObject({
      promptTokens: started.promptTokens,
      tokenCountMethod: 'estimate',
      trimmed: started.trimmed,
      outputTokens: done.outputTokens,
      costUsd: done.costUsd,
    });
  });

  it('the preview is the request: same trimmed messages, same token count', async () => {
    await saveProviderSettings({ baseURL: mock.url, model: 'gpt-4o-mini', timeoutMs: 10_000 });
    await savePrices({ 'gpt-4o-mini': { input: 1, output: 2 } });
    const preview = PayloadPreviewResult.parse(await previewPayload(TAB, KEY, 'summary'));
    if (!preview.ok) throw new Error(preview.message);
    const received = await run('summary');
    const started = received.find((m) => m.type === 'started');
    if (started?.type !== 'started') throw new Error('no started');
    // 128k window: the whole thread fits; counted with the tokenizer and priced with the agent's override.
    expect(preview.usage.trimmed).toBeNull();
    expect(preview.usage.tokenCountMethod).toBe('tokenizer');
    expect(started.trimmed).toBeNull();
    expect(Math.abs(preview.usage.promptTokens - started.promptTokens!)).toBeLessThanOrEqual(64);
    expect(started.estimatedCostUsd).toBeCloseTo(started.promptTokens! / 1e6, 12);
    const nonceOf = (s: string) => /nonce=([\w-]+)>>>/.exec(s)?.[1] ?? '';
    const sentUser = started.sent?.messages[1]?.content ?? '';
    const previewUser = preview.payload.messages[1]?.content ?? '';
    expect(previewUser.replaceAll(nonceOf(previewUser), 'N')).toBe(
      sentUser.replaceAll(nonceOf(sentUser), 'N'),
    );
  });

  it('a provider’s context-window override applies to the preview exactly as to the request', async () => {
    await upsertProvider(
      {
        id: 'small',
        presetId: 'custom',
        label: 'Small window',
        baseURL: mock.url,
        model: 'gpt-4o-mini',
        timeoutMs: 10_000,
        firstTokenTimeoutMs: 10_000,
        contextWindow: 3000,
      },
      { makeDefault: true },
    );
    const preview = PayloadPreviewResult.parse(await previewPayload(TAB, KEY, 'draft'));
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.usage.contextWindow).toEqual({ tokens: 3000, source: 'override' });
    const received = await run('draft');
    const started = received.find((m) => m.type === 'started');
    if (started?.type !== 'started') throw new Error('no started');
    expect(started.contextWindow).toEqual({ tokens: 3000, source: 'override' });
    expect(preview.usage.trimmed?.omittedMessages).toBe(started.trimmed?.omittedMessages);
    expect(preview.usage.trimmed?.omittedMessages).toBeGreaterThan(0);
  });

  it('an unknown model is budgeted with the assumed 8k window and no price', async () => {
    await saveProviderSettings({ baseURL: mock.url, model: 'acme-support-llm', timeoutMs: 10_000 });
    const preview = await previewPayload(TAB, KEY, 'draft');
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.usage.contextWindow).toEqual({ tokens: 8192, source: 'assumed' });
    expect(preview.usage.estimatedCostUsd).toBeNull();
    expect(preview.usage.promptTokens).toBeLessThanOrEqual(8192 - 1200);
    expect(preview.payload.messages[1]?.content).toContain('LATEST');
  });

  it('refuses a preview for a ticket that is no longer the tab’s', async () => {
    expect(await previewPayload(TAB, 'zendesk:acme.zendesk.com:other', 'draft')).toEqual({
      ok: false,
      message: expect.stringMatching(/ticket changed/),
    });
  });
});
