import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';
import {
  checkDraft,
  type EditorDraft,
  type EditorField,
  fieldError,
  fieldLabel,
  idFromName,
  type LanguageMode,
} from '@/utils/options/preset-editor';
import { PRESET_KINDS, type PresetLength } from '@/utils/presets/preset';
import type { PresetIssue } from '@/utils/presets/store';
import { VARIABLES } from '@/utils/presets/template';
import { TextField } from '../TextField';
import { kindLabel } from './PresetRow';
import { VariableRows } from './VariableRows';

// The preset editor. Every keystroke re-checks the form with the same schema the store saves with: template
// mistakes are listed with line:column and a "did you mean", other fields show their own message, and Save stays
// disabled with the reasons listed beside it. Cancel just closes: only Save writes.

export interface PresetEditorProps {
  initial: EditorDraft;
  /** Editing an existing preset (its id when opened); absent for a new one. */
  previousId?: string;
  onSave: (draft: EditorDraft, previousId?: string) => Promise<PresetIssue[]>;
  onCancel: () => void;
}

/** Example values that are identifiers (a language tag, a provider and model id), the same in every language. */
const EXAMPLES = { languageTag: 'de', provider: 'openai', model: 'gpt-4.1-mini' };

const LANGUAGE_MODES: { value: LanguageMode; label: MessageKey }[] = [
  { value: '', label: 'presets_language_default' },
  { value: 'customer', label: 'presets_language_customer' },
  { value: 'agent', label: 'presets_language_agent' },
  { value: 'fixed', label: 'presets_language_fixed' },
  { value: 'template', label: 'presets_language_template' },
];

const LENGTHS: { value: '' | PresetLength; label: MessageKey }[] = [
  { value: '', label: 'presets_length_default' },
  { value: 'short', label: 'presets_length_short' },
  { value: 'medium', label: 'presets_length_medium' },
  { value: 'long', label: 'presets_length_long' },
];

