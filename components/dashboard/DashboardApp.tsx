import { useEffect, useState } from 'react';
import { db } from '@/utils/db';
import { metricsCsv } from '@/utils/metrics/csv';
import type { DraftMetric } from '@/utils/metrics/draft-metric';
import { ACCEPTED_BELOW } from '@/utils/metrics/edit-rate';
import { loadDraftMetrics } from '@/utils/metrics/store';
import { type GroupFigures, summariseMetrics } from '@/utils/metrics/summary';
import { BarChart } from './BarChart';

// Quality dashboard for team leads, computed from this computer's own records only. Nothing is sent: a lead
// collects the CSV from each agent if they want team figures.

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);
const duration = (ms: number | null) => {
  if (ms === null) return '–';
  const minutes = ms / 60_000;
  return minutes < 1
    ? `${Math.round(ms / 1000)} s`
    : minutes < 90
      ? `${Math.round(minutes)} min`
      : `${(minutes / 60).toFixed(1)} h`;
};

function GroupTable({ title, groups, testId }: { title: string; groups: GroupFigures[]; testId: string }) {
  return (
    <section className="card" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <table className="figures" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{title.replace(/^By /, '')}</th>
            <th scope="col">Drafts</th>
            <th scope="col">Inserted</th>
            <th scope="col">Accepted</th>
            <th scope="col">Median edited</th>
            <th scope="col">Median time to insert</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-key={g.key}>
              <th scope="row">{g.key}</th>
              <td>{g.drafts}</td>
              <td>{g.inserted}</td>
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
      setError(`The local records could not be read: ${e instanceof Error ? e.message : String(e)}`),
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
        <h1>Quality of AI drafts</h1>
        <p>
          Figures from this computer only, within your retention period. Nothing here is sent anywhere; export
          the CSV to share it with your team lead.
        </p>
      </header>
      <main>
        {metrics.length === 0 ? (
          <p className="card" data-testid="dashboard-empty">
            No drafts yet. Once you draft replies with Deskmate and insert them, you will see here how much of
            each draft you kept.
          </p>
        ) : (
          <>
            <section className="card tiles" aria-label="Overall">
              <div className="tile" data-testid="tile-drafts">
                <strong>{overall.drafts}</strong> AI drafts
              </div>
              <div className="tile" data-testid="tile-inserted">
                <strong>{percent(overall.insertRate)}</strong> inserted
              </div>
              <div className="tile" data-testid="tile-acceptance">
                <strong>{percent(overall.acceptanceRate)}</strong> accepted (inserted with under{' '}
                {Math.round(ACCEPTED_BELOW * 100)}% edited)
              </div>
              <div className="tile" data-testid="tile-time">
                <strong>{duration(overall.medianTimeToInsertMs)}</strong> median from opening the ticket to
                inserting
              </div>
            </section>
            <section className="card">
              <h2>How much of each inserted draft was edited</h2>
              <BarChart
                testId="chart-edit-rates"
                label={`Inserted drafts by share edited, in steps of 10%: ${summary.editRateHistogram.join(', ')}`}
                bars={summary.editRateHistogram.map((value, i) => ({ label: `${i * 10}%`, value }))}
              />
            </section>
            <section className="card">
              <h2>Drafts per day</h2>
              <BarChart
                testId="chart-per-day"
                label={`Drafts per day (inserted in darker colour), ${summary.perDay.length} days`}
                bars={summary.perDay.map((d) => ({
                  label: d.day.slice(5),
                  value: d.drafts,
                  part: d.inserted,
                }))}
              />
            </section>
            <GroupTable title="By preset" groups={summary.byPreset} testId="by-preset" />
            <GroupTable title="By helpdesk" groups={summary.byHelpdesk} testId="by-helpdesk" />
            <GroupTable title="By model" groups={summary.byModel} testId="by-model" />
            <p>
              <button type="button" onClick={() => download(metricsCsv(metrics))} data-testid="export-csv">
                Export CSV
              </button>
            </p>
          </>
        )}
      </main>
    </div>
  );
}
