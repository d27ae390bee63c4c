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
      <legend>Your variables</legend>
      <p className="field-hint">
        Use them in the template as {'{{name}}'}; the default is filled in when the preset runs.
      </p>
      {rows.map((row, index) => (
        // Rows have no identity but their position; a removed row's inputs are re-keyed, which is fine here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="variable-row" key={index} data-testid="preset-variable-row">
          <TextField
            id={`preset-variable-${index}-name`}
            testId={`preset-variable-name-${index}`}
            label={`Variable ${index + 1} name`}
            value={row.name}
            placeholder="return_window"
            // An empty new row is listed under "Cannot save yet"; its field turns red once something is typed.
            error={row.name ? fieldError(check, `variables.${index}.name`) : undefined}
            onChange={(name) => update(index, { name })}
          />
          <TextField
            id={`preset-variable-${index}-default`}
            testId={`preset-variable-default-${index}`}
            label={`Variable ${index + 1} default`}
            value={row.default}
            placeholder="30 days"
            error={fieldError(check, `variables.${index}.default`)}
            onChange={(value) => update(index, { default: value })}
          />
          <button
            type="button"
            data-testid={`preset-variable-remove-${index}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove<span className="visually-hidden"> variable {index + 1}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        data-testid="preset-variable-add"
        onClick={() => onChange([...rows, { name: '', default: '' }])}
      >
        Add a variable
      </button>
    </fieldset>
  );
}
