import { useState } from 'react';
import { browser } from 'wxt/browser';
import { GenerationMeta } from '@/components/history/GenerationMeta';
import { GenerationText } from '@/components/history/GenerationText';
import { isPolicyCheck } from '@/utils/knowledge/policy-check-id';
import '@/components/history/history.css';
import { useTicketHistory } from '@/utils/history/use-ticket-history';
import { t, tCount } from '@/utils/i18n/t';
import { restorePlaceholders } from '@/utils/privacy/engine';

// The open ticket's history (issue #7): every summary and draft Deskmate made for it, newest first, with what
// each cost and whether it was used. Selecting one shows its text; a draft can become the draft again (a version
// in the draft card, nothing the agent wrote is lost).

export interface HistoryListProps {
  ticketKey: string | null;
  /** Restores the placeholders the model saw ([EMAIL_1]) with this ticket's values. */
  historyMap: Readonly<Record<string, string>>;
  onUseAsDraft: (generationId: number, text: string) => void;
}

export function HistoryList({ ticketKey, historyMap, onUseAsDraft }: HistoryListProps) {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const history = useTicketHistory(ticketKey, open);
  const openPage = () => void browser.tabs.create({ url: browser.runtime.getURL('/draft-history.html') });
  return (
    <details
      className="card history"
      data-testid="panel-history"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t('panel_history_title')}</summary>
      {history.error && (
        <p className="notice error" role="alert">
          {t('panel_history_error', history.error)}
        </p>
      )}
      {open && !history.error && history.total === 0 && (
        <p className="muted" data-testid="history-empty">
          {t('panel_history_empty')}
        </p>
      )}
      <ul className="history-list" aria-label={t('panel_history_list')}>
        {history.entries.map((g) => {
          const id = g.id ?? -1;
          const isSelected = selected === id;
          const text = restorePlaceholders(g.output, historyMap);
          return (
            <li key={id} data-testid="history-item" data-generation-id={id}>
              <button
                type="button"
                className="history-pick"
                aria-expanded={isSelected}
                aria-controls={`history-text-${id}`}
                onClick={() => setSelected(isSelected ? null : id)}
              >
                <GenerationMeta generation={g} />
              </button>
              {isSelected && (
                <div id={`history-text-${id}`} className="history-body" data-testid="history-text">
                  <GenerationText kind={g.kind} text={text} />
                  {g.kind === 'draft' && !isPolicyCheck(g) && text.trim() !== '' && (
                    <button
                      type="button"
                      data-testid="history-use-draft"
                      onClick={() => onUseAsDraft(id, text)}
                    >
                      {t('panel_history_use')}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {history.hasMore && (
        <button type="button" className="link" onClick={history.showMore}>
          {tCount('panel_history_more', history.total - history.entries.length)}
        </button>
      )}
      <button type="button" className="link" onClick={openPage} data-testid="open-history-page">
        {t('panel_history_search')}
      </button>
    </details>
  );
}
