import { APIError } from 'openai';
import { z } from 'zod';
import { t, tCount } from '../i18n/t';
import type { LlmError, TestConnectionResult } from '../messaging/protocol';
import type { ResolvedProvider } from '../providers/schema';
import type { ProviderSettings } from '../settings';
import { createClientFor, isAzureHost } from './client';
import { hostOf, isUnexplainedNetworkError, type LlmErrorContext, toLlmError } from './errors';
import { describeNetworkFailure, originAnswers } from './network-diagnosis';

const MAX_LISTED = 10;

// What GET /models returns on OpenAI-compatible servers: { object: "list", data: [{ id, … }] }.
const ModelList = z.object({ data: z.array(z.object({ id: z.string().min(1) })) });
// A non-streaming chat completion; only its shape matters here.
const ChatCompletion = z.object({ choices: z.array(z.unknown()) });

/** "llama3" is served as "llama3:latest" by Ollama; treat the two as the same model. */
function hasModel(ids: readonly string[], model: string): boolean {
  return ids.some((id) => id === model || id === `${model}:latest` || `${id}:latest` === model);
}

function listForMessage(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).map((id) => `“${id}”`);
  const more = ids.length - shown.length;
  return more > 0 ? t('error_connection_list_more', shown.join(', '), more) : shown.join(', ');
}

function badTestAnswer(host: string): LlmError {
  return { code: 'bad-response', message: t('error_connection_test_format', host) };
}

/** What came back from GET /models when it was not a model list: an HTML page, plain text, or other JSON. */
export function describeNotAModelList(host: string, body: unknown): LlmError {
  if (typeof body === 'string') {
    if (/<\s*(!doctype|html|head|body)\b/i.test(body)) {
      return { code: 'bad-response', message: t('error_connection_html', host) };
    }
    return { code: 'bad-response', message: t('error_connection_not_json', host) };
  }
  return { code: 'bad-response', message: t('error_connection_not_model_list', host) };
}

export interface TestConnectionOptions {
  signal?: AbortSignal;
  /** For the network diagnosis; the real fetch and permission check by default. */
  fetchImpl?: typeof fetch;
  hasPermission?: () => Promise<boolean>;
}

/**
 * "Test connection" in the options page. Lists models (GET /models); if the endpoint has no model
 * list (404/405), or it is Azure (which lists base models, not deployment names), sends the
 * smallest possible chat completion with the configured model instead.
 */
