import { useEffect, useState } from 'react';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { DETECTORS } from '@/utils/privacy/engine';
import { buildPrivacySettings, teamPatternsToText } from '@/utils/privacy/form';
import { DEFAULT_PRIVACY, type PrivacySettings } from '@/utils/privacy/settings';
import { loadPrivacySettings, savePrivacySettings } from '@/utils/privacy/store';
import type { DetectorId } from '@/utils/privacy/types';

// Privacy: redaction before every model call (on by default), per detector and per helpdesk, the team's own
// patterns and allow-list, and "require the preview before each send".

type Status = { tone: 'success' | 'error'; message: string } | null;

export function PrivacySection() {
  const [settings, setSettings] = useState<PrivacySettings>(DEFAULT_PRIVACY);
  const [teamText, setTeamText] = useState('');
  const [allowText, setAllowText] = useState('');
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    let live = true;
    void loadPrivacySettings().then(({ settings: loaded, warning }) => {
      if (!live) return;
      setSettings(loaded);
      setTeamText(teamPatternsToText(loaded.teamPatterns));
      setAllowText(loaded.allowList.join('\n'));
      if (warning) setStatus({ tone: 'error', message: warning });
    });
    return () => {
      live = false;
    };
  }, []);

  const toggleIn = <T extends string>(list: readonly T[], id: T, on: boolean): T[] =>
    on ? list.filter((x) => x !== id) : [...new Set([...list, id])];

  const save = () => {
    const built = buildPrivacySettings(settings, teamText, allowText);
    if (!built.ok) {
      setStatus({ tone: 'error', message: `Not saved: ${built.error}` });
      return;
    }
    void savePrivacySettings(built.value).then(
      () => {
        setSettings(built.value);
        setStatus({ tone: 'success', message: 'Privacy settings saved.' });
      },
      (error: unknown) => setStatus({ tone: 'error', message: `Not saved: ${String(error)}` }),
    );
  };

  return (
    <section className="card" aria-labelledby="privacy-title" data-testid="privacy-section">
      <h2 id="privacy-title">Privacy</h2>
      <p className="section-intro">
        Before each summary or draft, Deskmate replaces personal data in the ticket with placeholders such as
        [EMAIL_1] or [CARD_1], in this browser. The model never sees the real values; your draft gets them
        back here. The panel’s “What will be sent” shows exactly what leaves.
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })}
          data-testid="privacy-enabled"
        />{' '}
        Redact personal data before every model call
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.requirePreview}
          onChange={(e) => setSettings({ ...settings, requirePreview: e.target.checked })}
          data-testid="privacy-require-preview"
        />{' '}
        Require the preview before each send (Draft and Summarize open it first; a button there sends)
      </label>
      <fieldset disabled={!settings.enabled}>
        <legend>What to redact</legend>
        {DETECTORS.map((d) => (
          <label key={d.id} className="checkbox">
            <input
              type="checkbox"
              checked={!settings.disabledDetectors.includes(d.id)}
              onChange={(e) =>
                setSettings({
                  ...settings,
                  disabledDetectors: toggleIn<DetectorId>(settings.disabledDetectors, d.id, e.target.checked),
                })
              }
              data-testid={`privacy-detector-${d.id}`}
            />{' '}
            <strong>[{d.label}_1]</strong> {d.description}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!settings.enabled}>
        <legend>Redact on these helpdesks</legend>
        {ADAPTERS.map((a) => (
          <label key={a.id} className="checkbox">
            <input
              type="checkbox"
              checked={!settings.disabledHelpdesks.includes(a.id)}
              onChange={(e) =>
                setSettings({
                  ...settings,
                  disabledHelpdesks: toggleIn(settings.disabledHelpdesks, a.id, e.target.checked),
                })
              }
              data-testid={`privacy-helpdesk-${a.id}`}
            />{' '}
            {a.name}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>
          Team patterns, one per line: LABEL: regular expression (add /i after the label to ignore case)
        </span>
        <textarea
          rows={3}
          value={teamText}
          placeholder={'ORDER: ORD-\\d{6}\nCUSTOMERID/i: cust_[a-z0-9]{8}'}
          onChange={(e) => setTeamText(e.target.value)}
          data-testid="privacy-team-patterns"
        />
      </label>
      <label className="field">
        <span>Never redact (one value per line, e.g. your support address)</span>
        <textarea
          rows={3}
          value={allowText}
          onChange={(e) => setAllowText(e.target.value)}
          data-testid="privacy-allow-list"
        />
      </label>
      <button type="button" className="primary" onClick={save} data-testid="privacy-save">
        Save privacy settings
      </button>
      {status ? (
        <p className={`status status-${status.tone}`} role="status" data-testid="privacy-status">
          {status.message}
        </p>
      ) : null}
    </section>
  );
}
