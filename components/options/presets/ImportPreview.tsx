import { useId } from 'react';
import { knowledgeHasChanges } from '@/utils/knowledge/import-diff';
import { describeChange, type ImportPreview as Preview } from '@/utils/options/pack-io';
import { hasChanges, summarizeDiff } from '@/utils/presets/import-diff';
import type { Preset } from '@/utils/presets/preset';
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
        Import “{pack.name}” {pack.version}
        {pack.author ? ` by ${pack.author}` : ''}?
      </h4>
      <p className="field-hint">
        From {fileName}. {pack.description}
      </p>
      <p data-testid="pack-import-summary">
        <strong>{summarizeDiff(diff)}.</strong> These presets are kept as the team pack “{pack.name}”:
        read-only, and replaced as a whole when you import another version of it. Your own presets are not
        touched.
      </p>
      {migratedFrom !== undefined && (
        <div className="status status-warning" data-testid="pack-import-migrated">
          <p>
            This file is in an older pack format ({migratedFrom}); it was converted and will be kept in the
            current one.
          </p>
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
          <h4>Added ({diff.added.length})</h4>
          <Names presets={diff.added} testId="pack-import-added" />
        </>
      )}
      {diff.updated.length > 0 && (
        <>
          <h4>Updated ({diff.updated.length})</h4>
          <ul data-testid="pack-import-updated">
            {diff.updated.map((u) => (
              <li key={u.after.id}>
                {u.after.name} <code>{u.after.id}</code>
                <table className="change-table">
                  <caption className="visually-hidden">Changes to {u.after.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Now</th>
                      <th scope="col">After import</th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.changes.map(describeChange).map((c) => (
                      <tr key={c.field} data-testid="pack-import-change">
                        <th scope="row">{c.field}</th>
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
          <h4>Removed ({diff.removed.length})</h4>
          <p className="field-hint">No longer in this version of the pack.</p>
          <Names presets={diff.removed} testId="pack-import-removed" />
        </>
      )}
      {diff.unchanged.length > 0 && (
        <details>
          <summary>Unchanged ({diff.unchanged.length})</summary>
          <Names presets={diff.unchanged} testId="pack-import-unchanged" />
        </details>
      )}
      <ImportKnowledgeChanges plan={plan.knowledge} />
      {extras.length > 0 && (
        <p className="field-hint" data-testid="pack-import-extras">
          The pack also carries {extras.join(', ')}. Importing here adds its presets only; those are not
          applied.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!changes || busy}
          data-testid="pack-import-confirm"
          onClick={onConfirm}
        >
          {changes ? 'Import' : 'Already up to date'}
        </button>
        <button type="button" data-testid="pack-import-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
