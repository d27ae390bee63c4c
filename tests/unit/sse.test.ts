// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { timeoutsFrom } from '../../utils/background/generation-stream';
import { type SseEvent, sseEvents } from '../../utils/llm/sse';
import { DEFAULT_TOTAL_TIMEOUT_MS } from '../../utils/llm/stream';

/** A body delivered in the given pieces (split anywhere, even inside a UTF-8 character). */
function body(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? encoder.encode(p) : p);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of sseEvents(stream)) out.push(e);
  return out;
}

describe('sseEvents', () => {
  it('reads events split across reads at any point, with LF, CRLF and CR line ends', async () => {
    const text = 'data: one\n\ndata: two\r\n\r\nevent: error\rdata: {"x":1}\r\rdata: four\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const events = await collect(body([text.slice(0, cut), text.slice(cut)]));
      expect(events).toEqual([
        { event: null, data: 'one' },
        { event: null, data: 'two' },
        { event: 'error', data: '{"x":1}' },
        { event: null, data: 'four' },
      ]);
    }
  });

  it('joins multi-line data, ignores comments and unknown fields, drops events without data', async () => {
    const events = await collect(body([': keep-alive\n\nid: 7\nretry: 10\n\ndata: a\ndata: b\n\n']));
    expect(events).toEqual([{ event: null, data: 'a\nb' }]);
  });

  it('keeps a multi-byte character split between reads, and a last event without the blank line', async () => {
    const bytes = new TextEncoder().encode('data: €49\n\ndata: end');
    const euro = bytes.indexOf(0xe2);
    const events = await collect(body([bytes.slice(0, euro + 1), bytes.slice(euro + 1)]));
    expect(events).toEqual([
      { event: null, data: '€49' },
      { event: null, data: 'end' },
    ]);
  });

  it('releases the body when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: [DONE]\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const e of sseEvents(stream)) {
      expect(e.data).toBe('[DONE]');
      break;
    }
    expect(cancelled).toBe(true);
  });
});

describe('timeoutsFrom (provider settings → stream limits)', () => {
  it('per-provider settings: firstTokenTimeoutMs is the first-token limit, timeoutMs the whole answer', () => {
    expect(timeoutsFrom({ timeoutMs: 180_000, firstTokenTimeoutMs: 20_000 })).toEqual({
      firstTokenTimeoutMs: 20_000,
      totalTimeoutMs: 180_000,
    });
    // A total shorter than the first-token limit would make the latter meaningless.
    expect(timeoutsFrom({ timeoutMs: 5_000, firstTokenTimeoutMs: 20_000 }).totalTimeoutMs).toBe(20_000);
  });

  it('single timeoutMs (core-path settings): it limits the wait for the first token, capped at 2 min', () => {
    expect(timeoutsFrom({ timeoutMs: 1_000 })).toEqual({
      firstTokenTimeoutMs: 1_000,
      totalTimeoutMs: DEFAULT_TOTAL_TIMEOUT_MS,
    });
    expect(timeoutsFrom({ timeoutMs: 600_000 })).toEqual({
      firstTokenTimeoutMs: 120_000,
      totalTimeoutMs: 600_000,
    });
    expect(timeoutsFrom({ timeoutMs: 60_000, firstTokenTimeoutMs: 'x' }).firstTokenTimeoutMs).toBe(60_000);
  });
});
