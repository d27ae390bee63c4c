import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type GenerationPort, serveGenerationPort } from '@/utils/background/generation';
import { setTabTicket } from '@/utils/background/tab-tickets';
import { db } from '@/utils/db';
import type { PortServerMessage } from '@/utils/messaging/protocol';
import { DEFAULT_PRIVACY } from '@/utils/privacy/settings';
import { savePrivacySettings } from '@/utils/privacy/store';
import { saveApiKey, saveProviderSettings } from '@/utils/settings-store';
import { type Ticket, ticketKey } from '@/utils/ticket/ticket';
import { type MockLlm, startMockLlm } from '../mock-llm/server.mjs';

// Redaction in the background, right before the model call: what the mock model receives has no personal data,
// the panel is told exactly what was sent (and the placeholder map), and the stored generation keeps the
// model's own text.

const ticket: Ticket = {
  id: '77',
  url: 'https://acme.zendesk.com/agent/tickets/77',
  helpdesk: 'zendesk',
  subject: 'Card 4111 1111 1111 1111 charged twice',
  requester: { name: 'Maria Svensson', email: 'maria@example.com' },
  messages: [
    {
      id: '1',
      author: { name: 'Maria Svensson' },
      role: 'customer',
      text: 'Hi, card 4111 1111 1111 1111 was charged twice. Reach me at maria@example.com or +46 70 123 45 67.',
    },
  ],
  tags: [],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
};
const KEY = ticketKey(ticket);
const TAB = 7;

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
  await setTabTicket(TAB, { ok: true, ticket, ticketKey: KEY });
  await saveProviderSettings({ baseURL: mock.url, model: 'gpt-4o-mini', timeoutMs: 10_000 });
  await saveApiKey('sk-test-unit');
});

async function run(): Promise<PortServerMessage[]> {
  const received: PortServerMessage[] = [];
  let listener: ((m: unknown) => void) | undefined;
  const done = new Promise<void>((resolve) => {
    const port = {
      postMessage: (m: PortServerMessage) => {
        received.push(m);
        if (m.type === 'done' || m.type === 'error') resolve();
      },
      onMessage: { addListener: (l: (m: unknown) => void) => (listener = l) },
      onDisconnect: { addListener: () => {} },
    } as unknown as GenerationPort; // only the members the handler uses are provided
    serveGenerationPort(port);
  });
  listener?.({ type: 'start', kind: 'draft', tabId: TAB, ticketKey: KEY });
  await done;
  return received;
}

function sentToModel(): { role: string; content: string }[] {
  const request = mock.requests.find((r) => r.path === '/v1/chat/completions');
  if (!request) throw new Error('the model was not called');
  return (request.body as { messages: { role: string; content: string }[] }).messages;
}

describe('redaction before the model call', () => {
  it('the model receives placeholders only; the panel gets the same messages and the map', async () => {
    const answer = 'Hello Maria, we will write to [EMAIL_1] about [CARD_1]; also [EMAIL_7].';
    mock.enqueue({ kind: 'text', content: answer });
    const received = await run();
    const body = JSON.stringify(sentToModel());
    for (const secret of ['maria@example.com', '4111', '+46 70', '123 45 67'])
      expect(body).not.toContain(secret);
    expect(body).toContain('[EMAIL_1]');
    expect(body).toContain('[CARD_1]');
    expect(body).toContain('[PHONE_1]');

    const started = received.find((m) => m.type === 'started');
    if (started?.type !== 'started') throw new Error('no started message');
    expect(started.sent?.messages).toEqual(sentToModel().map((m) => ({ role: m.role, content: m.content })));
    expect(started.sent?.placeholders).toEqual({
      '[CARD_1]': '4111 1111 1111 1111',
      '[EMAIL_1]': 'maria@example.com',
      '[PHONE_1]': '+46 70 123 45 67',
    });
    // Stored generations keep what the model returned; the panel restores locally.
    const record = await db().generations.get(started.generationId);
    expect(record?.output).toBe(answer);
  });

  it('turned off for this helpdesk, the ticket goes as read', async () => {
    await savePrivacySettings({ ...DEFAULT_PRIVACY, disabledHelpdesks: ['zendesk'] });
    await run();
    expect(JSON.stringify(sentToModel())).toContain('maria@example.com');
    await savePrivacySettings(DEFAULT_PRIVACY);
  });
});
