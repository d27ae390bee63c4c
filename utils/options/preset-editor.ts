import type { core } from 'zod';
import { type MessageKey, t } from '../i18n/t';
import {
  type LanguageRule,
  Preset,
  type PresetInput,
  type PresetKind,
  type PresetLength,
} from '../presets/preset';
import { lintTemplate, type TemplateProblem } from '../presets/template';

// The options page's preset editor as plain functions: the form's state (strings, as the inputs hold them), the
// conversion to and from a Preset, and the live check run on every keystroke. The check is the same zod schema
// the store saves with, so "the editor says it is fine" and "the store accepts it" can never disagree.

export type LanguageMode = '' | LanguageRule['mode'];

export interface VariableRow {
  name: string;
  default: string;
  /** Not edited in the form, but kept: a pack's label and description for a variable must survive an edit. */
  label?: string;
  description?: string;
}

export interface EditorDraft {
  id: string;
  name: string;
  description: string;
  kind: PresetKind;
  template: string;
  tone: string;
  /** '' = the kind's default. */
  length: '' | PresetLength;
  /** '' = the kind's default (summaries in the agent's language, replies in the customer's). */
  languageMode: LanguageMode;
  /** Only used when languageMode is 'fixed'. */
  languageTag: string;
  modelProvider: string;
  modelName: string;
  /** Comma-separated, as typed. */
  tags: string;
  variables: VariableRow[];
}

/** The form fields a problem can belong to; variable rows are `variables.<row>.name` / `.default`. */
export type EditorField =
  | 'id'
  | 'name'
  | 'description'
  | 'kind'
  | 'template'
  | 'tone'
  | 'length'
  | 'language'
  | 'model'
  | 'tags'
  | 'variables'
  | `variables.${number}.name`
  | `variables.${number}.default`;

export function emptyDraft(): EditorDraft {
  return {
    id: '',
    name: '',
    description: '',
    kind: 'reply',
    template: '',
    tone: '',
    length: '',
    languageMode: '',
    languageTag: '',
    modelProvider: '',
    modelName: '',
    tags: '',
    variables: [],
  };
}

export function draftFromPreset(preset: Preset): EditorDraft {
  return {
    id: preset.id,
    name: preset.name,
    description: preset.description,
    kind: preset.kind,
    template: preset.template,
    tone: preset.tone ?? '',
    length: preset.length ?? '',
    languageMode: preset.language?.mode ?? '',
    languageTag: preset.language?.mode === 'fixed' ? preset.language.language : '',
    modelProvider: preset.model?.provider ?? '',
    modelName: preset.model?.model ?? '',
    tags: preset.tags.join(', '),
    variables: preset.variables.map((v) => ({ ...v })),
  };
}

function languageOf(draft: EditorDraft): PresetInput['language'] {
  switch (draft.languageMode) {
    case '':
      return undefined;
    case 'fixed':
      return { mode: 'fixed', language: draft.languageTag.trim() };
    default:
      return { mode: draft.languageMode };
  }
}

/** The form as a preset input; empty optional fields are left out rather than saved as empty strings. */
export function draftToInput(draft: EditorDraft): PresetInput {
  const tone = draft.tone.trim();
  const provider = draft.modelProvider.trim();
  const model = draft.modelName.trim();
  const language = languageOf(draft);
  return {
    id: draft.id.trim(),
    name: draft.name,
    description: draft.description,
    kind: draft.kind,
    template: draft.template,
    ...(tone ? { tone } : {}),
    ...(draft.length ? { length: draft.length } : {}),
    ...(language ? { language } : {}),
    // Half a model hint is kept so the schema names the missing half instead of it silently vanishing.
    ...(provider || model ? { model: { provider, model } } : {}),
    tags: draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    variables: draft.variables.map((v) => ({ ...v, name: v.name.trim() })),
  };
}

export interface FieldProblem {
  field: EditorField;
  /** The schema's path, dotted (`variables.1.name`), as shown to the agent. */
  path: string;
  message: string;
}

