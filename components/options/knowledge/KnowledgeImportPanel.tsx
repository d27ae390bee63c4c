import { type DragEvent, useId, useRef, useState } from 'react';
import { db } from '@/utils/db';
import { t } from '@/utils/i18n/t';
import type { ImportIssue } from '@/utils/knowledge/import-file';
import {
  applyKnowledgeImport,
  type KnowledgeImportPreview as Preview,
  readKnowledgeFile,
} from '@/utils/options/knowledge-import';
import { describeIssue } from '@/utils/options/knowledge-messages';
import { KnowledgeImportPreview } from './KnowledgeImportPreview';

// Import a knowledge file (Markdown, CSV or JSON): choose or drop it, read the preview, then Import or Cancel.
// Every problem in the file is listed with its place, and nothing changes until Import is pressed.

type State =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'errors'; fileName: string; messages: string[] }
  | { step: 'preview'; preview: Preview; busy: boolean };

type Status = { tone: 'success' | 'error'; message: string } | null;

const ACCEPT = '.md,.markdown,.txt,.csv,.json,text/markdown,text/csv,application/json';

export function KnowledgeImportPanel() {
  const uid = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: 'idle' });
  const [status, setStatus] = useState<Status>(null);
  const [dragging, setDragging] = useState(false);

  const read = async (file: File) => {
    setStatus(null);
    setState({ step: 'reading', fileName: file.name });
    try {
      const result = await readKnowledgeFile(db(), file);
      setState(
        result.ok
          ? { step: 'preview', preview: result.preview, busy: false }
          : {
              step: 'errors',
              fileName: file.name,
              messages: result.issues.map((i: ImportIssue) => describeIssue(i)),
            },
      );
    } catch (error) {
      setState({
        step: 'errors',
        fileName: file.name,
        messages: [t('knowledge_options_import_read_error', String(error).slice(0, 200))],
      });
    }
    // The same file can be chosen again after fixing it.
    if (inputRef.current) inputRef.current.value = '';
  };

  const confirm = async () => {
    if (state.step !== 'preview') return;
    const { preview } = state;
    setState({ ...state, busy: true });
    try {
      await applyKnowledgeImport(db(), preview);
      setState({ step: 'idle' });
      setStatus({
        tone: 'success',
        message: t(
          'knowledge_options_imported',
          preview.fileName,
          preview.added.length,
          preview.updated.length,
          preview.removed.length,
        ),
      });
    } catch (error) {
      setState({ step: 'idle' });
      setStatus({
        tone: 'error',
        message: t('knowledge_options_import_apply_failed', String(error).slice(0, 200)),
      });
    }
  };

  const cancel = () => {
    setState({ step: 'idle' });
    setStatus({ tone: 'success', message: t('knowledge_options_import_cancelled') });
    inputRef.current?.focus();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  };

  return (
    <div className="pack-panel" data-testid="knowledge-import">
      <h3 id={`${uid}-title`}>{t('knowledge_options_import_title')}</h3>
      <p className="field-hint">{t('knowledge_options_import_formats')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is an extra; the file input is the way in */}
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="field">
          <label htmlFor={`${uid}-file`}>{t('knowledge_options_import_label')}</label>
          <input
            id={`${uid}-file`}
            ref={inputRef}
            type="file"
            accept={ACCEPT}
            data-testid="knowledge-file-input"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void read(file);
            }}
          />
        </div>
      </div>
      {state.step === 'reading' && (
        <p className="status status-busy" role="status">
          {t('knowledge_options_import_reading', state.fileName)}
        </p>
      )}
      {state.step === 'errors' && (
        <div className="status status-error" role="alert" data-testid="knowledge-import-errors">
          <p>{t('knowledge_options_import_failed', state.fileName)}</p>
          <ul className="problem-list">
            {state.messages.map((message, i) => (
              // The same message can come twice (two rows with the same problem): the index keeps keys apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole, never reordered
              <li key={i} data-testid="knowledge-import-error">
                {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.step === 'preview' && (
        <KnowledgeImportPreview
          preview={state.preview}
          busy={state.busy}
          onConfirm={() => void confirm()}
          onCancel={cancel}
        />
      )}
      {status && (
        <p
          className={`status status-${status.tone}`}
          role={status.tone === 'error' ? 'alert' : 'status'}
          data-testid="knowledge-import-status"
        >
          {status.message}
        </p>
      )}
    </div>
  );
}
