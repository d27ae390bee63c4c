import { t } from '@/utils/i18n/t';

/** Offered when an answer was cut off after text arrived: carry on from it, or start over. */
export function IncompleteActions(props: {
  testPrefix: string;
  disabled: boolean;
  onContinue(): void;
  onRegenerate(): void;
}) {
  return (
    <div className="notice warn" data-testid={`${props.testPrefix}-incomplete`}>
      <p>{t('panel_incomplete')}</p>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={props.disabled}
          onClick={props.onContinue}
          data-testid={`${props.testPrefix}-continue`}
        >
          {t('panel_continue')}
        </button>
        <button
          type="button"
          disabled={props.disabled}
          onClick={props.onRegenerate}
          data-testid={`${props.testPrefix}-regenerate`}
        >
          {t('panel_regenerate')}
        </button>
      </div>
    </div>
  );
}
