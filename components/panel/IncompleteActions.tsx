/** Offered when an answer was cut off after text arrived: carry on from it, or start over. */
export function IncompleteActions(props: {
  testPrefix: string;
  disabled: boolean;
  onContinue(): void;
  onRegenerate(): void;
}) {
  return (
    <div className="notice warn" data-testid={`${props.testPrefix}-incomplete`}>
      <p>This answer is incomplete.</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={props.disabled}
          onClick={props.onContinue}
          data-testid={`${props.testPrefix}-continue`}
        >
          Continue
        </button>
        <button
          type="button"
          disabled={props.disabled}
          onClick={props.onRegenerate}
          data-testid={`${props.testPrefix}-regenerate`}
        >
          Regenerate
        </button>
      </div>
    </div>
  );
}
