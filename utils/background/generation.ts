import type { Browser } from 'wxt/browser';
import { db, type GenerationOutcome } from '../db';
import { ticketLabelFields } from '../history/label';
import { t } from '../i18n/t';
import {
  groundedText,
  knowledgeInfo,
  loadGenerationKnowledge,
  policyCheckProblem,
} from '../knowledge/generation-knowledge';
import { createClientFor } from '../llm/client';
import { toLlmError } from '../llm/errors';
import { newNonce } from '../llm/prompts';
import { summaryResponseFormat } from '../llm/summary';
import { managedArea } from '../managed-area';
import { type LlmError, PortClientMessage, type PortServerMessage } from '../messaging/protocol';
import { generationPresetRun } from '../presets/refine';
import { type PresetRun, PresetRunError } from '../presets/run';
import { resolveProvider } from '../providers/resolve';
import { finalUsage, prepareBudgetedPayload } from './budgeted-payload';
import { isIncomplete, planContinuation, streamGeneration, timeoutsFrom } from './generation-stream';
import { endpointPolicyProblem } from './managed-policy';
import { getTabTicket } from './tab-tickets';

// One port per generation (design §3). The panel sends `start`, then maybe `stop`; we stream deltas back.
// If the panel goes away mid-stream we abort the request and keep the partial text in Dexie, so reopening
// the panel shows what had arrived (nothing is lost, no tokens are spent for a view nobody watches).

const CHECKPOINT_MS = 750;

export interface GenerationPortOptions {
  /** While no token has arrived, tell the panel we are alive (and keep the worker awake) this often. */
  heartbeatMs?: number;
}

/** The part of runtime.Port we use; lets tests drive the handler with a plain object. */
export type GenerationPort = Pick<Browser.runtime.Port, 'postMessage' | 'onMessage' | 'onDisconnect'>;

export function serveGenerationPort(port: GenerationPort, options: GenerationPortOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  let started = false;
  let controller: AbortController | null = null;
  let stopReason: 'stop' | 'disconnect' | null = null;
  let connected = true;

  const post = (message: PortServerMessage) => {
    if (!connected) return;
    try {
      port.postMessage(message);
    } catch {
      connected = false;
    }
  };

  port.onDisconnect.addListener(() => {
    connected = false;
    if (controller && !stopReason) {
      stopReason = 'disconnect';
      controller.abort();
    }
  });

  port.onMessage.addListener((raw: unknown) => {
    const parsed = PortClientMessage.safeParse(raw);
    if (!parsed.success) {
      post({
        type: 'error',
        error: { code: 'bad-request', message: t('error_malformed_panel_request') },
        text: '',
      });
      return;
    }
    const message = parsed.data;
    if (message.type === 'stop') {
      if (controller && !stopReason) {
        stopReason = 'stop';
        controller.abort();
      }
      return;
    }
    if (started) return; // one generation per port
    started = true;
    controller = new AbortController();
    runGeneration(message, controller, post, () => stopReason, heartbeatMs).catch((error: unknown) => {
      // Storage or setup failed before the stream: never leave the panel waiting on a silent port.
      post({
        type: 'error',
        error: {
          code: 'unknown',
          message: t('error_request_failed', String(error).slice(0, 300)),
        },
        text: '',
      });
    });
  });
}

