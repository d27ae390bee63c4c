import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { t } from '@/utils/i18n/t';
import type { SnippetDraft } from '@/utils/options/knowledge-form';
import { useSnippetForm } from '@/utils/options/use-snippet-form';
import type { KnowledgeSnippet } from '@/utils/presets/pack';
import { SnippetFields } from './SnippetFields';

// Writing or editing one of the agent's own snippets. Checked while typing with the store's schema; Save with a
// problem is refused and lists every reason (the button stays reachable, so a keyboard user hears why). Cancel
// just closes: only Save writes.

export interface SnippetEditorProps {
  initial: SnippetDraft;
  /** The snippet's id when editing; absent for a new one (its id is made from the title on save). */
  id?: string;
  /** The title when the editor opened, for its heading. */
  editingTitle?: string;
  /** Saves; resolves to an error message when the store refused, null when saved. */
  onSave: (snippet: KnowledgeSnippet) => Promise<string | null>;
  onCancel: () => void;
}

export function SnippetEditor({ initial, id, editingTitle, onSave, onCancel }: SnippetEditorProps) {
  const form = useSnippetForm(initial, id);
  const [saving, setSaving] = useState(false);
  const [storeError, setStoreError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const uid = useId();
  const heading = editingTitle
    ? t('knowledge_options_editor_edit', editingTitle)
    : t('knowledge_options_editor_new');

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const check = form.submit();
    if (!check.ok) return;
    setSaving(true);
    const error = await onSave(check.snippet);
    setSaving(false);
    setStoreError(error);
  };

  return (
    <form
      className="preset-editor snippet-editor"
      noValidate
      onSubmit={submit}
      aria-label={heading}
      data-testid="snippet-editor"
    >
      <h3>{heading}</h3>
      <SnippetFields
        idPrefix={uid}
        testPrefix="snippet-field"
        draft={form.draft}
        onChange={(field, value) => {
          setStoreError(null);
          form.set(field, value);
        }}
        errorOf={form.errorOf}
        titleRef={titleRef}
      />
      {form.refusal.length > 0 && (
        <div className="status status-error" role="alert" data-testid="snippet-save-refused">
          <p>{t('knowledge_options_save_refused')}</p>
          <ul className="problem-list">
            {form.refusal.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {storeError && (
        <p className="status status-error" role="alert" data-testid="snippet-save-error">
          {storeError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving} data-testid="snippet-save">
          {saving ? t('knowledge_options_saving') : t('knowledge_options_save')}
        </button>
        <button type="button" onClick={onCancel} data-testid="snippet-cancel">
          {t('knowledge_options_cancel')}
        </button>
      </div>
    </form>
  );
}
