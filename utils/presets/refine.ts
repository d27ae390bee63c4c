import { t } from '../i18n/t';
import { POLICY_CHECK_PRESET } from '../knowledge/policy-check';
import type { GenerationKind, Refine } from '../messaging/protocol';
import { LANGUAGE_NAMES, LanguageCode } from '../ticket/language';
import { builtinPreset } from './builtin';
import type { PresetTables } from './db-tables';
import { Preset } from './preset';
import { type PresetRun, PresetRunError, presetRunFor } from './run';

// The Refine bar's requests, turned into preset runs so they share the preset path end to end (redaction, the
// draft in the data block, the payload preview, history). Shorter, Longer, Friendlier, More formal and Fix grammar
// are built-in rewrite presets named by key; a translation and the agent's free instruction carry a value, which
// goes in through a custom variable: custom variables are instruction-channel values (template.ts), the right
// place for text the agent typed. The draft being refined stays a data-channel value ({{draft}}), so it is placed,
// neutralised, inside the nonce-tagged data block: "ignore previous instructions" in a draft is data.

/** The free instruction's task. Not a library entry: it is only ever run from the Refine bar's box. */
export const REFINE_INSTRUCTION_PRESET: Preset = Preset.parse({
  id: 'refine-instruction',
  name: 'Refine with an instruction',
  description: 'Rewrites the draft following an instruction the agent typed.',
  kind: 'rewrite',
  // The instruction may ask for another language; the template says when to keep the draft's.
  language: { mode: 'template' },
  tags: ['rewrite'],
  variables: [{ name: 'instruction', label: 'Instruction', default: '' }],
  template: `Rewrite the draft below following this instruction from the agent: {{instruction}}

Draft:
{{draft}}

Change only what the instruction asks for, and keep the language the draft is written in unless the instruction asks for another one.
Keep every fact, number, name, link and placeholder in square brackets unless the instruction says otherwise. Do not add facts or promises that neither the draft nor the instruction contains.
Output only the rewritten text, with no comments about what you changed.`,
});

const TRANSLATE_PRESET_ID = 'rewrite-translate';

/** One line: the instruction is inlined into the task, where a pasted paragraph break would look like a new rule. */
export function flattenInstruction(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The preset run for a refinement of `draft`; throws PresetRunError with the sentence the agent sees (in the UI
 * language: the panel shows it as it is).
 */
export function refineRunFor(refine: Refine, draft: string | undefined): PresetRun {
  if (!draft?.trim()) throw new PresetRunError(t('panel_refine_error_empty'));
  if (refine.mode === 'instruction') {
    const instruction = flattenInstruction(refine.instruction);
    if (!instruction) throw new PresetRunError(t('panel_refine_error_instruction'));
    return { preset: REFINE_INSTRUCTION_PRESET, draft, custom: { instruction } };
  }
  // Not a rewrite: the answer is a list of findings the panel shows next to the draft (utils/knowledge/policy-check.ts).
  if (refine.mode === 'check') return { preset: POLICY_CHECK_PRESET, draft };
  const preset = builtinPreset(TRANSLATE_PRESET_ID);
  // A bug, not an agent's mistake: the built-ins ship with the extension.
  if (!preset) throw new Error('The built-in translate preset is missing.');
  return {
    preset,
    draft,
    custom: { target_language: `${LANGUAGE_NAMES[refine.language]} (${refine.language})` },
  };
}

export interface GenerationPresetRequest {
  kind: GenerationKind;
  presetKey?: string;
  refine?: Refine;
  draft?: string;
}

/**
 * The preset a generation request runs, if any: a refinement, a library preset by key, or none (the built-in
 * prompt). One function for the background's request, its payload preview and the on-device runner, so all three
 * send the same prompt. Throws PresetRunError for anything the agent can fix.
 */
export async function generationPresetRun(
  db: Pick<PresetTables, 'presets'>,
  request: GenerationPresetRequest,
): Promise<PresetRun | undefined> {
  if (request.refine) {
    if (request.kind !== 'draft') throw new PresetRunError(t('panel_refine_error_not_draft'));
    if (request.presetKey) throw new PresetRunError(t('panel_refine_error_with_preset'));
    return refineRunFor(request.refine, request.draft);
  }
  if (!request.presetKey) return undefined;
  return presetRunFor(db, {
    presetKey: request.presetKey,
    kind: request.kind,
    ...(request.draft !== undefined ? { draft: request.draft } : {}),
  });
}

/**
 * The language Translate offers first: the agent's "Reply in" choice, else the customer's (a helpdesk tag such as
 * "de-AT" counts as German), else English.
 */
export function translateTargetOf(
  replyLanguage: LanguageCode | undefined,
  customerCode: string | null | undefined,
): LanguageCode {
  if (replyLanguage) return replyLanguage;
  const primary = LanguageCode.safeParse(customerCode?.split(/[-_]/)[0]?.toLowerCase());
  return primary.success ? primary.data : 'en';
}