async function runGeneration(
  request: Extract<PortClientMessage, { type: 'start' }>,
  controller: AbortController,
  post: (m: PortServerMessage) => void,
  stopReason: () => 'stop' | 'disconnect' | null,
  heartbeatMs: number,
): Promise<void> {
  const fail = (error: LlmError) => post({ type: 'error', error, text: '' });

  const stored = await getTabTicket(request.tabId);
  if (!stored?.result.ok || stored.result.ticketKey !== request.ticketKey) {
    fail({
      code: 'bad-request',
      message: t('error_ticket_changed_before_send'),
    });
    return;
  }
  const { ticket } = stored.result;
  const { provider, warning } = await resolveProvider();
  if (!provider) {
    fail({
      code: 'no-provider',
      message: warning ?? t('error_no_provider'),
    });
    return;
  }
  // Enterprise policy: an endpoint the administrator does not allow is never called (utils/presets/policy.ts);
  // checked first, so the on-device model is refused too when the policy requires an endpoint.
  const refused = await endpointPolicyProblem(managedArea(), provider);
  if (refused) {
    fail({ code: 'forbidden', message: refused });
    return;
  }
  if (provider.presetId === 'chrome-ai') {
    // The panel runs the on-device model itself (utils/panel/on-device-generation.ts); a request here means the
    // panel was opened before the choice changed.
    fail({
      code: 'bad-request',
      message: t('error_on_device_in_panel'),
    });
    return;
  }
  const apiKey = provider.apiKey;
  // The preset is read here, from the same library the panel lists, so the request carries only its key.
  // A refinement (the Refine bar) runs as a preset too (utils/presets/refine.ts).
  let preset: PresetRun | undefined;
  try {
    preset = await generationPresetRun(db(), request);
  } catch (error) {
    if (!(error instanceof PresetRunError)) throw error;
    fail({ code: 'bad-request', message: error.message });
    return;
  }
  // The team knowledge the agent chose (drafts only), loaded here by key; a policy check only checks against it.
  const loaded = await loadGenerationKnowledge(request.kind, request);
  const checkProblem = policyCheckProblem(request.refine, loaded);
  if (checkProblem) {
    fail({ code: 'bad-request', message: checkProblem });
    return;
  }
  // Redaction happens here and nowhere else: preparePayload is the only way a payload is built (called inside
  // prepareBudgetedPayload, which also fits the thread to the model's window and prices it).
  const prepared = await prepareBudgetedPayload(request.kind, ticket, provider.model, newNonce(), {
    ...(request.replyLanguage ? { replyLanguage: request.replyLanguage } : {}),
    contextWindowOverride: provider.contextWindowOverride ?? null,
    ...(preset ? { preset } : {}),
    ...(loaded ? { knowledge: loaded } : {}),
  });
  const knowledge = knowledgeInfo(loaded, prepared.payload);
  // A grounded draft's stored text is the reply without its "Sources:" line; the line becomes `knowledge.cited`.
  const grounded = groundedText(knowledge);
  const { promptChars, placeholders } = prepared.payload;
  const { usage } = prepared;
  // Continue (issue #4): the same payload plus the cut-off answer and an instruction to carry on.
  let messages = prepared.payload.messages;
  let prefix = '';
  if (request.continueGenerationId !== undefined) {
    const plan = await planContinuation(
      request.continueGenerationId,
      request.ticketKey,
      request.kind,
      messages,
    );
    if (!plan.ok) {
      fail(plan.error);
      return;
    }
    ({ messages, prefix } = plan);
  }

  const startedAt = Date.now();
  const generationId = (await db().generations.add({
    ticketKey: request.ticketKey,
    kind: request.kind,
    model: provider.model,
    promptChars,
    output: prefix, // a Continue starts from the cut-off text, so it is never stored shorter
    startedAt,
    outcome: 'streaming',
    promptTokens: usage.promptTokens,
    tokenCountMethod: usage.tokenCountMethod,
    contextWindow: usage.contextWindow,
    trimmed: usage.trimmed,
    costUsd: usage.estimatedCostUsd,
    ...(preset ? { presetId: preset.preset.id, presetName: preset.preset.name } : {}),
    ...(knowledge ? { knowledge } : {}),
    ...ticketLabelFields(ticket),
  })) as number;
  // The panel gets exactly what is sent (the "was sent" preview) and the placeholder map to restore the
  // answer locally. Stored generations keep the model's own text, placeholders included.
  post({
    type: 'started',
    generationId,
    model: provider.model,
    promptChars,
    sent: {
      messages: messages.map((m) => ({
        role: m.role === 'system' ? 'system' : m.role === 'assistant' ? 'assistant' : 'user',
        content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
      })),
      placeholders,
    },
    ...(prefix ? { prefix } : {}),
    ...usage,
  });

  let text = prefix;
  // The first text is saved at once, then every CHECKPOINT_MS: a worker stopped mid-stream loses at most that.
  let lastCheckpoint = 0;
  let firstTokenSeen = false;
  const heartbeat = setInterval(() => {
    if (!firstTokenSeen) post({ type: 'heartbeat' });
  }, heartbeatMs);

  const finish = async (outcome: GenerationOutcome, error?: LlmError) => {
    clearInterval(heartbeat);
    const { reply, cited } = grounded(text, true);
    await db().generations.update(generationId, {
      output: reply,
      ...(knowledge ? { knowledge: { ...knowledge, cited } } : {}),
      finishedAt: Date.now(),
      outcome,
      ...finalUsage(prepared, provider.model, text),
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
      ...(isIncomplete({ outcome, output: reply }) ? { incomplete: true } : {}),
    });
  };

  try {
    const client = createClientFor(provider);
    text = await streamGeneration({
      client,
      model: provider.model,
      // A summary preset sets its own format (the card shows non-JSON answers as text); only the built-in
      // summary asks for the card's JSON schema.
      responseFormat:
        request.kind === 'summary' && !preset ? summaryResponseFormat(provider.structuredOutput) : undefined,
      messages,
      signal: controller.signal,
      timeouts: timeoutsFrom(provider),
      prefix,
      onRetry: (notice) => post({ type: 'retrying', ...notice }),
      onText: (delta, full) => {
        firstTokenSeen = true;
        text = full;
        post({ type: 'delta', text: delta });
        if (Date.now() - lastCheckpoint > CHECKPOINT_MS) {
          lastCheckpoint = Date.now();
          void db().generations.update(generationId, { output: grounded(text, false).reply });
        }
      },
    });
    await finish('complete');
    post({ type: 'done', text: grounded(text, true).reply, ...finalUsage(prepared, provider.model, text) });
  } catch (error) {
    const reason = stopReason();
    if (reason === 'stop') {
      await finish('stopped');
      post({ type: 'stopped', text });
    } else if (reason === 'disconnect') {
      await finish('interrupted');
    } else {
      const llmError = toLlmError(error, {
        baseURL: provider.baseURL,
        model: provider.model,
        timeoutMs: provider.timeoutMs,
        keyMissing: !apiKey?.trim(),
        secrets: apiKey ? [apiKey] : [],
        ollama: provider.presetId === 'ollama',
      });
      await finish('error', llmError);
      post({ type: 'error', error: llmError, text });
    }
  }
}
