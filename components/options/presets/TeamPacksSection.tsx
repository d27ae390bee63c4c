import { type FormEvent, useState } from 'react';
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

const INTERVALS = [1, 3, 6, 12, 24, 48, 168] as const;

function intervalLabel(hours: number): string {
  if (hours === 168) return 'every week';
  if (hours % 24 === 0) return hours === 24 ? 'every day' : `every ${hours / 24} days`;
  return hours === 1 ? 'every hour' : `every ${hours} hours`;
}

function when(at: number | undefined): string {
  return at === undefined ? 'never' : new Date(at).toLocaleString();
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
          ? `Not subscribed. ${result.message}`
          : `${result.message}${hasCopy ? ' The last good copy stays in use.' : ''}`,
      ...(result.issues?.length ? { issues: result.issues } : {}),
    };
  const what = `${result.name ?? 'The pack'}${result.version ? ` ${result.version}` : ''}`;
  const count = result.presetCount === undefined ? '' : ` (${result.presetCount} presets)`;
  if (verb === 'subscribe') return { tone: 'success', message: `Subscribed to ${what}${count}.` };
  return result.outcome === 'not-modified'
    ? { tone: 'success', message: `${what} is up to date (the server says it has not changed).` }
    : { tone: 'success', message: `Checked: ${what}${count} is in use.` };
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
      setUrlError('You are already subscribed to this pack. Use “Refresh now” in its row to check it.');
      return;
    }
    setUrlError(null);
    // Inside the click, before any await: the browser shows its prompt only during a user gesture. With access,
    // the pack's server needs no CORS headers.
    const pattern = hostPermissionPattern(checked.url);
    const permission = pattern ? requestHostPermission(pattern) : Promise.resolve(true);
    setBusy(true);
    setStatus({ tone: 'busy', message: `Fetching the pack from ${hostOf(checked.url)}…` });
    void (async () => {
      const granted = await permission;
      const result = await subscribeToPack(checked.url, hours);
      const next = resultStatus(result, 'subscribe');
      if (!granted && !result.ok && result.code === 'network')
        next.message = `Not subscribed. Access to ${hostOf(checked.url)} was not granted, so Deskmate can read the pack only if its server allows it (CORS), and it does not. Subscribe again and allow access when the browser asks, or ask the pack’s host to send Access-Control-Allow-Origin: *.`;
      else if (!granted && result.ok)
        next.message += ` Access to ${hostOf(checked.url)} was not granted; the server lets Deskmate read the file anyway.`;
      setStatus(next);
      if (result.ok) setUrl('');
      setBusy(false);
    })();
  };

  return (
    <section className="card" aria-labelledby="team-packs-title" aria-busy={!loaded}>
      <h2 id="team-packs-title">Team packs</h2>
      <p className="section-intro">
        Subscribe to a preset pack your team lead publishes at a web address. Deskmate checks it when the
        browser starts and on a schedule; if a check fails, the last good copy stays in use. Team presets are
        read-only: “Duplicate to edit” in your library makes your own copy.
      </p>
      <form
        noValidate
        onSubmit={onSubscribe}
        aria-label="Subscribe to a pack"
        data-testid="pack-subscribe-form"
      >
        <div className="field">
          <label htmlFor="pack-url">Pack address</label>
          <input
            id="pack-url"
            data-testid="pack-url"
            type="url"
            inputMode="url"
            placeholder="https://intranet.example.com/deskmate/support-pack.json"
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
              An https:// link to the pack file (on GitHub or GitLab, the file’s “Raw” link).
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="pack-interval">Check for a new version</label>
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
          Subscribe
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
          No subscriptions yet.
        </p>
      ) : (
        <ul className="pack-list" aria-label="Subscriptions">
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
    setStatus({ tone: 'busy', message: 'Checking…' });
    void refreshPack(state.url).then((result) => {
      setStatus(resultStatus(result, 'refresh', state.pack !== undefined));
      setBusy(false);
    });
  };

  const onInterval = (hours: number) => {
    void setPackInterval(state.url, hours).then((result) =>
      setStatus(
        result.ok
          ? { tone: 'success', message: `This pack is now checked ${intervalLabel(hours)}.` }
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
            Set by your organisation
          </span>
        ) : null}
      </h3>
      <p className="pack-url">
        <code>{state.url}</code>
      </p>
      <dl className="pack-facts">
        <dt>Presets</dt>
        <dd data-testid="pack-presets">
          {presetCount === 0
            ? 'none yet'
            : `${state.pack?.presets.map((p) => p.name).join(', ')} (read-only)`}
        </dd>
        <dt>Last checked</dt>
        <dd data-testid="pack-checked">{when(info.lastCheckedAt)}</dd>
        <dt>Last updated</dt>
        <dd data-testid="pack-updated">{when(info.lastChangedAt ?? info.lastSuccessAt)}</dd>
        <dt>Checked</dt>
        <dd>
          {policy ? (
            `${intervalLabel(state.intervalHours)} (set by your organisation)`
          ) : (
            <>
              <label className="visually-hidden" htmlFor={`pack-interval-${state.addedAt}`}>
                How often to check {title}
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
          <p>
            Last check ({when(info.lastError.at)}) failed: {info.lastError.message}
          </p>
          <p data-testid="pack-in-force">
            {state.pack
              ? `The copy from ${when(info.lastSuccessAt)} (${state.pack.name} ${state.pack.version}) stays in use.`
              : 'No copy of this pack has been read yet.'}
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
          Refresh now
        </button>
        {policy ? null : confirming ? (
          <>
            <button
              type="button"
              className="danger"
              data-testid="pack-unsubscribe-confirm"
              onClick={onUnsubscribe}
            >
              Unsubscribe and remove {presetCount} presets
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="pack-unsubscribe-cancel"
              onClick={() => setConfirming(false)}
            >
              Cancel
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
            Unsubscribe
          </button>
        )}
      </div>
      <StatusLine status={status} testId="pack-row-status" />
    </li>
  );
}
