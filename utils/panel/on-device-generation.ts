import { browser } from 'wxt/browser';
import { loadAgentProfile } from '../agent-profile';
import { db, type GenerationOutcome } from '../db';
import { ticketLabelFields } from '../history/label';
import { t } from '../i18n/t';
import {
  groundedText,
  knowledgeInfo,
  loadGenerationKnowledge,
  policyCheckProblem,
} from '../knowledge/generation-knowledge';
import { answerTokensFor } from '../llm/budget';
import { LlmCallError } from '../llm/call-error';
import {
  modelDisplayName,
  ON_DEVICE_MODEL_LABEL,
  onDeviceContextWindow,
  onDeviceError,
  streamOnDevice,
} from '../llm/chrome-ai';
import { newNonce } from '../llm/prompts';
import { estimateTokens } from '../llm/token-estimate';
import {
  type GenerationKind,
  type LlmError,
  ReadTicketResult,
  type SentPayload,
} from '../messaging/protocol';
import { tabStorageKey } from '../messaging/session-keys';
import { generationPresetRun } from '../presets/refine';
import { type PresetRun, PresetRunError } from '../presets/run';
import { preparePayload } from '../privacy/payload';
import { loadPrivacySettings } from '../privacy/store';
import type { GenerationHandle, GenerationHandlers, StartOptions } from './generation-client';

// Generation with Chrome's on-device model runs HERE, in the side panel, not in the background:
// - the Prompt API is specified for windows ([Exposed=Window]); Chrome also offers it to extension workers,
//   but a service worker can be stopped at any time, which would kill a long on-device answer for no gain;
// - nothing leaves the machine and no API key is involved, so the reason the other providers run in the
//   background (the key never reaches a page) does not apply;
// - the panel is open whenever the agent asks for a summary or a draft, and is the one that shows it.
// Same interface and the same sequence of events as the background port (startGeneration), the same
// payload (preparePayload: redaction included) and the same Dexie record, so the rest of the panel cannot
// tell the difference.

const CHECKPOINT_MS = 750;

/** Generations running in this page. */
const live = new Set<number>();

/**
 * An on-device generation lives in the panel page: when the panel closes mid-answer the page is gone before
 * it can record anything (IndexedDB transactions of an unloading page are aborted; checkpoints kept the text
 * so far). The next panel to load the ticket marks such records 'interrupted', as the background does when
 * the panel leaves during a stream, so the agent sees the text was cut off. Call before reading generations.
 */
export async function settleOrphanedOnDeviceGenerations(ticketKey: string): Promise<void> {
  await db()
    .generations.where('ticketKey')
    .equals(ticketKey)
    .filter(
      (g) =>
        g.model === ON_DEVICE_MODEL_LABEL &&
        g.outcome === 'streaming' &&
        !(g.id !== undefined && live.has(g.id)),
    )
    .modify({ outcome: 'interrupted' });
}

async function storedTicket(tabId: number, ticketKey: string) {
  const key = tabStorageKey(tabId);
  const stored = (await browser.storage.session.get(key))[key] as { result?: unknown } | undefined;
  const parsed = ReadTicketResult.safeParse(stored?.result);
  if (!parsed.success || !parsed.data.ok || parsed.data.ticketKey !== ticketKey) return null;
  return parsed.data.ticket;
}

