import { type FormEvent, useId, useRef, useState } from 'react';
import { languageDisplayName } from '@/utils/i18n/language-name';
import { type MessageKey, t } from '@/utils/i18n/t';
import { DRAFT_TEXT_MAX_CHARS, REFINE_INSTRUCTION_MAX_CHARS, type Refine } from '@/utils/messaging/protocol';
import { useKeepFocus } from '@/utils/panel/keep-focus';
import { entryKey } from '@/utils/presets/preset';
import { LANGUAGE_CODES, type LanguageCode } from '@/utils/ticket/language';

// Refine the agent's CURRENT text (whatever is in the box, their edits included): the panel sends the box's text
// with the request, keeps it as a version and streams the result into a new version labelled with `label`.

/** One refinement: a built-in rewrite preset by key, or a translation / the agent's own instruction. */
export interface RefineChoice {
  /** Shown in the versions list and the payload preview ("Shorter", "Instruction: …"). */
  label: string;
  presetKey?: string;
  refine?: Refine;
}

const builtin = (id: string) => entryKey({ type: 'builtin' }, id);

const QUICK: readonly { id: string; label: MessageKey; title: MessageKey }[] = [
  { id: 'rewrite-shorter', label: 'panel_refine_shorter', title: 'panel_refine_shorter_hint' },
  { id: 'rewrite-longer', label: 'panel_refine_longer', title: 'panel_refine_longer_hint' },
  { id: 'rewrite-friendlier', label: 'panel_refine_friendlier', title: 'panel_refine_friendlier_hint' },
  { id: 'rewrite-formal', label: 'panel_refine_formal', title: 'panel_refine_formal_hint' },
  { id: 'rewrite-fix-grammar', label: 'panel_refine_grammar', title: 'panel_refine_grammar_hint' },
];

/** Long instructions are kept whole in the request; the versions list shows their start. */
const LABEL_CHARS = 60;

function instructionLabel(instruction: string): string {
  const flat = instruction.replace(/\s+/g, ' ').trim();
  return t(
    'panel_refine_instruction_label',
    flat.length > LABEL_CHARS ? `${flat.slice(0, LABEL_CHARS - 1)}…` : flat,
  );
}

interface Props {
  /** The text in the draft box now. */
  text: string;
  /** An answer is streaming into the draft. */
  running: boolean;
  /** Why refining cannot run besides an empty box or a stream (no model set up, draft still loading). */
  blockedReason: string | null;
  /** The language Translate offers first (the "Reply in" choice, else the customer's). */
  defaultLanguage: LanguageCode;
  onRefine(choice: RefineChoice): void;
}

export function RefineBar({ text, running, blockedReason, defaultLanguage, onRefine }: Props) {
  const reasonId = useId();
  const languageId = useId();
  const instructionId = useId();
  const [language, setLanguage] = useState<LanguageCode | null>(null);
  const [instruction, setInstruction] = useState('');
  const target = language ?? defaultLanguage;

  const reason =
    blockedReason ??
    (running
      ? t('panel_refine_wait')
      : text.trim() === ''
        ? t('panel_refine_empty')
        : text.length > DRAFT_TEXT_MAX_CHARS
          ? t('panel_refine_too_long', DRAFT_TEXT_MAX_CHARS)
          : null);
  const blocked = reason !== null;
  const described = blocked ? reasonId : undefined;
  // The pressed button is disabled while the refinement streams: the focus comes back to it afterwards.
  const keepFocus = useKeepFocus(blocked);
  const instructionBox = useRef<HTMLInputElement>(null);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const typed = instruction.trim();
    if (blocked || typed === '') return;
    // Apply stays disabled with the box emptied: back to the box.
    keepFocus(instructionBox.current);
    onRefine({ label: instructionLabel(typed), refine: { mode: 'instruction', instruction: typed } });
    setInstruction('');
  };

  return (
    <fieldset className="refine" data-testid="refine-bar">
      <legend className="refine-title">{t('panel_refine_title')}</legend>
      <div className="row">
        {QUICK.map((q) => (
          <button
            key={q.id}
            type="button"
            title={t(q.title)}
            disabled={blocked}
            aria-describedby={described}
            onClick={() => {
              keepFocus();
              onRefine({ label: t(q.label), presetKey: builtin(q.id) });
            }}
            data-testid={`refine-${q.id.replace('rewrite-', '')}`}
          >
            {t(q.label)}
          </button>
        ))}
      </div>
      <div className="row">
        <label htmlFor={languageId} className="muted">
          {t('panel_refine_translate_into')}
        </label>
        <select
          id={languageId}
          value={target}
          onChange={(e) => setLanguage(LANGUAGE_CODES.find((c) => c === e.target.value) ?? null)}
          data-testid="refine-language"
        >
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {languageDisplayName(code)}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={blocked}
          aria-describedby={described}
          onClick={() => {
            keepFocus();
            onRefine({
              label: t('panel_refine_translate_label', languageDisplayName(target)),
              refine: { mode: 'translate', language: target },
            });
          }}
          data-testid="refine-translate"
        >
          {t('panel_refine_translate')}
        </button>
      </div>
      <form className="row refine-instruction" onSubmit={apply}>
        <label htmlFor={instructionId} className="sr-only">
          {t('panel_refine_own')}
        </label>
        <input
          id={instructionId}
          ref={instructionBox}
          type="text"
          value={instruction}
          maxLength={REFINE_INSTRUCTION_MAX_CHARS}
          placeholder={t('panel_refine_placeholder')}
          onChange={(e) => setInstruction(e.target.value)}
          aria-describedby={described}
          data-testid="refine-instruction"
        />
        <button
          type="submit"
          disabled={blocked || instruction.trim() === ''}
          aria-describedby={described}
          data-testid="refine-apply"
        >
          {t('panel_refine_apply')}
        </button>
      </form>
      {instruction.length >= REFINE_INSTRUCTION_MAX_CHARS - 50 && (
        <p className="muted" aria-live="polite" data-testid="refine-count">
          {t(
            instruction.length >= REFINE_INSTRUCTION_MAX_CHARS
              ? 'panel_refine_count_limit'
              : 'panel_refine_count',
            instruction.length,
            REFINE_INSTRUCTION_MAX_CHARS,
          )}
        </p>
      )}
      {reason && (
        <p id={reasonId} className="muted" data-testid="refine-reason">
          {reason}
        </p>
      )}
    </fieldset>
  );
}
