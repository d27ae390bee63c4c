import { useEffect, useState } from 'react';
import { db } from '@/utils/db';
import { formatDateTime, formatNumber, type MessageKey, t, tCount } from '@/utils/i18n/t';
import { modelDisplayName } from '@/utils/llm/chrome-ai';
import { metricsCsv } from '@/utils/metrics/csv';
import type { DraftMetric } from '@/utils/metrics/draft-metric';
import { ACCEPTED_BELOW } from '@/utils/metrics/edit-rate';
import { loadDraftMetrics } from '@/utils/metrics/store';
import { DEFAULT_DRAFT_GROUP, type GroupFigures, summariseMetrics } from '@/utils/metrics/summary';
import { presetGroupNamer } from '@/utils/presets/preset-text';
import { BarChart } from './BarChart';

// Quality dashboard for team leads, computed from this computer's own records only. Nothing is sent: a lead
// collects the CSV from each agent if they want team figures.

const percent = (value: number | null) =>
  value === null ? '–' : t('dashboard_percent', Math.round(value * 100));
const duration = (ms: number | null) => {
  if (ms === null) return '–';
  const minutes = ms / 60_000;
  return minutes < 1
    ? t('dashboard_seconds', Math.round(ms / 1000))
    : minutes < 90
      ? t('dashboard_minutes', Math.round(minutes))
      : t('dashboard_hours', Math.round((minutes / 60) * 10) / 10);
};

/** "11-28" (a local YYYY-MM-DD day) as the UI language writes a short day: 11/28, 28.11., 28/11. */
function shortDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day.slice(5);
  return formatDateTime(new Date(year, month - 1, date), { month: '2-digit', day: '2-digit' });
}

function GroupTable({
  heading,
  column,
  groups,
  testId,
  nameOf = (key) => key,
}: {
  heading: MessageKey;
  column: MessageKey;
  groups: GroupFigures[];
  testId: string;
  /** How a group's key reads (the stored on-device model name is English data). */
  nameOf?: (key: string) => string;
}) {
  return (
    <section className="card" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{t(heading)}</h2>
      <table className="figures" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t(column)}</th>
            <th scope="col">{t('dashboard_column_drafts')}</th>
            <th scope="col">{t('dashboard_column_inserted')}</th>
            <th scope="col">{t('dashboard_column_accepted')}</th>
            <th scope="col">{t('dashboard_column_median_edited')}</th>
            <th scope="col">{t('dashboard_column_median_time')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-key={g.key}>
              <th scope="row">{nameOf(g.key)}</th>
              <td>{formatNumber(g.drafts)}</td>
              <td>{formatNumber(g.inserted)}</td>
              <td>{percent(g.acceptanceRate)}</td>
              <td>{percent(g.medianEditRate)}</td>
              <td>{duration(g.medianTimeToInsertMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function download(csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `deskmate-quality-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DashboardApp() {
  const [metrics, setMetrics] = useState<DraftMetric[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadDraftMetrics(db()).then(setMetrics, (e: unknown) =>
      setError(t('dashboard_load_failed', e instanceof Error ? e.message : String(e))),
    );
  }, []);

  if (error) {
    return (
      <main className="options-page" data-testid="dashboard">
        <p className="notice error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (metrics === null) return <main className="options-page" aria-busy="true" />;
  const summary = summariseMetrics(metrics);
  const { overall } = summary;
  return (
    <div className="options-page dashboard" data-testid="dashboard">
      <header className="page-header">
        <h1>{t('dashboard_heading')}</h1>
        <p>{t('dashboard_intro')}</p>
      </header>
      <main>
        {metrics.length === 0 ? (
          <p className="card" data-testid="dashboard-empty">
            {t('dashboard_empty')}
          </p>
        ) : (
          <>
            <section className="card tiles" aria-label={t('dashboard_overall')}>
              <div className="tile" data-testid="tile-drafts">
                <strong>{formatNumber(overall.drafts)}</strong> {t('dashboard_tile_drafts')}
              </div>
              <div className="tile" data-testid="tile-inserted">
                <strong>{percent(overall.insertRate)}</strong> {t('dashboard_tile_inserted')}
              </div>
              <div className="tile" data-testid="tile-acceptance">
                <strong>{percent(overall.acceptanceRate)}</strong>{' '}
                {t('dashboard_tile_accepted', Math.round(ACCEPTED_BELOW * 100))}
              </div>
              <div className="tile" data-testid="tile-time">
                <strong>{duration(overall.medianTimeToInsertMs)}</strong> {t('dashboard_tile_time')}
              </div>
            </section>
            <section className="card">
              <h2>{t('dashboard_edit_rates_heading')}</h2>
              <BarChart
                testId="chart-edit-rates"
                label={t(
                  'dashboard_edit_rates_label',
                  summary.editRateHistogram.map((n) => formatNumber(n)).join(', '),
                )}
                bars={summary.editRateHistogram.map((value, i) => ({
                  label: t('dashboard_percent', i * 10),
                  value,
                }))}
              />
            </section>
            <section className="card">
              <h2>{t('dashboard_per_day_heading')}</h2>
              <BarChart
                testId="chart-per-day"
                label={tCount('dashboard_per_day_label', summary.perDay.length)}
                bars={summary.perDay.map((d) => ({
                  label: shortDay(d.day),
                  value: d.drafts,
                  part: d.inserted,
                }))}
              />
            </section>
            <GroupTable
              heading="dashboard_by_preset"
              column="dashboard_column_preset"
              groups={summary.byPreset}
              testId="by-preset"
              nameOf={presetGroupNamer(metrics, DEFAULT_DRAFT_GROUP)}
            />
            <GroupTable
              heading="dashboard_by_helpdesk"
              column="dashboard_column_helpdesk"
              groups={summary.byHelpdesk}
              testId="by-helpdesk"
            />
            <GroupTable
              heading="dashboard_by_model"
              column="dashboard_column_model"
              groups={summary.byModel}
              testId="by-model"
              nameOf={modelDisplayName}
            />
            <p>
              <button type="button" onClick={() => download(metricsCsv(metrics))} data-testid="export-csv">
                {t('dashboard_export_csv')}
              </button>
            </p>
          </>
        )}
      </main>
    </div>
  );
}
