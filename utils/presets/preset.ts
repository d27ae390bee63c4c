import { z } from 'zod';
import { t } from '../i18n/t';
import { CUSTOM_VARIABLE_NAME_RE, lintTemplate, RESERVED_VARIABLE_NAMES } from './template';

// The preset model. `Preset` is the shareable part (what a pack file carries, what export writes); it holds no
// secrets and nothing about who uses it. Per-agent facts (favourite, last used, where it came from, read-only)
// are `PresetMeta`, kept apart so a pack refresh never wipes an agent's favourites and an export never leaks them.

export const PRESET_KINDS = ['summary', 'reply', 'rewrite', 'custom'] as const;
export const PresetKind = z.enum(PRESET_KINDS);
export type PresetKind = z.infer<typeof PresetKind>;

export const PRESET_LIMITS = {
  template: 20_000,
  variables: 20,
  tags: 20,
} as const;

/** Stable within a pack; lower case so ids typed by hand and ids in files compare equal. */
export const PresetId = z.string().regex(
  /^[a-z0-9][a-z0-9._-]{0,79}$/,
  // zod messages are built when the issue is raised (not at import), so they follow the UI language in force.
  { error: () => t('core_presets_schema_id') },
);
export type PresetId = z.infer<typeof PresetId>;

export const CustomVariable = z.object({
  name: z
    .string()
    .regex(CUSTOM_VARIABLE_NAME_RE, { error: () => t('core_presets_schema_variable_name') })
    .refine((name) => !RESERVED_VARIABLE_NAMES.has(name), {
      error: () => t('core_presets_schema_variable_reserved'),
    }),
  label: z.string().max(80).optional(),
  /** Used when the agent does not fill it in. */
  default: z.string().max(2000).default(''),
  description: z.string().max(300).optional(),
});
export type CustomVariable = z.infer<typeof CustomVariable>;

/**
 * Which language the output is in. `customer` follows the ticket; `agent` is the agent's interface language;
 * `template`: the template itself says (a translate preset with a target-language variable), so no rule is added.
 */
export const LanguageRule = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('customer') }),
  z.object({ mode: z.literal('template') }),
  z.object({ mode: z.literal('agent') }),
  z.object({
    mode: z.literal('fixed'),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: () => t('core_presets_schema_language_tag') }),
  }),
]);
export type LanguageRule = z.infer<typeof LanguageRule>;

/** A hint, not a requirement: the preset runs on the agent's provider when this one is not configured. */
export const ModelHint = z.object({
  provider: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._:-]{0,59}$/, { error: () => t('core_presets_schema_provider_id') }),
  model: z.string().min(1).max(200),
});
export type ModelHint = z.infer<typeof ModelHint>;

export const PresetLength = z.enum(['short', 'medium', 'long']);
export type PresetLength = z.infer<typeof PresetLength>;

export const Preset = z
  .object({
    id: PresetId,
    name: z
      .string()
      .trim()
      .min(1, { error: () => t('core_presets_schema_name_required') })
      .max(80),
    description: z.string().max(500).default(''),
    kind: PresetKind,
    template: z
      .string()
      .min(1, { error: () => t('core_presets_schema_template_empty') })
      .max(PRESET_LIMITS.template),
    /** Free words (“warm but firm”), offered to the template as {{tone}}. */
    tone: z.string().trim().max(80).optional(),
    length: PresetLength.optional(),
    /** Absent: the kind's default (summaries in the agent's language, replies in the customer's). */
    language: LanguageRule.optional(),
    model: ModelHint.optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(PRESET_LIMITS.tags).default([]),
    variables: z.array(CustomVariable).max(PRESET_LIMITS.variables).default([]),
  })
  .superRefine((preset, ctx) => {
    const seen = new Set<string>();
    preset.variables.forEach((v, i) => {
      if (seen.has(v.name))
        ctx.addIssue({
          code: 'custom',
          path: ['variables', i, 'name'],
          message: t('core_presets_schema_variable_twice', v.name),
        });
      seen.add(v.name);
    });
    // Only errors block: warnings (a rewrite without {{draft}}) are for the editor to show.
    for (const problem of lintTemplate(
      preset.template,
      preset.variables.map((v) => v.name),
      { kind: preset.kind },
    )) {
      if (problem.severity === 'error')
        ctx.addIssue({ code: 'custom', path: ['template'], message: problem.message });
    }
  });
