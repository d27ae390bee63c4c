// A pass-through HTTP proxy in front of the mock model that timestamps, on this process's clock
// (performance.timeOrigin + performance.now(), epoch milliseconds), when each chat request has fully arrived
// and when the first chunk carrying model text is handed to the browser's socket. The mock itself stays
// untouched; the loopback hop mock → proxy happens before the "sent" stamp, so it is not counted.

import http from 'node:http';

/** Epoch milliseconds with sub-millisecond resolution, comparable with a page's timeOrigin + now(). */
export const epochNow = () => performance.timeOrigin + performance.now();

// An SSE chunk whose delta carries non-empty text (the first chunk only has role and an empty content).
const TEXT_DELTA = /"delta":\{"content":"[^"]/;

/**
 * @param {number} targetPort the mock's port on 127.0.0.1
 * @returns {Promise<{ url: string, chats: { arrivedAt: number, firstTextAt: number | null, bodyBytes: number }[],
 *   close(): Promise<void> }>}
 */
export async function startTimingProxy(targetPort) {
  /** @type {{ arrivedAt: number, firstTextAt: number | null, bodyBytes: number }[]} */
  const chats = [];
  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const body = [];
    req.on('data', (chunk) => body.push(chunk));
    req.on('end', () => {
      const payload = Buffer.concat(body);
      const isChat = req.method === 'POST' && (req.url ?? '').endsWith('/chat/completions');
      const record = {
        arrivedAt: epochNow(),
        firstTextAt: /** @type {number | null} */ (null),
        bodyBytes: 0,
      };
      if (isChat) {
        record.bodyBytes = payload.length;
        chats.push(record);
      }
      const upstream = http.request(
        { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.flushHeaders();
          answer.on('data', (chunk) => {
            if (isChat && record.firstTextAt === null && TEXT_DELTA.test(chunk.toString('utf8'))) {
              record.firstTextAt = epochNow();
            }
            res.write(chunk);
          });
          answer.on('end', () => res.end());
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(payload);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    chats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * Offset of a page's clock from this process's: page epoch − node epoch, estimated from `rounds` round trips
 * (the one with the shortest round trip wins; its half round trip bounds the error).
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<{ offsetMs: number, errorBoundMs: number }>}
 */
export async function clockOffset(page, rounds = 15) {
  let best = { offsetMs: 0, errorBoundMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < rounds; i++) {
    const sentAt = epochNow();
    const pageAt = await page.evaluate(() => performance.timeOrigin + performance.now());
    const backAt = epochNow();
    const half = (backAt - sentAt) / 2;
    if (half < best.errorBoundMs) best = { offsetMs: pageAt - (sentAt + half), errorBoundMs: half };
  }
  return best;
}
