import { useState } from 'react';
import { diagnosisMarkdown } from '@/utils/diagnose/report';
import { t } from '@/utils/i18n/t';
import { requestDiagnosis } from '@/utils/panel/diagnose-client';
import { copyText } from '@/utils/panel/insert-or-copy';

// "Diagnose this page": which adapter and reader ran, how each of the adapter's selectors fares on this page, the
// composer, the last insertion — as Markdown for a bug report. It holds no page text (see utils/diagnose/report.ts).

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'ready'; markdown: string; copied?: boolean | undefined }
  | { kind: 'error'; message: string };

export function DiagnoseCard({ tabId }: { tabId: number | null }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = () => {
    if (tabId === null) return;
    setState({ kind: 'busy' });
    void requestDiagnosis(tabId).then((result) =>
      setState(
        result.ok
          ? { kind: 'ready', markdown: diagnosisMarkdown(result.diagnosis) }
          : { kind: 'error', message: result.message },
      ),
    );
  };

  const copy = (markdown: string) => {
    void copyText(markdown).then((copied) => setState({ kind: 'ready', markdown, copied }));
  };

  return (
    <section className="card diagnose" data-testid="diagnose-card">
      <div className="row">
        <button type="button" onClick={run} disabled={tabId === null} data-testid="diagnose-run">
          {state.kind === 'busy' ? t('panel_diagnose_busy') : t('panel_diagnose_run')}
        </button>
        {state.kind === 'ready' && (
          <button type="button" onClick={() => copy(state.markdown)} data-testid="diagnose-copy">
            {t('panel_diagnose_copy')}
          </button>
        )}
      </div>
      {state.kind === 'ready' && (
        <>
          {state.copied !== undefined && (
            <p className="muted" data-testid="diagnose-copied" aria-live="polite">
              {state.copied ? t('panel_diagnose_copied') : t('panel_diagnose_copy_failed')}
            </p>
          )}
          {/* Rendered as text: the report is plain Markdown and is never interpreted as HTML here. */}
          <pre className="diagnosis" data-testid="diagnose-report">
            {state.markdown}
          </pre>
        </>
      )}
      {state.kind === 'error' && (
        <p className="notice error" data-testid="diagnose-error">
          {state.message}
        </p>
      )}
    </section>
  );
}
