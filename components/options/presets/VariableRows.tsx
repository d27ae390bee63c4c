import { t } from '@/utils/i18n/t';
import { type DraftCheck, fieldError, type VariableRow } from '@/utils/options/preset-editor';
import { TextField } from '../TextField';

// The preset's own variables ({{return_window}}) with their defaults: one row each, added and removed by button.

export interface VariableRowsProps {
  rows: VariableRow[];
  check: DraftCheck;
  onChange: (rows: VariableRow[]) => void;
}

export function VariableRows({ rows, check, onChange }: VariableRowsProps) {
  const update = (index: number, patch: Partial<VariableRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="variable-rows" data-testid="preset-variables">
      <legend>{t('presets_variables_title')}</legend>
      <p className="field-hint">{t('presets_variables_intro', '{{name}}')}</p>
      {rows.map((row, index) => (
        // Rows have no identity but their position; a removed row's inputs are re-keyed, which is fine here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="variable-row" key={index} data-testid="preset-variable-row">
          <TextField
            id={`preset-variable-${index}-name`}
            testId={`preset-variable-name-${index}`}
            label={t('presets_variable_name', index + 1)}
            value={row.name}
            placeholder={t('presets_variable_name_placeholder')}
            // An empty new row is listed under "Cannot save yet"; its field turns red once something is typed.
            error={row.name ? fieldError(check, `variables.${index}.name`) : undefined}
            onChange={(name) => update(index, { name })}
          />
          <TextField
            id={`preset-variable-${index}-default`}
            testId={`preset-variable-default-${index}`}
            label={t('presets_variable_default', index + 1)}
            value={row.default}
            placeholder={t('presets_variable_default_placeholder')}
            error={fieldError(check, `variables.${index}.default`)}
            onChange={(value) => update(index, { default: value })}
          />
          <button
            type="button"
            data-testid={`preset-variable-remove-${index}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            {t('options_remove')}
            <span className="visually-hidden"> {t('presets_variable_remove_which', index + 1)}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="preset-variable-add"
        onClick={() => onChange([...rows, { name: '', default: '' }])}
      >
        {t('presets_variable_add')}
      </button>
    </fieldset>
  );
}
