import { t, tCount } from '@/utils/i18n/t';
import type { KnowledgeGenerationInfo } from '@/utils/knowledge/record';
import type { PolicyCheckState } from '@/utils/panel/use-policy-check';
import { SourceLink } from './KnowledgeCard';

// Next to the draft: which snippets the draft on screen used (its generation's record, so history and a reload show
// them again), and "Check against knowledge", whose findings are listed here and never written into the draft.

function SentList({ items, testId }: { items: KnowledgeGenerationInfo['sent']; testId: string }) {
  return (
    <ul className="knowledge-list" data-testid={testId}>
      {items.map((s) => (
        <li key={s.key} data-testid="draft-source" data-ref={s.ref} data-key={s.key}>
          <strong>{s.title}</strong> <span className="muted">({s.sourceLabel})</span>
          {s.sourceUrl && (
            <>
              {' · '}
              <SourceLink url={s.sourceUrl} title={s.title} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function DraftSources({
  info,
  streaming,
}: {
  info: KnowledgeGenerationInfo | null;
  streaming: boolean;
}) {
  if (info?.use !== 'cite') return null;
  const cited = info.sent.filter((s) => info.cited.includes(s.ref));
  return (
    <div className="knowledge-sources" data-testid="draft-sources">
      {!streaming && cited.length > 0 && (
        <>
          <h4>{t('knowledge_panel_sources_title')}</h4>
          <SentList items={cited} testId="draft-sources-cited" />
        </>
      )}
      {!streaming && cited.length === 0 && info.sent.length > 0 && (
        <>
          <p className="muted" data-testid="draft-sources-none">
            {t('knowledge_panel_sources_none')}
          </p>
          <SentList items={info.sent} testId="draft-sources-sent" />
        </>
      )}
      {info.missing.length > 0 && (
        <p className="notice warn" data-testid="draft-sources-missing">
          {tCount('knowledge_panel_sources_missing', info.missing.length)}
        </p>
      )}
      {info.dropped.length > 0 && (
        <p className="notice warn" data-testid="draft-sources-dropped">
          {tCount('knowledge_panel_sources_dropped', info.dropped.length)}
        </p>
      )}
    </div>
  );
}

interface CheckProps {
  state: PolicyCheckState;
  /** Why the check cannot run now (empty draft, no snippet chosen, no model…); null: it can. */
  blockedReason: string | null;
  /** The draft box's text now, to say when the findings are about an older text. */
  currentText: string;
  onCheck(): void;
  onStop(): void;
}

export function PolicyCheck({ state, blockedReason, currentText, onCheck, onStop }: CheckProps) {
  const running = state.status === 'running';
  return (
    <div className="knowledge-check" data-testid="policy-check">
      <div className="row">
        {running ? (
          <button type="button" onClick={onStop} data-testid="policy-check-stop">
            {t('knowledge_panel_check_stop')}
          </button>
        ) : (
          <button
            type="button"
            disabled={blockedReason !== null}
            aria-describedby={blockedReason ? 'policy-check-reason' : undefined}
            onClick={onCheck}
            data-testid="policy-check-run"
          >
            {t('knowledge_panel_check_button')}
          </button>
        )}
        {running && (
          <span className="muted" aria-live="polite" data-testid="policy-check-running">
            {t('knowledge_panel_check_running')}
          </span>
        )}
      </div>
      {blockedReason && !running && (
        <p id="policy-check-reason" className="muted" data-testid="policy-check-reason">
          {blockedReason}
        </p>
      )}
      {state.status === 'error' && (
        <p className="notice error" role="alert" data-testid="policy-check-error">
          {t('knowledge_panel_check_error', state.error.message)}
        </p>
      )}
      {state.status === 'done' && (
        <div
          className="notice"
          role="status"
          data-testid="policy-check-result"
          data-status={state.result.status}
        >
          {state.result.status === 'findings' && (
            <>
              <p>{tCount('knowledge_panel_check_findings', state.result.findings.length)}</p>
              <ul data-testid="policy-check-findings">
                {state.result.findings.map((finding, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the model's list, never reordered
                  <li key={i} data-testid="policy-check-finding">
                    {finding}
                  </li>
                ))}
              </ul>
            </>
          )}
          {state.result.status === 'clean' && <p>{t('knowledge_panel_check_clean')}</p>}
          {state.result.status === 'unparsed' && (
            <>
              <p>{t('knowledge_panel_check_unparsed')}</p>
              <pre className="knowledge-check-raw">{state.result.text}</pre>
            </>
          )}
          {state.checkedText !== currentText && (
            <p className="muted" data-testid="policy-check-stale">
              {t('knowledge_panel_check_stale')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
