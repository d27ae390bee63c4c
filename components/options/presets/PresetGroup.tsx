import { t, tCount } from '@/utils/i18n/t';
import type { PresetEntry } from '@/utils/presets/preset';
import { LibraryGroup } from '../shared/LibraryGroup';
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
  return (
    <LibraryGroup
      title={title}
      testId={testId}
      count={entries.length}
      empty={empty}
      removal={
        onRemovePack && {
          label: t('presets_pack_remove'),
          question: tCount('presets_pack_remove_question', entries.length),
          keepLabel: t('presets_keep'),
          testIdPrefix: 'pack-remove',
          onRemove: onRemovePack,
        }
      }
    >
      {entries.map((entry) => (
        <PresetRow key={entry.key} entry={entry} {...row} />
      ))}
    </LibraryGroup>
  );
}
