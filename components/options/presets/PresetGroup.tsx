import { useId, useState } from 'react';
import { t, tCount } from '@/utils/i18n/t';
import type { PresetEntry } from '@/utils/presets/preset';
import { PresetRow, type PresetRowProps } from './PresetRow';

// One group of the library (yours, one team pack, built-in). A pack imported from a file can be removed as a
// whole here; subscribed and policy packs are managed in their own section.

export interface PresetGroupProps extends Omit<PresetRowProps, 'entry'> {
  title: string;
  testId: string;
  entries: PresetEntry[];
  empty?: string;
  onRemovePack?: () => void;
}

export function PresetGroup({ title, testId, entries, empty, onRemovePack, ...row }: PresetGroupProps) {
  const uid = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="preset-group" aria-labelledby={`${uid}-title`} data-testid={testId}>
      <div className="preset-group-header">
        <h3 id={`${uid}-title`}>
          {title} <span className="preset-description">({entries.length})</span>
        </h3>
        {onRemovePack && !confirming && (
          <button
            type="button"
            className="danger"
            data-testid="pack-remove"
            onClick={() => setConfirming(true)}
          >
            {t('presets_pack_remove')}
          </button>
        )}
      </div>
      {onRemovePack && confirming && (
        <div className="confirm-row">
          <p>{tCount('presets_pack_remove_question', entries.length)}</p>
          <button type="button" className="danger" data-testid="pack-remove-confirm" onClick={onRemovePack}>
            {t('presets_pack_remove')}
          </button>
          <button type="button" data-testid="pack-remove-cancel" onClick={() => setConfirming(false)}>
            {t('presets_keep')}
          </button>
        </div>
      )}
      {entries.length === 0 && empty ? (
        <p className="field-hint">{empty}</p>
      ) : (
        <ul className="preset-list">
          {entries.map((entry) => (
            <PresetRow key={entry.key} entry={entry} {...row} />
          ))}
        </ul>
      )}
    </section>
  );
}
