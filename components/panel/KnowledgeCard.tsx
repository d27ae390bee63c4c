import { browser } from 'wxt/browser';
import { t, tCount } from '@/utils/i18n/t';
import { type KnowledgeSuggestion, MAX_KNOWLEDGE_PER_GENERATION } from '@/utils/messaging/protocol';
import { canPin } from '@/utils/panel/knowledge-choice';
import type { SuggestFailure } from '@/utils/panel/knowledge-client';
import type { KnowledgeState } from '@/utils/panel/use-knowledge';
import './knowledge.css';

// "Team knowledge": the snippets proposed for the open ticket, and the agent's say over them (pin: kept for this
// ticket; remove: not used for it). Snippet texts come from packs other people wrote: rendered as text only.

function failureText(failure: SuggestFailure): string {
  switch (failure.code) {
    case 'no-ticket':
      return t('knowledge_panel_error_no_ticket');
    case 'no-answer':
      return t('knowledge_panel_error_no_answer', failure.message);
    case 'bad-answer':
      return t('knowledge_panel_error_bad_answer');
    case 'failed':
      return t('knowledge_panel_error_failed', failure.message);
  }
}

/** The link to a snippet's source: a new tab that cannot reach back into the panel. */
export function SourceLink({ url, title }: { url: string; title: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="knowledge-source-link"
      aria-label={t('knowledge_panel_source_link_label', title)}
    >
      {t('knowledge_panel_source_link')}
    </a>
  );
}

function Snippet({
  snippet,
  state,
  pinned,
  used,
  knowledge,
}: {
  snippet: KnowledgeSuggestion;
  state: 'pinned' | 'proposed';
  pinned: boolean;
  used: boolean;
  knowledge: KnowledgeState;
}) {
  const titleId = `knowledge-title-${snippet.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li
      className="knowledge-item"
      data-testid="knowledge-item"
      data-key={snippet.key}
      data-state={state}
      data-used={used ? 'true' : 'false'}
      aria-labelledby={titleId}
    >
      <div className="knowledge-item-head">
        <strong id={titleId} data-testid="knowledge-title">
          {snippet.title}
        </strong>
        {pinned && <span className="badge">{t('knowledge_panel_pinned_badge')}</span>}
        {!used && <span className="badge">{t('knowledge_panel_over_limit_badge')}</span>}
      </div>
      <p className="knowledge-excerpt" data-testid="knowledge-excerpt">
        {snippet.excerpt}
      </p>
      <p className="muted">
        <span data-testid="knowledge-source">{snippet.sourceLabel}</span>
        {snippet.tags.length > 0 && (
          <span data-testid="knowledge-tags"> · {t('knowledge_panel_tags', snippet.tags.join(', '))}</span>
        )}
        {snippet.sourceUrl && (
          <>
            {' · '}
            <SourceLink url={snippet.sourceUrl} title={snippet.title} />
          </>
        )}
      </p>
      {snippet.matched.length > 0 && (
        <p className="muted" data-testid="knowledge-matched">
          {t('knowledge_panel_matched', snippet.matched.join(', '))}
        </p>
      )}
      <div className="row">
        {pinned ? (
          <button
            type="button"
            disabled={!knowledge.ready}
            onClick={() => knowledge.unpin(snippet.key)}
            data-testid="knowledge-unpin"
            aria-describedby={titleId}
          >
            {t('knowledge_panel_unpin')}
          </button>
        ) : (
          <button
            type="button"
            disabled={!knowledge.ready || !canPin(knowledge.choice)}
            title={
              canPin(knowledge.choice)
                ? undefined
                : t('knowledge_panel_pin_full', MAX_KNOWLEDGE_PER_GENERATION)
            }
            onClick={() => knowledge.pin(snippet)}
            data-testid="knowledge-pin"
            aria-describedby={titleId}
          >
            {t('knowledge_panel_pin')}
          </button>
        )}
        <button
          type="button"
          disabled={!knowledge.ready}
          onClick={() => knowledge.remove(snippet.key)}
          data-testid="knowledge-remove"
          aria-describedby={titleId}
        >
          {t('knowledge_panel_remove')}
        </button>
      </div>
    </li>
  );
}

export function KnowledgeCard({ knowledge }: { knowledge: KnowledgeState }) {
  const { suggest, view, choice } = knowledge;
  const usedKeys = new Set(view.used.map((s) => s.key));
  const listed = [
    ...choice.pinned.map((s) => ({ snippet: s, state: 'pinned' as const })),
    ...view.proposed.map((s) => ({ snippet: s, state: 'proposed' as const })),
  ];
  const librarySize = suggest.status === 'ready' ? suggest.result.indexSize : null;
  return (
    <section className="card knowledge" aria-labelledby="knowledge-title" data-testid="knowledge-card">
      <div className="card-head">
        <h3 id="knowledge-title">{t('knowledge_panel_title')}</h3>
        {suggest.status !== 'loading' && suggest.status !== 'idle' && (
          <button type="button" className="link" onClick={knowledge.retry} data-testid="knowledge-refresh">
            {t('knowledge_panel_refresh')}
          </button>
        )}
      </div>
      {suggest.status === 'loading' && (
        <p className="muted" aria-live="polite" data-testid="knowledge-loading">
          {t('knowledge_panel_loading')}
        </p>
      )}
      {suggest.status === 'error' && (
        <p
          className="notice warn"
          role="alert"
          data-testid="knowledge-error"
          data-code={suggest.failure.code}
        >
          {failureText(suggest.failure)} {t('knowledge_panel_error_still_draft')}
        </p>
      )}
      {librarySize === 0 && choice.pinned.length === 0 && (
        <div className="notice" data-testid="knowledge-empty-library">
          <p>{t('knowledge_panel_empty_library')}</p>
          <button
            type="button"
            onClick={() => void browser.runtime.openOptionsPage()}
            data-testid="knowledge-open-options"
          >
            {t('knowledge_panel_open_options')}
          </button>
        </div>
      )}
      {librarySize !== null && librarySize > 0 && view.proposed.length === 0 && (
        <p className="muted" data-testid="knowledge-none-relevant">
          {view.removed.length > 0
            ? t('knowledge_panel_none_left')
            : tCount('knowledge_panel_none_relevant', librarySize)}
        </p>
      )}
      {listed.length > 0 && (
        <ul className="knowledge-list" data-testid="knowledge-list">
          {listed.map(({ snippet, state }) => (
            <Snippet
              key={snippet.key}
              snippet={snippet}
              state={state}
              pinned={state === 'pinned'}
              used={usedKeys.has(snippet.key)}
              knowledge={knowledge}
            />
          ))}
        </ul>
      )}
      {view.removed.length > 0 && (
        <details data-testid="knowledge-removed">
          <summary>{tCount('knowledge_panel_removed_count', view.removed.length)}</summary>
          <ul className="knowledge-list">
            {view.removed.map((s) => (
              <li key={s.key} className="row" data-testid="knowledge-removed-item" data-key={s.key}>
                <span>{s.title}</span>
                <button
                  type="button"
                  disabled={!knowledge.ready}
                  onClick={() => knowledge.restore(s.key)}
                  data-testid="knowledge-restore"
                  aria-label={t('knowledge_panel_restore_label', s.title)}
                >
                  {t('knowledge_panel_restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted" data-testid="knowledge-summary" aria-live="polite">
        {view.used.length === 0
          ? t('knowledge_panel_none_used')
          : tCount('knowledge_panel_used_count', view.used.length, MAX_KNOWLEDGE_PER_GENERATION)}
      </p>
    </section>
  );
}
