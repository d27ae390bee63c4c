import { t, tCount } from '../../utils/i18n/t';
import { tRich } from './rich-text';

// The result area under the provider form: what Save or Test connection did, in words.

export type ProviderStatusState =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'success'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'error'; message: string; code?: string; status?: number }
  | { kind: 'tested'; detail: string; models: string[] };

export interface ProviderStatusProps {
  state: ProviderStatusState;
  currentModel: string;
  onPickModel: (model: string) => void;
}

export function ProviderStatus({ state, currentModel, onPickModel }: ProviderStatusProps) {
  return (
    <div className="status-area" data-testid="provider-status" aria-live="polite">
      <StatusBody state={state} currentModel={currentModel} onPickModel={onPickModel} />
    </div>
  );
}

function StatusBody({ state, currentModel, onPickModel }: ProviderStatusProps) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'busy':
      return <p className="status status-busy">{state.message}</p>;
    case 'success':
      return <p className="status status-success">{state.message}</p>;
    case 'warning':
      return (
        <p className="status status-warning" role="alert">
          {state.message}
        </p>
      );
    case 'error':
      return (
        <div className="status status-error" role="alert">
          <p>{state.message}</p>
          {state.code ? (
            <p className="status-code">
              {tRich('options_status_error_code', <code>{state.code}</code>)}
              {state.status !== undefined ? ` (HTTP ${state.status})` : null}
            </p>
          ) : null}
        </div>
      );
    case 'tested':
      return (
        <div className="status status-success">
          <p>{state.detail}</p>
          {state.models.length === 0 ? (
            <p>{t('options_status_no_models')}</p>
          ) : (
            <>
              <p id="provider-models-label">{tCount('options_status_models', state.models.length)}</p>
              <ul
                className="model-list"
                data-testid="provider-models"
                aria-labelledby="provider-models-label"
              >
                {state.models.map((model) => (
                  <li key={model}>
                    <button
                      type="button"
                      className="model-choice"
                      aria-pressed={model === currentModel}
                      onClick={() => onPickModel(model)}
                    >
                      {model}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      );
  }
}
