import { useMemo, useState } from 'react';
import { filtersFromQuery, type HistoryFilters, NO_FILTERS } from '@/utils/history/filters';
import { groupByTicket } from '@/utils/history/query';
import { useHistoryHelpdesks, useHistorySearch } from '@/utils/history/use-history-search';
import { HistoryFiltersForm } from './HistoryFiltersForm';
import { HistoryResults } from './HistoryResults';

// The history page (issue #7): every summary and draft kept on this computer, searched across tickets. It reads
// the local database only; what the retention period removed is gone from here too.

function isFiltered(filters: HistoryFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
}

export function HistoryApp() {
  // The address may carry a search (draft-history.html?q=refund): the first read is already that search.
  const [initial] = useState(() => filtersFromQuery(location.search));
  const [filters, setFilters] = useState<HistoryFilters>(initial);
  const helpdesks = useHistoryHelpdesks();
  const { state, showMore } = useHistorySearch(filters);
  const groups = useMemo(() => (state.status === 'ready' ? groupByTicket(state.page.entries) : []), [state]);
  const count = state.status === 'ready' ? state.page.entries.length : 0;

  return (
    <div className="options-page history-page" data-testid="history-page">
      <header className="page-header">
        <h1>Deskmate history</h1>
        <p>
          Summaries and drafts Deskmate wrote on this computer, kept for the retention period set in{' '}
          <a href="/options.html">settings</a>. Texts show placeholders such as [EMAIL_1] where personal data
          was hidden from the model. See also the <a href="/dashboard.html">quality of AI drafts</a>.
        </p>
        <HistoryFiltersForm initial={initial} helpdesks={helpdesks} onChange={setFilters} />
      </header>
      <main aria-busy={state.status === 'loading'}>
        <h2 className="sr-only">Results</h2>
        <p className="muted" role="status" data-testid="history-count">
          {state.status === 'loading'
            ? 'Reading the history…'
            : state.status === 'error'
              ? ''
              : count === 0
                ? isFiltered(filters)
                  ? 'Nothing matches this search.'
                  : 'No history yet: summaries and drafts appear here once Deskmate writes them.'
                : `${count} ${count === 1 ? 'result' : 'results'}${state.page.nextBefore !== null ? ' so far' : ''}, newest first.`}
        </p>
        {state.status === 'error' && (
          <p className="notice error" role="alert">
            The history could not be read: {state.message}
          </p>
        )}
        <HistoryResults groups={groups} text={filters.text} />
        {state.status === 'ready' && state.page.nextBefore !== null && (
          <button type="button" onClick={showMore} data-testid="history-more">
            Show more
          </button>
        )}
      </main>
    </div>
  );
}
