import { useState } from 'react';
import type { GenerationRecord } from '@/utils/db';
import { searchWords, snippetOf } from '@/utils/history/filters';
import type { TicketGroup } from '@/utils/history/query';
import { t } from '@/utils/i18n/t';
import { parseSummary } from '@/utils/llm/summary';
import { formatWhen, GenerationMeta } from './GenerationMeta';
import { GenerationText } from './GenerationText';

// Search results grouped by ticket: the ticket's subject (customer text, shown as text), its helpdesk, when it
// was last worked on, a link to open it; under it each generation with a snippet, its full text on demand.

/** The text a snippet is cut from: a structured summary's fields, not its JSON. */
function plainText(g: GenerationRecord): string {
  if (g.kind !== 'summary') return g.output;
  const parsed = parseSummary(g.output);
  if (!parsed.ok) return g.output;
  const { issue, customerWants, doneSoFar, nextSteps } = parsed.summary;
  return [issue, customerWants, doneSoFar, ...nextSteps].join(' ');
}

function Entry({ generation: g, words }: { generation: GenerationRecord; words: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const id = g.id ?? -1;
  return (
    <li data-testid="history-result" data-generation-id={id}>
      <button
        type="button"
        className="history-pick"
        aria-expanded={open}
        aria-controls={`history-full-${id}`}
        onClick={() => setOpen(!open)}
      >
        <GenerationMeta generation={g} />
      </button>
      {!open && g.output.trim() !== '' && (
        <p className="history-snippet muted" data-testid="history-snippet">
          {snippetOf(plainText(g), words)}
        </p>
      )}
      {open && (
        <div id={`history-full-${id}`} className="history-body" data-testid="history-full">
          <GenerationText kind={g.kind} text={g.output} />
        </div>
      )}
    </li>
  );
}

export function HistoryResults({ groups, text }: { groups: readonly TicketGroup[]; text: string }) {
  const words = searchWords(text);
  return (
    <div className="history-groups">
      {groups.map((group) => (
        <section
          key={group.ticketKey}
          className="card history-group"
          data-testid="history-group"
          data-ticket-key={group.ticketKey}
          aria-label={group.title}
        >
          <h3 data-testid="history-ticket-title">{group.title}</h3>
          <p className="muted">
            <span data-testid="history-helpdesk">{group.helpdesk}</span>
            {' · '}
            {t('history_last_worked', formatWhen(group.entries[0]?.startedAt ?? 0))}
            {group.url && (
              <>
                {' · '}
                <a
                  href={group.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="history-open-ticket"
                >
                  {t('history_open_ticket')}
                </a>
              </>
            )}
          </p>
          <ul className="history-list">
            {group.entries.map((g) => (
              <Entry key={g.id} generation={g} words={words} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
