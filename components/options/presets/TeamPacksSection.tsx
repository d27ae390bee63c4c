import { type FormEvent, useState } from 'react';
import { formatDateTime, t, tCount } from '../../../utils/i18n/t';
import type { PackActionResult } from '../../../utils/messaging/protocol';
import {
  refreshPack,
  type SubscriptionRow,
  setPackInterval,
  subscribeToPack,
  unsubscribeFromPack,
  useSubscriptions,
} from '../../../utils/options/team-packs-client';
import { checkPackUrl, DEFAULT_REFRESH_HOURS } from '../../../utils/presets/subscription';
import { hostPermissionPattern, requestHostPermission } from '../../../utils/settings-store';

// "Team packs": subscribe to a pack published at an HTTPS address, see each subscription's state (which
// version is in force, when it was checked, what went wrong), refresh, change how often it is checked,
// unsubscribe. The background fetches (utils/background/pack-refresh.ts); the presets of a subscription are
// read-only in the library and the panel's picker ("Duplicate to edit" makes a personal copy).

/** An example pack address (not words to translate). */
const EXAMPLE_PACK_URL = 'https://intranet.example.com/deskmate/support-pack.json';

const INTERVALS = [1, 3, 6, 12, 24, 48, 168] as const;

function intervalLabel(hours: number): string {
  if (hours === 168) return t('presets_every_week');
  if (hours % 24 === 0) return tCount('presets_every_days', hours / 24);
  return tCount('presets_every_hours', hours);
}

function when(at: number | undefined): string {
  return at === undefined ? t('presets_never') : formatDateTime(at);
}

