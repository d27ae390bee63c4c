import { useId } from 'react';
import {
  type CustomerLanguage,
  LANGUAGE_CODES,
  LANGUAGE_NAMES,
  type LanguageCode,
} from '@/utils/ticket/language';

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
  const auto = detected?.name ?? detected?.code ?? 'the customer’s language';
  return (
    <span className="reply-language">
      <label htmlFor={id} className="muted">
        Reply in{' '}
      </label>
      <select
        id={id}
        data-testid="reply-language"
        data-detected={detected?.code ?? ''}
        value={value ?? ''}
        disabled={disabled}
        title={
          detected?.source === 'detected'
            ? `Detected from the customer’s messages (confidence ${Math.round(detected.confidence * 100)} %).`
            : detected?.source === 'adapter'
              ? 'The language the helpdesk has for this customer.'
              : 'Deskmate could not tell; the model follows the customer’s latest message.'
        }
        onChange={(e) => {
          const parsed = LANGUAGE_CODES.find((code) => code === e.target.value);
          onChange(parsed);
        }}
      >
        <option value="">Auto ({auto})</option>
        {LANGUAGE_CODES.map((code) => (
          <option key={code} value={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </span>
  );
}
