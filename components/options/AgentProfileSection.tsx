import { type FormEvent, useEffect, useState } from 'react';
import { AgentProfile, EMPTY_AGENT_PROFILE, loadAgentProfile, saveAgentProfile } from '@/utils/agent-profile';
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
        if (field === 'name' || field === 'team') found[field] = 'At most 100 characters.';
        if (field === 'signature') found.signature = 'At most 1,000 characters.';
      }
      setErrors(found);
      setStatus({ tone: 'error', message: 'Not saved: correct the fields marked above.' });
      return;
    }
    setErrors({});
    void saveAgentProfile(parsed.data).then(
      (saved) => {
        setProfile(saved);
        setStatus({ tone: 'success', message: 'Saved.' });
      },
      (error: unknown) => setStatus({ tone: 'error', message: `Not saved: ${String(error)}` }),
    );
  };

  return (
    <section className="card" aria-labelledby="agent-profile-title">
      <h2 id="agent-profile-title">About you</h2>
      <p>
        Optional. Drafts are written as you, and presets use these where they say {'{{agent.name}}'},{' '}
        {'{{agent.signature}}'} or {'{{team.name}}'}. Stored in this browser only.
      </p>
      <form noValidate onSubmit={save} data-testid="agent-profile">
        <TextField
          id="agent-name"
          testId="agent-name"
          label="Your name"
          value={profile.name}
          readOnly={!loaded}
          error={errors.name}
          autoComplete="name"
          onChange={set('name')}
        />
        <TextField
          id="agent-team"
          testId="agent-team"
          label="Team"
          value={profile.team}
          readOnly={!loaded}
          error={errors.team}
          placeholder="Billing support"
          onChange={set('team')}
        />
        <TextField
          id="agent-signature"
          testId="agent-signature"
          label="Signature"
          value={profile.signature}
          readOnly={!loaded}
          error={errors.signature}
          placeholder="Ana · Acme Support"
          onChange={set('signature')}
        />
        <button type="submit" className="primary" disabled={!loaded} data-testid="agent-profile-save">
          Save
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
