import { z } from 'zod';
import { t } from './i18n/t';

// Shareable settings (no secrets). The API key lives in Dexie (see db.ts), never here:
// storage.local is readable by content scripts.

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const ProviderSettings = z.object({
  // z.url() alone accepts javascript: and reads "localhost:11434" as a scheme: only http(s) endpoints.
  baseURL: z
    .string()
    .url()
    .refine(isHttpUrl, { error: () => t('core_llm_base_url_scheme') }),
  model: z.string().min(1).max(200),
  /** Request timeout for the whole call; the first token also has to arrive within it. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const PROVIDER_SETTINGS_KEY = 'local:provider';
