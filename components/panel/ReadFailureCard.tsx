import { useState } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import type { ReadTicketResult } from '@/utils/messaging/protocol';

type Failure = Extract<ReadTicketResult, { ok: false }>;

const TITLES = {
  'no-adapter': 'panel_read_no_adapter',
  'no-ticket': 'panel_read_no_ticket',
  'no-access': 'panel_read_no_access',
  'empty-selection': 'panel_read_empty_selection',
  'read-failed': 'panel_read_failed',
} as const satisfies Record<Failure['code'], MessageKey>;

interface Props {
  failure: Failure;
  /** The host the agent can allow when the browser did not give Deskmate access to this page. */
  allowHost: string | null;
  /** The built-in helpdesk (by name) the agent has not turned on yet; allowing it asks for its sites only. */
  allowHelpdesk: string | null;
  /** Asks the browser (inside the click); resolves whether access was granted. */
  onAllowHost(): Promise<boolean>;
  onReadPage(): void;
  onUseSelection(): void;
  onRetry(): void;
}

export function ReadFailureCard({
  failure,
  allowHost,
  allowHelpdesk,
  onAllowHost,
  onReadPage,
  onUseSelection,
  onRetry,
}: Props) {
  // What the agent refused in the browser's prompt, said next to the button that asks again.
  const [refused, setRefused] = useState<string | null>(null);
  const allow = (what: string) => {
    setRefused(null);
    void onAllowHost().then(
      (granted) => setRefused(granted ? null : what),
      () => setRefused(what),
    );
  };
  // Browser pages (chrome://, the store) cannot be read at all; ordinary sites can be allowed and read.
  const genericOffered = failure.code !== 'no-access' || allowHost !== null;
  return (
    <section className="card" data-testid="read-failure" data-code={failure.code}>
      <h2>{t(TITLES[failure.code])}</h2>
      <p>{failure.message}</p>
      {refused && (
        <p className="status" role="alert" data-testid="allow-refused">
          {t('panel_allow_refused', refused)}
        </p>
      )}
      <div className="row">
        {failure.code === 'no-access' && allowHelpdesk && (
          <button
            type="button"
            className="primary"
            onClick={() => allow(allowHelpdesk)}
            data-testid="allow-helpdesk"
          >
            {t('panel_allow_helpdesk', allowHelpdesk)}
          </button>
        )}
        {failure.code === 'no-access' && !allowHelpdesk && allowHost && (
          <button type="button" className="primary" onClick={() => allow(allowHost)} data-testid="allow-host">
            {t('panel_allow_host', allowHost)}
          </button>
        )}
        {genericOffered && (
          <>
            <button type="button" className="primary" onClick={onReadPage} data-testid="read-page">
              {t('panel_read_page')}
            </button>
            <button type="button" onClick={onUseSelection} data-testid="use-selection">
              {t('panel_use_selection')}
            </button>
          </>
        )}
        <button type="button" onClick={onRetry} data-testid="read-retry">
          {t('panel_try_again')}
        </button>
      </div>
    </section>
  );
}
