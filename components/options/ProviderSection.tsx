import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../../utils/i18n/t';
import { chromeAiAvailability } from '../../utils/llm/chrome-ai';
import { presetLabel, presetSetupNote } from '../../utils/options/provider-preset-text';
import { useManagedPolicy } from '../../utils/options/team-packs-client';
import { chooseOnDeviceProvider } from '../../utils/panel/active-provider';
import { canEditProviders } from '../../utils/presets/policy';
import {
  type EditorErrors,
  type EditorField,
  editorForPreset,
  editorFromConfig,
  idForNewProvider,
  type ProviderEditorValues,
  parseProviderEditor,
  providerKeyHint,
} from '../../utils/providers/form';
import { guessPresetId, type PresetId, pickablePresets, presetById } from '../../utils/providers/presets';
import {
  LEGACY_PROVIDER_ID,
  newProviderId,
  type ProviderConfig,
  type ProvidersState,
} from '../../utils/providers/schema';
import {
  deleteProvider,
  loadProviders,
  saveProviderKey,
  setDefaultProvider,
  upsertProvider,
} from '../../utils/providers/store';
import { isHttpUrl } from '../../utils/settings';
import {
  hasHostPermission,
  hostPermissionPattern,
  requestHostPermission,
  testProviderConnection,
} from '../../utils/settings-store';
import { ChromeAiCard } from './ChromeAiCard';
import { ProviderList } from './ProviderList';
import { ProviderOnboarding } from './ProviderOnboarding';
import { ProviderPolicyNotice, policyRefusal } from './ProviderPolicyNotice';
import { ProviderStatus, type ProviderStatusState } from './ProviderStatus';
import { TextField } from './TextField';

// "Model providers": the list (add from a preset, edit, delete, make default, grant access) and the editor of
// one provider. Logic lives in utils/providers/* (form parsing, storage) and utils/settings-store.ts (host
// permission, the test request). The API key field is write-only: the page only ever knows a masked hint.

/** The quick-fill buttons; a function so the labels follow the UI language. */
export function quickFills(): readonly { label: string; baseURL: string }[] {
  return [
    { label: 'OpenAI', baseURL: 'https://api.openai.com/v1' },
    { label: t('options_quick_fill_ollama'), baseURL: 'http://localhost:11434/v1' },
    { label: 'LM Studio', baseURL: 'http://localhost:1234/v1' },
  ];
}

/** Examples of an Azure deployment name and API version (identifiers, the same in every language). */
const AZURE_EXAMPLES = { deployment: 'gpt-4o-support', apiVersion: '2024-10-21' };

const FIELD_ORDER: EditorField[] = [
  'label',
  'baseURL',
  'azureDeployment',
  'azureApiVersion',
  'model',
  'apiKey',
  'firstTokenSeconds',
  'timeoutSeconds',
  'contextWindow',
];

