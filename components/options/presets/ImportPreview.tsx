import { useId } from 'react';
import { t } from '@/utils/i18n/t';
import { knowledgeHasChanges } from '@/utils/knowledge/import-diff';
import { describeChange, type ImportPreview as Preview } from '@/utils/options/pack-io';
import { type EditorField, fieldLabel } from '@/utils/options/preset-editor';
import { hasChanges, summarizeDiff } from '@/utils/presets/import-diff';
import type { Preset } from '@/utils/presets/preset';
import { ImportPreviewActions } from '../shared/FileImportPanel';
import { ImportKnowledgeChanges } from './ImportKnowledgeChanges';

// What an import will do, before it does it: the pack's name, version and author, then every preset that will be
// added, updated (field by field) or removed. Import commits; Cancel changes nothing.

export interface ImportPreviewProps {
  preview: Preview;
  fileName: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

function Names({ presets, testId }: { presets: readonly Preset[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {presets.map((p) => (
        <li key={p.id}>
          {p.name} <code>{p.id}</code>
        </li>
      ))}
    </ul>
  );
}

export function ImportPreview({ preview, fileName, busy, onConfirm, onCancel }: ImportPreviewProps) {
  const { plan, warnings, extras, migratedFrom } = preview;
  const { diff, pack } = plan;
  const changes = hasChanges(diff) || knowledgeHasChanges(plan.knowledge);
  const titleId = useId();
  return (
    <section className="import-preview" aria-labelledby={titleId} data-testid="pack-import-preview">
      <h4 id={titleId} data-testid="pack-import-title">
        {pack.author
          ? t('presets_preview_title_by', pack.name, pack.version, pack.author)
          : t('presets_preview_title', pack.name, pack.version)}
      </h4>
      <p className="field-hint">
        {t('presets_preview_from', fileName)} {pack.description}
      </p>
      <p data-testid="pack-import-summary">
        <strong>{t('presets_preview_summary', summarizeDiff(diff))}</strong>{' '}
        {t('presets_preview_kept', pack.name)}
      </p>
      {migratedFrom !== undefined && (
        <div className="status status-warning" data-testid="pack-import-migrated">
          <p>{t('presets_preview_migrated', migratedFrom)}</p>
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {migratedFrom === undefined && warnings.length > 0 && (
        <div className="status status-warning" data-testid="pack-import-warnings">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {diff.added.length > 0 && (
        <>
          <h4>{t('presets_preview_added', diff.added.length)}</h4>
          <Names presets={diff.added} testId="pack-import-added" />
        </>
      )}
      {diff.updated.length > 0 && (
        <>
          <h4>{t('presets_preview_updated', diff.updated.length)}</h4>
          <ul data-testid="pack-import-updated">
            {diff.updated.map((u) => (
              <li key={u.after.id}>
                {u.after.name} <code>{u.after.id}</code>
                <table className="change-table">
                  <caption className="visually-hidden">
                    {t('presets_preview_changes_to', u.after.name)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('presets_preview_field')}</th>
                      <th scope="col">{t('presets_preview_now')}</th>
                      <th scope="col">{t('presets_preview_after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.changes.map(describeChange).map((c) => (
                      <tr key={c.field} data-testid="pack-import-change">
                        <th scope="row">{fieldLabel(c.field as EditorField)}</th>
                        <td>{c.before}</td>
                        <td>{c.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h4>{t('presets_preview_removed', diff.removed.length)}</h4>
          <p className="field-hint">{t('presets_preview_removed_hint')}</p>
          <Names presets={diff.removed} testId="pack-import-removed" />
        </>
      )}
      {diff.unchanged.length > 0 && (
        <details>
          <summary>{t('presets_preview_unchanged', diff.unchanged.length)}</summary>
          <Names presets={diff.unchanged} testId="pack-import-unchanged" />
        </details>
      )}
      <ImportKnowledgeChanges plan={plan.knowledge} />
      {extras.length > 0 && (
        <p className="field-hint" data-testid="pack-import-extras">
          {t('presets_preview_extras', extras.join(', '))}
        </p>
      )}
      <ImportPreviewActions
        testIdPrefix="pack"
        changes={changes}
        busy={busy}
        confirmLabel={t('presets_preview_import')}
        upToDateLabel={t('presets_preview_up_to_date')}
        cancelLabel={t('options_cancel')}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />
    </section>
  );
}
