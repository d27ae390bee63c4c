import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

// "Continue" after an answer was cut off (issue #4): the same payload, the partial answer as the assistant's
// turn, and an instruction to carry on exactly where it stopped. Models often repeat the last few words
// anyway; the joiner drops such an overlap so the draft box does not stutter.

/** Sent after the partial answer. Plain words, no ticket content: the ticket is already in the payload. */
export const CONTINUE_INSTRUCTION =
  'Your previous answer was cut off. Continue it exactly where it stopped: do not repeat anything already ' +
  'written, do not start over, do not add a preamble. If it stopped mid-word or mid-sentence, finish that ' +
  'word or sentence first.';

/** The original messages, then the partial answer and the instruction to continue. */
export function continuationMessages(
  messages: readonly ChatCompletionMessageParam[],
  partial: string,
): ChatCompletionMessageParam[] {
  return [
    ...messages,
    { role: 'assistant', content: partial },
    { role: 'user', content: CONTINUE_INSTRUCTION },
  ];
}

/** Shorter repeats (a space, "the ") are more likely coincidence than the model echoing itself. */
export const MIN_OVERLAP = 8;
/** How much of a continuation is held back while it might still be an echo of the partial text. */
export const MAX_HOLD = 400;

/** Length of the longest suffix of `partial` that `continuation` starts with (at least MIN_OVERLAP), else 0. */
export function overlapLength(partial: string, continuation: string): number {
  const max = Math.min(partial.length, continuation.length);
  for (let k = max; k >= MIN_OVERLAP; k--) {
    if (partial.endsWith(continuation.slice(0, k))) return k;
  }
  return 0;
}

/** partial + continuation, with a repeated overlap (the model echoing its last words) removed once. */
export function joinContinuation(partial: string, continuation: string): string {
  const k = overlapLength(partial, continuation);
  if (k > 0) return partial + continuation.slice(k);
  // The model may also have restarted the cut-off sentence with leading whitespace trimmed differently.
  const trimmed = continuation.replace(/^\s+/, '');
  const kt = overlapLength(partial, trimmed);
  return kt > 0 ? partial + trimmed.slice(kt) : partial + continuation;
}

/**
 * The streaming form of joinContinuation: feed each delta, append what it returns to the partial text.
 * While the continuation so far still occurs inside the partial text (it may be an echo), it is held back;
 * as soon as it cannot be one, or MAX_HOLD characters have arrived, the overlap is decided once.
 * `push(a) + push(b) + … + flush()` equals `joinContinuation(partial, a + b + …).slice(partial.length)`
 * whenever the decision was made on the whole continuation or the overlap was settled before MAX_HOLD.
 */
export class ContinuationJoiner {
  private held = '';
  private decided = false;

  constructor(private readonly partial: string) {}

  push(delta: string): string {
    if (this.decided) return delta;
    this.held += delta;
    const candidate = this.held.replace(/^\s+/, '');
    if (candidate.length < MAX_HOLD && (candidate === '' || this.partial.includes(candidate))) return '';
    return this.decide();
  }

  /** At the end of the stream: whatever is still held, minus an overlap. */
  flush(): string {
    return this.decided ? '' : this.decide();
  }

  private decide(): string {
    this.decided = true;
    const out = joinContinuation(this.partial, this.held).slice(this.partial.length);
    this.held = '';
    return out;
  }
}
