import { t, tCount } from '../i18n/t';
import { sourceSnippets } from '../knowledge/store';
import { type FieldChange, type ImportPlan, planImport } from '../presets/import-diff';
import {
  exportPack,
  MAX_PACK_BYTES,
  PackExportError,
  type PackIssue,
  PackMeta,
  type PresetPack,
  packFileName,
  parsePack,
} from '../presets/pack';
import type { Preset, PresetSource } from '../presets/preset';
import { type PresetDb, presetGroups } from '../presets/store';

// Pack files in the options page: reading a chosen file into an import preview, and writing the selected presets
// as a pack file. Where an imported file's presets live: a `file` source named after the pack (store.ts). So a
// file pack is a team pack (read-only, duplicated to edit), and importing another version of the same pack (same
// `name`) replaces exactly that pack's presets and knowledge snippets — added, updated and removed by id — leaving
// personal presets and snippets and every other pack alone. Nothing is written here; the caller shows the plan
// and commits it (store.commitImport).

/** Where presets imported from a file live: one group per pack name. */
export function fileImportSource(pack: Pick<PresetPack, 'name'>): PresetSource {
  return { type: 'file', pack: pack.name };
}

export interface ImportPreview {
  plan: ImportPlan;
  /** Set when the file was an older format, converted on the fly. */
  migratedFrom?: number;
  warnings: string[];
  /** What the pack carries besides presets and knowledge, which this screen does not apply (shown, no surprise). */
  extras: string[];
}

export type ReadPackResult = { ok: true; preview: ImportPreview } | { ok: false; errors: PackIssue[] };

function extrasOf(pack: PresetPack): string[] {
  const extras: string[] = [];
  const patterns = pack.redaction?.teamPatterns.length ?? 0;
  const allowed = pack.redaction?.allowList.length ?? 0;
  if (patterns + allowed)
    extras.push(
      t(
        'presets_extra_redaction',
        tCount('presets_extra_patterns', patterns),
        tCount('presets_extra_allowed', allowed),
      ),
    );
  if (pack.selectorOverrides && Object.keys(pack.selectorOverrides).length)
    extras.push(t('presets_extra_overrides', Object.keys(pack.selectorOverrides).join(', ')));
  return extras;
}

/**
 * A file's bytes → the preview of importing it, planned against what the database holds now. `size` lets a huge
 * file be refused before it is read into memory.
 */
export async function readPackFile(
  db: PresetDb,
  file: { size: number; arrayBuffer(): Promise<ArrayBuffer> },
): Promise<ReadPackResult> {
  // Refused before reading, so a huge file chosen by mistake is never loaded into memory.
  if (file.size > MAX_PACK_BYTES)
    return {
      ok: false,
      errors: [
        {
          code: 'too-large',
          path: '',
          message: t('presets_file_too_large', Math.ceil(file.size / 1024), MAX_PACK_BYTES / 1024),
        },
      ],
    };
  const parsed = parsePack(await file.arrayBuffer());
  if (!parsed.ok) return parsed;
  const source = fileImportSource(parsed.pack);
  const plan = planImport(await presetGroups(db), parsed.pack, source, await sourceSnippets(db, source));
  return {
    ok: true,
    preview: {
      plan,
      warnings: parsed.warnings,
      extras: extrasOf(parsed.pack),
      ...(parsed.migratedFrom !== undefined ? { migratedFrom: parsed.migratedFrom } : {}),
    },
  };
}

const SHOWN_CHARS = 160;

/** A field's value as one short line for the preview ("—" for none). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value) && value.length === 0) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS - 1)}…` : line;
}

export function describeChange(change: FieldChange): { field: string; before: string; after: string } {
  return { field: change.field, before: showValue(change.before), after: showValue(change.after) };
}

// ---------------------------------------------------------------- export

export interface ExportForm {
  name: string;
  version: string;
  author: string;
  description: string;
}

export type ExportField = keyof ExportForm | 'presets';

export type BuildExportResult =
  | { ok: true; text: string; fileName: string }
  | { ok: false; errors: Partial<Record<ExportField, string>> };

/** The pack file for the chosen presets, or a message per field (meta, or "choose at least one preset"). */
export function buildExport(presets: readonly Preset[], form: ExportForm): BuildExportResult {
  const errors: Partial<Record<ExportField, string>> = {};
  const meta = PackMeta.safeParse({
    name: form.name,
    version: form.version.trim(),
    ...(form.author.trim() ? { author: form.author } : {}),
    ...(form.description.trim() ? { description: form.description } : {}),
  });
  if (!meta.success)
    for (const issue of meta.error.issues) {
      const field = issue.path[0];
      if (field === 'name' || field === 'version' || field === 'author' || field === 'description')
        errors[field] ??= issue.message;
    }
  if (presets.length === 0) errors.presets = t('presets_export_none');
  const ids = presets.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) errors.presets = t('presets_export_duplicate_id', twice);
  if (!meta.success || Object.keys(errors).length) return { ok: false, errors };
  try {
    return { ok: true, text: exportPack(presets, meta.data), fileName: packFileName(meta.data) };
  } catch (error) {
    if (error instanceof PackExportError)
      return { ok: false, errors: { presets: error.issues.map((i) => i.message).join(' ') } };
    throw error;
  }
}
