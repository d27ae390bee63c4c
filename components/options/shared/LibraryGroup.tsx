import { type ReactNode, useId, useState } from 'react';

// One group of a library list in the options page (yours, one team source, built-in): a heading with the count,
// the rows, and for a group imported from a file a Remove that asks first.

export interface GroupRemoval {
  label: string;
  question: string;
  keepLabel: string;
  /** Test ids `{testIdPrefix}`, `{testIdPrefix}-confirm`, `{testIdPrefix}-cancel`. */
  testIdPrefix: string;
  onRemove: () => void;
}

export interface LibraryGroupProps {
  title: string;
  testId: string;
  count: number;
  /** Shown instead of the list when the group has no rows. */
  empty?: string;
  removal?: GroupRemoval;
  /** The list's rows (`<li>`s). */
  children: ReactNode;
  /** Below the list (e.g. "Show all"). */
  footer?: ReactNode;
}

export function LibraryGroup({ title, testId, count, empty, removal, children, footer }: LibraryGroupProps) {
  const uid = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="preset-group" aria-labelledby={`${uid}-title`} data-testid={testId}>
      <div className="preset-group-header">
        <h3 id={`${uid}-title`}>
          {title} <span className="preset-description">({count})</span>
        </h3>
        {removal && !confirming && (
          <button
            type="button"
            className="danger"
            data-testid={removal.testIdPrefix}
            onClick={() => setConfirming(true)}
          >
            {removal.label}
          </button>
        )}
      </div>
      {removal && confirming && (
        <div className="confirm-row">
          <p>{removal.question}</p>
          <button
            type="button"
            className="danger"
            data-testid={`${removal.testIdPrefix}-confirm`}
            onClick={removal.onRemove}
          >
            {removal.label}
          </button>
          <button
            type="button"
            data-testid={`${removal.testIdPrefix}-cancel`}
            onClick={() => setConfirming(false)}
          >
            {removal.keepLabel}
          </button>
        </div>
      )}
      {count === 0 && empty ? (
        <p className="field-hint">{empty}</p>
      ) : (
        <ul className="preset-list">{children}</ul>
      )}
      {footer}
    </section>
  );
}
