import { useCallback, useMemo, useState } from 'react';
import { VirtualList, type VirtualRowProps } from '@/components/VirtualList';
import type { SummarySignals } from '@/utils/panel/summary-signals';
import { estimateTextRow, rowKeys } from '@/utils/panel/virtual-window';
import { findInjections, findingPlace, INJECTION_KIND_LABELS } from '@/utils/ticket/injection';
import type { Ticket } from '@/utils/ticket/ticket';

const READER_LABELS: Record<Ticket['source']['method'], string> = {
  api: 'helpdesk API',
  dom: 'the page (DOM)',
  generic: 'generic page reader',
  selection: 'your selection',
};

const ROLE_LABELS: Record<Ticket['messages'][number]['role'], string> = {
  customer: 'Customer',
  agent: 'Agent',
  internal: 'Internal note',
  system: 'System',
};

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
            <strong>{ROLE_LABELS[m.role]}</strong> · {m.author.name}
            {m.createdAt ? ` · ${new Date(m.createdAt).toLocaleString()}` : ''}
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
      label={`Thread as read, ${messages.length} ${messages.length === 1 ? 'message' : 'messages'}`}
      viewportClassName="thread-viewport"
      listClassName="thread"
      viewportTestId="ticket-thread-viewport"
      listTestId="ticket-thread"
    />
  );
}

export function readerLabel(ticket: Ticket): string {
  const via = READER_LABELS[ticket.source.method];
  const adapter = ticket.source.adapter.charAt(0).toUpperCase() + ticket.source.adapter.slice(1);
  return ticket.source.method === 'api' || ticket.source.method === 'dom'
    ? `${adapter} adapter, ${via}`
    : `${via} (${ticket.source.adapter})`;
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
          Read again
        </button>
      </div>
      <h2 id="ticket-subject" data-testid="ticket-subject">
        {ticket.subject || '(no subject)'}
      </h2>
      <dl className="facts">
        <dt>Requester</dt>
        <dd data-testid="ticket-requester">
          {ticket.requester.name}
          {ticket.requester.email ? ` <${ticket.requester.email}>` : ''}
        </dd>
        <dt>Messages</dt>
        <dd data-testid="ticket-message-count">{ticket.messages.length}</dd>
        {ticket.language && (
          <>
            <dt>Language</dt>
            <dd>{ticket.language}</dd>
          </>
        )}
        {signals?.sentiment && (
          <>
            <dt>Sentiment</dt>
            <dd data-testid="ticket-sentiment" data-value={signals.sentiment}>
              {signals.sentiment}
            </dd>
          </>
        )}
        {signals?.urgency && (
          <>
            <dt>Urgency</dt>
            <dd data-testid="ticket-urgency" data-value={signals.urgency}>
              {signals.urgency}
            </dd>
          </>
        )}
        <dt>Read by</dt>
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
          Hidden text left out: about {ticket.hiddenTextChars} characters (hidden elements, HTML comments,
          invisible characters). It is not shown here and is never sent to the model.
        </p>
      )}
      {injections.length > 0 && (
        // Which message and what kind only — the suspicious text itself stays in the thread view, as text.
        <div className="warnings injection" role="alert" data-testid="ticket-injection-warnings">
          <strong>Instruction-like text in this ticket.</strong> Deskmate told the model to treat it as data;
          read the draft with care.
          <ul className="injection-list">
            {injections.map((finding) => (
              <li
                key={String(finding.where)}
                data-testid="ticket-injection-warning"
                data-where={String(finding.where)}
                data-kinds={finding.kinds.join(' ')}
              >
                {findingPlace(finding).replace(/^./, (c) => c.toUpperCase())}
                {finding.author ? ` (${finding.role}, ${finding.author})` : ''}:{' '}
                {finding.kinds.map((kind) => INJECTION_KIND_LABELS[kind]).join('; ')}
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
        {showThread ? 'Hide the thread' : 'View the whole thread as read'}
      </button>
      {showThread && <ThreadList messages={ticket.messages} />}
    </section>
  );
}
