import { type ReactNode, useId, useState } from 'react';
import { formatDateTime, t } from '@/utils/i18n/t';
import type { DraftState } from '@/utils/panel/draft-state';
import { aiOriginOf, isDiverged } from '@/utils/panel/draft-state';
import type { StreamState } from '@/utils/panel/use-generations';
import type { LanguageCode } from '@/utils/ticket/language';
import { DiffView } from './DiffView';
import { ErrorNotice } from './ErrorNotice';
import { IncompleteActions } from './IncompleteActions';
import { RefineBar, type RefineChoice } from './RefineBar';
import { StreamStatusLine } from './StreamStatusLine';

/** `method` says how an insert reached the editor (its API, paste…): shown to tests and support, not the agent. */
export type ActionMessage = { tone: 'ok' | 'warn' | 'error'; text: string; method?: string } | null;

interface Props {
  draft: DraftState;
  stream: StreamState;
  disabled: boolean;
  /** False until the saved draft is loaded: typing before that would be overwritten. */
  ready: boolean;
  message: ActionMessage;
  onGenerate(): void;
  /** Carry on from a cut-off answer (offered while `stream.incomplete`). */
  onContinue(): void;
  onStop(): void;
  onEdit(text: string): void;
  onRestore(index: number): void;
  /** Insert (with its mode), Copy and Undo insert (InsertControls), first in the action row. */
  insertControls: ReactNode;
  /** The "Reply in" select, shown next to the draft button. */
  languageControl?: ReactNode;
  /** Refine the box's current text (Refine bar); absent: no bar. */
  onRefine?(choice: RefineChoice): void;
  /** The language the Refine bar's Translate offers first. */
  refineLanguage?: LanguageCode;
}

// formatDateTime keeps one formatter per style: the labels are rendered on every streamed frame (issue #9).
const VERSION_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

function versionLabel(v: DraftState['versions'][number], i: number): string {
  const time = formatDateTime(new Date(v.createdAt), VERSION_TIME);
  // Label (what made it), source and time: a refinement chain reads as "3. AI draft · Shorter · 10:42". The
  // label is stored with the version, in the language the panel had when the version was made.
  const label = v.label ? ` · ${v.label}` : '';
  return `${i + 1}. ${v.source === 'ai' ? t('panel_version_ai') : t('panel_version_agent')}${label} · ${time}`;
}

export function DraftCard(props: Props) {
  const { draft, stream } = props;
  const running = stream.status === 'waiting' || stream.status === 'streaming';
  const [selected, setSelected] = useState<number | null>(null);
  const textareaId = useId();
  const followedIndex = draft.versions.findIndex((v) => v.generationId === draft.followsGenerationId);
  const origin = aiOriginOf(draft);
  const [showChanges, setShowChanges] = useState(false);

  return (
    <section className="card" aria-labelledby="draft-title">
      <div className="card-head">
        <h3 id="draft-title">{t('panel_draft_title')}</h3>
        {props.languageControl}
        {running ? (
          <button type="button" onClick={props.onStop} data-testid="draft-stop">
            {t('panel_stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={props.onGenerate}
            disabled={props.disabled}
            data-testid="draft-generate"
          >
            {draft.versions.length > 0 ? t('panel_regenerate') : t('panel_draft_button')}
          </button>
        )}
      </div>
      <StreamStatusLine stream={stream} testId="draft-status" />
      {stream.error && (
        <ErrorNotice error={stream.error} onRetry={stream.incomplete ? undefined : props.onGenerate} />
      )}
      {stream.incomplete && !running && (
        <IncompleteActions
          testPrefix="draft"
          disabled={props.disabled}
          onContinue={props.onContinue}
          onRegenerate={props.onGenerate}
        />
      )}
      {isDiverged(draft) && followedIndex >= 0 && (
        <p className="notice" data-testid="draft-diverged">
          {t('panel_draft_diverged', followedIndex + 1)}
        </p>
      )}
      <label htmlFor={textareaId} className="sr-only">
        {t('panel_draft_label')}
      </label>
      <textarea
        id={textareaId}
        className="draft"
        data-testid="draft-text"
        value={draft.text}
        readOnly={!props.ready}
        placeholder={t('panel_draft_placeholder')}
        onChange={(e) => props.onEdit(e.target.value)}
        rows={12}
      />
      {props.onRefine && (
        <RefineBar
          text={draft.text}
          running={running}
          blockedReason={
            !props.ready ? t('panel_draft_loading') : props.disabled ? t('panel_refine_no_model') : null
          }
          defaultLanguage={props.refineLanguage ?? 'en'}
          onRefine={props.onRefine}
        />
      )}
      <div className="row">
        {props.insertControls}
        {origin && !running && (
          <button
            type="button"
            aria-expanded={showChanges}
            onClick={() => setShowChanges((v) => !v)}
            data-testid="draft-show-changes"
          >
            {showChanges ? t('panel_hide_changes') : t('panel_compare')}
          </button>
        )}
      </div>
      {showChanges && origin && !running && <DiffView before={origin.aiText} after={draft.text} />}
      {props.message && (
        <p
          className={`notice ${props.message.tone}`}
          role="status"
          data-testid="draft-message"
          data-tone={props.message.tone}
          data-method={props.message.method}
        >
          {props.message.text}
        </p>
      )}
      {draft.versions.length > 0 && (
        <div className="row versions">
          <label>
            {t('panel_versions')}{' '}
            <select
              data-testid="draft-versions"
              value={selected ?? ''}
              onChange={(e) => setSelected(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">{t('panel_versions_choose')}</option>
              {draft.versions.map((v, i) => (
                <option key={`${v.source}-${v.generationId ?? v.createdAt}`} value={i}>
                  {versionLabel(v, i)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={selected === null || running}
            onClick={() => selected !== null && props.onRestore(selected)}
            data-testid="draft-restore"
          >
            {t('panel_versions_use')}
          </button>
        </div>
      )}
    </section>
  );
}
