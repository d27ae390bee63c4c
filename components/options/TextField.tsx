import type { ReactNode, Ref } from 'react';

// A labelled input with an optional hint and a field-level error, wired for screen readers.

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  type?: 'text' | 'url' | 'password' | 'number' | 'date';
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  inputMode?: 'text' | 'url' | 'numeric';
  min?: number;
  max?: number;
  step?: number;
  /** Read-only until the saved values are loaded, so typing is never overwritten by the load. */
  readOnly?: boolean;
  /** Id of a <datalist> of suggestions (the models an endpoint listed). */
  list?: string;
  /** Rendered right after the input (e.g. a show/hide button). */
  after?: ReactNode;
  children?: ReactNode;
}

export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="field-row">
        <input
          id={props.id}
          ref={props.inputRef}
          data-testid={props.testId}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          readOnly={props.readOnly}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          step={props.step}
          list={props.list}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => props.onChange(event.currentTarget.value)}
        />
        {props.after}
      </div>
      {props.error ? (
        <p id={errorId} className="field-error" data-testid={`${props.testId}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.hint ? (
        <div id={hintId} className="field-hint">
          {props.hint}
        </div>
      ) : null}
      {props.children}
    </div>
  );
}
