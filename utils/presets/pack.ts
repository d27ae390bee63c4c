import { z } from 'zod';
import { AdapterId } from '../custom-domains';
import { t } from '../i18n/t';
import { TeamPatternSchema } from '../privacy/settings';
import { AdapterSelectorOverrides } from '../selector-overrides';
import { Preset, PresetId } from './preset';
import { parseTemplate } from './template';

// A preset pack: the file a team lead shares (by hand, from a URL, or through enterprise policy).
//   { "schemaVersion": 1, "name": "Acme Support", "version": "1.4.0", "presets": [ … ], … }
// `parsePack` is the one way in: size cap, JSON with line/column, format version (newer → "update Deskmate",
// older → migrated), then the schema, every problem with its JSON path. Packs never carry secrets: the schema
// has no place for one, and unknown keys are dropped on parse.

export const PACK_SCHEMA_VERSION = 1;
/** Files and responses above this are refused before parsing (a pack is text; 1 MB is thousands of presets). */
export const MAX_PACK_BYTES = 1024 * 1024;

const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('core_presets_pack_date_format') });

export const KnowledgeSnippet = z
  .object({
    id: PresetId,
    title: z.string().trim().min(1).max(120),
    /** The body, Markdown: facts a team wants drafts to follow (return policy, outage status, a best reply). */
    text: z.string().min(1).max(20_000),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    /**
     * Where the agent reads the whole policy (help-centre article, wiki page): the panel's citation links here. Web
     * addresses only: a pack is other people's text, and data:, file: or extension URLs have no business in a link.
     */
    sourceUrl: z.httpUrl().max(2000).optional(),
    /** BCP 47 tag of the body's language (en, de, sv, es, fr…); decides the stemmer. Absent: detected. */
    language: z.string().trim().min(2).max(35).optional(),
    /** First and last day the snippet applies (inclusive, the agent's local date); outside it is never proposed. */
    validFrom: ISO_DATE.optional(),
    validUntil: ISO_DATE.optional(),
  })
  .refine((s) => !s.validFrom || !s.validUntil || s.validFrom <= s.validUntil, {
    error: () => t('core_presets_pack_valid_until'),
    path: ['validUntil'],
  });
export type KnowledgeSnippet = z.infer<typeof KnowledgeSnippet>;

/** Same shapes as the privacy settings (utils/privacy/settings.ts), so they can be merged into them as they are. */
export const PackRedaction = z.object({
  teamPatterns: z.array(TeamPatternSchema).max(100).default([]),
  allowList: z.array(z.string().min(1).max(300)).max(500).default([]),
});
export type PackRedaction = z.infer<typeof PackRedaction>;

/** Same shape as SelectorOverrides.adapters (utils/selector-overrides.ts): adapter id → field → selectors. */
export const PackSelectorOverrides = z.record(AdapterId, AdapterSelectorOverrides);
export type PackSelectorOverrides = z.infer<typeof PackSelectorOverrides>;

export const PackMeta = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t('core_presets_pack_name_required') })
    .max(100),
  version: z.string().regex(SEMVER_RE, { error: () => t('core_presets_pack_version_format') }),
  author: z.string().trim().max(200).optional(),
  description: z.string().max(2000).optional(),
  homepage: z.httpUrl().max(2000).optional(),
});
export type PackMeta = z.infer<typeof PackMeta>;

function checkUniqueIds(items: readonly { id: string }[], key: string, ctx: z.RefinementCtx) {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [key, i, 'id'],
        message: t('presets_pack_duplicate_id', item.id, `${key}[${earlier}]`),
      });
  });
}

export const PresetPack = PackMeta.extend({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  presets: z.array(Preset).max(500),
  knowledge: z.array(KnowledgeSnippet).max(200).default([]),
  redaction: PackRedaction.optional(),
  selectorOverrides: PackSelectorOverrides.optional(),
}).superRefine((pack, ctx) => {
  checkUniqueIds(pack.presets, 'presets', ctx);
  checkUniqueIds(pack.knowledge, 'knowledge', ctx);
});
export type PresetPack = z.infer<typeof PresetPack>;
export type PresetPackInput = z.input<typeof PresetPack>;

