import type { PresetId } from '../../utils/providers/presets';

// Shown above the editor while no provider is set up: the choices in plain words, each opening the editor with
// the matching preset.

interface Choice {
  title: string;
  text: string;
  presets: readonly { id: PresetId; label: string }[];
}

const CHOICES: readonly Choice[] = [
  {
    title: 'Keep tickets on your computer',
    text: 'Run a model locally with Ollama or LM Studio. Nothing leaves your machine; a recent laptop is enough for small models.',
    presets: [
      { id: 'ollama', label: 'Ollama' },
      { id: 'lm-studio', label: 'LM Studio' },
    ],
  },
  {
    title: 'Use your company’s AI gateway',
    text: 'If your IT team runs a gateway (LiteLLM, Azure OpenAI), use its address and the key they give you.',
    presets: [
      { id: 'litellm', label: 'LiteLLM' },
      { id: 'azure-openai', label: 'Azure OpenAI' },
    ],
  },
  {
    title: 'Use an OpenAI (or other provider) key',
    text: 'Paste your key; the ticket text you send goes to that provider.',
    presets: [
      { id: 'openai', label: 'OpenAI' },
      { id: 'openrouter', label: 'OpenRouter' },
    ],
  },
];

export function ProviderOnboarding({
  chromeAi,
  onChoose,
}: {
  chromeAi: boolean;
  onChoose: (presetId: PresetId) => void;
}) {
  const choices: readonly Choice[] = chromeAi
    ? [
        ...CHOICES,
        {
          title: 'Use Chrome’s built-in AI',
          text: 'Chrome can run a small model inside the browser: nothing is sent anywhere, but it handles shorter tickets only.',
          presets: [{ id: 'chrome-ai', label: 'Chrome on-device AI' }],
        },
      ]
    : CHOICES;
  return (
    <div className="provider-onboarding" data-testid="provider-onboarding">
      <p>
        <strong>No model is set up yet.</strong> Choose how Deskmate should reach one:
      </p>
      <ul>
        {choices.map((choice) => (
          <li key={choice.title}>
            <strong>{choice.title}.</strong> {choice.text}{' '}
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
