import { type FormEvent, useId, useState } from 'react';
import { t, tCount } from '@/utils/i18n/t';
import { buildExport, type ExportField, type ExportForm } from '@/utils/options/pack-io';
import { type PresetEntry, sourceLabel } from '@/utils/presets/preset';
import { entryDisplayName } from '@/utils/presets/preset-text';
import { TextField } from '../TextField';

// Export: the chosen presets and the pack's name / version / author / description → a pack file download.
// The file is validated like an import before it is offered, so every exported file can be imported again.

type Status = { tone: 'success' | 'error'; message: string } | null;

/** Offers `text` as a file download through a temporary Blob link (no extra permission needed). */
function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled; the URL is freed a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function PackExportPanel({ entries }: { entries: PresetEntry[] }) {
  const uid = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<ExportForm>({ name: '', version: '1.0.0', author: '', description: '' });
  const [errors, setErrors] = useState<Partial<Record<ExportField, string>>>({});
  const [status, setStatus] = useState<Status>(null);

  const set = (field: keyof ExportForm) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const toggle = (key: string, on: boolean) => {
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
    setErrors((e) => ({ ...e, presets: undefined }));
  };
  const personalKeys = entries.filter((e) => e.source.type === 'personal').map((e) => e.key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const selected = entries.filter((e) => chosen.has(e.key)).map((e) => e.preset);
    const result = buildExport(selected, form);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus({ tone: 'error', message: t('presets_export_fix_fields') });
      return;
    }
    setErrors({});
    download(result.text, result.fileName);
    setStatus({
      tone: 'success',
      message: t('presets_export_done', result.fileName, tCount('presets_count', selected.length)),
    });
  };

  return (
    <form
      className="pack-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby={`${uid}-title`}
      data-testid="pack-export"
    >
      <h3 id={`${uid}-title`}>{t('presets_export_title')}</h3>
      <p>{t('presets_export_intro')}</p>
      <fieldset className={errors.presets ? 'field field-invalid' : 'field'}>
        <legend>{t('presets_export_choose')}</legend>
        <button
          type="button"
          data-testid="pack-export-choose-mine"
          disabled={personalKeys.length === 0}
          onClick={() => {
            setChosen(new Set(personalKeys));
            setErrors((e) => ({ ...e, presets: undefined }));
          }}
        >
          {t('presets_export_choose_mine')}
        </button>
        <ul className="export-choices">
          {entries.map((entry) => (
            <li key={entry.key}>
              <label>
                <input
                  type="checkbox"
                  data-testid="pack-export-choice"
                  data-preset-key={entry.key}
                  checked={chosen.has(entry.key)}
                  onChange={(e) => toggle(entry.key, e.currentTarget.checked)}
                />{' '}
                {entryDisplayName(entry)}{' '}
                <span className="preset-description">({sourceLabel(entry.source)})</span>
              </label>
            </li>
          ))}
        </ul>
        {errors.presets && (
          <p className="field-error" data-testid="pack-export-presets-error">
            {errors.presets}
          </p>
        )}
      </fieldset>
      <div className="editor-grid">
        <TextField
          id={`${uid}-name`}
          testId="pack-export-name"
          label={t('presets_export_name')}
          value={form.name}
          placeholder={t('presets_export_name_placeholder')}
          error={errors.name}
          onChange={set('name')}
        />
        <TextField
          id={`${uid}-version`}
          testId="pack-export-version"
          label={t('presets_export_version')}
          value={form.version}
          placeholder="1.0.0"
          hint={t('presets_export_version_hint')}
          error={errors.version}
          onChange={set('version')}
        />
        <TextField
          id={`${uid}-author`}
          testId="pack-export-author"
          label={t('presets_export_author')}
          value={form.author}
          placeholder={t('presets_export_author_placeholder')}
          error={errors.author}
          onChange={set('author')}
        />
      </div>
      <TextField
        id={`${uid}-description`}
        testId="pack-export-description"
        label={t('presets_export_description')}
        value={form.description}
        error={errors.description}
        onChange={set('description')}
      />
      <div className="actions">
        <button type="submit" className="primary" data-testid="pack-export-download">
          {t('presets_export_download')}
        </button>
      </div>
      {status && (
        <p
          className={`status status-${status.tone}`}
          role={status.tone === 'error' ? 'alert' : 'status'}
          data-testid="pack-export-status"
        >
          {status.message}
        </p>
      )}
    </form>
  );
}
