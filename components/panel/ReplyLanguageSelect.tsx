import { useId } from 'react';
import { languageDisplayName } from '@/utils/i18n/language-name';
import { t } from '@/utils/i18n/t';
import { type CustomerLanguage, LANGUAGE_CODES, type LanguageCode } from '@/utils/ticket/language';

interface Props {
  /** What "Auto" means for this ticket (the helpdesk's value or the detected language). */
  detected: CustomerLanguage | null;
  value: LanguageCode | undefined;
  disabled: boolean;
  onChange(language: LanguageCode | undefined): void;
}

/** "Reply in: Auto (German) / English / …", next to the draft button. */
export function ReplyLanguageSelect({ detected, value, disabled, onChange }: Props) {
  const id = useId();
  // Named in the UI language when it has a name at all; an unnameable tag is shown as it is.
  const auto =
    detected?.name && detected.code
      ? languageDisplayName(detected.code)
      : (detected?.code ?? t('panel_reply_customer_language'));
  return (
    <span className="reply-language">
      <label htmlFor={id} className="muted">
        {t('panel_reply_in')}{' '}
      </label>
      <select
        id={id}
        data-testid="reply-language"
        data-detected={detected?.code ?? ''}
        value={value ?? ''}
        disabled={disabled}
        title={
          detected?.source === 'detected'
            ? t('panel_reply_detected_title', Math.round(detected.confidence * 100))
            : detected?.source === 'adapter'
              ? t('panel_reply_adapter_title')
              : t('panel_reply_unknown_title')
        }
        onChange={(e) => {
          const parsed = LANGUAGE_CODES.find((code) => code === e.target.value);
          onChange(parsed);
        }}
      >
        <option value="">{t('panel_reply_auto', auto)}</option>
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code}>
            {languageDisplayName(code)}
          </option>
        ))}
      </select>
    </span>
  );
}
