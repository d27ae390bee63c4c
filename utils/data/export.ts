import { z } from 'zod';
import { CustomDomainsState, parseStoredDomains } from '../custom-domains';
import type { DeskmateDb } from '../db';
import type { ProvidersState } from '../providers/schema';
import { parseStoredOverrides, SelectorOverrides } from '../selector-overrides';
import type { ProviderSettings } from '../settings';
import { RetentionSetting } from './retention';

// "Export my data": everything Deskmate keeps about the agent's work, as one JSON file. The schema below is an
// allow-list: parsing strips every field it does not name, so the `secrets` table (API key) and any field added
// to a record later never reach the file unless someone adds it here on purpose.

export const EXPORT_FORMAT = 'deskmate-export';
export const EXPORT_VERSION = 1;

const GenerationExport = z.object({
  id: z.number().int().optional(),
  ticketKey: z.string(),
  kind: z.enum(['summary', 'draft']),
  model: z.string(),
  promptChars: z.number(),
  output: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  outcome: z.string(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  inserted: z.boolean().optional(),
  // Token budget and cost (utils/background/budgeted-payload.ts): counts and dollars, no ticket text.
  promptTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  tokenCountMethod: z.enum(['tokenizer', 'estimate']).optional(),
  costUsd: z.number().nullable().optional(),
  trimmed: z
    .object({ omittedMessages: z.number(), shortenedMessages: z.number(), budgetTokens: z.number() })
    .nullable()
    .optional(),
});

const DraftExport = z.object({
  ticketKey: z.string(),
  text: z.string(),
  edited: z.boolean(),
  followsGenerationId: z.number().int().optional(),
  versions: z.array(
    z.object({
      source: z.enum(['ai', 'agent']),
      generationId: z.number().int().optional(),
      text: z.string(),
      createdAt: z.number(),
    }),
  ),
  replyLanguage: z.string().optional(),
  updatedAt: z.number(),
});

/** The provider settings without credentials: no API key, no user:password or key-like query values. */
const ProviderExport = z.object({
  baseURL: z.string(),
  model: z.string(),
  timeoutMs: z.number(),
});

/** Every configured provider, without keys (they live in Dexie secrets and are never exported). */
const ProvidersExport = z.object({
  defaultId: z.string().nullable(),
  list: z.array(
    z.object({
      id: z.string(),
      presetId: z.string(),
      label: z.string(),
      baseURL: z.string(),
      model: z.string(),
      timeoutMs: z.number(),
      firstTokenTimeoutMs: z.number(),
      contextWindow: z.number().optional(),
      azure: z.object({ deployment: z.string(), apiVersion: z.string() }).optional(),
    }),
  ),
});

export const DeskmateExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  generations: z.array(GenerationExport),
  drafts: z.array(DraftExport),
  settings: z.object({
    provider: ProviderExport.nullable(),
    /** Since several providers can be set up (#4); `provider` stays the default one for older readers. */
    providers: ProvidersExport.optional(),
    retention: RetentionSetting,
  }),
  declaredDomains: CustomDomainsState,
  selectorOverrides: SelectorOverrides,
});
export type DeskmateExport = z.infer<typeof DeskmateExport>;

export const ExportResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: DeskmateExport }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ExportResult = z.infer<typeof ExportResult>;

const CREDENTIAL_PARAM = /key|token|secret|password|sig|auth/i;

/** The endpoint as an address, never as a credential carrier (some gateways take `?api-key=` in the URL). */
export function endpointWithoutCredentials(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    for (const name of [...url.searchParams.keys()]) {
      if (CREDENTIAL_PARAM.test(name)) url.searchParams.set(name, 'REMOVED');
    }
    return url.toString();
  } catch {
    return '';
  }
}

export interface ExportSources {
  database: DeskmateDb;
  provider: ProviderSettings | null;
  providers?: ProvidersState;
  retention: RetentionSetting;
  /** Raw stored values (validated here; an invalid one exports as empty). */
  domainsRaw: unknown;
  overridesRaw: unknown;
  now?: Date;
}

export async function buildExport(sources: ExportSources): Promise<DeskmateExport> {
  const { database } = sources;
  const [generations, drafts] = await database.transaction(
    'r',
    database.generations,
    database.drafts,
    async () => [await database.generations.toArray(), await database.drafts.toArray()] as const,
  );
  return DeskmateExport.parse({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (sources.now ?? new Date()).toISOString(),
    generations,
    drafts,
    settings: {
      provider: sources.provider
        ? {
            baseURL: endpointWithoutCredentials(sources.provider.baseURL),
            model: sources.provider.model,
            timeoutMs: sources.provider.timeoutMs,
          }
        : null,
      ...(sources.providers
        ? {
            providers: {
              defaultId: sources.providers.defaultId,
              list: sources.providers.providers.map(({ id, presetId, label, baseURL, model, ...rest }) => ({
                id,
                presetId,
                label,
                baseURL: baseURL === '' ? '' : endpointWithoutCredentials(baseURL),
                model,
                timeoutMs: rest.timeoutMs,
                firstTokenTimeoutMs: rest.firstTokenTimeoutMs,
                ...(rest.contextWindow !== undefined ? { contextWindow: rest.contextWindow } : {}),
                ...(rest.azure ? { azure: rest.azure } : {}),
              })),
            },
          }
        : {}),
      retention: sources.retention,
    },
    declaredDomains: parseStoredDomains(sources.domainsRaw).state,
    selectorOverrides: parseStoredOverrides(sources.overridesRaw).value,
  });
}

export function exportFileName(data: DeskmateExport): string {
  return `deskmate-export-${data.exportedAt.slice(0, 10)}.json`;
}
