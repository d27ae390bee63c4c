import { formatDateTime, type MessageKey, t } from '@/utils/i18n/t';
import { useManagedPolicy } from '@/utils/options/team-packs-client';
import { usePresetSync } from '@/utils/options/use-preset-sync';
import { SYNC_QUOTA } from '@/utils/presets/sync';

// "Sync my presets": personal presets follow the agent to other computers signed in to the same browser profile.

const OUTCOME_TEXT: Record<'pushed' | 'pulled' | 'merged' | 'unchanged' | 'failed', MessageKey> = {
  pushed: 'presets_sync_pushed',
  pulled: 'presets_sync_pulled',
  merged: 'presets_sync_merged',
  unchanged: 'presets_sync_unchanged',
  failed: 'presets_sync_failed',
};

export function PresetSyncControl() {
  const sync = usePresetSync();
  const { policy } = useManagedPolicy();
  if (policy.disablePresetSync)
    return (
      <p className="field-hint" data-testid="preset-sync-locked">
        {t('presets_sync_off_by_policy')}
      </p>
    );
  const { state } = sync;
  const when = state.lastRunAt ? formatDateTime(state.lastRunAt) : null;
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
        {t('presets_sync_toggle')}
      </label>
      {state.enabled && (
        <div className="status-area" aria-live="polite">
          {sync.busy ? (
            <p className="status status-busy">{t('presets_syncing')}</p>
          ) : state.lastOutcome ? (
            <p
              className={`status status-${state.lastOutcome === 'failed' ? 'error' : 'success'}`}
              data-testid="preset-sync-status"
              data-outcome={state.lastOutcome}
            >
              {state.lastOutcome === 'failed' ? state.lastMessage : t(OUTCOME_TEXT[state.lastOutcome])}
              {state.lastOutcome !== 'failed' && state.lastMessage ? ` ${state.lastMessage}` : ''}
              {state.bytes !== undefined && state.lastOutcome !== 'failed'
                ? ` ${t('presets_sync_used', Math.ceil(state.bytes / 1024), Math.floor(SYNC_QUOTA.QUOTA_BYTES / 1024))}`
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
            {t('presets_sync_now')}
          </button>
        </div>
      )}
    </div>
  );
}
