// A fake of Chrome's Prompt API global (`LanguageModel`) for tests: unit tests install it on globalThis,
// e2e tests inject it into extension pages with context.addInitScript (the function is serialised, so it
// must not use anything from its module scope).
//
// It behaves like the real thing where Deskmate depends on it: availability states, a download reported
// through the monitor's `downloadprogress` events (`loaded` 0..1), create() refusing a download without a
// user activation, a context window measured in tokens (here ~4 characters a token), promptStreaming()
// returning a ReadableStream of deltas (or cumulative chunks, as older builds did) that honours the signal,
// destroy(). Its answer echoes the first [PLACEHOLDER_N] it finds in the prompt, so a test can see what the
// model was given come back restored. What it received is recorded on `__fakeLanguageModel`.

export interface FakeLanguageModelConfig {
  availability: 'unavailable' | 'downloadable' | 'downloading' | 'available';
  /** Tokens in a session's context window. */
  contextWindow?: number;
  /** Expose the older names (inputQuota, inputUsage, measureInputUsage) instead of the current ones. */
  legacyNames?: boolean;
  /** Stream the whole answer so far with each chunk (older builds) instead of deltas. */
  cumulative?: boolean;
  /** Characters per streamed chunk and the pause between chunks. */
  chunkSize?: number;
  chunkDelayMs?: number;
  /** The answer; `{echo}` is replaced with the first placeholder found in the prompt. */
  answer?: string;
  /** create() rejects with a DOMException of this name. */
  createError?: string;
  /** The stream errors with a DOMException of this name after the first chunk. */
  streamError?: string;
  /** Progress fractions reported during a download, and the pause between them. */
  downloadSteps?: number[];
  downloadStepMs?: number;
  /** A download needs navigator.userActivation.isActive (as in Chrome). */
  requireActivation?: boolean;
  /** localStorage key remembering a finished download across pages of the same origin. */
  persistKey?: string;
  /** Install only on pages of this protocol (e2e: 'chrome-extension:', leaving the helpdesk pages alone). */
  onlyProtocol?: string;
}

export interface FakeLanguageModelRecord {
  availabilityCalls: number;
  creates: { initialPrompts: { role: string; content: string }[] }[];
  prompts: string[];
  destroyed: number;
}

export function installFakeLanguageModel(config: FakeLanguageModelConfig, target: object = globalThis): void {
  if (config.onlyProtocol && globalThis.location?.protocol !== config.onlyProtocol) return;
  const scope = target as Record<string, unknown>;
  const record: FakeLanguageModelRecord = { availabilityCalls: 0, creates: [], prompts: [], destroyed: 0 };
  scope.__fakeLanguageModel = record;
  const tokens = (text: string) => Math.ceil(text.length / 4);
  const contextWindow = config.contextWindow ?? 6144;
  const store = config.persistKey && typeof localStorage !== 'undefined' ? localStorage : null;
  let availability = config.availability;
  if (store && config.persistKey && store.getItem(config.persistKey) === 'downloaded')
    availability = 'available';
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const fail = (name: string, message: string) => new DOMException(message, name);

  class FakeSession {
    used: number;
    private readonly system: string;
    private alive = true;
    constructor(system: string) {
      this.system = system;
      this.used = tokens(system);
      if (config.legacyNames) {
        Object.defineProperty(this, 'inputQuota', { get: () => contextWindow });
        Object.defineProperty(this, 'inputUsage', { get: () => this.used });
        Object.defineProperty(this, 'measureInputUsage', { value: (input: string) => this.measure(input) });
      } else {
        Object.defineProperty(this, 'contextWindow', { get: () => contextWindow });
        Object.defineProperty(this, 'contextUsage', { get: () => this.used });
        Object.defineProperty(this, 'measureContextUsage', { value: (input: string) => this.measure(input) });
      }
    }
    measure(input: string): Promise<number> {
      return Promise.resolve(tokens(input));
    }
    promptStreaming(input: string, options: { signal?: AbortSignal } = {}): ReadableStream<string> {
      if (!this.alive) throw fail('InvalidStateError', 'The session was destroyed.');
      record.prompts.push(input);
      if (this.used + tokens(input) > contextWindow) {
        throw fail('QuotaExceededError', 'The input is too large.');
      }
      const echo = /\[[A-Z]+_\d+\]/.exec(`${this.system}\n${input}`)?.[0] ?? 'your message';
      const answer = (config.answer ?? 'On-device draft: we looked at {echo} for you.')
        .split('{echo}')
        .join(echo);
      const size = config.chunkSize ?? 6;
      const delay = config.chunkDelayMs ?? 10;
      const signal = options.signal;
      let sent = 0;
      return new ReadableStream<string>({
        pull: async (controller) => {
          await sleep(delay);
          if (signal?.aborted) {
            controller.error(fail('AbortError', 'Aborted.'));
            return;
          }
          if (config.streamError && sent > 0) {
            controller.error(fail(config.streamError, 'The model failed.'));
            return;
          }
          if (sent >= answer.length) {
            controller.close();
            return;
          }
          const next = Math.min(answer.length, sent + size);
          controller.enqueue(config.cumulative ? answer.slice(0, next) : answer.slice(sent, next));
          sent = next;
        },
      });
    }
    destroy(): void {
      if (this.alive) record.destroyed += 1;
      this.alive = false;
    }
  }

  const api = {
    availability: async () => {
      record.availabilityCalls += 1;
      return availability;
    },
    create: async (
      options: {
        initialPrompts?: { role: string; content: string }[];
        monitor?: (m: EventTarget) => void;
        signal?: AbortSignal;
      } = {},
    ) => {
      if (availability === 'unavailable') throw fail('NotSupportedError', 'No model on this device.');
      if (config.createError) throw fail(config.createError, 'create() failed.');
      if (availability !== 'available') {
        const activation = (globalThis.navigator as { userActivation?: { isActive: boolean } } | undefined)
          ?.userActivation;
        if (config.requireActivation && !activation?.isActive) {
          throw fail('NotAllowedError', 'Requires a user gesture when availability is "downloadable".');
        }
        const monitor = new EventTarget();
        options.monitor?.(monitor);
        availability = 'downloading';
        for (const loaded of config.downloadSteps ?? [0, 0.5, 1]) {
          await sleep(config.downloadStepMs ?? 10);
          if (options.signal?.aborted) throw fail('AbortError', 'Aborted.');
          const event = new Event('downloadprogress');
          Object.defineProperty(event, 'loaded', { value: loaded });
          monitor.dispatchEvent(event);
        }
        availability = 'available';
        if (store && config.persistKey) store.setItem(config.persistKey, 'downloaded');
      }
      if (options.signal?.aborted) throw fail('AbortError', 'Aborted.');
      const initialPrompts = options.initialPrompts ?? [];
      record.creates.push({ initialPrompts });
      return new FakeSession(initialPrompts.map((p) => p.content).join('\n'));
    },
    params: async () => ({ defaultTopK: 3, maxTopK: 8, defaultTemperature: 1, maxTemperature: 2 }),
  };
  Object.defineProperty(scope, 'LanguageModel', { value: api, configurable: true, writable: true });
}
