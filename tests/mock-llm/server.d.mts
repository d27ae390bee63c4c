// Types for server.mjs (plain Node ESM so the demo and CI can run it without a TypeScript loader).
export type MockBehaviour =
  | {
      kind: 'text';
      content: string;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      times?: number;
    }
  | { kind: 'status'; status: number; retryAfter?: number; message?: string; times?: number }
  | {
      kind: 'disconnect';
      afterChars?: number;
      content?: string;
      chunkSize?: number;
      delayMs?: number;
      firstTokenDelayMs?: number;
      times?: number;
    }
  | { kind: 'hang'; times?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface MockLlm {
  url: string;
  port: number;
  requests: RecordedRequest[];
  enqueue(behaviour: MockBehaviour): number;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_MODELS: string[];
export function startMockLlm(opts?: {
  port?: number;
  host?: string;
  models?: string[];
  chunkSize?: number;
  delayMs?: number;
  firstTokenDelayMs?: number;
  requireAuth?: boolean;
  log?: boolean;
}): Promise<MockLlm>;
