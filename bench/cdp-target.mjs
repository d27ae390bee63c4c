// A DevTools session on a target Playwright gives no page handle for (the extension's service worker): the
// browser-level CDP session attaches to it without the flat protocol and relays messages to it
// (Target.sendMessageToTarget / receivedMessageFromTarget). Used for heap figures and CPU profiles.

/**
 * @param {import('@playwright/test').BrowserContext} context
 * @param {(target: { type: string, url: string }) => boolean} predicate
 * @returns {Promise<{ send(method: string, params?: object): Promise<any>, detach(): Promise<void> }>}
 */
export async function attachToTarget(context, predicate) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for a CDP session');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = /** @type {{ targetInfos: { targetId: string, type: string, url: string }[] }} */ (
    await cdp.send('Target.getTargets')
  );
  const target = targetInfos.find(predicate);
  if (!target) throw new Error(`no matching target among ${targetInfos.map((t) => t.url).join(', ')}`);
  const { sessionId } = /** @type {{ sessionId: string }} */ (
    await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
  );
  let nextId = 1;
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const pending = message.id !== undefined ? waiting.get(message.id) : undefined;
    if (!pending) return;
    waiting.delete(message.id);
    if (message.error) pending.reject(new Error(`${message.error.message} (${message.error.code})`));
    else pending.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        cdp
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch(reject);
      });
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
