import { type FormEvent, useEffect, useRef, useState } from 'react';
import { chooseOnDeviceProvider, useOnDeviceChoice } from '../../utils/panel/active-provider';
import { isHttpUrl } from '../../utils/settings';
import {
  DEFAULT_TIMEOUT_SECONDS,
  formFromSettings,
  hasHostPermission,
  hostPermissionPattern,
  loadApiKeyHint,
  loadProviderSettings,
  type ProviderFormErrors,
  type ProviderFormField,
  type ProviderFormValues,
  parseProviderForm,
  requestHostPermission,
  saveApiKey,
  saveProviderSettings,
  testProviderConnection,
} from '../../utils/settings-store';
import { ChromeAiCard } from './ChromeAiCard';
import { ProviderStatus, type ProviderStatusState } from './ProviderStatus';
import { TextField } from './TextField';

// "Model provider": base URL, model, API key, timeout; Save and Test connection.
// The logic (validation, storage, permissions, the test call) lives in utils/settings-store.ts.
// The API key field is write-only: the stored key is never loaded into this page (not in state, not in the DOM);
// the page only knows a masked hint ("A key is stored (…60c3)"). Saving with the field empty keeps it.

export const QUICK_FILLS: readonly { label: string; baseURL: string }[] = [
  { label: 'OpenAI', baseURL: 'https://api.openai.com/v1' },
  { label: 'Ollama (this computer)', baseURL: 'http://localhost:11434/v1' },
  { label: 'LM Studio', baseURL: 'http://localhost:1234/v1' },
];

const FIELD_ORDER: ProviderFormField[] = ['baseURL', 'model', 'apiKey', 'timeoutSeconds'];

const EMPTY_FORM: ProviderFormValues = {
  baseURL: '',
  model: '',
  apiKey: '',
  timeoutSeconds: String(DEFAULT_TIMEOUT_SECONDS),
};

