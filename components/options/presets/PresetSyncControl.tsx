import { useManagedPolicy } from '@/utils/options/team-packs-client';
import { usePresetSync } from '@/utils/options/use-preset-sync';
import { SYNC_QUOTA } from '@/utils/presets/sync';
import { SYNC_OFF_BY_POLICY } from '@/utils/presets/sync-runner';

// "Sync my presets": personal presets follow the agent to other computers signed in to the same browser profile.

const OUTCOME_TEXT = {
  pushed: 'Your presets were saved to the browser’s sync.',
  pulled: 'Your presets were updated from another computer.',
  merged: 'Your presets were merged with another computer’s.',
  unchanged: 'Your presets are in sync.',
  failed: 'Sync failed.',
} as const;

export function PresetSyncControl() {
  const sync = usePresetSync();
  const { policy } = useManagedPolicy();
  if (policy.disablePresetSync)
    return (
      <p className="field-hint" data-testid="preset-sync-locked">
        {SYNC_OFF_BY_POLICY}
      </p>
    );
  const { state } = sync;
  const when = state.lastRunAt ? new Date(state.lastRunAt).toLocaleString() : null;
  return (
    <div className="preset-sync" data-testid="preset-sync">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={state.enabled}
          disabled={sync.busy}
          data-testid="preset-sync-toggle"
          onChange={(e) => void sync.setEnabled(e.currentTarget.checked)}
        />{' '}
        Sync my own presets to my other computers (through the browser’s sync; team and built-in presets are
        not synced, and nothing else is)
      </label>
      {state.enabled && (
        <div className="status-area" aria-live="polite">
          {sync.busy ? (
            <p className="status status-busy">Syncing…</p>
          ) : state.lastOutcome ? (
            <p
              className={`status status-${state.lastOutcome === 'failed' ? 'error' : 'success'}`}
              data-testid="preset-sync-status"
              data-outcome={state.lastOutcome}
            >
              {state.lastOutcome === 'failed' ? state.lastMessage : OUTCOME_TEXT[state.lastOutcome]}
              {state.lastOutcome !== 'failed' && state.lastMessage ? ` ${state.lastMessage}` : ''}
              {state.bytes !== undefined && state.lastOutcome !== 'failed'
                ? ` ${Math.ceil(state.bytes / 1024)} kB of ${Math.floor(SYNC_QUOTA.QUOTA_BYTES / 1024)} kB used.`
                : ''}
              {when ? ` (${when})` : ''}
            </p>
          ) : null}
          <button
            type="button"
            disabled={sync.busy}
            onClick={() => void sync.syncNow()}
            data-testid="preset-sync-now"
          >
            Sync now
          </button>
        </div>
      )}
    </div>
  );
}
