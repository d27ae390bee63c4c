// Provider presets: plain data, one row per kind of endpoint. The options page offers them in "Add provider";
// the resolver reads `structuredOutput`; the README table is written from the same facts.
// Facts checked against each vendor's documentation (links in `docsUrl`).

export type StructuredOutputSupport = 'json_schema' | 'json_object' | 'none';

export const PRESET_IDS = [
  'openai',
  'azure-openai',
  'ollama',
  'lm-studio',
  'vllm',
  'openrouter',
  'litellm',
  'groq',
  'mistral',
  'anthropic',
  'gemini',
  'custom',
  'chrome-ai',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface ProviderPreset {
  id: PresetId;
  label: string;
  /** Pre-filled base URL; '' when every installation has its own (Azure, custom). */
  baseURL: string;
  /** Example placeholder for the base URL field. */
  baseURLExample: string;
  /** 'required': calls fail without one; 'optional': some installations set one; 'none': never asked. */
  apiKey: 'required' | 'optional' | 'none';
  /** True when GET {base}/models lists the model names the chat endpoint accepts. */
  modelList: boolean;
  /** A sensible first model, or '' when the agent must choose. */
  suggestedModel: string;
  structuredOutput: StructuredOutputSupport;
  /** Runs on the agent's own machine (or in the browser): the ticket does not leave it. */
  local: boolean;
  /** Shown under the form: what the agent (or their admin) has to do once. */
  setupNote: string;
  docsUrl: string;
  /** Azure needs a deployment and an api-version instead of a model list. */
  azure?: true;
  /** Not an HTTP endpoint: runs in the browser (Chrome's Prompt API); shown only when the probe says so. */
  onDevice?: true;
}

export const PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseURL: 'https://api.openai.com/v1',
    baseURLExample: 'https://api.openai.com/v1',
    apiKey: 'required',
    modelList: true,
    suggestedModel: 'gpt-4o-mini',
    structuredOutput: 'json_schema',
    local: false,
    setupNote:
      'Create a key at platform.openai.com → API keys. A project key limited to the chosen model is enough.',
    docsUrl: 'https://platform.openai.com/docs/api-reference/chat',
  },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    baseURL: '',
    baseURLExample: 'https://my-resource.openai.azure.com',
    apiKey: 'required',
    // Azure's /models lists base models, not the deployment names requests must use.
    modelList: false,
    suggestedModel: '',
    structuredOutput: 'json_schema',
    local: false,
    setupNote:
      'Enter the resource endpoint (https://<resource>.openai.azure.com), the deployment name and the api-version ' +
      '(for example 2024-10-21). The key is sent in the api-key header. Your company gateway may use another endpoint.',
    docsUrl: 'https://learn.microsoft.com/azure/ai-foundry/openai/reference',
    azure: true,
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseURL: 'http://localhost:11434/v1',
    baseURLExample: 'http://localhost:11434/v1',
    apiKey: 'none',
    modelList: true,
    suggestedModel: 'llama3.2',
    structuredOutput: 'json_schema',
    local: true,
    setupNote:
      'Ollama refuses requests from browser extensions until their origin is allowed: set ' +
      'OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* in its environment and restart Ollama. ' +
      'Download a model first: ollama pull llama3.2.',
    docsUrl: 'https://docs.ollama.com/api/openai-compatibility',
  },
  {
    id: 'lm-studio',
    label: 'LM Studio',
    baseURL: 'http://localhost:1234/v1',
    baseURLExample: 'http://localhost:1234/v1',
    apiKey: 'none',
    modelList: true,
    suggestedModel: '',
    structuredOutput: 'json_schema',
    local: true,
    setupNote: 'Start the local server in LM Studio (Developer tab) and load a model; enable CORS there.',
    docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseURL: 'http://localhost:8000/v1',
    baseURLExample: 'http://gpu-server.internal:8000/v1',
    apiKey: 'optional',
    modelList: true,
    suggestedModel: '',
    structuredOutput: 'json_schema',
    local: true,
    setupNote: 'Run vllm serve <model>; a key is needed only when the server was started with --api-key.',
    docsUrl: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseURL: 'https://openrouter.ai/api/v1',
    baseURLExample: 'https://openrouter.ai/api/v1',
    apiKey: 'required',
    modelList: true,
    suggestedModel: 'openai/gpt-4o-mini',
    structuredOutput: 'json_schema',
    local: false,
    setupNote: 'Model names carry the vendor: openai/gpt-4o-mini, anthropic/claude-3.5-haiku, …',
    docsUrl: 'https://openrouter.ai/docs/api-reference/overview',
  },
  {
    id: 'litellm',
    label: 'LiteLLM proxy',
    baseURL: 'http://localhost:4000/v1',
    baseURLExample: 'https://llm-gateway.example.com/v1',
    apiKey: 'optional',
    modelList: true,
    suggestedModel: '',
    structuredOutput: 'json_schema',
    local: false,
    setupNote:
      'Use the virtual key your gateway admin gave you; the model names are the ones the proxy lists.',
    docsUrl: 'https://docs.litellm.ai/docs/simple_proxy',
  },
  {
    id: 'groq',
    label: 'Groq',
    baseURL: 'https://api.groq.com/openai/v1',
    baseURLExample: 'https://api.groq.com/openai/v1',
    apiKey: 'required',
    modelList: true,
    suggestedModel: 'llama-3.1-8b-instant',
    // json_schema only on some models; JSON mode works on all.
    structuredOutput: 'json_object',
    local: false,
    setupNote: 'Create a key at console.groq.com.',
    docsUrl: 'https://console.groq.com/docs/openai',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    baseURL: 'https://api.mistral.ai/v1',
    baseURLExample: 'https://api.mistral.ai/v1',
    apiKey: 'required',
    modelList: true,
    suggestedModel: 'mistral-small-latest',
    structuredOutput: 'json_schema',
    local: false,
    setupNote: 'Create a key at console.mistral.ai.',
    docsUrl: 'https://docs.mistral.ai/api/',
  },
  {
    id: 'anthropic',
    label: 'Anthropic (OpenAI-compatible)',
    baseURL: 'https://api.anthropic.com/v1/',
    baseURLExample: 'https://api.anthropic.com/v1/',
    apiKey: 'required',
    // The compatibility layer documents chat completions only: type the model name.
    modelList: false,
    suggestedModel: 'claude-3-5-haiku-latest',
    // Its OpenAI compatibility layer ignores response_format.
    structuredOutput: 'none',
    local: false,
    setupNote: 'Anthropic’s OpenAI-compatible endpoint; create a key at console.anthropic.com.',
    docsUrl: 'https://docs.anthropic.com/en/api/openai-sdk',
  },
  {
    id: 'gemini',
    label: 'Google Gemini (OpenAI-compatible)',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    baseURLExample: 'https://generativelanguage.googleapis.com/v1beta/openai/',
    apiKey: 'required',
    modelList: true,
    suggestedModel: 'gemini-2.0-flash',
    structuredOutput: 'json_schema',
    local: false,
    setupNote: 'Create a key in Google AI Studio (aistudio.google.com).',
    docsUrl: 'https://ai.google.dev/gemini-api/docs/openai',
  },
  {
    id: 'custom',
    label: 'Custom OpenAI-compatible',
    baseURL: '',
    baseURLExample: 'https://llm.example.com/v1',
    apiKey: 'optional',
    modelList: true,
    suggestedModel: '',
    // Unknown server: ask for the JSON schema; one that refuses response_format (400/422 naming it) is asked
    // again without it (utils/llm/response-format.ts), and the answer is parsed tolerantly either way.
    structuredOutput: 'json_schema',
    local: false,
    setupNote: 'Any server that speaks the OpenAI chat completions API; the base URL usually ends in /v1.',
    docsUrl: 'https://platform.openai.com/docs/api-reference/chat',
  },
  {
    id: 'chrome-ai',
    label: 'Chrome on-device AI',
    baseURL: '',
    baseURLExample: '',
    apiKey: 'none',
    modelList: false,
    suggestedModel: 'gemini-nano',
    // The Prompt API constrains output with a JSON schema (responseConstraint).
    structuredOutput: 'json_schema',
    local: true,
    setupNote:
      'Runs inside Chrome on this computer; nothing is sent anywhere. Chrome downloads the model once; its context is small.',
    docsUrl: 'https://developer.chrome.com/docs/ai/prompt-api',
    onDevice: true,
  },
];

export function presetById(id: string): ProviderPreset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** The presets offered in "Add provider": Chrome's on-device model only where the browser has it. */
export function pickablePresets(chromeAiAvailable: boolean): ProviderPreset[] {
  return PRESETS.filter((preset) => !preset.onDevice || chromeAiAvailable);
}

/** Guesses the preset of an endpoint saved before presets existed (the migration and "custom" use it). */
export function guessPresetId(baseURL: string): PresetId {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return 'custom';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return 'openai';
  if (/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)) {
    return 'azure-openai';
  }
  if (host === 'openrouter.ai') return 'openrouter';
  if (host === 'api.groq.com') return 'groq';
  if (host === 'api.mistral.ai') return 'mistral';
  if (host === 'api.anthropic.com') return 'anthropic';
  if (host === 'generativelanguage.googleapis.com') return 'gemini';
  if (url.port === '11434') return 'ollama';
  if (url.port === '1234') return 'lm-studio';
  return 'custom';
}
