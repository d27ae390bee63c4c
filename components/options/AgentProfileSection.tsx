import { type FormEvent, useEffect, useState } from 'react';
import { AgentProfile, EMPTY_AGENT_PROFILE, loadAgentProfile, saveAgentProfile } from '@/utils/agent-profile';
import { t } from '@/utils/i18n/t';
import { TextField } from './TextField';

// "About you": the name drafts are written as, a signature and a team name for presets. All optional.

type Status = { tone: 'success' | 'error'; message: string } | null;

export function AgentProfileSection() {
  const [profile, setProfile] = useState<AgentProfile>(EMPTY_AGENT_PROFILE);
  const [loaded, setLoaded] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof AgentProfile, string>>>({});
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    let live = true;
    void loadAgentProfile().then((value) => {
      if (!live) return;
      setProfile(value);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, []);

  const set = (field: keyof AgentProfile) => (value: string) => setProfile((p) => ({ ...p, [field]: value }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = AgentProfile.safeParse(profile);
    if (!parsed.success) {
      const found: Partial<Record<keyof AgentProfile, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'name' || field === 'team') found[field] = t('options_at_most_chars', 100);
        if (field === 'signature') found.signature = t('options_at_most_chars', 1000);
      }
      setErrors(found);
      setStatus({ tone: 'error', message: t('options_profile_fix_fields') });
      return;
    }
    setErrors({});
    void saveAgentProfile(parsed.data).then(
      (saved) => {
        setProfile(saved);
        setStatus({ tone: 'success', message: t('options_saved') });
      },
      (error: unknown) =>
        setStatus({ tone: 'error', message: t('options_privacy_not_saved', String(error)) }),
    );
  };

  return (
    <section className="card" aria-labelledby="agent-profile-title">
      <h2 id="agent-profile-title">{t('options_profile_title')}</h2>
      <p>{t('options_profile_intro', '{{agent.name}}', '{{agent.signature}}', '{{team.name}}')}</p>
      <form noValidate onSubmit={save} data-testid="agent-profile">
        <TextField
          id="agent-name"
          testId="agent-name"
          label={t('options_profile_name')}
          value={profile.name}
          readOnly={!loaded}
          error={errors.name}
          autoComplete="name"
          onChange={set('name')}
        />
        <TextField
          id="agent-team"
          testId="agent-team"
          label={t('options_profile_team')}
          value={profile.team}
          readOnly={!loaded}
          error={errors.team}
          placeholder={t('options_profile_team_placeholder')}
          onChange={set('team')}
        />
        <TextField
          id="agent-signature"
          testId="agent-signature"
          label={t('options_profile_signature')}
          value={profile.signature}
          readOnly={!loaded}
          error={errors.signature}
          placeholder={t('options_profile_signature_placeholder')}
          onChange={set('signature')}
        />
        <button type="submit" className="primary" disabled={!loaded} data-testid="agent-profile-save">
          {t('options_save')}
        </button>
        {status && (
          <p
            className={`status status-${status.tone}`}
            role={status.tone === 'error' ? 'alert' : 'status'}
            data-testid="agent-profile-status"
          >
            {status.message}
          </p>
        )}
      </form>
    </section>
  );
}
