import { type MessageKey, t } from '../i18n/t';
import type { CustomVariable, Preset, PresetEntry, PresetSource } from './preset';

// The presets Deskmate ships (the built-ins, the Refine bar's free instruction, the knowledge check) are English
// data: their templates are prompts, and their names are stored in history and metrics and exported in packs and
// CSV. What the agent READS is their name in the UI language, chosen here at display time, in one place.
//
// Only Deskmate's own presets are translated. A team pack or a personal preset may reuse an id such as
// 'reply-empathetic' under its own name, and that name is the team's words: so a library entry is translated only
// when its source is built-in, and a stored record (which keeps no source) only when both its id and its stored
// name are the shipped preset's — a rule no team preset can meet without also carrying the shipped English name.
// The shipped presets' English names are written in the table rather than imported: the History page and the
// dashboard would otherwise load (and parse) every built-in preset and the prompt code behind them.

interface VariableText {
  label: MessageKey;
  description?: MessageKey;
}

interface ShippedText {
  /** The shipped preset's English name, as stored with every generation it ran (a test checks it is the preset's). */
  english: string;
  name: MessageKey;
  description: MessageKey;
  variables?: Record<string, VariableText>;
}

const TEXT: Record<string, ShippedText> = {
  'summary-structured': {
    english: 'Structured summary',
    name: 'core_builtin_summary_structured_name',
    description: 'core_builtin_summary_structured_description',
  },
  'handoff-note': {
    english: 'Escalation / handoff note',
    name: 'core_builtin_handoff_note_name',
    description: 'core_builtin_handoff_note_description',
  },
  'reply-empathetic': {
    english: 'Empathetic reply',
    name: 'core_builtin_reply_empathetic_name',
    description: 'core_builtin_reply_empathetic_description',
  },
  'reply-missing-info': {
    english: 'Ask for missing information',
    name: 'core_builtin_reply_missing_info_name',
    description: 'core_builtin_reply_missing_info_description',
  },
  'reply-deescalate': {
    english: 'De-escalate an angry customer',
    name: 'core_builtin_reply_deescalate_name',
    description: 'core_builtin_reply_deescalate_description',
  },
  'reply-refund-returns': {
    english: 'Refund / returns reply',
    name: 'core_builtin_reply_refund_returns_name',
    description: 'core_builtin_reply_refund_returns_description',
    variables: {
      return_window: {
        label: 'core_builtin_reply_refund_returns_return_window_label',
        description: 'core_builtin_reply_refund_returns_return_window_description',
      },
      refund_time: {
        label: 'core_builtin_reply_refund_returns_refund_time_label',
        description: 'core_builtin_reply_refund_returns_refund_time_description',
      },
    },
  },
  'reply-customer-language': {
    english: 'Reply in the customer’s language',
    name: 'core_builtin_reply_customer_language_name',
    description: 'core_builtin_reply_customer_language_description',
  },
  'rewrite-shorter': {
    english: 'Make it shorter',
    name: 'core_builtin_rewrite_shorter_name',
    description: 'core_builtin_rewrite_shorter_description',
  },
  'rewrite-longer': {
    english: 'Make it longer',
    name: 'core_builtin_rewrite_longer_name',
    description: 'core_builtin_rewrite_longer_description',
  },
  'rewrite-friendlier': {
    english: 'Make it friendlier',
    name: 'core_builtin_rewrite_friendlier_name',
    description: 'core_builtin_rewrite_friendlier_description',
  },
  'rewrite-formal': {
    english: 'Make it more formal',
    name: 'core_builtin_rewrite_formal_name',
    description: 'core_builtin_rewrite_formal_description',
  },
  'rewrite-fix-grammar': {
    english: 'Fix spelling and grammar',
    name: 'core_builtin_rewrite_fix_grammar_name',
    description: 'core_builtin_rewrite_fix_grammar_description',
  },
  'rewrite-translate': {
    english: 'Translate the draft',
    name: 'core_builtin_rewrite_translate_name',
    description: 'core_builtin_rewrite_translate_description',
    variables: {
      target_language: {
        label: 'core_builtin_rewrite_translate_target_language_label',
        description: 'core_builtin_rewrite_translate_target_language_description',
      },
    },
  },
  'refine-instruction': {
    english: 'Refine with an instruction',
    name: 'core_builtin_refine_instruction_name',
    description: 'core_builtin_refine_instruction_description',
    variables: { instruction: { label: 'core_builtin_refine_instruction_instruction_label' } },
  },
  'check-against-knowledge': {
    english: 'Check against knowledge',
    name: 'core_builtin_check_against_knowledge_name',
    description: 'core_builtin_check_against_knowledge_description',
  },
};

