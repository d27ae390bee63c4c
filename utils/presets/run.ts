import { t } from '../i18n/t';
import type { GenerationKind } from '../messaging/protocol';
import { customerLanguage, LANGUAGE_NAMES, type LanguageCode } from '../ticket/language';
import type { Ticket } from '../ticket/ticket';
import { BUILTIN_PRESETS } from './builtin';
import type { PresetTables } from './db-tables';
import { entryKey, Preset, PresetSource } from './preset';
import { presetRules } from './prompt-parts';
import { type Rendered, renderTemplate } from './template';
import { presetVariables, safeLanguageTag } from './variables';

// Running a preset: what a generation needs besides the ticket. The panel names the preset by its library key
// (the background and the panel read the same Dexie tables, so the message carries a key, not a template the
// panel could have been tricked into changing) and, for rewrites, the agent's current draft text.

/** A preset chosen for one generation. `draft` is the agent's current draft (rewrite presets rewrite it). */
export interface PresetRun {
  preset: Preset;
  draft?: string;
  /** The agent's name, signature and team (options page), for {{agent.name}}, {{agent.signature}}, {{team.name}}. */
  agent?: { name?: string; signature?: string; team?: string };
  /** For {{today}}; injectable for tests. */
  now?: Date;
  /** Values for the preset's own variables (a refinement's instruction or target language); they win over defaults. */
  custom?: Readonly<Record<string, string>>;
}

/** What prompts.ts needs from a preset: the rendered template (split by channel) and the preset's own rules. */
export interface PresetPromptInput {
  rendered: Rendered;
  rules: string[];
}

/** Summaries go to the summary card; replies, rewrites and custom presets produce a draft version. */
export function generationKindFor(kind: Preset['kind']): GenerationKind {
  return kind === 'summary' ? 'summary' : 'draft';
}

export class PresetRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PresetRunError';
  }
}

/** Built-in or stored, by library key (`builtin/<id>`, `personal/<id>`, …); undefined when it is gone or damaged. */
export async function findPresetByKey(
  db: Pick<PresetTables, 'presets'>,
  key: string,
): Promise<{ preset: Preset; source: PresetSource } | undefined> {
  const builtin = BUILTIN_PRESETS.find((p) => entryKey({ type: 'builtin' }, p.id) === key);
  if (builtin) return { preset: builtin, source: { type: 'builtin' } };
  if (key.startsWith('builtin/')) return undefined;
  const row = await db.presets.get(key);
  if (!row) return undefined;
  // Rows are validated when written; parsing again means a damaged row is refused here, not sent half-read.
  const preset = Preset.safeParse(row.preset);
  const source = PresetSource.safeParse(row.source);
  return preset.success && source.success ? { preset: preset.data, source: source.data } : undefined;
}

/**
 * Loads the preset for a generation request and checks it fits: the kind the panel asked for matches the preset,
 * and a rewrite has a draft to rewrite. Throws PresetRunError with the sentence the agent sees.
 */
export async function presetRunFor(
  db: Pick<PresetTables, 'presets'>,
  request: { presetKey: string; kind: GenerationKind; draft?: string },
): Promise<PresetRun> {
  const found = await findPresetByKey(db, request.presetKey);
  if (!found) throw new PresetRunError(t('error_preset_missing'));
  const { preset } = found;
  if (generationKindFor(preset.kind) !== request.kind)
    throw new PresetRunError(
      t(request.kind === 'summary' ? 'error_preset_not_summary' : 'error_preset_not_draft', preset.name),
    );
  if (preset.kind === 'rewrite' && !request.draft?.trim())
    throw new PresetRunError(t('error_preset_empty_draft', preset.name));
  return { preset, ...(request.draft !== undefined ? { draft: request.draft } : {}) };
}

/**
 * The agent's draft, with every value the ticket's redaction replaced put back as its placeholder: the draft
 * usually quotes the customer's details, and the model must see the same placeholders as in the ticket. Longest
 * values first, so a value containing another is replaced whole.
 */
export function redactDraft(draft: string, placeholders: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(placeholders)
    .filter(([, value]) => value !== '')
    .sort((a, b) => b[1].length - a[1].length);
  let out = draft;
  for (const [placeholder, value] of pairs) out = out.split(value).join(placeholder);
  return out;
}

/**
 * Renders a preset for a ticket that is ALREADY redacted (so ticket values in the data channel carry placeholders)
 * and lists its rules. The agent's "Reply in" choice wins over the preset's default (customer) language for reply
 * and custom presets; a preset that fixes its language keeps it.
 */
export function presetPromptInput(
  run: PresetRun,
  ticket: Ticket,
  placeholders: Readonly<Record<string, string>>,
  replyLanguage?: LanguageCode,
): PresetPromptInput {
  const { preset } = run;
  const values = presetVariables(ticket, {
    preset,
    ...(run.agent?.name ? { agentName: run.agent.name } : {}),
    ...(run.agent?.signature ? { agentSignature: run.agent.signature } : {}),
    ...(run.agent?.team ? { teamName: run.agent.team } : {}),
    ...(run.draft !== undefined ? { draft: redactDraft(run.draft, placeholders) } : {}),
    ...(run.now ? { now: run.now } : {}),
    // Typed by the agent, so it may quote the customer's details: the same placeholders as the ticket and draft.
    ...(run.custom
      ? {
          custom: Object.fromEntries(
            Object.entries(run.custom).map(([name, value]) => [name, redactDraft(value, placeholders)]),
          ),
        }
      : {}),
  });
  const rendered = renderTemplate(preset.template, values);
  const ticketLanguage = safeLanguageTag(customerLanguage(ticket).code ?? undefined);
  let rules = presetRules(preset, { ticketLanguage });
  const followsCustomer =
    preset.kind !== 'summary' &&
    preset.kind !== 'rewrite' &&
    (!preset.language || preset.language.mode === 'customer');
  if (replyLanguage && followsCustomer)
    rules = [
      ...rules.filter((line) => !line.startsWith('Language:')),
      // i18n-ignore: a rule of the prompt sent to the model
      `Language: write in ${LANGUAGE_NAMES[replyLanguage]} (${replyLanguage}), as the agent chose, whatever language the customer wrote in.`,
    ];
  return { rendered, rules };
}
