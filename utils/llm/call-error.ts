import type { LlmError } from '../messaging/protocol';

// Apart from errors.ts so the side panel (on-device runs) can throw it without pulling in the openai SDK that
// errors.ts needs to classify HTTP failures.

/**
 * An error whose agent-facing meaning is already known (thrown by streamChat for its own timeouts
 * and for a stream cut mid-answer). toLlmError() passes its LlmError through unchanged.
 */
export class LlmCallError extends Error {
  readonly llmError: LlmError;
  /** Text streamed before the failure (also what onDelta received). */
  readonly partialText: string;

  constructor(llmError: LlmError, options?: { cause?: unknown; partialText?: string }) {
    super(llmError.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmCallError';
    this.llmError = llmError;
    this.partialText = options?.partialText ?? '';
  }
}