type Tone = 'busy' | 'success' | 'warning' | 'error';
interface Status {
  tone: Tone;
  message: string;
  issues?: { path: string; message: string }[];
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function resultStatus(result: PackActionResult, verb: 'subscribe' | 'refresh', hasCopy = false): Status {
  if (!result.ok)
    return {
      tone: 'error',
      message:
        verb === 'subscribe'
          ? t('presets_not_subscribed', result.message)
          : hasCopy
            ? t('presets_refresh_failed_kept', result.message)
            : result.message,
      ...(result.issues?.length ? { issues: result.issues } : {}),
    };
  const name = result.name ?? t('presets_the_pack');
  const what = result.version ? `${name} ${result.version}` : name;
  const withCount =
    result.presetCount === undefined ? what : `${what} (${tCount('presets_count', result.presetCount)})`;
  if (verb === 'subscribe') return { tone: 'success', message: t('presets_subscribed', withCount) };
  return result.outcome === 'not-modified'
    ? { tone: 'success', message: t('presets_up_to_date', what) }
    : { tone: 'success', message: t('presets_checked_in_use', withCount) };
}

function StatusLine({ status, testId }: { status: Status | null; testId: string }) {
  return (
    <div className="status-area" data-testid={testId} aria-live="polite">
      {status ? (
        <div className={`status status-${status.tone}`} role={status.tone === 'error' ? 'alert' : undefined}>
          <p>{status.message}</p>
          {status.issues ? (
            <ul data-testid={`${testId}-issues`}>
              {status.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issue.path ? <code>{issue.path}</code> : null} {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function TeamPacksSection() {
  const { loaded, rows, warnings } = useSubscriptions();
  const [url, setUrl] = useState('');
  const [hours, setHours] = useState<number>(DEFAULT_REFRESH_HOURS);
  const [busy, setBusy] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  const onSubscribe = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkPackUrl(url);
    if (!checked.ok) {
      setUrlError(checked.message);
      setStatus(null);
      return;
    }
    if (rows.some((row) => row.state.url === checked.url)) {
      setUrlError(t('presets_already_subscribed'));
      return;
    }
    setUrlError(null);
    // Inside the click, before any await: the browser shows its prompt only during a user gesture. With access,
    // the pack's server needs no CORS headers.
    const pattern = hostPermissionPattern(checked.url);
    const permission = pattern ? requestHostPermission(pattern) : Promise.resolve(true);
    setBusy(true);
    setStatus({ tone: 'busy', message: t('presets_fetching', hostOf(checked.url)) });
    void (async () => {
      const granted = await permission;
      const result = await subscribeToPack(checked.url, hours);
      const next = resultStatus(result, 'subscribe');
      if (!granted && !result.ok && result.code === 'network')
        next.message = t('presets_not_subscribed_cors', hostOf(checked.url));
      else if (!granted && result.ok)
        next.message += ` ${t('presets_subscribed_without_access', hostOf(checked.url))}`;
      setStatus(next);
      if (result.ok) setUrl('');
      setBusy(false);
    })();
  };

  return (
    <section className="card" aria-labelledby="team-packs-title" aria-busy={!loaded}>
      <h2 id="team-packs-title">{t('presets_packs_title')}</h2>
      <p className="section-intro">{t('presets_packs_intro')}</p>
      <form
        noValidate
        onSubmit={onSubscribe}
        aria-label={t('presets_subscribe_form')}
        data-testid="pack-subscribe-form"
      >
        <div className="field">
          <label htmlFor="pack-url">{t('presets_pack_address')}</label>
          <input
            id="pack-url"
            data-testid="pack-url"
            type="url"
            inputMode="url"
            placeholder={EXAMPLE_PACK_URL}
            value={url}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? 'pack-url-error' : 'pack-url-hint'}
            onChange={(event) => {
              setUrl(event.currentTarget.value);
              setUrlError(null);
            }}
          />
          {urlError ? (
            <p id="pack-url-error" className="field-error" role="alert" data-testid="pack-url-error">
              {urlError}
            </p>
          ) : (
            <p id="pack-url-hint" className="field-hint">
              {t('presets_pack_address_hint')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="pack-interval">{t('presets_interval')}</label>
          <select
            id="pack-interval"
            data-testid="pack-interval"
            value={hours}
            onChange={(event) => setHours(Number(event.currentTarget.value))}
          >
            {INTERVALS.map((h) => (
              <option key={h} value={h}>
                {intervalLabel(h)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" data-testid="pack-subscribe" disabled={busy}>
          {t('presets_subscribe')}
        </button>
      </form>
      <StatusLine status={status} testId="pack-status" />
      {warnings.map((warning) => (
        <p key={warning} className="status status-warning" role="alert" data-testid="pack-list-warning">
          {warning}
        </p>
      ))}
      {loaded && rows.length === 0 ? (
        <p className="field-hint" data-testid="pack-none">
          {t('presets_no_subscriptions')}
        </p>
      ) : (
        <ul className="pack-list" aria-label={t('presets_subscriptions')}>
          {rows.map((row) => (
            <SubscriptionItem key={row.state.url} row={row} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SubscriptionItem({ row }: { row: SubscriptionRow }) {
  const { state, status: info } = row;
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const policy = state.origin === 'policy';
  const title = info.name ?? hostOf(state.url);
  const presetCount = state.pack?.presets.length ?? 0;

  const onRefresh = () => {
    if (busy) return;
    setBusy(true);
    setStatus({ tone: 'busy', message: t('presets_checking') });
    void refreshPack(state.url).then((result) => {
      setStatus(resultStatus(result, 'refresh', state.pack !== undefined));
      setBusy(false);
    });
  };

  const onInterval = (hours: number) => {
    void setPackInterval(state.url, hours).then((result) =>
      setStatus(
        result.ok
          ? { tone: 'success', message: t('presets_interval_changed', intervalLabel(hours)) }
          : { tone: 'error', message: result.message },
      ),
    );
  };

  const onUnsubscribe = () => {
    setBusy(true);
    void unsubscribeFromPack(state.url)
      .catch((error: unknown) => {
        setStatus({ tone: 'error', message: error instanceof Error ? error.message : String(error) });
        setConfirming(false);
      })
      .finally(() => setBusy(false));
  };

  return (
    <li className="pack-item" data-testid="pack-row" data-url={state.url} data-origin={state.origin}>
      <h3 className="pack-title">
        <span data-testid="pack-name">{title}</span>
        {info.version ? (
          <span className="pack-version" data-testid="pack-version">
            {' '}
            {info.version}
          </span>
        ) : null}
        {policy ? (
          <span className="badge" data-testid="pack-managed">
            {' '}
            {t('presets_set_by_organisation')}
          </span>
        ) : null}
      </h3>
      <p className="pack-url">
        <code>{state.url}</code>
      </p>
      <dl className="pack-facts">
        <dt>{t('presets_title')}</dt>
        <dd data-testid="pack-presets">
          {presetCount === 0
            ? t('presets_none_yet')
            : t('presets_names_read_only', state.pack?.presets.map((p) => p.name).join(', ') ?? '')}
        </dd>
        <dt>{t('presets_last_checked')}</dt>
        <dd data-testid="pack-checked">{when(info.lastCheckedAt)}</dd>
        <dt>{t('presets_last_updated')}</dt>
        <dd data-testid="pack-updated">{when(info.lastChangedAt ?? info.lastSuccessAt)}</dd>
        <dt>{t('presets_checked')}</dt>
        <dd>
          {policy ? (
            t('presets_interval_by_organisation', intervalLabel(state.intervalHours))
          ) : (
            <>
              <label className="visually-hidden" htmlFor={`pack-interval-${state.addedAt}`}>
                {t('presets_interval_for', title)}
              </label>
              <select
                id={`pack-interval-${state.addedAt}`}
                data-testid="pack-row-interval"
                value={state.intervalHours}
                onChange={(event) => onInterval(Number(event.currentTarget.value))}
              >
                {[...new Set([...INTERVALS, state.intervalHours])]
                  .sort((a, b) => a - b)
                  .map((h) => (
                    <option key={h} value={h}>
                      {intervalLabel(h)}
                    </option>
                  ))}
              </select>
            </>
          )}
        </dd>
      </dl>
      {info.failing && info.lastError ? (
        <div
          className="status status-warning"
          role="alert"
          data-testid="pack-error"
          data-code={info.lastError.code}
        >
          <p>{t('presets_last_check_failed', when(info.lastError.at), info.lastError.message)}</p>
          <p data-testid="pack-in-force">
            {state.pack
              ? t('presets_copy_in_use', when(info.lastSuccessAt), `${state.pack.name} ${state.pack.version}`)
              : t('presets_no_copy')}
          </p>
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          data-testid="pack-refresh"
          disabled={busy}
          onClick={onRefresh}
        >
          {t('presets_refresh')}
        </button>
        {policy ? null : confirming ? (
          <>
            <button
              type="button"
              className="danger"
              data-testid="pack-unsubscribe-confirm"
              onClick={onUnsubscribe}
            >
              {tCount('presets_unsubscribe_confirm', presetCount)}
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="pack-unsubscribe-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('options_cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="secondary"
            data-testid="pack-unsubscribe"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            {t('presets_unsubscribe')}
          </button>
        )}
      </div>
      <StatusLine status={status} testId="pack-row-status" />
    </li>
  );
}
