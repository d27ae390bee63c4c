import { useEffect, useMemo, useState } from 'react';
import { storage } from 'wxt/utils/storage';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import type { HelpdeskAdapter } from '@/utils/helpdesks/types';
import { t } from '@/utils/i18n/t';
import {
  browserSelectorCheck,
  EMPTY_OVERRIDES,
  loadSelectorOverrides,
  type OverrideIssue,
  overridesText,
  parseOverrideText,
  parseStoredOverrides,
  SELECTOR_OVERRIDES_KEY,
  type SelectorCatalog,
  type SelectorOverrides,
  saveSelectorOverrides,
  withAdapterOverrides,
} from '@/utils/selector-overrides';

// "Advanced: selector overrides". When a helpdesk changes its markup before Deskmate is updated, the agent (or
// their admin) can replace an adapter's selectors here. The options page never applies overrides itself, so the
// adapters' tables seen here are the built-in defaults.

function catalogOf(adapters: readonly HelpdeskAdapter[]): SelectorCatalog {
  return Object.fromEntries(
    adapters.map((adapter) => [adapter.id, { name: adapter.name, fields: Object.keys(adapter.selectors) }]),
  );
}

type Status = { tone: 'success' | 'error'; message: string } | null;

function AdapterOverrides({
  adapter,
  stored,
  catalog,
  onSave,
}: {
  adapter: HelpdeskAdapter;
  stored: SelectorOverrides;
  catalog: SelectorCatalog;
  onSave: (next: SelectorOverrides) => Promise<void>;
}) {
  const saved = overridesText(stored.adapters[adapter.id]);
  const [text, setText] = useState(saved);
  const [issues, setIssues] = useState<OverrideIssue[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [showDefaults, setShowDefaults] = useState(false);
  const [touched, setTouched] = useState(false);

  // What is stored changed elsewhere (another tab, a reset): follow it unless the agent is editing.
  useEffect(() => {
    if (!touched) setText(saved);
  }, [saved, touched]);

  const id = adapter.id;
  const save = () => {
    const parsed = parseOverrideText(text, id, catalog, browserSelectorCheck(document));
    if (!parsed.ok) {
      setIssues(parsed.issues);
      setStatus({
        tone: 'error',
        message: t('options_overrides_fix'),
      });
      return;
    }
    setIssues([]);
    void onSave(withAdapterOverrides(stored, id, parsed.value)).then(
      () => {
        setTouched(false);
        setText(overridesText(parsed.value ?? undefined));
        setStatus({
          tone: 'success',
          message: parsed.value
            ? t('options_overrides_saved', adapter.name)
            : t('options_overrides_saved_defaults', adapter.name),
        });
      },
      (error: unknown) =>
        setStatus({ tone: 'error', message: t('options_overrides_save_failed', String(error)) }),
    );
  };
  const reset = () => {
    setIssues([]);
    void onSave(withAdapterOverrides(stored, id, null)).then(
      () => {
        setTouched(false);
        setText('');
        setStatus({ tone: 'success', message: t('options_overrides_reset_done', adapter.name) });
      },
      (error: unknown) =>
        setStatus({ tone: 'error', message: t('options_overrides_reset_failed', String(error)) }),
    );
  };

  return (
    <details className="override" open={saved !== '' || undefined} data-testid={`overrides-${id}`}>
      <summary>
        {adapter.name}
        {saved !== '' ? ` — ${t('options_overrides_overridden')}` : ''}
      </summary>
      <div className={issues.length > 0 ? 'field field-invalid' : 'field'}>
        <label htmlFor={`overrides-text-${id}`}>{t('options_overrides_label', adapter.name)}</label>
        <textarea
          id={`overrides-text-${id}`}
          data-testid={`overrides-text-${id}`}
          rows={6}
          spellCheck={false}
          value={text}
          placeholder={`{ "${Object.keys(adapter.selectors)[0] ?? 'field'}": ["selector", "fallback"] }`}
          aria-invalid={issues.length > 0 || undefined}
          aria-describedby={issues.length > 0 ? `overrides-errors-${id}` : undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setTouched(true);
          }}
        />
        {issues.length > 0 ? (
          <ul id={`overrides-errors-${id}`} className="field-error" data-testid={`overrides-errors-${id}`}>
            {issues.map((issue) => (
              <li key={`${issue.where}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={save} data-testid={`overrides-save-${id}`}>
          {t('options_save')}
        </button>
        <button type="button" className="secondary" onClick={reset} data-testid={`overrides-reset-${id}`}>
          {t('options_overrides_reset')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-expanded={showDefaults}
          onClick={() => setShowDefaults((shown) => !shown)}
        >
          {showDefaults ? t('options_overrides_hide_defaults') : t('options_overrides_show_defaults')}
        </button>
      </div>
      {status ? (
        <p className={`status status-${status.tone}`} data-testid={`overrides-status-${id}`}>
          {status.message}
        </p>
      ) : null}
      {showDefaults ? <pre className="defaults">{JSON.stringify(adapter.selectors, null, 2)}</pre> : null}
    </details>
  );
}

export function SelectorOverridesSection() {
  const catalog = useMemo(() => catalogOf(ADAPTERS), []);
  const [stored, setStored] = useState<SelectorOverrides>(EMPTY_OVERRIDES);
  const [warning, setWarning] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    void loadSelectorOverrides().then((result) => {
      if (!live) return;
      setStored(result.value);
      setWarning(result.warning);
      setLoaded(true);
    });
    const unwatch = storage.watch<unknown>(SELECTOR_OVERRIDES_KEY, (raw) => {
      const result = parseStoredOverrides(raw);
      setStored(result.value);
      setWarning(result.warning);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const save = async (next: SelectorOverrides) => {
    await saveSelectorOverrides(next);
    setStored(next);
  };

  return (
    <section className="card" aria-labelledby="advanced-title">
      <details data-testid="advanced">
        <summary>
          <h2 id="advanced-title">{t('options_overrides_title')}</h2>
        </summary>
        <p className="section-intro">{t('options_overrides_intro', '{ "subject": ["h1.title"] }')}</p>
        {warning ? (
          <p className="status status-warning" role="alert">
            {warning}
          </p>
        ) : null}
        {loaded
          ? ADAPTERS.map((adapter) => (
              <AdapterOverrides
                key={adapter.id}
                adapter={adapter}
                stored={stored}
                catalog={catalog}
                onSave={save}
              />
            ))
          : null}
      </details>
    </section>
  );
}
