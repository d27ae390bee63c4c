import { type FormEvent, useEffect, useState } from 'react';
import type { CustomDomainsState } from '@/utils/custom-domains';
import { parseOrigin } from '@/utils/custom-domains';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { t } from '@/utils/i18n/t';
import { askBackground, loadDomains, watchDomains } from '@/utils/options/custom-domains-client';
import { requestHostPermission } from '@/utils/settings-store';
import { TextField } from './TextField';

// "Your helpdesk's own domain": self-hosted installs and custom domains. The page validates the address, asks the
// browser for that site in the click (the prompt needs the gesture), then the background registers the content
// script and stores the list (utils/background/custom-domains.ts).

type Status = { tone: 'success' | 'warning' | 'error' | 'busy'; message: string } | null;

/** An example address (not words to translate). */
const EXAMPLE_ORIGIN = 'https://support.acme.com';

const nameOf = (id: string) => ADAPTERS.find((adapter) => adapter.id === id)?.name ?? id;

export function CustomDomainsSection() {
  const [state, setState] = useState<CustomDomainsState>({ domains: [], revoked: [] });
  const [warning, setWarning] = useState<string | undefined>();
  const [origin, setOrigin] = useState('');
  const [helpdesk, setHelpdesk] = useState('');
  const [errors, setErrors] = useState<{ origin?: string; helpdesk?: string }>({});
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void loadDomains().then((loaded) => {
      if (!live) return;
      setState(loaded.state);
      setWarning(loaded.warning);
    });
    const unwatch = watchDomains((loaded) => {
      setState(loaded.state);
      setWarning(loaded.warning);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseOrigin(origin);
    const found: { origin?: string; helpdesk?: string } = {};
    if (!parsed.ok) found.origin = parsed.error;
    if (!ADAPTERS.some((adapter) => adapter.id === helpdesk))
      found.helpdesk = t('options_domains_choose_helpdesk');
    setErrors(found);
    if (!parsed.ok || found.helpdesk) {
      setStatus({ tone: 'error', message: t('options_domains_fix_fields') });
      return;
    }
    const { origin: normalised, pattern } = parsed.value;
    const permission = requestHostPermission(pattern); // inside the gesture, before any await
    setBusy(true);
    setStatus({ tone: 'busy', message: t('options_domains_asking', normalised) });
    void (async () => {
      if (!(await permission)) {
        setStatus({
          tone: 'error',
          message: t('options_domains_not_granted', normalised),
        });
        setBusy(false);
        return;
      }
      const result = await askBackground({ type: 'domains/add', origin: normalised, helpdesk });
      if (result.ok) {
        setState(result.state);
        setOrigin('');
        setStatus({ tone: 'success', message: result.message });
      } else {
        setStatus({ tone: 'error', message: result.message });
      }
      setBusy(false);
    })();
  };

  const onRemove = (target: string) => {
    if (busy) return;
    setBusy(true);
    setStatus({ tone: 'busy', message: t('options_domains_removing', target) });
    void askBackground({ type: 'domains/remove', origin: target }).then((result) => {
      if (result.ok) setState(result.state);
      setStatus({ tone: result.ok ? 'success' : 'error', message: result.message });
      setBusy(false);
    });
  };

  const onDismiss = () => {
    void askBackground({ type: 'domains/dismiss-revoked' }).then((result) => {
      if (result.ok) setState(result.state);
    });
  };

  return (
    <section className="card" aria-labelledby="domains-title">
      <h2 id="domains-title">{t('options_domains_title')}</h2>
      <p className="section-intro">{t('options_domains_intro')}</p>
      {warning ? (
        <p className="status status-warning" role="alert">
          {warning}
        </p>
      ) : null}
      {state.revoked.length > 0 ? (
        <div className="status status-warning" role="alert" data-testid="domain-revoked">
          <p>
            {t(
              'options_domains_revoked',
              state.revoked.map((r) => `${r.origin} (${nameOf(r.helpdesk)})`).join(', '),
            )}
          </p>
          <button
            type="button"
            className="secondary"
            onClick={onDismiss}
            data-testid="domain-revoked-dismiss"
          >
            {t('options_dismiss')}
          </button>
        </div>
      ) : null}
      <form noValidate onSubmit={onAdd}>
        <TextField
          id="domain-origin"
          testId="domain-origin"
          label={t('options_domains_address')}
          type="url"
          inputMode="url"
          placeholder={EXAMPLE_ORIGIN}
          value={origin}
          error={errors.origin}
          onChange={(value) => {
            setOrigin(value);
            setErrors((current) => ({ ...current, origin: undefined }));
          }}
          hint={t('options_domains_address_hint')}
        />
        <div className={errors.helpdesk ? 'field field-invalid' : 'field'}>
          <label htmlFor="domain-helpdesk">{t('options_domains_helpdesk')}</label>
          <div className="field-row">
            <select
              id="domain-helpdesk"
              data-testid="domain-helpdesk"
              value={helpdesk}
              aria-invalid={errors.helpdesk ? true : undefined}
              aria-describedby={errors.helpdesk ? 'domain-helpdesk-error' : undefined}
              onChange={(event) => {
                setHelpdesk(event.currentTarget.value);
                setErrors((current) => ({ ...current, helpdesk: undefined }));
              }}
            >
              <option value="">{t('options_domains_choose')}</option>
              {ADAPTERS.map((adapter) => (
                <option key={adapter.id} value={adapter.id}>
                  {adapter.name}
                </option>
              ))}
            </select>
          </div>
          {errors.helpdesk ? (
            <p id="domain-helpdesk-error" className="field-error" data-testid="domain-helpdesk-error">
              {errors.helpdesk}
            </p>
          ) : null}
        </div>
        <div className="actions">
          <button
            type="submit"
            className="primary"
            data-testid="domain-add"
            aria-disabled={busy || undefined}
          >
            {t('options_domains_add')}
          </button>
        </div>
      </form>
      <div className="status-area" data-testid="domain-status" aria-live="polite">
        {status ? (
          <p className={`status status-${status.tone}`} role={status.tone === 'error' ? 'alert' : undefined}>
            {status.message}
          </p>
        ) : null}
      </div>
      {state.domains.length > 0 ? (
        <ul className="domain-list" data-testid="domain-list">
          {state.domains.map((domain) => (
            <li key={domain.origin} data-testid="domain-row" data-origin={domain.origin}>
              <code>{domain.origin}</code> — {nameOf(domain.helpdesk)}{' '}
              <button
                type="button"
                className="secondary danger"
                data-testid="domain-remove"
                onClick={() => onRemove(domain.origin)}
              >
                {t('options_remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="domain-empty">
          {t('options_domains_empty')}
        </p>
      )}
    </section>
  );
}
