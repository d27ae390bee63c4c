import { type DragEvent, useId, useRef, useState } from 'react';
import { db } from '@/utils/db';
import { t, tCount } from '@/utils/i18n/t';
import { knowledgeHasChanges } from '@/utils/knowledge/import-diff';
import { type ImportPreview as Preview, readPackFile } from '@/utils/options/pack-io';
import { ImportConflictError } from '@/utils/presets/import-diff';
import type { PackIssue } from '@/utils/presets/pack';
import { commitImport } from '@/utils/presets/store';
import { ImportPreview } from './ImportPreview';

// Import a pack file: choose (or drop) it, read the preview, then Import or Cancel. Any problem in the file is
// listed with its place, and nothing changes until Import is pressed.

type State =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'errors'; fileName: string; errors: PackIssue[] }
  | { step: 'preview'; fileName: string; preview: Preview; busy: boolean };

type Status = { tone: 'success' | 'error'; message: string } | null;

export function PackImportPanel() {
  const uid = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: 'idle' });
  const [status, setStatus] = useState<Status>(null);
  const [dragging, setDragging] = useState(false);

  const read = async (file: File) => {
    setStatus(null);
    setState({ step: 'reading', fileName: file.name });
    try {
      const result = await readPackFile(db(), file);
      setState(
        result.ok
          ? { step: 'preview', fileName: file.name, preview: result.preview, busy: false }
          : { step: 'errors', fileName: file.name, errors: result.errors },
      );
    } catch (error) {
      setState({
        step: 'errors',
        fileName: file.name,
        errors: [
          {
            code: 'invalid',
            path: '',
            message: t('presets_import_unreadable', String(error).slice(0, 200)),
          },
        ],
      });
    }
    // The same file can be chosen again after fixing it.
    if (inputRef.current) inputRef.current.value = '';
  };

  const confirm = async () => {
    if (state.step !== 'preview') return;
    const { plan } = state.preview;
    setState({ ...state, busy: true });
    try {
      await commitImport(db(), plan, 'confirm');
      setState({ step: 'idle' });
      setStatus({
        tone: 'success',
        message: t('presets_imported', plan.pack.name, plan.pack.version, summarizeShort(state.preview)),
      });
    } catch (error) {
      setState({ step: 'idle' });
      setStatus({
        tone: 'error',
        message:
          error instanceof ImportConflictError
            ? error.message
            : t('presets_import_failed', String(error).slice(0, 200)),
      });
    }
  };

  const cancel = () => {
    setState({ step: 'idle' });
    setStatus({ tone: 'success', message: t('presets_import_cancelled') });
    inputRef.current?.focus();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  };

  return (
    <div className="pack-panel" data-testid="pack-import">
      <h3 id={`${uid}-title`}>{t('presets_import_title')}</h3>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is an extra; the file input is the way in */}
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="pack-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="field">
          <label htmlFor={`${uid}-file`}>{t('presets_import_file_label')}</label>
          <input
            id={`${uid}-file`}
            ref={inputRef}
            type="file"
            accept=".json,application/json"
            data-testid="pack-file-input"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void read(file);
            }}
          />
        </div>
      </div>
      {state.step === 'reading' && (
        <p className="status status-busy" role="status">
          {t('presets_import_reading', state.fileName)}
        </p>
      )}
      {state.step === 'errors' && (
        <div className="status status-error" role="alert" data-testid="pack-import-errors">
          <p>
            {t('presets_import_not_imported', state.fileName)}{' '}
            {tCount('presets_import_problems', state.errors.length)}
          </p>
          <ul className="problem-list">
            {state.errors.map((e) => (
              <li key={`${e.path}-${e.message}`} data-testid="pack-import-error" data-code={e.code}>
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.step === 'preview' && (
        <ImportPreview
          preview={state.preview}
          fileName={state.fileName}
          busy={state.busy}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        />
      )}
      {status && (
        <p
          className={`status status-${status.tone}`}
          role={status.tone === 'error' ? 'alert' : 'status'}
          data-testid="pack-import-status"
        >
          {status.message}
        </p>
      )}
    </div>
  );
}

function summarizeShort(preview: Preview): string {
  const { added, updated, removed } = preview.plan.diff;
  const presets = t('presets_import_short', added.length, updated.length, removed.length);
  const knowledge = preview.plan.knowledge;
  if (!knowledgeHasChanges(knowledge) || !knowledge) return presets;
  const k = knowledge.diff;
  return `${presets}; ${t('presets_import_short_knowledge', k.added.length, k.updated.length, k.removed.length)}`;
}
