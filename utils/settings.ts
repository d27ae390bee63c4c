import { z } from 'zod';

// Shareable settings (no secrets). The API key lives in Dexie (see db.ts), never here:
// storage.local is readable by content scripts.

export const ProviderSettings = z.object({
  baseURL: z.string().url(),
  model: z.string().min(1).max(200),
  /** Request timeout for the whole call; the first token also has to arrive within it. */
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

export const PROVIDER_SETTINGS_KEY = 'local:provider';
