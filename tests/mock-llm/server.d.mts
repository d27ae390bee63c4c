// Types for server.mjs (plain Node ESM so the demo and CI can run it without a TypeScript loader).

/** What the next chat completion does (tests/mock-llm/server.mjs). `times` repeats it for consecutive requests. */
export type MockBehaviour =
  | {
      kind: 'text';
      content: string;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      times?: number;
    }
  | {
      kind: 'status';
      status: 400 | 401 | 403 | 404 | 408 | 409 | 422 | 429 | 500 | 502 | 503 | 504;
      retryAfter?: number;
      message?: string;
      times?: number;
    }
  | {
      kind: 'disconnect';
      afterChars?: number;
      content?: string;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      times?: number;
    }
  | { kind: 'hang'; times?: number }
  | {
      /** A complete stream with a broken proxy's noise after every `every` good chunks (server.mjs). */
      kind: 'malformed';
      content?: string;
      every?: number;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      times?: number;
    };

export interface RecordedRequest {
  method: string;
  /** URL path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The query string with its `?` (e.g. `?api-version=2024-10-21`), '' when none. */
  query: string;
  /** Lower-case header names, as Node received them. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; null when empty; the raw string when it was not JSON. */
  body: unknown;
}

export interface MockLlmOptions {
  port?: number;
  host?: string;
  models?: string[];
  chunkSize?: number;
  delayMs?: number;
  firstTokenDelayMs?: number;
  requireAuth?: boolean;
  log?: boolean;
  /** Azure deployments the mock knows (default ['deskmate-gpt4o']). */
  azureDeployments?: string[];
  /** Start rejecting extension origins like Ollama without OLLAMA_ORIGINS (see configure). */
  ollamaRejectExtensionOrigin?: boolean;
}

export interface MockLlm {
  /** Base URL ending in /v1, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  /** Every request received (except /__mock/*), oldest first. Cleared in place by reset(). */
  requests: RecordedRequest[];
  /** Scripts the next chat completion(s), FIFO. Returns the queue length. */
  enqueue(behaviour: MockBehaviour): number;
  /** Forget recorded requests and queued behaviours, and undo configure(). */
  reset(): void;
  /**
   * Provider quirks, undone by reset(): `rejectResponseFormat` answers 400 to any request carrying response_format;
   * `ollamaRejectExtensionOrigin` answers a bare 403 to a chrome-extension:// Origin (Ollama without OLLAMA_ORIGINS).
   */
  configure(changes: { rejectResponseFormat?: boolean; ollamaRejectExtensionOrigin?: boolean }): {
    rejectResponseFormat: boolean;
    ollamaRejectExtensionOrigin: boolean;
  };
  close(): Promise<void>;
}

export const DEFAULT_MODELS: string[];
/** The draft language a request's system prompt asks for (e.g. "German"), or ''. */
export function requestedLanguage(body: unknown): string;
/** The deterministic JSON summary the mock answers with. */
export function summaryJsonFor(body: unknown): Record<string, unknown>;
export function startMockLlm(opts?: MockLlmOptions): Promise<MockLlm>;
