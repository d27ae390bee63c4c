// @vitest-environment happy-dom
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@/utils/llm/client';
import { streamChat } from '@/utils/llm/stream';
import { type MockLlm, startMockLlm } from '../mock-llm/server.mjs';

// Firefox runs Deskmate's background as an MV2 background page, which has window + document. The openai SDK
// refuses to start in such a context unless told the context is trusted; this test runs in a DOM environment
// to prove the model call works there (the Chromium service worker has no DOM and is covered elsewhere).

let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

describe('the model call in a background page with a DOM (Firefox MV2)', () => {
  it('is a DOM environment, where a default SDK client refuses to start', () => {
    expect(typeof window).toBe('object');
    expect(typeof document).toBe('object');
    expect(() => new OpenAI({ apiKey: 'sk-test', baseURL: mock.url })).toThrow(/browser-like environment/);
  });

  it('streams a reply through our client', async () => {
    const client = createClient({ baseURL: mock.url, model: 'gpt-4o-mini', timeoutMs: 10_000 }, 'sk-test');
    mock.enqueue({ kind: 'text', content: 'Hello from a background page.', chunkSize: 5, delayMs: 5 });
    const deltas: string[] = [];
    const result = await streamChat({
      client,
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      signal: new AbortController().signal,
      onDelta: (d) => deltas.push(d),
    });
    expect(result.text).toBe('Hello from a background page.');
    expect(deltas.length).toBeGreaterThan(3);
  });
});
