import { browser } from 'wxt/browser';
import type { ChromeAiAvailability } from '@/utils/providers/default-choice';

// Shown in the side panel when no model is set up and none was found on this computer: the choices, in plain
// words, and one button to the settings.

export function OnboardingCard({ warning, chromeAi }: { warning?: string; chromeAi?: ChromeAiAvailability }) {
  return (
    <section className="notice warn onboarding" data-testid="no-provider" aria-labelledby="onboarding-title">
      <p id="onboarding-title">
        <strong>Connect a model to get summaries and drafts.</strong>
      </p>
      {warning ? <p data-testid="no-provider-warning">{warning}</p> : null}
      <ul className="onboarding-choices">
        <li>
          <strong>Keep tickets on your computer:</strong> install Ollama or LM Studio and run a model locally.
          Nothing leaves your machine.
        </li>
        <li>
          <strong>Your company has an AI gateway:</strong> use its address (LiteLLM, Azure OpenAI) and the key
          your IT team gives you.
        </li>
        <li>
          <strong>You have an OpenAI (or other provider) key:</strong> paste it in the settings; tickets are
          sent to that provider.
        </li>
        {chromeAi === 'downloadable' || chromeAi === 'downloading' ? (
          <li data-testid="onboarding-chrome-ai">
            <strong>Chrome's built-in AI:</strong> runs inside this browser once Chrome has downloaded its
            model
            {chromeAi === 'downloading' ? ' (downloading now)' : ''}.
          </li>
        ) : null}
      </ul>
      <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
        Set up a model
      </button>
    </section>
  );
}