function permissionDeniedMessage(pattern: string): string {
  const host = pattern.replace(/\/\*$/, '');
  return t('options_provider_permission_denied', host);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whose stored key the editor shows: the provider edited, or for a first provider the id it will get. */
function keyOwnerOf(editing: Editing, state: ProvidersState): string | null {
  return editing.id ?? (state.providers.length === 0 ? LEGACY_PROVIDER_ID : null);
}

interface Editing {
  /** null: a provider not saved yet. */
  id: string | null;
  values: ProviderEditorValues;
}

export function ProviderSection() {
  const [loaded, setLoaded] = useState(false);
  const [state, setState] = useState<ProvidersState>({ providers: [], defaultId: null });
  const [editing, setEditing] = useState<Editing>({ id: null, values: editorForPreset('custom') });
  const [errors, setErrors] = useState<EditorErrors>({});
  const [loadWarning, setLoadWarning] = useState<string | undefined>();
  const [storedKeyHint, setStoredKeyHint] = useState<string | null>(null);
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [status, setStatus] = useState<ProviderStatusState>({ kind: 'idle' });
  const [access, setAccess] = useState<Record<string, boolean>>({});
  const [models, setModels] = useState<string[]>([]);
  const [pendingDeleteId, setPendingDeleteId] = useState<string | null>(null);
  const [addPreset, setAddPreset] = useState<PresetId>('openai');
  const [chromeAi, setChromeAi] = useState(false);
  const { policy } = useManagedPolicy();

  const inputs = useRef<Partial<Record<EditorField, HTMLInputElement | null>>>({});
  /** Host patterns known to be granted. Checked ahead of time so a click can ask without awaiting first. */
  const granted = useRef(new Set<string>());
  const values = editing.values;
  const preset = presetById(values.presetId);
  const onDevice = preset?.onDevice === true;

  const refreshAccess = useCallback(async (providers: readonly ProviderConfig[]) => {
    const entries = await Promise.all(
      providers.map(async (p) => {
        const pattern = hostPermissionPattern(p.baseURL);
        const ok = pattern ? await hasHostPermission(pattern) : true;
        if (ok && pattern) granted.current.add(pattern);
        return [p.id, ok] as const;
      }),
    );
    setAccess(Object.fromEntries(entries));
  }, []);

  const openEditor = useCallback(async (next: Editing) => {
    setEditing(next);
    setErrors({});
    setShowKey(false);
    setModels([]);
    setStatus({ kind: 'idle' });
    setStoredKeyHint(next.id ? await providerKeyHint(next.id).catch(() => null) : null);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const loadedState = await loadProviders();
      if (!live) return;
      setState(loadedState.state);
      setLoadWarning(loadedState.warning);
      const first = loadedState.state.providers.find((p) => p.id === loadedState.state.defaultId) ?? null;
      // The editor opens on the default provider, so a single-provider setup looks as it always did.
      const hint = await providerKeyHint(first?.id ?? LEGACY_PROVIDER_ID).catch(() => null);
      if (!live) return;
      setEditing(
        first
          ? { id: first.id, values: editorFromConfig(first) }
          : { id: null, values: editorForPreset('custom') },
      );
      setStoredKeyHint(hint);
      setLoaded(true);
      void refreshAccess(loadedState.state.providers);
      void chromeAiAvailability().then((availability) => live && setChromeAi(availability !== 'unavailable'));
    })();
    return () => {
      live = false;
    };
  }, [refreshAccess]);

  // Keep the "already granted?" answer for the typed endpoint ready before Save/Test is clicked.
  const pattern = onDevice ? null : hostPermissionPattern(values.baseURL);
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

  const setField = (field: EditorField, value: string) => {
    setEditing((current) => ({ ...current, values: { ...current.values, [field]: value } }));
    setErrors((current) => {
      if (!current[field]) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  };

  const setPreset = (presetId: PresetId) => {
    // Changing the kind of endpoint on a new provider fills its defaults; on a saved one only the kind changes.
    setEditing((current) =>
      current.id === null
        ? { id: null, values: { ...editorForPreset(presetId), apiKey: current.values.apiKey } }
        : { ...current, values: { ...current.values, presetId } },
    );
    setErrors({});
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

  const focusFirstError = (found: EditorErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) inputs.current[first]?.focus();
  };

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const id =
      editing.id ??
      idForNewProvider(state, () =>
        newProviderId(
          state.providers.map((p) => p.id),
          values.presetId,
        ),
      );
    const parsed = parseProviderEditor(values, id);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus({ kind: 'error', message: t('options_provider_fix_fields') });
      focusFirstError(parsed.errors);
      return;
    }
    // The administrator's endpoint rules (enterprise policy): a refused endpoint is not saved.
    const refused = policyRefusal(policy, parsed.config);
    if (refused) {
      const found = { baseURL: refused };
      setErrors(found);
      setStatus({ kind: 'error', message: t('options_provider_policy_refused', refused), code: 'policy' });
      focusFirstError(found);
      return;
    }
    setErrors({});
    const permission = onDevice
      ? { pattern: null, result: Promise.resolve(true) }
      : askHostPermission(parsed.config.baseURL); // inside the gesture, before any await
    setBusy('save');
    setStatus({ kind: 'busy', message: t('options_saving') });
    void (async () => {
      let next: ProvidersState;
      try {
        next = await upsertProvider(parsed.config);
        // An empty key field keeps the stored key; a typed one replaces it.
        if (parsed.apiKey !== null) await saveProviderKey(parsed.config.id, parsed.apiKey);
        setStoredKeyHint(await providerKeyHint(parsed.config.id));
      } catch (error) {
        setStatus({ kind: 'error', message: t('options_provider_save_failed', errorText(error)) });
        setBusy(null);
        return;
      }
      setState(next);
      setLoadWarning(undefined);
      setEditing({ id: parsed.config.id, values: editorFromConfig(parsed.config) }); // empties the key field
      setShowKey(false);
      const ok = await permission.result;
      setAccess((current) => ({ ...current, [parsed.config.id]: ok || !permission.pattern }));
      setStatus(
        ok || !permission.pattern
          ? { kind: 'success', message: t('options_saved') }
          : {
              kind: 'warning',
              message: t('options_provider_saved_no_access', permissionDeniedMessage(permission.pattern)),
            },
      );
      setBusy(null);
    })();
  };

  /** `listOnly`: "Load models" asks for the list alone, whatever model is typed. */
  const onTest = (listOnly = false) => {
    if (busy) return;
    if (onDevice) {
      setStatus({
        kind: 'success',
        message: t('options_provider_on_device_no_test'),
      });
      return;
    }
    const baseURL = values.baseURL.trim();
    if (baseURL && !isHttpUrl(baseURL)) {
      const found = {
        baseURL: t('options_provider_url_invalid'),
      };
      setErrors((current) => ({ ...current, ...found }));
      setStatus({ kind: 'error', message: t('options_provider_fix_url_first') });
      focusFirstError(found);
      return;
    }
    const permission = askHostPermission(baseURL); // inside the gesture, before any await
    setBusy('test');
    setStatus({ kind: 'busy', message: t('options_provider_testing_status') });
    void (async () => {
      const ok = await permission.result;
      if (!ok && permission.pattern) {
        setStatus({ kind: 'error', message: permissionDeniedMessage(permission.pattern), code: 'forbidden' });
        setBusy(null);
        return;
      }
      const azure =
        preset?.azure && values.azureDeployment.trim()
          ? { deployment: values.azureDeployment.trim(), apiVersion: values.azureApiVersion.trim() }
          : undefined;
      const result = await testProviderConnection({
        baseURL,
        model: values.model,
        listModels: listOnly,
        apiKey: values.apiKey,
        // A provider not saved yet has no stored key; the first one will be saved as 'default'.
        providerId: keyOwnerOf(editing, state) ?? 'unsaved',
        presetId: values.presetId,
        ...(azure ? { azure } : {}),
      });
      if (result.ok) setModels(result.models);
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
    const id = keyOwnerOf(editing, state);
    if (id === null) {
      setField('apiKey', '');
      return;
    }
    setBusy('save');
    void (async () => {
      try {
        await saveProviderKey(id, null);
        setStoredKeyHint(null);
        setField('apiKey', '');
        setStatus({ kind: 'success', message: t('options_provider_key_removed') });
      } catch (error) {
        setStatus({ kind: 'error', message: t('options_provider_key_remove_failed', errorText(error)) });
      }
      setBusy(null);
    })();
  };

  const onMakeDefault = (id: string) => {
    void setDefaultProvider(id)
      .then((next) => {
        setState(next);
        setStatus({ kind: 'success', message: t('options_provider_default_changed') });
      })
      .catch((error: unknown) => setStatus({ kind: 'error', message: errorText(error) }));
  };

  const onDelete = (id: string) => {
    // Two clicks: deleting also deletes the provider's stored key.
    if (pendingDeleteId !== id) {
      setPendingDeleteId(id);
      return;
    }
    setPendingDeleteId(null);
    void deleteProvider(id)
      .then(async (next) => {
        setState(next);
        if (editing.id === id) {
          const fallback = next.providers.find((p) => p.id === next.defaultId);
          await openEditor(
            fallback
              ? { id: fallback.id, values: editorFromConfig(fallback) }
              : { id: null, values: editorForPreset('custom') },
          );
        }
        setStatus({ kind: 'success', message: t('options_provider_deleted') });
      })
      .catch((error: unknown) => setStatus({ kind: 'error', message: errorText(error) }));
  };

  const onGrant = (provider: ProviderConfig) => {
    const wanted = hostPermissionPattern(provider.baseURL);
    if (!wanted) return;
    const result = requestHostPermission(wanted); // synchronously inside the click
    void result.then((ok) => {
      if (ok) granted.current.add(wanted);
      setAccess((current) => ({ ...current, [provider.id]: ok }));
      setStatus(
        ok
          ? { kind: 'success', message: t('options_provider_access_granted', wanted.replace(/\/\*$/, '')) }
          : { kind: 'warning', message: permissionDeniedMessage(wanted) },
      );
    });
  };

  const keyNeed = preset?.apiKey ?? 'optional';
  const editingSaved = editing.id !== null;

  return (
    <section className="card" aria-labelledby="provider-title" aria-busy={!loaded}>
      <h2 id="provider-title">{t('options_provider_title')}</h2>
      <p className="section-intro">{t('options_provider_intro')}</p>
      {loadWarning ? (
        <p className="status status-warning" role="alert" data-testid="provider-load-warning">
          {loadWarning}
        </p>
      ) : null}
      <ProviderPolicyNotice
        policy={policy}
        providers={state.providers}
        onUseRequired={() => {
          const required = policy.requiredProvider;
          if (required)
            void openEditor({
              id: null,
              values: {
                ...editorForPreset(guessPresetId(required.baseURL)),
                baseURL: required.baseURL,
                model: required.model ?? '',
              },
            });
        }}
      />
      <ProviderList
        providers={state.providers}
        defaultId={state.defaultId}
        editingId={editing.id}
        access={access}
        pendingDeleteId={pendingDeleteId}
        onEdit={(id) => {
          const found = state.providers.find((p) => p.id === id);
          if (found) void openEditor({ id, values: editorFromConfig(found) });
        }}
        onMakeDefault={onMakeDefault}
        onDelete={onDelete}
        onGrant={onGrant}
      />
      {/* Chrome's on-device model: shown (with its download) wherever this browser has it; hidden elsewhere. */}
      <ChromeAiCard
        inUse={
          presetById(state.providers.find((p) => p.id === state.defaultId)?.presetId ?? 'custom')
            ?.onDevice === true
        }
        onUse={async () => {
          // Saved as the default provider; the list and the editor show it at once.
          await chooseOnDeviceProvider();
          const next = await loadProviders();
          setState(next.state);
          const chosen = next.state.providers.find((p) => p.id === next.state.defaultId);
          if (chosen) void openEditor({ id: chosen.id, values: editorFromConfig(chosen) });
        }}
      />
      {loaded && state.providers.length === 0 && canEditProviders(policy) ? (
        <ProviderOnboarding
          chromeAi={chromeAi}
          onChoose={(presetId) => void openEditor({ id: null, values: editorForPreset(presetId) })}
        />
      ) : null}
      {/* Personal providers turned off by policy: nothing to add (the notice above says why). */}
      {canEditProviders(policy) ? (
        <div className="add-provider">
          <label htmlFor="provider-add-preset">{t('options_provider_add_label')}</label>
          <select
            id="provider-add-preset"
            data-testid="provider-add-preset"
            value={addPreset}
            onChange={(event) => setAddPreset(event.currentTarget.value as PresetId)}
          >
            {pickablePresets(chromeAi).map((p) => (
              <option key={p.id} value={p.id}>
                {presetLabel(p)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            data-testid="provider-add"
            disabled={!loaded}
            onClick={() => void openEditor({ id: null, values: editorForPreset(addPreset) })}
          >
            {t('options_provider_add')}
          </button>
        </div>
      ) : null}

      <form
        noValidate
        onSubmit={onSave}
        data-testid="provider-editor"
        aria-label={t('options_provider_form_label')}
      >
        <h3 data-testid="provider-editor-title">
          {editingSaved
            ? t('options_provider_edit_title', values.label || (preset ? presetLabel(preset) : ''))
            : t('options_provider_new_title', preset ? presetLabel(preset) : '')}
          {editing.id !== null && editing.id === state.defaultId
            ? ` ${t('options_provider_default_suffix')}`
            : ''}
        </h3>
        <div className="field">
          <label htmlFor="provider-preset">{t('options_provider_kind')}</label>
          <select
            id="provider-preset"
            data-testid="provider-preset"
            value={values.presetId}
            disabled={!loaded}
            onChange={(event) => setPreset(event.currentTarget.value as PresetId)}
          >
            {pickablePresets(chromeAi || values.presetId === 'chrome-ai').map((p) => (
              <option key={p.id} value={p.id}>
                {presetLabel(p)}
              </option>
            ))}
          </select>
          {preset ? (
            <p className="field-hint" data-testid="provider-setup-note">
              {presetSetupNote(preset)}{' '}
              <a href={preset.docsUrl} target="_blank" rel="noreferrer">
                {t('options_provider_docs')}
              </a>
            </p>
          ) : null}
        </div>

        <TextField
          readOnly={!loaded}
          id="provider-label"
          testId="provider-label"
          label={t('options_provider_name')}
          placeholder={preset ? presetLabel(preset) : t('options_provider_name_placeholder')}
          value={values.label}
          error={errors.label}
          inputRef={(el) => {
            inputs.current.label = el;
          }}
          onChange={(value) => setField('label', value)}
          hint={t('options_provider_name_hint')}
        />

        {onDevice ? null : (
          <TextField
            readOnly={!loaded}
            id="provider-base-url"
            testId="provider-base-url"
            label={preset?.azure ? t('options_provider_endpoint') : t('options_provider_base_url')}
            type="url"
            inputMode="url"
            placeholder={preset?.baseURLExample || 'https://api.openai.com/v1'}
            value={values.baseURL}
            error={errors.baseURL}
            inputRef={(el) => {
              inputs.current.baseURL = el;
            }}
            onChange={(value) => {
              setField('baseURL', value);
            }}
            hint={preset?.azure ? t('options_provider_endpoint_hint') : t('options_provider_base_url_hint')}
          >
            <fieldset className="quick-fill">
              <legend>{t('options_provider_fill_in')}</legend>
              {quickFills().map((fill) => (
                <button
                  key={fill.baseURL}
                  type="button"
                  className="secondary"
                  title={fill.baseURL}
                  onClick={() => {
                    setField('baseURL', fill.baseURL);
                    if (editing.id === null) {
                      setEditing((current) => ({
                        ...current,
                        values: {
                          ...current.values,
                          baseURL: fill.baseURL,
                          presetId: guessPresetId(fill.baseURL),
                        },
                      }));
                    }
                  }}
                >
                  {fill.label}
                </button>
              ))}
            </fieldset>
          </TextField>
        )}

        {preset?.azure ? (
          <>
            <TextField
              readOnly={!loaded}
              id="provider-azure-deployment"
              testId="provider-azure-deployment"
              label={t('options_provider_deployment')}
              placeholder={AZURE_EXAMPLES.deployment}
              value={values.azureDeployment}
              error={errors.azureDeployment}
              inputRef={(el) => {
                inputs.current.azureDeployment = el;
              }}
              onChange={(value) => setField('azureDeployment', value)}
              hint={t('options_provider_deployment_hint')}
            />
            <TextField
              readOnly={!loaded}
              id="provider-azure-api-version"
              testId="provider-azure-api-version"
              label={t('options_provider_api_version')}
              placeholder={AZURE_EXAMPLES.apiVersion}
              value={values.azureApiVersion}
              error={errors.azureApiVersion}
              inputRef={(el) => {
                inputs.current.azureApiVersion = el;
              }}
              onChange={(value) => setField('azureApiVersion', value)}
              hint={t('options_provider_api_version_hint')}
            />
          </>
        ) : null}

        {onDevice ? null : (
          <TextField
            readOnly={!loaded}
            id="provider-model"
            testId="provider-model"
            label={preset?.azure ? t('options_provider_model_optional') : t('options_provider_model')}
            placeholder={preset?.suggestedModel || 'gpt-4o-mini, llama3.2, …'}
            value={values.model}
            error={errors.model}
            list="provider-model-options"
            inputRef={(el) => {
              inputs.current.model = el;
            }}
            onChange={(value) => setField('model', value)}
            hint={
              preset?.modelList === false
                ? t('options_provider_model_no_list')
                : t('options_provider_model_hint')
            }
            after={
              preset?.modelList === false ? null : (
                <button
                  type="button"
                  className="secondary"
                  data-testid="provider-load-models"
                  disabled={!loaded}
                  onClick={() => onTest(true)}
                >
                  {t('options_provider_load_models')}
                </button>
              )
            }
          >
            <datalist id="provider-model-options" data-testid="provider-model-options">
              {models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </TextField>
        )}

        {onDevice ? null : (
          <TextField
            readOnly={!loaded}
            id="provider-api-key"
            testId="provider-api-key"
            label={
              keyNeed === 'required'
                ? t('options_provider_key')
                : keyNeed === 'none'
                  ? t('options_provider_key_not_needed')
                  : t('options_provider_key_optional')
            }
            type={showKey ? 'text' : 'password'}
            autoComplete="off"
            placeholder={
              storedKeyHint
                ? t('options_provider_key_placeholder_stored', storedKeyHint)
                : t('options_provider_key_placeholder')
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
                    {t('options_provider_key_stored', storedKeyHint)}{' '}
                  </span>
                ) : null}
                {t('options_provider_key_hint')}
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
                  {showKey ? t('options_provider_key_hide') : t('options_provider_key_show')}
                </button>
                <button
                  type="button"
                  className="secondary danger"
                  data-testid="provider-api-key-remove"
                  disabled={storedKeyHint === null && values.apiKey === ''}
                  onClick={onRemoveKey}
                >
                  {t('options_provider_key_remove')}
                </button>
              </>
            }
          />
        )}

        <TextField
          readOnly={!loaded}
          id="provider-first-token-timeout"
          testId="provider-first-token-timeout"
          label={t('options_provider_first_token')}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          step={1}
          value={values.firstTokenSeconds}
          error={errors.firstTokenSeconds}
          inputRef={(el) => {
            inputs.current.firstTokenSeconds = el;
          }}
          onChange={(value) => setField('firstTokenSeconds', value)}
          hint={t('options_provider_first_token_hint')}
        />

        <TextField
          readOnly={!loaded}
          id="provider-timeout"
          testId="provider-timeout"
          label={t('options_provider_timeout')}
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
          onChange={(value) => {
            // Keep the first-token timeout within the total one while the agent shortens it.
            const total = Number(value);
            const first = Number(values.firstTokenSeconds);
            setField('timeoutSeconds', value);
            if (Number.isFinite(total) && total >= 1 && Number.isFinite(first) && first > total) {
              setField('firstTokenSeconds', value);
            }
          }}
          hint={t('options_provider_timeout_hint')}
        />

        <TextField
          readOnly={!loaded}
          id="provider-context-window"
          testId="provider-context-window"
          label={t('options_provider_context')}
          inputMode="numeric"
          placeholder={t('options_provider_context_placeholder')}
          value={values.contextWindow}
          error={errors.contextWindow}
          inputRef={(el) => {
            inputs.current.contextWindow = el;
          }}
          onChange={(value) => setField('contextWindow', value)}
          hint={t('options_provider_context_hint')}
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
            {busy === 'save' ? t('options_saving') : t('options_save')}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="provider-test"
            disabled={!loaded}
            aria-disabled={busy !== null || undefined}
            onClick={() => onTest()}
          >
            {busy === 'test' ? t('options_provider_testing') : t('options_provider_test')}
          </button>
        </div>
      </form>
      <ProviderStatus
        state={status}
        currentModel={values.model.trim()}
        onPickModel={(m) => setField('model', m)}
      />
    </section>
  );
}