export type PackIssueCode = 'too-large' | 'not-utf8' | 'empty' | 'json-syntax' | 'newer-version' | 'invalid';

export interface PackIssue {
  /** What kind of problem; 'invalid' covers everything the schema finds. */
  code: PackIssueCode;
  /** JSON path of the problem (`presets[2].template`), '' for the file as a whole. */
  path: string;
  message: string;
  /** For JSON syntax errors: where in the file (1-based). */
  line?: number;
  column?: number;
}

export type ParsePackResult =
  | {
      ok: true;
      pack: PresetPack;
      /** Set when the file was in an older format and was converted on the fly. */
      migratedFrom?: number;
      warnings: string[];
    }
  | { ok: false; errors: PackIssue[] };

// ---------------------------------------------------------------- helpers

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** JSON.parse messages differ by engine; this finds the place in the V8 and Firefox forms. */
function jsonSyntaxIssue(error: unknown, text: string): PackIssue {
  const raw = error instanceof Error ? error.message : String(error);
  const reason = raw
    .replace(/^JSON\.parse: /, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '')
    .replace(/,? ?"[^"]*"\.\.\. is not valid JSON$/, '');
  let place: { line: number; column: number } | undefined;
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /position (\d+)/.exec(raw);
  if (lc) place = { line: Number(lc[1]), column: Number(lc[2]) };
  else if (pos) place = lineColumn(text, Number(pos[1]));
  else if (/end of (JSON )?(input|data)/i.test(raw)) place = lineColumn(text, text.length);
  return {
    code: 'json-syntax',
    path: '',
    message: place
      ? t('presets_pack_json_invalid_at', String(place.line), String(place.column), reason)
      : t('presets_pack_json_invalid', reason),
    ...place,
  };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function tooLarge(bytes: number): PackIssue {
  return {
    code: 'too-large',
    path: '',
    message: t('presets_pack_too_large', Math.ceil(bytes / 1024), Math.ceil(MAX_PACK_BYTES / 1024)),
  };
}

/** Decodes bytes strictly (a pack is UTF-8 text), after the size check so a huge file is never decoded. */
function decode(input: string | Uint8Array | ArrayBuffer): { text: string } | { issue: PackIssue } {
  if (typeof input === 'string') {
    const size = byteLength(input);
    return size > MAX_PACK_BYTES ? { issue: tooLarge(size) } : { text: input };
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > MAX_PACK_BYTES) return { issue: tooLarge(bytes.byteLength) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      issue: {
        code: 'not-utf8',
        path: '',
        message: t('presets_pack_not_utf8'),
      },
    };
  }
}

// ---------------------------------------------------------------- migration from format 0

/**
 * Format 0 (Deskmate before packs had a schemaVersion): `{ title, version, author?, prompts: [{ key, label, type:
 * 'summary'|'draft'|'rewrite', prompt, tone? }] }` with short variable names. Converted to format 1 here, never
 * written back: exporting writes format 1.
 */
const V0_VARIABLES: Record<string, string> = {
  subject: 'ticket.subject',
  customer: 'ticket.requester.name',
  customer_name: 'ticket.requester.name',
  language: 'ticket.language',
  tags: 'ticket.tags',
  messages: 'conversation',
  thread: 'conversation',
  last_message: 'latest_customer_message',
  agent: 'agent.name',
  agent_name: 'agent.name',
  signature: 'agent.signature',
  team: 'team.name',
  date: 'today',
};

const V0_KINDS: Record<string, string> = { summary: 'summary', draft: 'reply', rewrite: 'rewrite' };

export const PackV0 = z.object({
  schemaVersion: z.literal(0).optional(),
  title: z.string(),
  version: z.union([z.string(), z.number()]).optional(),
  author: z.string().optional(),
  description: z.string().optional(),
  prompts: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.string(),
      prompt: z.string(),
      tone: z.string().optional(),
    }),
  ),
});
export type PackV0 = z.infer<typeof PackV0>;

