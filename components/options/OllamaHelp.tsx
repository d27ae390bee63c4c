// Setup notes for local model servers: the usual reason a local test fails is the server's CORS origin list.

export function OllamaHelp() {
  return (
    <section className="card help" aria-labelledby="ollama-help-title">
      <h2 id="ollama-help-title">Using Ollama on this computer</h2>
      <ol>
        <li>
          Start Ollama so that it accepts requests from browser extensions:
          <pre>
            <code>OLLAMA_ORIGINS=chrome-extension://* ollama serve</code>
          </pre>
          In Firefox, use <code>moz-extension://*</code> instead (or both, separated by a comma:{' '}
          <code>OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*</code>).
        </li>
        <li>
          Set the base URL to <code>http://localhost:11434/v1</code> (the “Ollama (this computer)” button
          fills it in) and leave the API key empty.
        </li>
        <li>
          Click <strong>Test connection</strong> and pick one of the models you have pulled (for example{' '}
          <code>ollama pull llama3.2</code>).
        </li>
      </ol>
      <p>
        LM Studio: start its local server (default <code>http://localhost:1234/v1</code>) and enable CORS in
        its server settings.
      </p>
    </section>
  );
}
