import { type StreamChatArgs, type StreamChatResult, streamChat } from './stream';

// Providers that do not know `response_format` (older vLLM/LM Studio builds, some gateways) answer 400 or 422
// naming it. Rather than fail the summary, the request is sent once more without it: the prompt asks for the
// same JSON, and the tolerant parser reads the answer. Nothing is remembered: the next summary tries again, so
// a gateway that gains support (or a wrongly set preset) is not stuck on the weaker path.

const MENTIONS_FORMAT =
  /response[_ ]?format|json[_ ]?schema|json[_ ]?object|structured[_ ]output|unsupported|not supported/i;

function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const e = error as { message?: unknown; error?: unknown };
  // The openai SDK's APIError keeps the provider's body in `error`; its message may be generic.
  const body = e.error === undefined ? '' : JSON.stringify(e.error);
  return `${typeof e.message === 'string' ? e.message : ''} ${body}`;
}

/** True for a provider refusing the `response_format` parameter itself (not for any other bad request). */
export function isResponseFormatRejection(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 400 || status === 422) && MENTIONS_FORMAT.test(messageOf(error));
}

/**
 * Runs `call` with `format`; if the provider rejects the format before any text arrived, runs it once more
 * without. `hasOutput` guards against repeating a call whose answer had started (never two answers in one box).
 */
export async function withResponseFormatFallback<F, T>(
  format: F | undefined,
  call: (format: F | undefined) => Promise<T>,
  hasOutput: () => boolean,
): Promise<T> {
  if (format === undefined) return call(undefined);
  try {
    return await call(format);
  } catch (error) {
    if (hasOutput() || !isResponseFormatRejection(error)) throw error;
    return call(undefined);
  }
}

/**
 * streamChat with `args.responseFormat`, falling back once to no format when the provider rejects it (see above).
 * `stream` is the call to make (streamChat, or a retrying wrapper around it); a retry only happens while no text
 * has arrived and the caller has not stopped.
 */
export function streamChatWithFormatFallback(
  args: StreamChatArgs,
  stream: (args: StreamChatArgs) => Promise<StreamChatResult> = streamChat,
): Promise<StreamChatResult> {
  let received = false;
  const onDelta = (text: string) => {
    received = true;
    args.onDelta(text);
  };
  return withResponseFormatFallback(
    args.responseFormat ?? undefined,
    (responseFormat) => stream({ ...args, responseFormat, onDelta }),
    () => received || args.signal.aborted,
  );
}
