import { useEffect, useState } from 'react';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { type MessageKey, t } from '@/utils/i18n/t';
import { DETECTORS } from '@/utils/privacy/engine';
import { buildPrivacySettings, teamPatternsToText } from '@/utils/privacy/form';
import { DEFAULT_PRIVACY, type PrivacySettings } from '@/utils/privacy/settings';
import { loadPrivacySettings, savePrivacySettings } from '@/utils/privacy/store';
import type { DetectorId } from '@/utils/privacy/types';

// Privacy: redaction before every model call (on by default), per detector and per helpdesk, the team's own
// patterns and allow-list, and "require the preview before each send".

type Status = { tone: 'success' | 'error'; message: string } | null;

/** What each detector finds, in the UI language (the detectors' own descriptions are for developers). */
const DETECTOR_TEXT: Record<DetectorId, MessageKey> = {
  email: 'options_privacy_detector_email',
  phone: 'options_privacy_detector_phone',
  card: 'options_privacy_detector_card',
  iban: 'options_privacy_detector_iban',
  ssn: 'options_privacy_detector_ssn',
  personnummer: 'options_privacy_detector_personnummer',
  nino: 'options_privacy_detector_nino',
  ip: 'options_privacy_detector_ip',
  secret: 'options_privacy_detector_secret',
  address: 'options_privacy_detector_address',
};

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
      setStatus({ tone: 'error', message: t('options_privacy_not_saved', built.error) });
      return;
    }
    void savePrivacySettings(built.value).then(
      () => {
        setSettings(built.value);
        setStatus({ tone: 'success', message: t('options_privacy_saved') });
      },
      (error: unknown) =>
        setStatus({ tone: 'error', message: t('options_privacy_not_saved', String(error)) }),
    );
  };

  return (
    <section className="card" aria-labelledby="privacy-title" data-testid="privacy-section">
      <h2 id="privacy-title">{t('options_privacy_title')}</h2>
      <p className="section-intro">{t('options_privacy_intro')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => setSettings({ ...settings, enabled: e.target.checked })}
          data-testid="privacy-enabled"
        />{' '}
        {t('options_privacy_enabled')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.requirePreview}
          onChange={(e) => setSettings({ ...settings, requirePreview: e.target.checked })}
          data-testid="privacy-require-preview"
        />{' '}
        {t('options_privacy_require_preview')}
      </label>
      <fieldset disabled={!settings.enabled}>
        <legend>{t('options_privacy_what')}</legend>
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
            <strong>[{d.label}_1]</strong> {t(DETECTOR_TEXT[d.id])}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!settings.enabled}>
        <legend>{t('options_privacy_where')}</legend>
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
        <span>{t('options_privacy_team_patterns')}</span>
        <textarea
          rows={3}
          value={teamText}
          placeholder={'ORDER: ORD-\\d{6}\nCUSTOMERID/i: cust_[a-z0-9]{8}'}
          onChange={(e) => setTeamText(e.target.value)}
          data-testid="privacy-team-patterns"
        />
      </label>
      <label className="field">
        <span>{t('options_privacy_allow_list')}</span>
        <textarea
          rows={3}
          value={allowText}
          onChange={(e) => setAllowText(e.target.value)}
          data-testid="privacy-allow-list"
        />
      </label>
      <button type="button" className="primary" onClick={save} data-testid="privacy-save">
        {t('options_privacy_save')}
      </button>
      {status ? (
        <p className={`status status-${status.tone}`} role="status" data-testid="privacy-status">
          {status.message}
        </p>
      ) : null}
    </section>
  );
}
