import { useEffect, useState } from 'react';
import { HELPDESK_IDS, originsOf } from '@/utils/helpdesks/access';
import {
  enabledHelpdesks,
  releaseHelpdeskAccess,
  requestHelpdeskAccess,
  watchSiteAccess,
} from '@/utils/helpdesks/access-client';
import type { HelpdeskId } from '@/utils/helpdesks/matches';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { t } from '@/utils/i18n/t';

type Status = { tone: 'success' | 'error' | 'busy'; message: string } | null;

function nameOf(id: HelpdeskId): string {
  return ADAPTERS.find((adapter) => adapter.id === id)?.name ?? id;
}

// The built-in helpdesks, each off until the agent turns it on: turning one on asks the browser for that
// helpdesk's sites only (inside the click), turning it off gives them back. The background follows the granted
// access with the content script (utils/background/helpdesk-access.ts).
export function HelpdesksSection() {
  const [enabled, setEnabled] = useState<ReadonlySet<HelpdeskId> | null>(null);
  const [status, setStatus] = useState<Status>(null);
  // The switch follows the click at once; the browser's answer then confirms or reverts it.
  const [pending, setPending] = useState<ReadonlyMap<HelpdeskId, boolean>>(new Map());

  useEffect(() => {
    let live = true;
    const load = () =>
      void enabledHelpdesks().then((ids) => {
        if (live) setEnabled(new Set(ids));
      });
    load();
    const unwatch = watchSiteAccess(load);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const toggle = (id: HelpdeskId, on: boolean) => {
    const name = nameOf(id);
    // permissions.request must be called inside the click, before any await.
    const change = on ? requestHelpdeskAccess(id) : releaseHelpdeskAccess(id);
    setPending((current) => new Map(current).set(id, on));
    const settle = () =>
      void enabledHelpdesks().then((ids) => {
        setEnabled(new Set(ids));
        setPending((current) => {
          const next = new Map(current);
          next.delete(id);
          return next;
        });
      });
    setStatus({
      tone: 'busy',
      message: on ? t('options_helpdesks_asking', name) : t('options_helpdesks_turning_off', name),
    });
    void change.then(
      (done) => {
        if (on) {
          setStatus(
            done
              ? {
                  tone: 'success',
                  message: t('options_helpdesks_on', name),
                }
              : { tone: 'error', message: t('options_helpdesks_not_granted', name) },
          );
        } else {
          setStatus(
            done
              ? {
                  tone: 'success',
                  message: t('options_helpdesks_off', name),
                }
              : { tone: 'error', message: t('options_helpdesks_kept', name) },
          );
        }
        settle();
      },
      (error: unknown) => {
        setStatus({
          tone: 'error',
          message: t('options_helpdesks_error', name, String(error).slice(0, 200)),
        });
        settle();
      },
    );
  };

  return (
    <section className="card" aria-labelledby="helpdesks-title">
      <h2 id="helpdesks-title">{t('options_helpdesks_title')}</h2>
      <p className="section-intro">{t('options_helpdesks_intro')}</p>
      {enabled === null ? (
        <p className="status status-busy">{t('options_helpdesks_checking')}</p>
      ) : (
        <ul className="helpdesk-list" data-testid="helpdesk-list">
          {HELPDESK_IDS.map((id) => (
            <li key={id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={pending.get(id) ?? enabled.has(id)}
                  onChange={(event) => toggle(id, event.target.checked)}
                  data-testid={`helpdesk-toggle-${id}`}
                  aria-describedby={`helpdesk-hosts-${id}`}
                />{' '}
                {nameOf(id)}
              </label>{' '}
              <span className="field-hint" id={`helpdesk-hosts-${id}`}>
                {originsOf(id)
                  .map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''))
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="status-area" data-testid="helpdesk-status" aria-live="polite">
        {status ? (
          <p className={`status status-${status.tone}`} role={status.tone === 'error' ? 'alert' : undefined}>
            {status.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
