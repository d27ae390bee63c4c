import { z } from 'zod';
import { type ChromeAiAvailability, chromeAiAvailability } from '../llm/chrome-ai';

// What Deskmate uses when the agent has configured nothing: Chrome's on-device model if it is ready, else a
// local Ollama if one answers, else the onboarding card explains the choices. Probes are injected so the
// decision is tested without Chrome's model or a running Ollama.

export type { ChromeAiAvailability };

export interface DefaultProbes {
  chromeAi(): Promise<ChromeAiAvailability>;
  ollama(): Promise<boolean>;
}

export type DefaultChoice =
  | { kind: 'chrome-ai' }
  | { kind: 'ollama'; baseURL: string }
  /** Nothing usable yet. `chromeAi` says whether Chrome's model could be downloaded, for the card's wording. */
  | { kind: 'onboarding'; chromeAi: ChromeAiAvailability };

export const OLLAMA_DEFAULT_ORIGIN = 'http://localhost:11434';
export const OLLAMA_PROBE_TIMEOUT_MS = 1500;

export async function chooseDefaultProvider(probes: DefaultProbes): Promise<DefaultChoice> {
  // A probe that throws counts as "not there": the choice must always be made.
  const chromeAi = await probes.chromeAi().catch((): ChromeAiAvailability => 'unavailable');
  if (chromeAi === 'available') return { kind: 'chrome-ai' };
  const ollama = await probes.ollama().catch(() => false);
  if (ollama) return { kind: 'ollama', baseURL: `${OLLAMA_DEFAULT_ORIGIN}/v1` };
  return { kind: 'onboarding', chromeAi };
}

const OllamaVersion = z.object({ version: z.string().min(1) });
const OllamaTags = z.object({ models: z.array(z.object({ name: z.string().min(1) })) });

async function getJson(url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<unknown> {
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) return null;
  return response.json().catch(() => null);
}

/** True when an Ollama answers GET /api/version at `origin` within the short timeout. */
export async function probeOllama(
  origin = OLLAMA_DEFAULT_ORIGIN,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = OLLAMA_PROBE_TIMEOUT_MS,
): Promise<boolean> {
  try {
    return OllamaVersion.safeParse(await getJson(`${origin}/api/version`, fetchImpl, timeoutMs)).success;
  } catch {
    return false;
  }
}

/** The models an Ollama has pulled (GET /api/tags), [] when it cannot say. */
export async function ollamaModels(
  origin = OLLAMA_DEFAULT_ORIGIN,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = OLLAMA_PROBE_TIMEOUT_MS,
): Promise<string[]> {
  try {
    const parsed = OllamaTags.safeParse(await getJson(`${origin}/api/tags`, fetchImpl, timeoutMs));
    return parsed.success ? parsed.data.models.map((m) => m.name) : [];
  } catch {
    return [];
  }
}

export const defaultProbes: DefaultProbes = {
  chromeAi: () => chromeAiAvailability(),
  ollama: () => probeOllama(),
};
