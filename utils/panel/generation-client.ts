import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import {
  GENERATION_PORT,
  type GenerationKind,
  type LlmError,
  type PortClientMessage,
  PortServerMessage,
  type Refine,
  type SentPayload,
} from '../messaging/protocol';

/** A failed attempt before the first token, retried after `delayMs`. */
export type RetryingMessage = Omit<Extract<PortServerMessage, { type: 'retrying' }>, 'type'>;

import type { LanguageCode } from '../ticket/language';

export interface GenerationHandlers {
  /** `prefix`: for a Continue, the cut-off text (model's own) that the deltas are appended to. */
  onStarted(
    generationId: number,
    model: string,
    promptChars: number,
    sent?: SentPayload,
    prefix?: string,
  ): void;
  onDelta(text: string): void;
  onRetrying?(notice: RetryingMessage): void;
  /** The port closed without a final message (the worker was stopped); called just before onError. */
  onBackgroundLost?(): void;
  onDone(text: string): void;
  onStopped(text: string): void;
  onError(error: LlmError): void;
}

/** What the agent chose for this request, beyond its kind. */
export interface StartOptions {
  /** The draft's "Reply in" language; absent = the customer's language. */
  replyLanguage?: LanguageCode;
  /** "Continue": carry on from this stored, cut-off generation. */
  continueGenerationId?: number;
  /** A preset's library key: its template sets the task (the background loads it). */
  presetKey?: string;
  /** The agent's current draft, for rewrite presets. */
  draft?: string;
  /** A refinement of `draft` (Refine bar). */
  refine?: Refine;
  /** Knowledge snippets for a draft (pinned + proposed, not removed), best first; the background loads them. */
  knowledgeKeys?: readonly string[];
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
  handlers: GenerationHandlers,
  options: StartOptions = {},
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
        handlers.onStarted(m.generationId, m.model, m.promptChars, m.sent, m.prefix);
        break;
      case 'retrying': {
        const { type: _type, ...notice } = m;
        handlers.onRetrying?.(notice);
        break;
      }
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
    // No final message: the service worker was stopped or crashed mid-generation. Whatever arrived is in the
    // panel (and checkpointed in Dexie); the next worker marks the generation interrupted.
    handlers.onBackgroundLost?.();
    handlers.onError({ code: 'network', message: t('panel_note_background_stopped') });
  });
  const start: PortClientMessage = {
    type: 'start',
    kind,
    tabId,
    ticketKey,
    ...(options.continueGenerationId !== undefined
      ? { continueGenerationId: options.continueGenerationId }
      : {}),
    ...(options.replyLanguage ? { replyLanguage: options.replyLanguage } : {}),
    ...(options.presetKey ? { presetKey: options.presetKey } : {}),
    ...(options.draft !== undefined ? { draft: options.draft } : {}),
    ...(options.refine ? { refine: options.refine } : {}),
    ...(options.knowledgeKeys?.length ? { knowledgeKeys: [...options.knowledgeKeys] } : {}),
  };
  port.postMessage(start);
  return {
    stop() {
      if (!finished) port.postMessage({ type: 'stop' } satisfies PortClientMessage);
    },
    detach: end,
  };
}