function contentText(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

export function startOnDeviceGeneration(
  kind: GenerationKind,
  tabId: number,
  ticketKey: string,
  handlers: GenerationHandlers,
  scope: object = globalThis,
  options: StartOptions = {},
): GenerationHandle {
  const controller = new AbortController();
  let reason: 'stop' | 'detach' | null = null;
  let finished = false;
  const end = () => {
    finished = true;
  };
  const notify = (fn: () => void) => {
    if (!finished) fn();
  };

  void (async () => {
    const ticket = await storedTicket(tabId, ticketKey);
    if (!ticket) {
      notify(() => {
        end();
        handlers.onError({
          code: 'bad-request',
          message: t('panel_ticket_changed'),
        });
      });
      return;
    }
    // Redaction happens in preparePayload and nowhere else, exactly as for the background's providers. The
    // on-device window is small (a few thousand tokens): the thread is fitted to it like any model's, counted
    // with the calibrated estimate (the tokenizer is the background's and does not match Gemini Nano anyway).
    const [{ settings: privacy }, window] = await Promise.all([
      loadPrivacySettings(),
      onDeviceContextWindow(scope),
    ]);
    const budget = window
      ? { contextWindow: window, answerTokens: answerTokensFor(kind, window), count: estimateTokens }
      : undefined;
    // Presets: the same library lookup and checks as the background's (utils/presets/run.ts).
    let preset: PresetRun | undefined;
    try {
      preset = await generationPresetRun(db(), {
        kind,
        ...(options.presetKey ? { presetKey: options.presetKey } : {}),
        ...(options.refine ? { refine: options.refine } : {}),
        ...(options.draft !== undefined ? { draft: options.draft } : {}),
      });
    } catch (error) {
      if (!(error instanceof PresetRunError)) throw error;
      const message = error.message;
      notify(() => {
        end();
        handlers.onError({ code: 'bad-request', message });
      });
      return;
    }
    // Team knowledge, loaded and checked exactly as the background does (utils/knowledge/generation-knowledge.ts).
    const loaded = await loadGenerationKnowledge(kind, options);
    const checkProblem = policyCheckProblem(options.refine, loaded);
    if (checkProblem) {
      notify(() => {
        end();
        handlers.onError({ code: 'bad-request', message: checkProblem });
      });
      return;
    }
    const prepared = preparePayload(kind, ticket, privacy, newNonce(), {
      ...(options.replyLanguage ? { replyLanguage: options.replyLanguage } : {}),
      ...(preset ? { preset } : {}),
      ...(loaded ? { knowledge: loaded } : {}),
      agent: await loadAgentProfile(),
      ...(budget ? { budget } : {}),
    });
    const { messages, promptChars, placeholders } = prepared;
    const knowledge = knowledgeInfo(loaded, prepared);
    const grounded = groundedText(knowledge);
    const sent: SentPayload = {
      messages: messages.map((m) => ({
        role: m.role === 'system' ? 'system' : 'user',
        content: contentText(m.content),
      })),
      placeholders,
    };
    const system = sent.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n\n');
    const user = sent.messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n\n');

    const generationId = (await db().generations.add({
      ticketKey,
      kind,
      model: ON_DEVICE_MODEL_LABEL,
      promptChars,
      output: '',
      startedAt: Date.now(),
      outcome: 'streaming',
      ...(preset ? { presetId: preset.preset.id, presetName: preset.preset.name } : {}),
      ...(knowledge ? { knowledge } : {}),
      ...ticketLabelFields(ticket),
      // What the usage line shows: an estimate on the on-device window, at no cost.
      ...(prepared.tokens && window
        ? {
            promptTokens: prepared.tokens.promptTokens,
            tokenCountMethod: 'estimate' as const,
            contextWindow: { tokens: window, source: 'known' as const },
            trimmed: prepared.tokens.trimmed,
            costUsd: 0,
          }
        : {}),
    })) as number;
    live.add(generationId);
    notify(() =>
      handlers.onStarted(generationId, modelDisplayName(ON_DEVICE_MODEL_LABEL), promptChars, sent),
    );

    let text = '';
    let lastCheckpoint = Date.now();
    const finish = (outcome: GenerationOutcome, error?: LlmError) => {
      // A grounded draft is stored without its "Sources:" line, which becomes `knowledge.cited`.
      const { reply, cited } = grounded(text, true);
      return db().generations.update(generationId, {
        output: reply,
        ...(knowledge ? { knowledge: { ...knowledge, cited } } : {}),
        finishedAt: Date.now(),
        outcome,
        ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      });
    };

    try {
      text = await streamOnDevice({
        system,
        user,
        signal: controller.signal,
        scope,
        onDelta: (delta) => {
          text += delta;
          notify(() => handlers.onDelta(delta));
          if (Date.now() - lastCheckpoint > CHECKPOINT_MS) {
            lastCheckpoint = Date.now();
            void db().generations.update(generationId, { output: grounded(text, false).reply });
          }
        },
      });
      live.delete(generationId);
      await finish('complete');
      notify(() => {
        end();
        handlers.onDone(grounded(text, true).reply);
      });
    } catch (error) {
      live.delete(generationId);
      if (reason === 'stop') {
        await finish('stopped');
        notify(() => {
          end();
          handlers.onStopped(text);
        });
      } else if (reason === 'detach') {
        await finish('interrupted');
      } else {
        if (error instanceof LlmCallError && error.partialText) text = error.partialText;
        const llmError = onDeviceError(error);
        await finish('error', llmError);
        notify(() => {
          end();
          handlers.onError(llmError);
        });
      }
    }
  })().catch((error: unknown) => {
    // Storage failed before the stream: never leave the panel waiting.
    notify(() => {
      end();
      handlers.onError({
        code: 'unknown',
        message: t('panel_request_failed', String(error).slice(0, 300)),
      });
    });
  });

  return {
    stop() {
      if (finished || reason) return;
      reason = 'stop';
      controller.abort();
    },
    detach() {
      if (finished) return;
      // Leaving (ticket switch, panel unmount): stop the model and keep what had arrived as interrupted.
      reason ??= 'detach';
      end();
      controller.abort();
    },
  };
}
