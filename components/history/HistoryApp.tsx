import { useMemo, useState } from 'react';
import { type HistoryFilters, NO_FILTERS } from '@/utils/history/filters';
import type { FirstRead } from '@/utils/history/first-read';
import { groupByTicket } from '@/utils/history/query';
import { useHistoryHelpdesks, useHistorySearch } from '@/utils/history/use-history-search';
import { tSlots } from '@/utils/i18n/slots';
import { t, tCount } from '@/utils/i18n/t';
import { HistoryFiltersForm } from './HistoryFiltersForm';
import { HistoryResults } from './HistoryResults';

// The history page (issue #7): every summary and draft kept on this computer, searched across tickets. It reads
// the local database only; what the retention period removed is gone from here too.

function isFiltered(filters: HistoryFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
}

function Intro() {
  const links = [
    <a key="settings" href="/options.html">
      {t('history_intro_settings_link')}
    </a>,
    <a key="dashboard" href="/dashboard.html">
      {t('history_intro_dashboard_link')}
    </a>,
  ];
  return (
    <p>
      {tSlots('history_intro', links.length).map((part) => (typeof part === 'number' ? links[part] : part))}
    </p>
  );
}

export function HistoryApp({ firstRead }: { firstRead: FirstRead }) {
  // The address may carry a search (draft-history.html?q=refund): the first read is already that search.
  const initial = firstRead.filters;
  const [filters, setFilters] = useState<HistoryFilters>(initial);
  const helpdesks = useHistoryHelpdesks();
  const { state, showMore } = useHistorySearch(filters, firstRead);
  const groups = useMemo(() => (state.status === 'ready' ? groupByTicket(state.page.entries) : []), [state]);
  const count = state.status === 'ready' ? state.page.entries.length : 0;

  return (
    <div className="options-page history-page" data-testid="history-page">
      <header className="page-header">
        <h1>{t('history_heading')}</h1>
        <Intro />
        <HistoryFiltersForm initial={initial} helpdesks={helpdesks} onChange={setFilters} />
      </header>
      <main aria-busy={state.status === 'loading'}>
        <h2 className="sr-only">{t('history_results_heading')}</h2>
        <p className="muted" role="status" data-testid="history-count">
          {state.status === 'loading'
            ? t('history_loading')
            : state.status === 'error'
              ? ''
              : count === 0
                ? isFiltered(filters)
                  ? t('history_no_match')
                  : t('history_empty')
                : tCount(
                    state.page.nextBefore !== null ? 'history_results_so_far' : 'history_results',
                    count,
                  )}
        </p>
        {state.status === 'error' && (
          <p className="notice error" role="alert">
            {t('history_load_failed', state.message)}
          </p>
        )}
        <HistoryResults groups={groups} text={filters.text} />
        {state.status === 'ready' && state.page.nextBefore !== null && (
          <button type="button" onClick={showMore} data-testid="history-more">
            {t('history_show_more')}
          </button>
        )}
      </main>
    </div>
  );
}