export async function testResolvedConnection(
  settings: ResolvedProvider,
  options: TestConnectionOptions = {},
): Promise<TestConnectionResult> {
  const { signal } = options;
  const apiKey = settings.apiKey;
  const host = hostOf(settings.baseURL);
  const ctx: LlmErrorContext = {
    baseURL: settings.baseURL,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    keyMissing: !apiKey?.trim(),
    secrets: apiKey ? [apiKey] : [],
    ollama: settings.presetId === 'ollama',
  };
  const fail = (error: LlmError): TestConnectionResult => ({ ok: false, error });
  // A fetch that failed before any HTTP answer: find out what can be told apart (see network-diagnosis.ts).
  const explain = async (err: unknown): Promise<LlmError> => {
    const mapped = toLlmError(err, ctx);
    if (!isUnexplainedNetworkError(mapped, settings.baseURL)) return mapped;
    const [hasPermission, answers] = await Promise.all([
      (options.hasPermission ?? (() => Promise.resolve(true)))().catch(() => true),
      originAnswers(settings.baseURL, options.fetchImpl),
    ]);
    return describeNetworkFailure({ baseURL: settings.baseURL, hasPermission, originAnswers: answers });
  };
  const azureDeployment = settings.presetId === 'azure-openai' && settings.azure !== undefined;

  let client: ReturnType<typeof createClientFor>;
  try {
    client = createClientFor(settings);
  } catch (err) {
    return fail(toLlmError(err, ctx));
  }

  let ids: string[] | null = null;
  // Azure deployments are called by deployment name; its /models lists base models: go straight to the chat.
  if (!azureDeployment) {
    try {
      const body = await client.get<unknown>('/models', { signal });
      const parsed = ModelList.safeParse(body);
      if (!parsed.success) return fail(describeNotAModelList(host, body));
      ids = parsed.data.data.map((m) => m.id);
    } catch (err) {
      const noList = err instanceof APIError && (err.status === 404 || err.status === 405);
      if (!noList) return fail(await explain(err));
    }
  }

  if (settings.model.trim() === '') {
    // "Test connection" before a model is chosen: the list is the answer.
    if (ids && ids.length > 0) {
      return { ok: true, models: ids, detail: tCount('common_connection_choose', ids.length, host) };
    }
    return fail({ code: 'bad-request', message: t('error_connection_no_list', host) });
  }

  // Ollama lists its models to any GET, but refuses the POST that carries the extension's Origin until
  // OLLAMA_ORIGINS allows it: for a local Ollama one test message is cheap and catches exactly that.
  const probeLocal = settings.presetId === 'ollama';
  if (ids && ids.length > 0 && hasModel(ids, settings.model) && !probeLocal) {
    return {
      ok: true,
      models: ids,
      detail: tCount('common_connection_available', ids.length, host, settings.model),
    };
  }
  if (
    ids &&
    ids.length > 0 &&
    !hasModel(ids, settings.model) &&
    !isAzureHost(settings.baseURL) &&
    !azureDeployment
  ) {
    return fail({
      code: 'model-not-found',
      message: tCount(
        'error_connection_model_missing',
        ids.length,
        host,
        settings.model,
        listForMessage(ids),
      ),
    });
  }

  // No list, an empty list (some proxies), or Azure: ask the model itself for one token.
  try {
    const reply = await probeChat(client, settings.model, signal);
    if (!ChatCompletion.safeParse(reply).success) return fail(badTestAnswer(host));
  } catch (err) {
    const mapped = await explain(err);
    if (mapped.code === 'model-not-found' && azureDeployment && settings.azure) {
      mapped.message = t('error_connection_no_deployment', host, settings.azure.deployment);
    }
    if (mapped.code === 'model-not-found' && ids && ids.length > 0) {
      mapped.message += ` ${t('error_connection_available', listForMessage(ids))}`;
    }
    return fail(mapped);
  }
  if (probeLocal && ids && ids.length > 0) {
    return {
      ok: true,
      models: ids,
      detail: tCount('common_connection_answered', ids.length, host, settings.model),
    };
  }
  if (azureDeployment && settings.azure) {
    return {
      ok: true,
      models: [],
      detail: t('common_connection_deployment', host, settings.azure.deployment),
    };
  }
  const detail =
    ids === null
      ? 'common_connection_no_list'
      : ids.length === 0
        ? 'common_connection_empty_list'
        : 'common_connection_azure_list';
  return { ok: true, models: ids ?? [], detail: t(detail, host, settings.model) };
}

/** The single-provider form of earlier versions: an OpenAI-compatible endpoint without a preset. */
export function testConnection(
  settings: ProviderSettings,
  apiKey: string | null,
  signal?: AbortSignal,
): Promise<TestConnectionResult> {
  return testResolvedConnection(
    {
      id: 'test',
      presetId: 'custom',
      label: 'test',
      ...settings,
      apiKey,
      firstTokenTimeoutMs: settings.timeoutMs,
      structuredOutput: 'none',
    },
    signal ? { signal } : {},
  );
}

/** One-token completion. Newer OpenAI reasoning models reject max_tokens; retry once with the new name. */
async function probeChat(client: ReturnType<typeof createClientFor>, model: string, signal?: AbortSignal) {
  const messages = [{ role: 'user' as const, content: 'Reply with OK.' }];
  try {
    return await client.chat.completions.create({ model, messages, max_tokens: 1 }, { signal });
  } catch (err) {
    if (err instanceof APIError && err.status === 400 && /max_tokens/.test(err.message)) {
      return await client.chat.completions.create({ model, messages, max_completion_tokens: 1 }, { signal });
    }
    throw err;
  }
}
