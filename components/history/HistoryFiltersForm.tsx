import { useEffect, useRef, useState } from 'react';
import { dayEnd, dayStart, type HistoryFilters } from '@/utils/history/filters';
import { t } from '@/utils/i18n/t';

// The history page's search box and filters. Typing is applied after a short pause; a date range that ends
// before it starts is refused with a message (the previous search stays on screen).

const TYPING_PAUSE_MS = 200;

export interface HistoryFiltersFormProps {
  /** The filters already applied when the page opened. */
  initial: HistoryFilters;
  helpdesks: readonly string[];
  onChange: (filters: HistoryFilters) => void;
}

export function HistoryFiltersForm({ initial, helpdesks, onChange }: HistoryFiltersFormProps) {
  const [text, setText] = useState(initial.text);
  const [kind, setKind] = useState(initial.kind);
  const [inserted, setInserted] = useState(initial.inserted);
  const [helpdesk, setHelpdesk] = useState(initial.helpdesk);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const from = dayStart(fromDay);
  const to = dayEnd(toDay);
  const rangeError = from !== null && to !== null && from >= to ? t('history_range_error') : null;

  // The page opens with `initial` already applied: only a real change starts a new search.
  const applied = useRef(JSON.stringify(initial));
  useEffect(() => {
    if (rangeError) return;
    const next: HistoryFilters = { text: text.trim(), kind, inserted, helpdesk, from, to };
    const key = JSON.stringify(next);
    if (key === applied.current) return;
    const timer = setTimeout(() => {
      applied.current = key;
      onChange(next);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, kind, inserted, helpdesk, from, to, rangeError, onChange]);

  return (
    <form
      className="history-filters"
      aria-label={t('history_search_form')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        {t('history_search_label')}
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={500}
          placeholder={t('history_search_placeholder')}
          data-testid="history-search"
        />
      </label>
      <label>
        {t('history_kind_label')}
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as HistoryFilters['kind'])}
          data-testid="history-filter-kind"
        >
          <option value="all">{t('history_kind_all')}</option>
          <option value="summary">{t('history_kind_summaries')}</option>
          <option value="draft">{t('history_kind_drafts')}</option>
        </select>
      </label>
      <label>
        {t('history_used_label')}
        <select
          value={inserted}
          onChange={(e) => setInserted(e.target.value as HistoryFilters['inserted'])}
          data-testid="history-filter-inserted"
        >
          <option value="all">{t('history_used_any')}</option>
          <option value="yes">{t('history_used_yes')}</option>
          <option value="no">{t('history_used_no')}</option>
        </select>
      </label>
      <label>
        {t('history_helpdesk_label')}
        <select
          value={helpdesk}
          onChange={(e) => setHelpdesk(e.target.value)}
          data-testid="history-filter-helpdesk"
        >
          <option value="">{t('history_helpdesk_all')}</option>
          {[...new Set(helpdesk ? [...helpdesks, helpdesk] : helpdesks)].map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('history_from_label')}
        <input
          type="date"
          value={fromDay}
          onChange={(e) => setFromDay(e.target.value)}
          data-testid="history-filter-from"
        />
      </label>
      <label>
        {t('history_to_label')}
        <input
          type="date"
          value={toDay}
          onChange={(e) => setToDay(e.target.value)}
          data-testid="history-filter-to"
        />
      </label>
      {rangeError && (
        <p className="notice error" role="alert" data-testid="history-range-error">
          {rangeError}
        </p>
      )}
    </form>
  );
}