function permissionDeniedMessage(pattern: string): string {
  const host = pattern.replace(/\/\*$/, '');
  return `Permission to access ${host} was not granted: the model endpoint cannot be reached without it.`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ProviderSection() {
  const [loaded, setLoaded] = useState(false);
  const [values, setValues] = useState<ProviderFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<ProviderFormErrors>({});
  const [loadWarning, setLoadWarning] = useState<string | undefined>();
  /** "A key is stored (…60c3)", or null when no key is stored. Never the key itself. */
  const [storedKeyHint, setStoredKeyHint] = useState<string | null>(null);
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [status, setStatus] = useState<ProviderStatusState>({ kind: 'idle' });
  // The on-device choice is stored where these settings live; it is not an invalid endpoint to warn about.
  const onDevice = useOnDeviceChoice();

  const inputs = useRef<Partial<Record<ProviderFormField, HTMLInputElement | null>>>({});
  /** Host patterns known to be granted. Checked ahead of time so a click can ask without awaiting first. */
  const granted = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    void (async () => {
      const [{ settings, warning }, keyHint] = await Promise.all([
        loadProviderSettings(),
        loadApiKeyHint().catch(() => null),
      ]);
      if (!live) return;
      setValues(formFromSettings(settings));
      setLoadWarning(warning);
      setStoredKeyHint(keyHint);
      setLoaded(true);
    })();
    return () => {
      live = false;
    };
  }, []);

  // Keep the "already granted?" answer for the typed endpoint ready before Save/Test is clicked.
  const pattern = hostPermissionPattern(values.baseURL);
  useEffect(() => {
    if (!pattern || granted.current.has(pattern)) return;
    let live = true;
    void hasHostPermission(pattern).then((ok) => {
      if (live && ok) granted.current.add(pattern);
    });
    return () => {
      live = false;
    };
  }, [pattern]);

  const setField = (field: ProviderFormField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  /**
   * Starts the permission prompt for `baseURL` when needed. Call it synchronously from the click/submit
   * handler, before any await: browsers only show the prompt during a user gesture.
   */
  const askHostPermission = (baseURL: string): { pattern: string | null; result: Promise<boolean> } => {
    const wanted = hostPermissionPattern(baseURL);
    if (!wanted || granted.current.has(wanted)) return { pattern: wanted, result: Promise.resolve(true) };
    const result = requestHostPermission(wanted).then((ok) => {
      if (ok) granted.current.add(wanted);
      return ok;
    });
    return { pattern: wanted, result };
  };

  const focusFirstError = (found: ProviderFormErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) inputs.current[first]?.focus();
  };

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseProviderForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus({ kind: 'error', message: 'Nothing was saved: correct the highlighted fields.' });
      focusFirstError(parsed.errors);
      return;
    }
    setErrors({});
    const permission = askHostPermission(parsed.settings.baseURL); // inside the gesture, before any await
    setBusy('save');
    setStatus({ kind: 'busy', message: 'Saving…' });
    void (async () => {
      try {
        await saveProviderSettings(parsed.settings);
        // An empty key field keeps the stored key; a typed one replaces it.
        if (parsed.apiKey !== null) await saveApiKey(parsed.apiKey);
        setStoredKeyHint(await loadApiKeyHint());
      } catch (error) {
        setStatus({ kind: 'error', message: `The settings could not be saved: ${errorText(error)}` });
        setBusy(null);
        return;
      }
      setLoadWarning(undefined);
      setValues(formFromSettings(parsed.settings)); // empties the key field: the key is stored, not shown
      setShowKey(false);
      const ok = await permission.result;
      setStatus(
        ok || !permission.pattern
          ? { kind: 'success', message: 'Saved.' }
          : {
              kind: 'warning',
              message: `Settings saved. ${permissionDeniedMessage(permission.pattern)} Click Save again to grant it.`,
            },
      );
      setBusy(null);
    })();
  };

  const onTest = () => {
    if (busy) return;
    const baseURL = values.baseURL.trim();
    if (baseURL && !isHttpUrl(baseURL)) {
      const found = {
        baseURL: 'Enter a full URL starting with http:// or https://, for example https://api.openai.com/v1.',
      };
      setErrors((current) => ({ ...current, ...found }));
      setStatus({ kind: 'error', message: 'Correct the base URL before testing the connection.' });
      focusFirstError(found);
      return;
    }
    const permission = askHostPermission(baseURL); // inside the gesture, before any await
    setBusy('test');
    setStatus({ kind: 'busy', message: 'Testing the connection…' });
    void (async () => {
      const ok = await permission.result;
      if (!ok && permission.pattern) {
        setStatus({ kind: 'error', message: permissionDeniedMessage(permission.pattern), code: 'forbidden' });
        setBusy(null);
        return;
      }
      const result = await testProviderConnection({ baseURL, model: values.model, apiKey: values.apiKey });
      setStatus(
        result.ok
          ? { kind: 'tested', detail: result.detail, models: result.models }
          : {
              kind: 'error',
              message: result.error.message,
              code: result.error.code,
              status: result.error.status,
            },
      );
      setBusy(null);
    })();
  };

  const onRemoveKey = () => {
    if (busy) return;
    setBusy('save');
    void (async () => {
      try {
        await saveApiKey(null);
        setStoredKeyHint(null);
        setField('apiKey', '');
        setStatus({ kind: 'success', message: 'The API key was removed from this browser.' });
      } catch (error) {
        setStatus({ kind: 'error', message: `The API key could not be removed: ${errorText(error)}` });
      }
      setBusy(null);
    })();
  };

  const onPickModel = (model: string) => {
    setField('model', model);
  };

  return (
    <section className="card" aria-labelledby="provider-title" aria-busy={!loaded}>
      <h2 id="provider-title">Model provider</h2>
      <p className="section-intro">
        Any OpenAI-compatible endpoint works: OpenAI, Ollama, LM Studio, vLLM, OpenRouter, LiteLLM and others.
      </p>
      <ChromeAiCard onUse={chooseOnDeviceProvider} inUse={onDevice} />
      {loadWarning && !onDevice ? (
        <p className="status status-warning" role="alert" data-testid="provider-load-warning">
          {loadWarning}
        </p>
      ) : null}
      <form noValidate onSubmit={onSave}>
        <TextField
          readOnly={!loaded}
          id="provider-base-url"
          testId="provider-base-url"
          label="Base URL"
          type="url"
          inputMode="url"
          placeholder="https://api.openai.com/v1"
          value={values.baseURL}
          error={errors.baseURL}
          inputRef={(el) => {
            inputs.current.baseURL = el;
          }}
          onChange={(value) => setField('baseURL', value)}
          hint="The address that ends before /chat/completions, usually with /v1."
        >
          <fieldset className="quick-fill">
            <legend>Fill in</legend>
            {QUICK_FILLS.map((fill) => (
              <button
                key={fill.baseURL}
                type="button"
                className="secondary"
                title={fill.baseURL}
                onClick={() => setField('baseURL', fill.baseURL)}
              >
                {fill.label}
              </button>
            ))}
          </fieldset>
        </TextField>

        <TextField
          readOnly={!loaded}
          id="provider-model"
          testId="provider-model"
          label="Model"
          placeholder="gpt-4o-mini, llama3.2, …"
          value={values.model}
          error={errors.model}
          inputRef={(el) => {
            inputs.current.model = el;
          }}
          onChange={(value) => setField('model', value)}
          hint="Test connection lists the models the endpoint offers."
        />

        <TextField
          readOnly={!loaded}
          id="provider-api-key"
          testId="provider-api-key"
          label="API key"
          type={showKey ? 'text' : 'password'}
          autoComplete="off"
          placeholder={
            storedKeyHint ? `${storedKeyHint}: type a new key to replace it` : 'Leave empty for local servers'
          }
          value={values.apiKey}
          error={errors.apiKey}
          inputRef={(el) => {
            inputs.current.apiKey = el;
          }}
          onChange={(value) => setField('apiKey', value)}
          hint={
            <>
              {storedKeyHint ? (
                <span data-testid="provider-api-key-stored">
                  {storedKeyHint}. Leave the field empty to keep it, or type a new key to replace it.{' '}
                </span>
              ) : null}
              Stored only in this browser's extension storage; never shown again, never exported, never shared
              with web pages.
            </>
          }
          after={
            <>
              <button
                type="button"
                className="secondary"
                aria-pressed={showKey}
                aria-controls="provider-api-key"
                data-testid="provider-api-key-toggle"
                onClick={() => setShowKey((shown) => !shown)}
              >
                {showKey ? 'Hide' : 'Show'}
              </button>
              <button
                type="button"
                className="secondary danger"
                data-testid="provider-api-key-remove"
                disabled={storedKeyHint === null && values.apiKey === ''}
                onClick={onRemoveKey}
              >
                Remove key
              </button>
            </>
          }
        />

        <TextField
          readOnly={!loaded}
          id="provider-timeout"
          testId="provider-timeout"
          label="Request timeout (seconds)"
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          step={1}
          value={values.timeoutSeconds}
          error={errors.timeoutSeconds}
          inputRef={(el) => {
            inputs.current.timeoutSeconds = el;
          }}
          onChange={(value) => setField('timeoutSeconds', value)}
          hint="How long to wait for an answer, including the first word of a streamed reply (1–600)."
        />

        <div className="actions">
          {/* Not `disabled` while busy: that would drop keyboard focus; clicks are ignored instead. */}
          <button
            type="submit"
            className="primary"
            data-testid="provider-save"
            disabled={!loaded}
            aria-disabled={busy !== null || undefined}
          >
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="provider-test"
            disabled={!loaded}
            aria-disabled={busy !== null || undefined}
            onClick={onTest}
          >
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      </form>
      <ProviderStatus state={status} currentModel={values.model.trim()} onPickModel={onPickModel} />
    </section>
  );
}
