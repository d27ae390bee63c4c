import { type FormEvent, useEffect, useState } from 'react';
import type { CustomDomainsState } from '@/utils/custom-domains';
import { parseOrigin } from '@/utils/custom-domains';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { askBackground, loadDomains, watchDomains } from '@/utils/options/custom-domains-client';
import { requestHostPermission } from '@/utils/settings-store';
import { TextField } from './TextField';

// "Your helpdesk's own domain": self-hosted installs and custom domains. The page validates the address, asks the
// browser for that site in the click (the prompt needs the gesture), then the background registers the content
// script and stores the list (utils/background/custom-domains.ts).

type Status = { tone: 'success' | 'warning' | 'error' | 'busy'; message: string } | null;

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
      found.helpdesk = 'Choose which helpdesk runs on this domain.';
    setErrors(found);
    if (!parsed.ok || found.helpdesk) {
      setStatus({ tone: 'error', message: 'Nothing was added: correct the highlighted fields.' });
      return;
    }
    const { origin: normalised, pattern } = parsed.value;
    const permission = requestHostPermission(pattern); // inside the gesture, before any await
    setBusy(true);
    setStatus({ tone: 'busy', message: `Asking the browser for access to ${normalised}…` });
    void (async () => {
      if (!(await permission)) {
        setStatus({
          tone: 'error',
          message: `Access to ${normalised} was not granted, so nothing was added: Deskmate cannot read that site without it.`,
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
    setStatus({ tone: 'busy', message: `Removing ${target}…` });
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
      <h2 id="domains-title">Your helpdesk’s own domain</h2>
      <p className="section-intro">
        Self-hosted or on a custom domain? Tell Deskmate which helpdesk runs there. The browser asks you once
        for access to that site; Deskmate reads tickets there the same way as on the helpdesk’s own domain.
      </p>
      {warning ? (
        <p className="status status-warning" role="alert">
          {warning}
        </p>
      ) : null}
      {state.revoked.length > 0 ? (
        <div className="status status-warning" role="alert" data-testid="domain-revoked">
          <p>
            Site access was removed in the browser’s settings, so Deskmate no longer reads these as helpdesks:{' '}
            {state.revoked.map((r) => `${r.origin} (${nameOf(r.helpdesk)})`).join(', ')}. Add them again to
            restore them.
          </p>
          <button
            type="button"
            className="secondary"
            onClick={onDismiss}
            data-testid="domain-revoked-dismiss"
          >
            Dismiss
          </button>
        </div>
      ) : null}
      <form noValidate onSubmit={onAdd}>
        <TextField
          id="domain-origin"
          testId="domain-origin"
          label="Address"
          type="url"
          inputMode="url"
          placeholder="https://support.acme.com"
          value={origin}
          error={errors.origin}
          onChange={(value) => {
            setOrigin(value);
            setErrors((current) => ({ ...current, origin: undefined }));
          }}
          hint="Scheme, host and port only, e.g. https://support.acme.com or http://zammad.intra:8080."
        />
        <div className={errors.helpdesk ? 'field field-invalid' : 'field'}>
          <label htmlFor="domain-helpdesk">Helpdesk</label>
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
              <option value="">Choose…</option>
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
            Add domain
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
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="domain-empty">
          No domains declared.
        </p>
      )}
    </section>
  );
}