export function PresetEditor({ initial, previousId, onSave, onCancel }: PresetEditorProps) {
  const [draft, setDraft] = useState(initial);
  // A new preset's id follows its name until the agent types an id of their own.
  const [idTouched, setIdTouched] = useState(previousId !== undefined || initial.id !== '');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saveIssues, setSaveIssues] = useState<PresetIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const check = useMemo(() => checkDraft(draft), [draft]);
  const nameRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const problemsId = `${uid}-template-problems`;
  const blockedId = `${uid}-blocked`;

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const set = <K extends keyof EditorDraft>(field: K, value: EditorDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setTouched((t) => new Set(t).add(field));
    setSaveIssues([]);
  };
  // Field messages appear once the agent has been in the field (or a save was refused), not on an empty form.
  const shown = (field: EditorField) =>
    touched.has(field.split('.')[0] ?? field) || saveIssues.length > 0 ? fieldError(check, field) : undefined;
  const storeError = (field: string) => saveIssues.find((i) => i.path === field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (check.blocking.length > 0 || saving) return;
    setSaving(true);
    const issues = await onSave(draft, previousId);
    setSaving(false);
    setSaveIssues(issues);
  };

  const templateErrors = check.template.filter((p) => p.severity === 'error');
  const templateField = check.fields.filter((f) => f.field === 'template');
  const title = previousId ? t('presets_edit_title', initial.name) : t('presets_new');

  return (
    <form
      className="preset-editor"
      noValidate
      onSubmit={submit}
      aria-label={title}
      data-testid="preset-editor"
    >
      <h3>{title}</h3>
      <div className="editor-grid">
        <TextField
          id={`${uid}-name`}
          testId="preset-field-name"
          label={t('presets_field_name')}
          inputRef={nameRef}
          value={draft.name}
          placeholder={t('presets_name_placeholder')}
          error={shown('name')}
          onChange={(name) => {
            set('name', name);
            if (!idTouched) setDraft((d) => ({ ...d, id: idFromName(name) }));
          }}
        />
        <TextField
          id={`${uid}-id`}
          testId="preset-field-id"
          label={t('presets_field_id')}
          value={draft.id}
          placeholder={t('presets_id_placeholder')}
          hint={t('presets_id_hint')}
          error={storeError('id') ?? shown('id')}
          onChange={(id) => {
            setIdTouched(true);
            set('id', id);
          }}
        />
      </div>
      <TextField
        id={`${uid}-description`}
        testId="preset-field-description"
        label={t('presets_field_description')}
        value={draft.description}
        hint={t('presets_description_hint')}
        error={shown('description')}
        onChange={(value) => set('description', value)}
      />
      <div className="editor-grid">
        <div className="field">
          <label htmlFor={`${uid}-kind`}>{t('presets_field_kind')}</label>
          <select
            id={`${uid}-kind`}
            data-testid="preset-field-kind"
            value={draft.kind}
            onChange={(e) => set('kind', e.currentTarget.value as EditorDraft['kind'])}
          >
            {PRESET_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-length`}>{t('presets_field_length')}</label>
          <select
            id={`${uid}-length`}
            data-testid="preset-field-length"
            value={draft.length}
            onChange={(e) => set('length', e.currentTarget.value as EditorDraft['length'])}
          >
            {LENGTHS.map((l) => (
              <option key={l.value} value={l.value}>
                {t(l.label)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={`${uid}-tone`}
          testId="preset-field-tone"
          label={t('presets_field_tone')}
          value={draft.tone}
          placeholder={t('presets_tone_placeholder')}
          error={shown('tone')}
          onChange={(value) => set('tone', value)}
        />
      </div>
      <div className={templateErrors.length || templateField.length ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${uid}-template`}>{t('presets_field_template')}</label>
        <textarea
          id={`${uid}-template`}
          data-testid="preset-field-template"
          value={draft.template}
          spellCheck={false}
          aria-invalid={templateErrors.length > 0 || templateField.length > 0 ? true : undefined}
          aria-describedby={problemsId}
          placeholder={t('presets_template_placeholder', '{{latest_customer_message}}')}
          onChange={(e) => set('template', e.currentTarget.value)}
        />
        <div id={problemsId}>
          {check.template.length > 0 || (touched.has('template') && templateField.length > 0) ? (
            <ul className="problem-list" data-testid="preset-template-problems">
              {check.template.map((p) => (
                <li
                  key={`${p.code}-${p.at.offset}`}
                  className={p.severity === 'error' ? 'problem-error' : 'problem-warning'}
                  data-testid={p.severity === 'error' ? 'preset-template-error' : 'preset-template-warning'}
                >
                  {t(p.severity === 'error' ? 'presets_problem_error' : 'presets_problem_note', p.message)}
                </li>
              ))}
              {touched.has('template') &&
                templateField.map((f) => (
                  <li key={f.message} className="problem-error" data-testid="preset-template-error">
                    {t('presets_problem_error', f.message)}
                  </li>
                ))}
            </ul>
          ) : (
            <p className="field-hint">
              {t('presets_variables_hint', VARIABLES.map((v) => `{{${v.name}}}`).join(' '))}
            </p>
          )}
        </div>
      </div>
      <div className="editor-grid">
        <div className="field">
          <label htmlFor={`${uid}-language`}>{t('presets_field_language')}</label>
          <select
            id={`${uid}-language`}
            data-testid="preset-field-language"
            value={draft.languageMode}
            onChange={(e) => set('languageMode', e.currentTarget.value as LanguageMode)}
          >
            {LANGUAGE_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {t(m.label)}
              </option>
            ))}
          </select>
        </div>
        {draft.languageMode === 'fixed' && (
          <TextField
            id={`${uid}-language-tag`}
            testId="preset-field-language-tag"
            label={t('presets_field_language_tag')}
            value={draft.languageTag}
            placeholder={EXAMPLES.languageTag}
            error={shown('language')}
            onChange={(value) => set('languageTag', value)}
          />
        )}
        <TextField
          id={`${uid}-tags`}
          testId="preset-field-tags"
          label={t('presets_field_tags')}
          value={draft.tags}
          placeholder={t('presets_tags_placeholder')}
          hint={t('presets_tags_hint')}
          error={shown('tags')}
          onChange={(value) => set('tags', value)}
        />
      </div>
      <div className="editor-grid">
        <TextField
          id={`${uid}-model-provider`}
          testId="preset-field-model-provider"
          label={t('presets_field_model_provider')}
          value={draft.modelProvider}
          placeholder={EXAMPLES.provider}
          error={shown('model')}
          onChange={(value) => set('modelProvider', value)}
        />
        <TextField
          id={`${uid}-model-name`}
          testId="preset-field-model-name"
          label={t('presets_field_model_name')}
          value={draft.modelName}
          placeholder={EXAMPLES.model}
          hint={t('presets_model_hint')}
          onChange={(value) => set('modelName', value)}
        />
      </div>
      <VariableRows
        rows={draft.variables}
        check={touched.has('variables') || saveIssues.length ? check : { ...check, fields: [] }}
        onChange={(rows) => set('variables', rows)}
      />
      {check.blocking.length > 0 && (
        <div className="status status-warning" id={blockedId} data-testid="preset-save-blocked">
          <p>{t('presets_cannot_save')}</p>
          <ul className="problem-list">
            {check.blocking.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {saveIssues.length > 0 && (
        <div className="status status-error" role="alert" data-testid="preset-save-error">
          {saveIssues.map((i) => (
            <p key={`${i.path}-${i.message}`}>
              {i.path ? t('presets_field_problem', fieldLabel(i.path as EditorField), i.message) : i.message}
            </p>
          ))}
        </div>
      )}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={check.blocking.length > 0 || saving}
          aria-describedby={check.blocking.length > 0 ? blockedId : undefined}
          data-testid="preset-save"
        >
          {t('presets_save')}
        </button>
        <button type="button" data-testid="preset-cancel" onClick={onCancel}>
          {t('options_cancel')}
        </button>
      </div>
    </form>
  );
}
