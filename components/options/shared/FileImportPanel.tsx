import { type DragEvent, type ReactNode, useId, useRef, useState } from 'react';
import { StatusLine, type StatusMessage } from './StatusLine';

// Importing a file in the options page (a preset pack, a knowledge file): choose or drop it, read the preview,
// then Import or Cancel. Every problem in the file is listed, and nothing changes until Import is pressed. The
// caller says how to read and apply its kind of file and what the texts are; this panel owns the steps.

/** One problem found in the file. `code` (the pack's issue code) is kept on the list item for tests and styling. */
export interface ImportProblem {
  message: string;
  code?: string;
}

export type ImportReadResult<Preview> =
  | { ok: true; preview: Preview }
  | { ok: false; problems: ImportProblem[] };

export interface ImportPreviewControls<Preview> {
  preview: Preview;
  fileName: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export interface FileImportPanelProps<Preview> {
  /** Test ids: `{prefix}-import`, `-import-errors`, `-import-error`, `-import-status`, `-file-input`, `-drop-zone`. */
  testIdPrefix: string;
  title: string;
  /** A line under the title (e.g. the formats accepted). */
  hint?: string;
  fileLabel: string;
  /** The file input's `accept`. */
  accept: string;
  read: (file: File) => Promise<ImportReadResult<Preview>>;
  /** The problem shown when reading threw (the file could not be read at all). */
  unreadable: (error: unknown) => ImportProblem;
  readingText: (fileName: string) => string;
  problemsHeading: (fileName: string, problemCount: number) => string;
  renderPreview: (controls: ImportPreviewControls<Preview>) => ReactNode;
  /** Writes the previewed import; a throw is shown with `applyFailedText`. */
  apply: (preview: Preview) => Promise<unknown>;
  importedText: (preview: Preview) => string;
  applyFailedText: (error: unknown) => string;
  cancelledText: string;
}

type Step<Preview> =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'errors'; fileName: string; problems: ImportProblem[] }
  | { step: 'preview'; fileName: string; preview: Preview; busy: boolean };

export function FileImportPanel<Preview>(props: FileImportPanelProps<Preview>) {
  const { testIdPrefix } = props;
  const uid = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<Step<Preview>>({ step: 'idle' });
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [dragging, setDragging] = useState(false);

  const read = async (file: File) => {
    setStatus(null);
    setState({ step: 'reading', fileName: file.name });
    try {
      const result = await props.read(file);
      setState(
        result.ok
          ? { step: 'preview', fileName: file.name, preview: result.preview, busy: false }
          : { step: 'errors', fileName: file.name, problems: result.problems },
      );
    } catch (error) {
      setState({ step: 'errors', fileName: file.name, problems: [props.unreadable(error)] });
    }
    // The same file can be chosen again after fixing it.
    if (inputRef.current) inputRef.current.value = '';
  };

  const confirm = async () => {
    if (state.step !== 'preview') return;
    const { preview } = state;
    setState({ ...state, busy: true });
    try {
      await props.apply(preview);
      setState({ step: 'idle' });
      setStatus({ tone: 'success', message: props.importedText(preview) });
    } catch (error) {
      setState({ step: 'idle' });
      setStatus({ tone: 'error', message: props.applyFailedText(error) });
    }
  };

  const cancel = () => {
    setState({ step: 'idle' });
    setStatus({ tone: 'success', message: props.cancelledText });
    inputRef.current?.focus();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void read(file);
  };

  return (
    <div className="pack-panel" data-testid={`${testIdPrefix}-import`}>
      <h3 id={`${uid}-title`}>{props.title}</h3>
      {props.hint && <p className="field-hint">{props.hint}</p>}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is an extra; the file input is the way in */}
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid={`${testIdPrefix}-drop-zone`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="field">
          <label htmlFor={`${uid}-file`}>{props.fileLabel}</label>
          <input
            id={`${uid}-file`}
            ref={inputRef}
            type="file"
            accept={props.accept}
            data-testid={`${testIdPrefix}-file-input`}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void read(file);
            }}
          />
        </div>
      </div>
      {state.step === 'reading' && (
        <p className="status status-busy" role="status">
          {props.readingText(state.fileName)}
        </p>
      )}
      {state.step === 'errors' && (
        <div className="status status-error" role="alert" data-testid={`${testIdPrefix}-import-errors`}>
          <p>{props.problemsHeading(state.fileName, state.problems.length)}</p>
          <ul className="problem-list">
            {state.problems.map((problem, i) => (
              // The same message can come twice (two rows with the same problem): the index keeps keys apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole, never reordered
              <li key={i} data-testid={`${testIdPrefix}-import-error`} data-code={problem.code}>
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.step === 'preview' &&
        props.renderPreview({
          preview: state.preview,
          fileName: state.fileName,
          busy: state.busy,
          onConfirm: () => void confirm(),
          onCancel: cancel,
        })}
      {status && <StatusLine status={status} testId={`${testIdPrefix}-import-status`} />}
    </div>
  );
}

export interface ImportPreviewActionsProps {
  /** Test ids `{testIdPrefix}-import-confirm` and `-import-cancel`. */
  testIdPrefix: string;
  /** Whether importing would change anything: if not, the confirm button is disabled and says so. */
  changes: boolean;
  busy: boolean;
  confirmLabel: string;
  upToDateLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The preview's Import / Cancel buttons. */
export function ImportPreviewActions(props: ImportPreviewActionsProps) {
  return (
    <div className="actions">
      <button
        type="button"
        className="primary"
        disabled={!props.changes || props.busy}
        data-testid={`${props.testIdPrefix}-import-confirm`}
        onClick={props.onConfirm}
      >
        {props.changes ? props.confirmLabel : props.upToDateLabel}
      </button>
      <button type="button" data-testid={`${props.testIdPrefix}-import-cancel`} onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
