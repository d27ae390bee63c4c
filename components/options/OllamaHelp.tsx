import { t } from '@/utils/i18n/t';
import { tRich } from './rich-text';

// Setup notes for local model servers: the usual reason a local test fails is the server's CORS origin list.
// Commands and addresses are code, the same in every language; the sentences around them are translated.

const FIREFOX_ORIGIN = 'moz-extension://*';
const OLLAMA_URL = 'http://localhost:11434/v1';
const PULL_EXAMPLE = 'ollama pull llama3.2';
const LM_STUDIO_URL = 'http://localhost:1234/v1';

export function OllamaHelp() {
  return (
    <section className="card help" aria-labelledby="ollama-help-title">
      <h2 id="ollama-help-title">{t('options_ollama_title')}</h2>
      <ol>
        <li>
          {t('options_ollama_start')}
          <pre>
            <code>OLLAMA_ORIGINS=chrome-extension://* ollama serve</code>
          </pre>
          {tRich(
            'options_ollama_firefox',
            <code>{FIREFOX_ORIGIN}</code>,
            <code>OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*</code>,
          )}
        </li>
        <li>{tRich('options_ollama_base_url', <code>{OLLAMA_URL}</code>, t('options_quick_fill_ollama'))}</li>
        <li>
          {tRich(
            'options_ollama_test',
            <strong>{t('options_provider_test')}</strong>,
            <code>{PULL_EXAMPLE}</code>,
          )}
        </li>
      </ol>
      <p>{tRich('options_ollama_lm_studio', <code>{LM_STUDIO_URL}</code>)}</p>
    </section>
  );
}