/** The ids the table translates: the tests check it covers every shipped preset and nothing else. */
export const TRANSLATED_PRESET_IDS: readonly string[] = Object.keys(TEXT);

/**
 * A preset as it is shown: from the library (with its source) or from a stored record (no source; the name is
 * the one stored when it ran).
 */
export interface PresetRef {
  id: string;
  name: string;
  source?: PresetSource;
}

/** The shipped preset's texts when `ref` IS that shipped preset, else undefined (its own words are shown). */
function shippedText(ref: PresetRef): ShippedText | undefined {
  const text = Object.hasOwn(TEXT, ref.id) ? TEXT[ref.id] : undefined;
  if (!text) return undefined;
  if (ref.source) return ref.source.type === 'builtin' ? text : undefined;
  return ref.name === text.english ? text : undefined;
}

/** The name the agent reads: a shipped preset's in the UI language, anyone else's as written. */
export function presetDisplayName(ref: PresetRef): string {
  const text = shippedText(ref);
  return text ? t(text.name) : ref.name;
}

/** The description the agent reads (undefined when the preset has none). */
export function presetDisplayDescription(ref: PresetRef & { description?: string }): string | undefined {
  const text = shippedText(ref);
  return text && ref.description ? t(text.description) : ref.description;
}

/** A preset variable's label as the agent reads it (undefined when it has none). */
export function variableDisplayLabel(
  ref: PresetRef,
  variable: { name: string; label?: string },
): string | undefined {
  const key = shippedText(ref)?.variables?.[variable.name]?.label;
  return key && variable.label ? t(key) : variable.label;
}

/** A preset variable's help text as the agent reads it (undefined when it has none). */
export function variableDisplayDescription(
  ref: PresetRef,
  variable: { name: string; description?: string },
): string | undefined {
  const key = shippedText(ref)?.variables?.[variable.name]?.description;
  return key && variable.description ? t(key) : variable.description;
}

/** A library entry's name, as shown in the picker and the options library. */
export function entryDisplayName(entry: Pick<PresetEntry, 'preset' | 'source'>): string {
  return presetDisplayName({ ...entry.preset, source: entry.source });
}

/** A library entry's description, as shown under its name. */
export function entryDisplayDescription(entry: Pick<PresetEntry, 'preset' | 'source'>): string | undefined {
  return presetDisplayDescription({ ...entry.preset, source: entry.source });
}

/**
 * A shipped preset in the words the agent reads, for "Duplicate to edit": the copy is the agent's own data from
 * then on, so it starts from what they saw. Anyone else's preset is returned as it is. The template stays English.
 */
export function shownPreset(entry: Pick<PresetEntry, 'preset' | 'source'>): Preset {
  const ref: PresetRef = { ...entry.preset, source: entry.source };
  if (!shippedText(ref)) return entry.preset;
  const variable = (v: CustomVariable): CustomVariable => {
    const label = variableDisplayLabel(ref, v);
    const description = variableDisplayDescription(ref, v);
    return {
      ...v,
      ...(label !== undefined ? { label } : {}),
      ...(description !== undefined ? { description } : {}),
    };
  };
  return {
    ...entry.preset,
    name: presetDisplayName(ref),
    description: presetDisplayDescription(ref) ?? '',
    variables: entry.preset.variables.map(variable),
  };
}

/** The preset name a stored generation or metric shows (History, the panel's restored summary). */
export function storedPresetName(record: { presetId?: string; presetName?: string }): string | undefined {
  if (record.presetName === undefined || record.presetId === undefined) return record.presetName;
  return presetDisplayName({ id: record.presetId, name: record.presetName });
}

/**
 * How the dashboard's per-preset rows read. The rows are grouped by the stored name (English data, as in the
 * CSV); a row is translated only when every record in it is the shipped preset, so a team preset that happens to
 * share a name and is counted in the same row keeps the row in its stored words.
 */
export function presetGroupNamer(
  records: readonly { presetId?: string; presetName?: string }[],
  defaultGroup: string,
): (key: string) => string {
  const names = new Map<string, string | null>();
  for (const record of records) {
    const key = record.presetName ?? defaultGroup;
    const shown =
      record.presetName === undefined ? t('core_builtin_default_draft') : storedPresetName(record);
    const seen = names.get(key);
    names.set(key, seen === undefined || seen === shown ? (shown ?? null) : null);
  }
  return (key) => names.get(key) ?? key;
}
