import { BadRequestError, UnprocessableEntityError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type GenerationPort, serveGenerationPort } from '@/utils/background/generation';
import { setTabTicket } from '@/utils/background/tab-tickets';
import { db } from '@/utils/db';
import {
  isResponseFormatRejection,
  streamChatWithFormatFallback,
  withResponseFormatFallback,
} from '@/utils/llm/response-format';
import type { StreamChatArgs } from '@/utils/llm/stream';
import { parseSummary } from '@/utils/llm/summary';
import type { PortServerMessage } from '@/utils/messaging/protocol';
import { saveApiKey, saveProviderSettings } from '@/utils/settings-store';
import { ticketKey } from '@/utils/ticket/ticket';
import { type MockLlm, startMockLlm } from '../mock-llm/server.mjs';
import { sampleTicket } from './sample-ticket';

const apiError = (Kind: typeof BadRequestError | typeof UnprocessableEntityError, message: string) =>
  Kind === BadRequestError
    ? new BadRequestError(400, { message }, message, new Headers())
    : new UnprocessableEntityError(422, { message }, message, new Headers());

describe('isResponseFormatRejection', () => {
  it.each([
    [
      BadRequestError,
      "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    ],
    [BadRequestError, 'json_schema is not supported by this backend'],
    [UnprocessableEntityError, 'Unsupported parameter'],
    [BadRequestError, 'Structured output is not supported for this deployment'],
  ])('%o "%s": yes', (Kind, message) => {
    expect(isResponseFormatRejection(apiError(Kind, message))).toBe(true);
  });

  it('other bad requests, other statuses and non-HTTP errors: no', () => {
    expect(
      isResponseFormatRejection(
        apiError(BadRequestError, 'This model’s maximum context length is 8192 tokens'),
      ),
    ).toBe(false);
    expect(isResponseFormatRejection({ status: 500, message: 'response_format crashed the server' })).toBe(
      false,
    );
    expect(isResponseFormatRejection({ status: 401, message: 'unsupported key' })).toBe(false);
    expect(isResponseFormatRejection(new TypeError('fetch failed'))).toBe(false);
    expect(isResponseFormatRejection(null)).toBe(false);
  });

  it('reads the provider’s error body when the message is generic', () => {
    expect(
      isResponseFormatRejection({
        status: 400,
        message: '400 status code',
        error: { param: 'response_format' },
      }),
    ).toBe(true);
  });
});

describe('withResponseFormatFallback', () => {
  const FORMAT = { type: 'json_object' } as const;
  const rejection = apiError(BadRequestError, "'response_format' is not supported");

  it('a rejected format is retried once without it', async () => {
    const calls: unknown[] = [];
    const result = await withResponseFormatFallback(
      FORMAT,
      async (format) => {
        calls.push(format);
        if (format) throw rejection;
        return 'ok';
      },
      () => false,
    );
    expect(result).toBe('ok');
    expect(calls).toEqual([FORMAT, undefined]);
  });

  it('only once: a second failure is the caller’s error', async () => {
    let n = 0;
    await expect(
      withResponseFormatFallback(
        FORMAT,
        async () => {
          n++;
          throw rejection;
        },
        () => false,
      ),
    ).rejects.toBe(rejection);
    expect(n).toBe(2);
  });

  it('no retry for other errors, once text has arrived, or when no format was sent', async () => {
    const other = apiError(BadRequestError, 'context length exceeded');
    const counting = (error: unknown) => {
      const calls: unknown[] = [];
      return {
        calls,
        call: async (format: unknown) => {
          calls.push(format);
          throw error;
        },
      };
    };
    const a = counting(other);
    await expect(withResponseFormatFallback(FORMAT, a.call, () => false)).rejects.toBe(other);
    expect(a.calls).toEqual([FORMAT]);
    const b = counting(rejection);
    await expect(withResponseFormatFallback(FORMAT, b.call, () => true)).rejects.toBe(rejection);
    expect(b.calls).toEqual([FORMAT]);
    const c = counting(rejection);
    await expect(withResponseFormatFallback(undefined, c.call, () => false)).rejects.toBe(rejection);
    expect(c.calls).toEqual([undefined]);
  });
});

describe('streamChatWithFormatFallback', () => {
  const rejection = apiError(BadRequestError, "'response_format' is not supported");
  const baseArgs = (deltas: string[]) =>
    ({
      client: {},
      model: 'm',
      messages: [],
      signal: new AbortController().signal,
      onDelta: (t: string) => deltas.push(t),
      responseFormat: { type: 'json_object' },
    }) as unknown as StreamChatArgs; // the fake stream below never touches the client

  it('retries without the format when it is rejected before any text, passing deltas through', async () => {
    const deltas: string[] = [];
    const seen: unknown[] = [];
    const result = await streamChatWithFormatFallback(baseArgs(deltas), async (args) => {
      seen.push(args.responseFormat);
      if (args.responseFormat) throw rejection;
      args.onDelta('{"issue"');
      return { text: '{"issue"', finishReason: 'stop', malformedChunks: 0 };
    });
    expect(seen).toEqual([{ type: 'json_object' }, undefined]);
    expect(deltas).toEqual(['{"issue"']);
    expect(result.text).toBe('{"issue"');
  });

  it('never retries once text has reached the caller (no second answer in the same box)', async () => {
    const deltas: string[] = [];
    let calls = 0;
    await expect(
      streamChatWithFormatFallback(baseArgs(deltas), async (args) => {
        calls++;
        args.onDelta('partial');
        throw rejection;
      }),
    ).rejects.toBe(rejection);
    expect(calls).toBe(1);
    expect(deltas).toEqual(['partial']);
  });
});

// Through the background's generation port against the mock over real HTTP.
const ticket = sampleTicket('I was charged twice in March.');
const KEY = ticketKey(ticket);
const TAB = 7;

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm({ delayMs: 1, firstTokenDelayMs: 1, chunkSize: 40 });
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

async function run(
  kind: 'summary' | 'draft',
  extra: Record<string, unknown> = {},
): Promise<PortServerMessage[]> {
  const received: PortServerMessage[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    postMessage: (m: unknown) => received.push(m as PortServerMessage),
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
    onDisconnect: { addListener: () => {} },
  } as unknown as GenerationPort; // only the members the handler uses
  serveGenerationPort(port);
  for (const l of listeners) l({ type: 'start', kind, tabId: TAB, ticketKey: KEY, ...extra });
  const deadline = Date.now() + 8_000;
  while (!received.some((m) => m.type === 'done' || m.type === 'error')) {
    if (Date.now() > deadline) throw new Error(`timed out: ${received.map((m) => m.type).join(',')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return received;
}

const chatBodies = () =>
  mock.requests
    .filter((r) => r.path === '/v1/chat/completions')
    .map((r) => r.body as Record<string, unknown>);

describe('summary requests and the response_format fallback (background ↔ mock)', () => {
  it('a summary is requested with a strict json_schema and the streamed answer parses as a summary', async () => {
    const received = await run('summary');
    const [body] = chatBodies();
    expect(body?.stream).toBe(true);
    expect(body?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'ticket_summary', strict: true, schema: { additionalProperties: false } },
    });
    const done = received.find((m) => m.type === 'done');
    const parsed = parseSummary(done?.type === 'done' ? done.text : '');
    expect(parsed).toMatchObject({ ok: true, summary: { issue: expect.stringContaining('Charged twice') } });
  });

  it('a provider rejecting response_format: one retry without it, same messages, and the answer still parses', async () => {
    mock.configure({ rejectResponseFormat: true });
    const received = await run('summary');
    const bodies = chatBodies();
    expect(bodies).toHaveLength(2);
    expect(bodies[0]?.response_format).toBeDefined();
    expect(bodies[1]).not.toHaveProperty('response_format');
    expect(bodies[1]?.messages).toEqual(bodies[0]?.messages);
    expect(received.filter((m) => m.type === 'started')).toHaveLength(1);
    const done = received.find((m) => m.type === 'done');
    expect(parseSummary(done?.type === 'done' ? done.text : '').ok).toBe(true);
    const [record] = await db().generations.toArray();
    expect(record?.outcome).toBe('complete');

    // Nothing is remembered: the next summary tries the schema again.
    mock.requests.length = 0;
    await run('summary');
    expect(chatBodies()[0]?.response_format).toBeDefined();
  });

  it('any other 400 is not retried and reaches the panel as an error', async () => {
    mock.enqueue({
      kind: 'status',
      status: 400,
      message: 'This model’s maximum context length is 8192 tokens.',
    });
    const received = await run('summary');
    expect(chatBodies()).toHaveLength(1);
    expect(received.find((m) => m.type === 'error')).toMatchObject({ error: { code: 'bad-request' } });
  });

  it('drafts carry no response_format; the start message’s replyLanguage reaches the prompt', async () => {
    const received = await run('draft', { replyLanguage: 'de' });
    const [body] = chatBodies();
    expect(body).not.toHaveProperty('response_format');
    const messages = (body?.messages ?? []) as { role: string; content: string }[];
    const system = messages[0]?.content ?? '';
    expect(system).toMatch(/^Language: German \(de\), as the agent chose/m);
    const done = received.find((m) => m.type === 'done');
    expect(done?.type === 'done' && done.text).toContain('the prompt asked for German');
  });

  it('a replyLanguage outside the supported list is a malformed request, and nothing is sent', async () => {
    const received = await run('draft', { replyLanguage: 'klingon' });
    expect(received.find((m) => m.type === 'error')).toMatchObject({ error: { code: 'bad-request' } });
    expect(chatBodies()).toHaveLength(0);
  });
});
