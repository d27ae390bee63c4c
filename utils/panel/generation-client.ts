import { browser } from 'wxt/browser';
import {
  GENERATION_PORT,
  type GenerationKind,
  type LlmError,
  type PortClientMessage,
  PortServerMessage,
  type SentPayload,
} from '../messaging/protocol';
import type { LanguageCode } from '../ticket/language';

export interface GenerationHandlers {
  onStarted(generationId: number, model: string, promptChars: number, sent?: SentPayload): void;
  onDelta(text: string): void;
  onDone(text: string): void;
  onStopped(text: string): void;
  onError(error: LlmError): void;
}

/** What the agent chose for this request, beyond its kind. */
export interface StartOptions {
  /** The draft's "Reply in" language; absent = the customer's language. */
  replyLanguage?: LanguageCode;
}

export interface GenerationHandle {
  stop(): void;
  /** Leave without stopping explicitly (ticket switch); the background keeps the partial text. */
  detach(): void;
}

export function startGeneration(
  kind: GenerationKind,
  tabId: number,
  ticketKey: string,
  options: StartOptions,
  handlers: GenerationHandlers,
): GenerationHandle {
  const port = browser.runtime.connect({ name: GENERATION_PORT });
  let finished = false;
  const end = () => {
    finished = true;
    try {
      port.disconnect();
    } catch {
      // already gone
    }
  };
  port.onMessage.addListener((raw: unknown) => {
    const parsed = PortServerMessage.safeParse(raw);
    if (!parsed.success || finished) return;
    const m = parsed.data;
    switch (m.type) {
      case 'started':
        handlers.onStarted(m.generationId, m.model, m.promptChars, m.sent);
        break;
      case 'delta':
        handlers.onDelta(m.text);
        break;
      case 'heartbeat':
        break;
      case 'done':
        end();
        handlers.onDone(m.text);
        break;
      case 'stopped':
        end();
        handlers.onStopped(m.text);
        break;
      case 'error':
        end();
        handlers.onError(m.error);
        break;
    }
  });
  port.onDisconnect.addListener(() => {
    if (finished) return;
    finished = true;
    handlers.onError({
      code: 'network',
      message: 'Lost the connection to Deskmate’s background while writing; what had arrived is kept.',
    });
  });
  const start: PortClientMessage = {
    type: 'start',
    kind,
    tabId,
    ticketKey,
    ...(options.replyLanguage ? { replyLanguage: options.replyLanguage } : {}),
  };
  port.postMessage(start);
  return {
    stop() {
      if (!finished) port.postMessage({ type: 'stop' } satisfies PortClientMessage);
    },
    detach: end,
  };
}