export type Preset = z.infer<typeof Preset>;
/** What an editor or a pack file may leave out (defaults filled by the schema). */
export type PresetInput = z.input<typeof Preset>;

/** Where a preset came from. Everything except `personal` and `builtin` belongs to a team and is read-only. */
export const PresetSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('builtin') }),
  z.object({ type: z.literal('personal') }),
  /** Imported from a file; `pack` is the pack's name (one import source per pack name). */
  z.object({ type: z.literal('file'), pack: z.string().min(1).max(100) }),
  z.object({ type: z.literal('subscription'), url: z.string().url().max(2000) }),
  /** Pushed by enterprise policy; `ref` is the pack URL or `inline:<n>`. */
  z.object({ type: z.literal('policy'), ref: z.string().min(1).max(2000) }),
]);
export type PresetSource = z.infer<typeof PresetSource>;

/** One key per source: the store groups presets by it, and an import replaces exactly one group. */
export function sourceKey(source: PresetSource): string {
  switch (source.type) {
    case 'builtin':
    case 'personal':
      return source.type;
    case 'file':
      return `file:${source.pack}`;
    case 'subscription':
      return `subscription:${source.url}`;
    case 'policy':
      return `policy:${source.ref}`;
  }
}

/** Built-in and team presets are read-only: the agent duplicates them to edit. */
export function isReadOnly(source: PresetSource): boolean {
  return source.type !== 'personal';
}

export function sourceLabel(source: PresetSource): string {
  switch (source.type) {
    case 'builtin':
      return t('presets_source_builtin');
    case 'personal':
      return t('presets_group_yours');
    case 'file':
      return t('presets_source_file', source.pack);
    case 'subscription':
      return t('presets_source_subscription', source.url);
    case 'policy':
      return t('presets_source_policy');
  }
}

/** The agent's own facts about a preset; never exported, never in a pack. */
export const PresetMeta = z.object({
  favourite: z.boolean().default(false),
  lastUsedAt: z.number().int().nonnegative().optional(),
});
export type PresetMeta = z.infer<typeof PresetMeta>;

/** A preset as the library lists it. `key` is unique across sources (`<sourceKey>/<id>`). */
export interface PresetEntry {
  key: string;
  preset: Preset;
  source: PresetSource;
  readOnly: boolean;
  meta: PresetMeta;
}

export function entryKey(source: PresetSource, id: string): string {
  return `${sourceKey(source)}/${id}`;
}

/**
 * Favourites first, then most recently used, then by name: the quick picker's order. `nameOf` is the name the agent
 * reads (a shipped preset's is translated: utils/presets/preset-text.ts).
 */
export function comparePresetEntries(
  a: PresetEntry,
  b: PresetEntry,
  nameOf: (entry: PresetEntry) => string = (entry) => entry.preset.name,
): number {
  if (a.meta.favourite !== b.meta.favourite) return a.meta.favourite ? -1 : 1;
  const used = (b.meta.lastUsedAt ?? 0) - (a.meta.lastUsedAt ?? 0);
  if (used !== 0) return used;
  return nameOf(a).localeCompare(nameOf(b));
}

/** Text a preset search matches against (name, description, tags, kind), lower-cased. */
export function searchText(preset: Preset): string {
  return [preset.name, preset.description, preset.kind, ...preset.tags].join(' ').toLowerCase();
}

/** Every word of the query must appear somewhere: "refund de" finds a German refund reply. */
export function matchesQuery(preset: Preset, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = searchText(preset);
  return words.every((w) => hay.includes(w));
}
