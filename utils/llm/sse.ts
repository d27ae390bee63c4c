// A small server-sent-events reader (the WHATWG "event stream" format) for chat completion streams.
//
// Why not the openai SDK's own stream iterator: in openai 6.x `Stream.fromSSEResponse` JSON.parses every
// `data:` line and rethrows the SyntaxError, which ends the async generator for good. One garbled line from
// a proxy (a truncated chunk, a "ping", an HTML keep-alive) would kill an answer that is otherwise fine. We
// still let the SDK make the request (auth headers, Azure, HTTP error mapping via `.asResponse()`), and read
// the body here, so the caller can skip what it cannot parse and count it.

export interface SseEvent {
  /** The `event:` field, or null for the default "message" event. */
  event: string | null;
  /** The `data:` lines joined with "\n" (the spec's rule). */
  data: string;
}

/**
 * Yields each event of an SSE body. Comment lines (`:`) and unknown fields are ignored; an event without
 * data is not dispatched (spec). A body that ends without a trailing blank line still yields its last event,
 * as the SDK does, so a server that omits the final "\n\n" does not lose a chunk.
 */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | null = null;
  let data: string[] = [];
  let finished = false;

  const takeLine = (line: string): SseEvent | null => {
    if (line === '') {
      const out = data.length > 0 ? { event, data: data.join('\n') } : null;
      event = null;
      data = [];
      return out;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    return null;
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // CR, LF and CRLF all end a line. A lone CR at the very end may be half a CRLF: keep it for later.
      for (;;) {
        const match = /\r\n|\n|\r(?!$)/.exec(buffer);
        if (!match) break;
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        const out = takeLine(line);
        if (out) yield out;
      }
      if (done) break;
    }
    const rest = takeLine(buffer.replace(/\r$/, ''));
    if (rest) yield rest;
    const last = takeLine('');
    if (last) yield last;
    finished = true;
  } finally {
    // The consumer stopped early ([DONE], an error event, abort): release the connection.
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
