import { useEffect, useState } from 'react';
import { DELETE_ALL_CONFIRMATION, describeDeletion } from '@/utils/data/delete-all';
import { exportFileName } from '@/utils/data/export';
import { RetentionPeriod, type RetentionRun } from '@/utils/data/retention';
import { formatDateTime, t, tCount } from '@/utils/i18n/t';
import {
  downloadJson,
  loadRetentionView,
  requestDeleteAll,
  requestExport,
  setRetentionPeriod,
  watchRetentionRuns,
} from '@/utils/options/data-client';
import { tRich } from './rich-text';

// "Your data": how long Deskmate keeps generations and drafts, a JSON export (no keys), and deleting everything.
// Every change goes through the background (utils/background/data.ts), which accepts these requests from
// Deskmate's own pages only.

type Status = { tone: 'success' | 'warning' | 'error' | 'busy'; message: string } | null;

/** Survives the reload after a delete-all, so the agent sees what was removed on the fresh page. */
const DELETED_NOTE_KEY = 'deskmate:deleted-summary';

const PERIOD_DAYS: Record<Exclude<RetentionPeriod, 'forever'>, number> = {
  '1d': 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

function retentionLabel(period: RetentionPeriod): string {
  return period === 'forever' ? t('options_data_forever') : tCount('options_data_days', PERIOD_DAYS[period]);
}

function describeRun(run: RetentionRun): string {
  const when = formatDateTime(run.at);
  if (run.period === 'forever') return t('options_data_run_forever', when);
  return t(
    'options_data_run',
    when,
    tCount('options_deleted_generations', run.generations),
    tCount('options_deleted_drafts', run.drafts),
    retentionLabel(run.period),
  );
}

export function DataSection() {
  const [period, setPeriod] = useState<RetentionPeriod>('30d');
  const [lastRun, setLastRun] = useState<RetentionRun | null>(null);
  const [retentionStatus, setRetentionStatus] = useState<Status>(null);
  const [exportStatus, setExportStatus] = useState<Status>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [deleteStatus, setDeleteStatus] = useState<Status>(null);
  const [deletedLines, setDeletedLines] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void loadRetentionView().then((view) => {
      if (!live) return;
      setPeriod(view.period);
      setLastRun(view.lastRun);
    });
    const note = sessionStorage.getItem(DELETED_NOTE_KEY);
    if (note) {
      sessionStorage.removeItem(DELETED_NOTE_KEY);
      try {
        setDeletedLines(JSON.parse(note) as string[]);
      } catch {
        // A broken note only loses the summary; the deletion itself already happened.
      }
    }
    const unwatch = watchRetentionRuns(setLastRun);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const onPeriod = (value: string) => {
    const parsed = RetentionPeriod.safeParse(value);
    if (!parsed.success) return;
    setPeriod(parsed.data);
    setRetentionStatus({ tone: 'busy', message: t('options_saving') });
    void setRetentionPeriod(parsed.data).then((result) => {
      if (result.ok) {
        setLastRun(result.run);
        setRetentionStatus({
          tone: 'success',
          message: t('options_data_saved', retentionLabel(result.period)),
        });
      } else {
        setRetentionStatus({ tone: 'error', message: result.message });
      }
    });
  };

  const onExport = () => {
    if (busy) return;
    setBusy(true);
    setExportStatus({ tone: 'busy', message: t('options_data_preparing') });
    void requestExport().then((result) => {
      setBusy(false);
      if (!result.ok) {
        setExportStatus({ tone: 'error', message: result.message });
        return;
      }
      const name = exportFileName(result.data);
      downloadJson(result.data, name);
      setExportStatus({
        tone: 'success',
        message: t(
          'options_data_exported',
          name,
          tCount('options_deleted_generations', result.data.generations.length),
          tCount('options_deleted_drafts', result.data.drafts.length),
        ),
      });
    });
  };

  const onDelete = () => {
    if (busy || typed.trim() !== DELETE_ALL_CONFIRMATION) return;
    setBusy(true);
    setDeleteStatus({ tone: 'busy', message: t('options_data_deleting') });
    void requestDeleteAll(DELETE_ALL_CONFIRMATION).then((result) => {
      setBusy(false);
      if (!result.ok) {
        setDeleteStatus({ tone: 'error', message: result.message });
        return;
      }
      // Reload so every section shows the defaults, not the values it loaded before the deletion.
      sessionStorage.setItem(DELETED_NOTE_KEY, JSON.stringify(describeDeletion(result.summary)));
      location.reload();
    });
  };

  return (
    <section className="card" aria-labelledby="data-title" data-testid="data-section">
      <h2 id="data-title">{t('options_data_title')}</h2>
      <p className="section-intro">{t('options_data_intro')}</p>
      {deletedLines.length > 0 ? (
        <div className="status status-success" role="status" data-testid="data-deleted">
          <p>{t('options_data_deleted')}</p>
          <ul>
            {deletedLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="field">
        <label htmlFor="data-retention">{t('options_data_keep')}</label>
        <div className="field-row">
          <select
            id="data-retention"
            data-testid="data-retention"
            value={period}
            onChange={(event) => onPeriod(event.currentTarget.value)}
          >
            {RetentionPeriod.options.map((option) => (
              <option key={option} value={option}>
                {retentionLabel(option)}
              </option>
            ))}
          </select>
        </div>
        <p className="field-hint" data-testid="data-retention-last-run">
          {lastRun ? describeRun(lastRun) : t('options_data_not_run')}
        </p>
      </div>
      <div className="status-area" data-testid="data-retention-status" aria-live="polite">
        {retentionStatus ? (
          <p className={`status status-${retentionStatus.tone}`}>{retentionStatus.message}</p>
        ) : null}
      </div>

      <div className="actions">
        <button type="button" className="secondary" data-testid="data-export" onClick={onExport}>
          {t('options_data_export')}
        </button>
      </div>
      <div className="status-area" data-testid="data-export-status" aria-live="polite">
        {exportStatus ? <p className={`status status-${exportStatus.tone}`}>{exportStatus.message}</p> : null}
      </div>

      {confirming ? (
        <div className="status status-warning" data-testid="data-delete-confirm">
          <p>{tRich('options_data_delete_warning', <strong>{DELETE_ALL_CONFIRMATION}</strong>)}</p>
          <div className="field-row">
            <input
              aria-label={t('options_data_delete_input', DELETE_ALL_CONFIRMATION)}
              data-testid="data-delete-input"
              value={typed}
              autoComplete="off"
              onChange={(event) => setTyped(event.currentTarget.value)}
            />
          </div>
          <div className="actions">
            <button
              type="button"
              className="secondary danger"
              data-testid="data-delete-confirm-button"
              disabled={typed.trim() !== DELETE_ALL_CONFIRMATION || busy}
              onClick={onDelete}
            >
              {t('options_data_delete_confirm')}
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="data-delete-cancel"
              onClick={() => {
                setConfirming(false);
                setTyped('');
              }}
            >
              {t('options_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="secondary danger"
            data-testid="data-delete"
            onClick={() => setConfirming(true)}
          >
            {t('options_data_delete')}
          </button>
        </div>
      )}
      <div className="status-area" data-testid="data-delete-status" aria-live="polite">
        {deleteStatus ? (
          <p
            className={`status status-${deleteStatus.tone}`}
            role={deleteStatus.tone === 'error' ? 'alert' : undefined}
          >
            {deleteStatus.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
