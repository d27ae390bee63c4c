import { t } from '@/utils/i18n/t';
import type { PresetId } from '../../utils/providers/presets';

// Shown above the editor while no provider is set up: the choices in plain words, each opening the editor with
// the matching preset.

interface Choice {
  title: string;
  text: string;
  presets: readonly { id: PresetId; label: string }[];
}

// Built at render, so the words follow the UI language.
function choices(chromeAi: boolean): readonly Choice[] {
  const list: Choice[] = [
    {
      title: t('options_onboarding_local_title'),
      text: t('options_onboarding_local_text'),
      presets: [
        { id: 'ollama', label: 'Ollama' },
        { id: 'lm-studio', label: 'LM Studio' },
      ],
    },
    {
      title: t('options_onboarding_gateway_title'),
      text: t('options_onboarding_gateway_text'),
      presets: [
        { id: 'litellm', label: 'LiteLLM' },
        { id: 'azure-openai', label: 'Azure OpenAI' },
      ],
    },
    {
      title: t('options_onboarding_key_title'),
      text: t('options_onboarding_key_text'),
      presets: [
        { id: 'openai', label: 'OpenAI' },
        { id: 'openrouter', label: 'OpenRouter' },
      ],
    },
  ];
  if (chromeAi)
    list.push({
      title: t('options_onboarding_chrome_title'),
      text: t('options_onboarding_chrome_text'),
      presets: [{ id: 'chrome-ai', label: t('options_onboarding_chrome_button') }],
    });
  return list;
}

export function ProviderOnboarding({
  chromeAi,
  onChoose,
}: {
  chromeAi: boolean;
  onChoose: (presetId: PresetId) => void;
}) {
  return (
    <div className="provider-onboarding" data-testid="provider-onboarding">
      <p>
        <strong>{t('options_onboarding_none')}</strong> {t('options_onboarding_choose')}
      </p>
      <ul>
        {choices(chromeAi).map((choice) => (
          <li key={choice.title}>
            <strong>{t('options_onboarding_choice_title', choice.title)}</strong> {choice.text}{' '}
            {choice.presets.map((preset) => (
              <button
                key={preset.id}
                type="button"
                className="secondary"
                data-testid={`provider-onboarding-${preset.id}`}
                onClick={() => onChoose(preset.id)}
              >
                {preset.label}
              </button>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