/** `{{subject}}` → `{{ticket.subject}}`; literal braces stay escaped; unknown names are left for validation. */
export function renameV0Variables(template: string): string {
  const escapeBraces = (text: string) => text.replace(/\{\{/g, '\\{{').replace(/\}\}/g, '\\}}');
  const { nodes, problems } = parseTemplate(template);
  if (problems.some((p) => p.severity === 'error')) return template; // reported when the result is validated
  return nodes
    .map((n) => (n.type === 'text' ? escapeBraces(n.text) : `{{${V0_VARIABLES[n.name] ?? n.name}}}`))
    .join('');
}

function semverOf(version: string | number | undefined): { version: string; warning?: string } {
  const text = version === undefined ? '' : String(version).trim();
  if (SEMVER_RE.test(text)) return { version: text };
  const parts = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text);
  if (parts) return { version: [parts[1], parts[2] ?? '0', parts[3] ?? '0'].map(Number).join('.') };
  return {
    version: '0.0.0',
    warning: text ? t('core_presets_pack_old_version', text) : t('core_presets_pack_old_no_version'),
  };
}

export function migrateV0(old: PackV0): { pack: unknown; warnings: string[] } {
  const warnings: string[] = [];
  const { version, warning } = semverOf(old.version);
  if (warning) warnings.push(warning);
  const usedIds = new Set<string>();
  const presets = old.prompts.map((p, i) => {
    let id =
      p.key
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 80) || `preset-${i + 1}`;
    if (usedIds.has(id)) id = `${id.slice(0, 70)}-${i + 1}`;
    usedIds.add(id);
    const kind = V0_KINDS[p.type];
    if (!kind) warnings.push(t('core_presets_pack_old_type', String(i), p.type));
    return {
      id,
      name: p.label,
      kind: kind ?? 'custom',
      template: renameV0Variables(p.prompt),
      ...(p.tone ? { tone: p.tone } : {}),
    };
  });
  return {
    pack: {
      schemaVersion: 1,
      name: old.title,
      version,
      ...(old.author ? { author: old.author } : {}),
      ...(old.description ? { description: old.description } : {}),
      presets,
    },
    warnings,
  };
}

// ---------------------------------------------------------------- parse

/** Adds the preset's name to issues inside a preset, so "presets[4].template" also says which preset it is. */
function describeWhere(path: readonly PropertyKey[], raw: unknown): string {
  const where = formatPath(path);
  if (path[0] === 'presets' && typeof path[1] === 'number' && raw && typeof raw === 'object') {
    const presets = (raw as { presets?: unknown }).presets;
    const preset = Array.isArray(presets) ? presets[path[1]] : undefined;
    const name = preset && typeof preset === 'object' ? (preset as { name?: unknown }).name : undefined;
    if (typeof name === 'string' && name.trim())
      return t('core_presets_pack_where_preset', where, name.trim().slice(0, 60));
  }
  return where;
}

function schemaIssues(error: z.ZodError, raw: unknown): PackIssue[] {
  return error.issues.map((issue) => {
    const where = describeWhere(issue.path, raw);
    return {
      code: 'invalid' as const,
      path: formatPath(issue.path),
      message: where ? `${where}: ${issue.message}` : issue.message,
    };
  });
}