export interface DraftCheck {
  /** Template syntax problems and unknown variables (errors) and hints (warnings), with line:column. */
  template: TemplateProblem[];
  /** Everything else the schema refuses, by form field. */
  fields: FieldProblem[];
  /** Why Save is refused, one sentence each; empty when the preset can be saved. */
  blocking: string[];
  /** The validated preset, when there is nothing blocking. */
  preset?: Preset;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  id: 'presets_field_id',
  name: 'presets_field_name',
  description: 'presets_field_description',
  kind: 'presets_field_kind',
  template: 'presets_field_template',
  tone: 'presets_field_tone',
  length: 'presets_field_length',
  language: 'presets_label_language',
  model: 'presets_label_model',
  tags: 'presets_field_tags',
  variables: 'presets_label_variables',
};

function fieldOf(path: readonly PropertyKey[]): EditorField {
  const [head, index, leaf] = path;
  if (head === 'variables' && typeof index === 'number' && (leaf === 'name' || leaf === 'default'))
    return `variables.${index}.${leaf}`;
  const key = String(head ?? '');
  return (key in FIELD_LABELS ? key : 'name') as EditorField;
}

export function fieldLabel(field: EditorField): string {
  const match = /^variables\.(\d+)\.(name|default)$/.exec(field);
  if (match)
    return t(
      match[2] === 'name' ? 'presets_variable_name' : 'presets_variable_default',
      Number(match[1]) + 1,
    );
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

type SchemaIssue = core.$ZodIssue;

/**
 * The schema's own messages where it has one ("A preset needs a name."); zod's generic size messages ("Too big:
 * expected string to have <=80 characters") reworded for people.
 */
function humanMessage(issue: SchemaIssue): string {
  const [head] = issue.path;
  if (head === 'model' && issue.path[1] === 'model' && issue.code === 'too_small')
    return t('presets_model_half');
  if (issue.code === 'too_big' && issue.origin === 'string')
    return head === 'tags'
      ? t('presets_tag_too_long', Number(issue.maximum))
      : t('options_at_most_chars', Number(issue.maximum));
  if (issue.code === 'too_big' && issue.origin === 'array')
    return head === 'tags'
      ? t('presets_too_many_tags', Number(issue.maximum))
      : t('presets_too_many_variables', Number(issue.maximum));
  return issue.message;
}

/** Lints the template and validates the whole form. Pure; cheap enough for every keystroke. */
export function checkDraft(draft: EditorDraft): DraftCheck {
  const input = draftToInput(draft);
  // A row just added has no name yet: it is reported as a row problem, not offered as a known variable "".
  const customVars = (input.variables ?? []).map((v) => v.name).filter(Boolean);
  const template = lintTemplate(draft.template, customVars, { kind: draft.kind });
  const parsed = Preset.safeParse(input);
  const templateErrors = template.filter((p) => p.severity === 'error');
  const fields: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues
        // The schema repeats the lint's template errors (as custom issues); the lint's own list shows them once.
        .filter((i) => !(i.path[0] === 'template' && i.code === 'custom'))
        .map((i) => ({
          field: fieldOf(i.path),
          path: i.path.map(String).join('.'),
          message: humanMessage(i),
        }));
  const blocking = [
    ...templateErrors.map((p) => t('presets_blocking_template', p.message)),
    ...fields.map((f) => t('presets_field_problem', fieldLabel(f.field), f.message)),
  ];
  return {
    template,
    fields,
    blocking,
    ...(parsed.success && blocking.length === 0 ? { preset: parsed.data } : {}),
  };
}

/** The first problem for one field, for the message under its input. */
export function fieldError(check: DraftCheck, field: EditorField): string | undefined {
  return check.fields.find((f) => f.field === field)?.message;
}

/** A suggested id for a new preset, from its name ("Refund reply (EU)" → "refund-reply-eu"). */
export function idFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      // Accents come apart under NFKD; dropping the marks keeps "ü" as "u" rather than a dash.
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '')
  );
}
