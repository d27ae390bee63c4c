import { APIError } from 'openai';
import { z } from 'zod';
import type { LlmError, TestConnectionResult } from '../messaging/protocol';
import type { ProviderSettings } from '../settings';
import { createClient, isAzureHost } from './client';
import { hostOf, type LlmErrorContext, toLlmError } from './errors';

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
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function badResponse(host: string, what: string): LlmError {
  return {
    code: 'bad-response',
    message: `${host} answered ${what}, but not in the OpenAI format. Is the base URL an OpenAI-compatible API (usually ending in /v1)?`,
  };
}

/**
 * "Test connection" in the options page. Lists models (GET /models); if the endpoint has no model
 * list (404/405), or it is Azure (which lists base models, not deployment names), sends the
 * smallest possible chat completion with the configured model instead.
 */
export async function testConnection(
  settings: ProviderSettings,
  apiKey: string | null,
  signal?: AbortSignal,
): Promise<TestConnectionResult> {
  const host = hostOf(settings.baseURL);
  const ctx: LlmErrorContext = {
    baseURL: settings.baseURL,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    keyMissing: !apiKey?.trim(),
    secrets: apiKey ? [apiKey] : [],
  };
  const fail = (error: LlmError): TestConnectionResult => ({ ok: false, error });

  let client: ReturnType<typeof createClient>;
  try {
    client = createClient(settings, apiKey);
  } catch (err) {
    return fail(toLlmError(err, ctx));
  }

  let ids: string[] | null = null;
  try {
    const body = await client.get<unknown>('/models', { signal });
    const parsed = ModelList.safeParse(body);
    if (!parsed.success) return fail(badResponse(host, 'the model list request'));
    ids = parsed.data.data.map((m) => m.id);
  } catch (err) {
    const noList = err instanceof APIError && (err.status === 404 || err.status === 405);
    if (!noList) return fail(toLlmError(err, ctx));
  }

  if (settings.model.trim() === '') {
    // "Test connection" before a model is chosen: the list is the answer.
    if (ids && ids.length > 0) {
      return {
        ok: true,
        models: ids,
        detail: `Connected to ${host}: ${ids.length} ${ids.length === 1 ? 'model' : 'models'}. Choose one below.`,
      };
    }
    return fail({
      code: 'bad-request',
      message: `Connected to ${host}, but it offers no model list. Type the model name, then test again.`,
    });
  }

  if (ids && ids.length > 0 && hasModel(ids, settings.model)) {
    return {
      ok: true,
      models: ids,
      detail: `Connected to ${host}: ${ids.length} ${ids.length === 1 ? 'model' : 'models'}; “${settings.model}” is available.`,
    };
  }
  if (ids && ids.length > 0 && !isAzureHost(settings.baseURL)) {
    return fail({
      code: 'model-not-found',
      message: `Connected to ${host}, but model “${settings.model}” is not among its ${ids.length} models. Available: ${listForMessage(ids)}.`,
    });
  }

  // No list, an empty list (some proxies), or Azure: ask the model itself for one token.
  try {
    const reply = await probeChat(client, settings.model, signal);
    if (!ChatCompletion.safeParse(reply).success) return fail(badResponse(host, 'the test message'));
  } catch (err) {
    const mapped = toLlmError(err, ctx);
    if (mapped.code === 'model-not-found' && ids && ids.length > 0) {
      mapped.message += ` Available: ${listForMessage(ids)}.`;
    }
    return fail(mapped);
  }
  const why =
    ids === null
      ? 'no model list is offered'
      : ids.length === 0
        ? 'the model list is empty'
        : 'Azure lists base models only';
  return {
    ok: true,
    models: ids ?? [],
    detail: `Connected to ${host}: ${why}, but “${settings.model}” answered a test message.`,
  };
}

/** One-token completion. Newer OpenAI reasoning models reject max_tokens; retry once with the new name. */
async function probeChat(client: ReturnType<typeof createClient>, model: string, signal?: AbortSignal) {
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