/** Checks an already-parsed JSON value (inline packs in a policy arrive that way). */
export function validatePackValue(raw: unknown): ParsePackResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return {
      ok: false,
      errors: [{ code: 'invalid', path: '', message: t('presets_pack_not_object') }],
    };
  const declared = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (declared !== undefined && (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0))
    return {
      ok: false,
      errors: [
        {
          code: 'invalid',
          path: 'schemaVersion',
          message: t('presets_pack_bad_version', String(PACK_SCHEMA_VERSION), JSON.stringify(declared)),
        },
      ],
    };
  if (typeof declared === 'number' && declared > PACK_SCHEMA_VERSION)
    return {
      ok: false,
      errors: [
        {
          code: 'newer-version',
          path: 'schemaVersion',
          message: t('presets_pack_newer', String(declared), String(PACK_SCHEMA_VERSION)),
        },
      ],
    };
  let value: unknown = raw;
  let migratedFrom: number | undefined;
  const warnings: string[] = [];
  if (declared === undefined || declared === 0) {
    if (declared === undefined && 'presets' in raw)
      return {
        ok: false,
        errors: [
          {
            code: 'invalid',
            path: 'schemaVersion',
            message: t('presets_pack_no_version', String(PACK_SCHEMA_VERSION)),
          },
        ],
      };
    const old = PackV0.safeParse(raw);
    if (!old.success)
      return {
        ok: false,
        errors: [
          {
            code: 'invalid',
            path: 'schemaVersion',
            message: t(
              'presets_pack_no_version_not_old',
              `${formatPath(old.error.issues[0]?.path ?? []) || 'file'}: ${old.error.issues[0]?.message ?? 'bad shape'}`,
              String(PACK_SCHEMA_VERSION),
            ),
          },
        ],
      };
    const migrated = migrateV0(old.data);
    value = migrated.pack;
    warnings.push(...migrated.warnings);
    migratedFrom = 0;
  }
  const parsed = PresetPack.safeParse(value);
  if (!parsed.success) return { ok: false, errors: schemaIssues(parsed.error, value) };
  return { ok: true, pack: parsed.data, warnings, ...(migratedFrom !== undefined ? { migratedFrom } : {}) };
}

/**
 * A pack file's text or bytes → the pack, or every problem with its JSON path. Never throws. Nothing is stored
 * here: the caller shows the preview (import-diff.ts) and only then applies.
 */
export function parsePack(input: string | Uint8Array | ArrayBuffer): ParsePackResult {
  const decoded = decode(input);
  if ('issue' in decoded) return { ok: false, errors: [decoded.issue] };
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '')
    return { ok: false, errors: [{ code: 'empty', path: '', message: t('presets_pack_empty') }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxIssue(error, text)] };
  }
  return validatePackValue(raw);
}

export class PackExportError extends Error {
  constructor(readonly issues: PackIssue[]) {
    super(t('presets_pack_cannot_export', issues.map((i) => i.message).join('; ')));
    this.name = 'PackExportError';
  }
}

export type ExportMeta = PackMeta & {
  knowledge?: KnowledgeSnippet[];
  redaction?: PackRedaction;
  selectorOverrides?: PackSelectorOverrides;
};

/**
 * The file text for the given presets (the shareable part only: favourites and sources are not in `Preset`).
 * Validated like an import, so every exported file imports again. Throws PackExportError when it would not.
 */
export function exportPack(presets: readonly Preset[], meta: ExportMeta): string {
  const value = {
    schemaVersion: PACK_SCHEMA_VERSION,
    name: meta.name,
    version: meta.version,
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.homepage ? { homepage: meta.homepage } : {}),
    presets,
    ...(meta.knowledge?.length ? { knowledge: meta.knowledge } : {}),
    ...(meta.redaction ? { redaction: meta.redaction } : {}),
    ...(meta.selectorOverrides ? { selectorOverrides: meta.selectorOverrides } : {}),
  };
  const parsed = PresetPack.safeParse(value);
  if (!parsed.success) throw new PackExportError(schemaIssues(parsed.error, value));
  const text = `${JSON.stringify(parsed.data, null, 2)}\n`;
  const size = byteLength(text);
  if (size > MAX_PACK_BYTES) throw new PackExportError([tooLarge(size)]);
  return text;
}

/** `acme-support-1.4.0.deskmate-pack.json`: readable, and unique per version. */
export function packFileName(meta: Pick<PackMeta, 'name' | 'version'>): string {
  const slug =
    meta.name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'presets';
  return `${slug}-${meta.version}.deskmate-pack.json`;
}
