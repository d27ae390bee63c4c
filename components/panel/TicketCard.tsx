import { useCallback, useMemo, useState } from 'react';
import { VirtualList, type VirtualRowProps } from '@/components/VirtualList';
import { formatNumber, t, tCount } from '@/utils/i18n/t';
import { sentimentLabel, urgencyLabel } from '@/utils/panel/summary-labels';
import type { SummarySignals } from '@/utils/panel/summary-signals';
import { injectionFindingText, messageTime, readerLabel, roleLabel } from '@/utils/panel/ticket-labels';
import { estimateTextRow, rowKeys } from '@/utils/panel/virtual-window';
import { findInjections } from '@/utils/ticket/injection';
import type { Ticket } from '@/utils/ticket/ticket';

/** A message row before it is measured: header line, gap, and the text wrapped at the panel's usual width. */
const MESSAGE_ROW = { charsPerLine: 48, lineHeight: 20, chrome: 28 };

/** The thread as read: windowed, so a 500-message ticket renders a screenful of rows (VirtualList). */
function ThreadList({ messages }: { messages: Ticket['messages'] }) {
  const keys = useMemo(() => rowKeys(messages.map((m) => m.id)), [messages]);
  const keyOf = useCallback((i: number) => keys[i] ?? `at:${i}`, [keys]);
  const estimate = useCallback(
    (i: number) => estimateTextRow(messages[i]?.text ?? '', MESSAGE_ROW),
    [messages],
  );
  const renderRow = useCallback(
    (i: number, row: VirtualRowProps) => {
      const m = messages[i];
      if (!m) return <li {...row} />;
      return (
        <li {...row} className={`msg role-${m.role}`} data-role={m.role}>
          <div className="msg-head">
            <strong>{roleLabel(m.role)}</strong> · {m.author.name}
            {m.createdAt ? ` · ${messageTime(m.createdAt)}` : ''}
          </div>
          {/* Ticket text is untrusted: always rendered as text. */}
          <div className="msg-text">{m.text}</div>
        </li>
      );
    },
    [messages],
  );
  return (
    <VirtualList
      count={messages.length}
      keyOf={keyOf}
      estimate={estimate}
      renderRow={renderRow}
      label={tCount('panel_thread_label', messages.length)}
      viewportClassName="thread-viewport"
      listClassName="thread"
      viewportTestId="ticket-thread-viewport"
      listTestId="ticket-thread"
    />
  );
}

interface TicketCardProps {
  ticket: Ticket;
  onReread: () => void;
  /** From the latest complete summary of this ticket; absent until one exists. */
  signals?: SummarySignals | null;
}

export function TicketCard({ ticket, onReread, signals }: TicketCardProps) {
  const [showThread, setShowThread] = useState(false);
  const injections = useMemo(() => findInjections(ticket), [ticket]);
  return (
    <section className="card" aria-labelledby="ticket-subject" data-testid="ticket-card">
      <div className="card-head">
        <span className="badge" data-testid="ticket-helpdesk">
          {ticket.helpdesk}
        </span>
        {ticket.status && <span className="badge muted">{ticket.status}</span>}
        <button type="button" className="link" onClick={onReread} data-testid="ticket-reread">
          {t('panel_read_again')}
        </button>
      </div>
      <h2 id="ticket-subject" data-testid="ticket-subject">
        {ticket.subject || t('panel_no_subject')}
      </h2>
      <dl className="facts">
        <dt>{t('panel_ticket_requester')}</dt>
        <dd data-testid="ticket-requester">
          {ticket.requester.name}
          {ticket.requester.email ? ` <${ticket.requester.email}>` : ''}
        </dd>
        <dt>{t('panel_ticket_messages')}</dt>
        <dd data-testid="ticket-message-count">{formatNumber(ticket.messages.length)}</dd>
        {ticket.language && (
          <>
            <dt>{t('panel_field_language')}</dt>
            <dd>{ticket.language}</dd>
          </>
        )}
        {signals?.sentiment && (
          <>
            <dt>{t('panel_field_sentiment')}</dt>
            <dd data-testid="ticket-sentiment" data-value={signals.sentiment}>
              {sentimentLabel(signals.sentiment)}
            </dd>
          </>
        )}
        {signals?.urgency && (
          <>
            <dt>{t('panel_field_urgency')}</dt>
            <dd data-testid="ticket-urgency" data-value={signals.urgency}>
              {urgencyLabel(signals.urgency)}
            </dd>
          </>
        )}
        <dt>{t('panel_ticket_read_by')}</dt>
        <dd data-testid="ticket-reader">{readerLabel(ticket)}</dd>
      </dl>
      {ticket.warnings.length > 0 && (
        <ul className="warnings" data-testid="ticket-warnings">
          {ticket.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {ticket.hiddenTextChars !== undefined && ticket.hiddenTextChars > 0 && (
        <p className="hidden-text-note" data-testid="ticket-hidden-text" data-chars={ticket.hiddenTextChars}>
          {tCount('panel_hidden_text', ticket.hiddenTextChars)}
        </p>
      )}
      {injections.length > 0 && (
        // Which message and what kind only — the suspicious text itself stays in the thread view, as text.
        <div className="warnings injection" role="alert" data-testid="ticket-injection-warnings">
          <strong>{t('panel_injection_title')}</strong> {t('panel_injection_text')}
          <ul className="injection-list">
            {injections.map((finding) => (
              <li
                key={String(finding.where)}
                data-testid="ticket-injection-warning"
                data-where={String(finding.where)}
                data-kinds={finding.kinds.join(' ')}
              >
                {injectionFindingText(finding)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className="link"
        aria-expanded={showThread}
        onClick={() => setShowThread((v) => !v)}
        data-testid="ticket-thread-toggle"
      >
        {showThread ? t('panel_thread_hide') : t('panel_thread_show')}
      </button>
      {showThread && <ThreadList messages={ticket.messages} />}
    </section>
  );
}
