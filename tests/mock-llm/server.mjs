// Mock of the OpenAI HTTP API (the parts Deskmate uses), for unit/e2e tests and the demo.
//
// Import:  const mock = await startMockLlm({ port: 0 });  → { url, port, close(), enqueue(), requests, reset() }
// CLI:     node tests/mock-llm/server.mjs [--port 11435] [--host 127.0.0.1]   (prints the base URL, ends in /v1)
//
// Endpoints (shapes copied from the real API):
//   GET  /v1/models, GET /v1/models/:id       model list / one model (auth checked)
//   POST /v1/chat/completions                  chat.completion, or SSE chat.completion.chunk stream when stream:true
//   POST /__mock/enqueue  (JSON behaviour)     script the next chat completion (FIFO)
//   POST /__mock/reset                         forget requests and queued behaviours
//   GET  /__mock/requests                      the recorded requests (not counting /__mock/* calls)
//   POST /openai/deployments/:deployment/chat/completions?api-version=…   Azure OpenAI: `api-key` header required
//                                              (Bearer alone is refused), unknown deployment → 404 DeploymentNotFound
//   GET  /api/version, GET /api/tags           Ollama's own API (version, pulled models)
//
// Behaviours (enqueue): {kind:'text', content, chunkSize?, delayMs?, firstTokenDelayMs?}
//                       {kind:'status', status, retryAfter?, message?}
//                       {kind:'disconnect', afterChars?, chunkSize?, delayMs?}
//                       {kind:'hang'}
//                       {kind:'malformed', content?, every?, chunkSize?, delayMs?, firstTokenDelayMs?}
//                         a complete stream with a broken proxy's noise after every `every` (default 1) good
//                         chunks: truncated JSON, plain-text pings, JSON without `choices`, an HTML error
//                         fragment, an empty data line. The good chunks alone add up to `content`.
//   Every behaviour also takes `times` (default 1): how many consecutive requests it answers, which helps
//   when the client retries (the openai SDK retries 408/409/429/5xx twice by default).
// Without a queued behaviour the answer depends on the task: a system (or developer) message mentioning
// "summary" gets a ticket summary, anything else gets a reply draft. Both are deterministic.
// A summary request that asks for JSON (response_format json_schema / json_object, or "JSON object" in the
// system prompt) gets a JSON object; with a json_schema it has exactly the schema's properties. A draft names
// the language the system prompt asked for ("Language: … German (de) …") in its last line.
// configure({...}) (or POST /__mock/configure) sets provider quirks until reset():
//   rejectResponseFormat: every request carrying response_format fails with 400, like a provider without
//                         structured output;
//   ollamaRejectExtensionOrigin: any request with an `Origin: chrome-extension://…` header gets a bare 403,
//                         as Ollama does without OLLAMA_ORIGINS.

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { isMain } from '../../scripts/is-main.mjs';

export const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1', 'o4-mini'];
const MODEL_CREATED = 1721172741;
const STATUSES = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504];
const KINDS = ['text', 'status', 'disconnect', 'hang', 'malformed'];
const MAX_BODY = 20 * 1024 * 1024;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'x-request-id, openai-processing-ms, openai-version, retry-after, x-ratelimit-limit-requests, ' +
    'x-ratelimit-remaining-requests, x-ratelimit-reset-requests',
};

/** What a misbehaving proxy or gateway puts between good SSE events (each a complete event). */
const PROXY_NOISE = [
  'data: {"id":"chatcmpl-cut","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"LOST\n\n',
  'data: ping\n\n',
  'data: {"object":"keepalive","ts":1}\n\n',
  'data: <html><body>502 Bad Gateway</body></html>\n\n',
  'data:\n\n',
  'data: {"choices":\n\n',
];

/** @param {number} ms @param {AbortSignal} signal */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve(undefined);
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomId(length) {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** OpenAI's error envelope. */
function errorBody(message, type, code = null, param = null) {
  return { error: { message, type, param, code } };
}

function maskKey(key) {
  return `${key.slice(0, 7)}****`;
}

function invalidKeyBody(key) {
  return errorBody(
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

function missingKeyBody() {
  return errorBody(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      '(i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. YOUR_KEY) when using HTTP Basic Auth. ' +
      'You can obtain an API key from https://platform.openai.com/account/api-keys.',
    'invalid_request_error',
  );
}

function modelNotFoundBody(model) {
  return errorBody(
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
  );
}

const CLOUDFLARE_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** Approximate token count (~4 characters per token), good enough for usage numbers. */
function tokens(text) {
  return Math.max(1, Math.ceil(text.length / 4));
}

function usageFor(promptText, completionText) {
  const prompt = tokens(promptText);
  const completion = tokens(completionText);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Text of one message's content (a string or an array of content parts). */
function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : ''))
      .join('\n');
  }
  return '';
}

function messagesOf(body) {
  return Array.isArray(body?.messages) ? body.messages.filter((m) => m && typeof m === 'object') : [];
}

function lineValue(text, label) {
  const match = new RegExp(`^[ \\t>*_-]*${label}[ \\t]*:[ \\t]*(.+)$`, 'im').exec(text);
  return match?.[1]?.trim() ?? '';
}

/** "Jane Doe <jane@example.com>" → "Jane Doe". */
function cleanName(raw) {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/\([^)]*@[^)]*\)/g, '')
    .replace(/\S+@\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstSentence(text) {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0 && !/^[A-Za-z][A-Za-z ]{0,30}:/.test(l));
  if (!line) return '';
  const sentence = /^(.{1,120}?[.!?])(\s|$)/.exec(line)?.[1] ?? line.slice(0, 120);
  return sentence.trim();
}

function ticketFacts(body) {
  const userText = messagesOf(body)
    .filter((m) => m.role === 'user')
    .map((m) => contentText(m.content))
    .join('\n');
  const subject = lineValue(userText, 'Subject');
  const requester = cleanName(lineValue(userText, 'Requester'));
  return { userText, subject, requester, gist: subject || firstSentence(userText) };
}

function wantsSummary(body) {
  return messagesOf(body).some(
    (m) => (m.role === 'system' || m.role === 'developer') && /summary/i.test(contentText(m.content)),
  );
}

/** The first customer message of the prompt's conversation, as Deskmate formats it ("[Message 1 of 5 | customer | …]"). */
function firstCustomerSentence(userText) {
  const match = /\[Message \d+ of \d+ \| customer \|[^\]]*\]\n([\s\S]*?)(?=\n\[Message |\n<<<END|$)/.exec(
    userText,
  );
  if (!match) return '';
  const lines = match[1]
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^(hi|hello|hej|dear|hallo|bonjour|hola|ciao)\b/i.test(l));
  return firstSentence(lines.join('\n'));
}

function messageCount(userText) {
  return Number(/\[Message \d+ of (\d+)/.exec(userText)?.[1] ?? 0);
}

/** The default summary: Markdown bullets, no headings. Built only from what the prompt contains. */
export function summaryFor(body) {
  const { userText, subject, requester, gist } = ticketFacts(body);
  const opening = firstCustomerSentence(userText);
  const count = messageCount(userText);
  const issue = subject
    ? `"${subject}"${opening ? ` — the customer opened with: "${opening}"` : ''}`
    : gist
      ? `The customer reports: "${gist}"`
      : 'The customer reports a problem but the ticket gives few details.';
  const customer = requester ? `${requester}, waiting for an answer.` : 'Requester not named in the ticket.';
  return [
    `- **Issue:** ${issue}`,
    `- **Customer:** ${customer}`,
    `- **Thread:** ${count > 0 ? `${count} ${count === 1 ? 'message' : 'messages'}` : 'no messages'}; check the internal notes before promising anything.`,
    '- **Next step:** Confirm the facts the customer gave, then reply with what you will do and when.',
  ].join('\n');
}

function systemText(body) {
  return messagesOf(body)
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => contentText(m.content))
    .join('\n');
}

/** The language a draft prompt asks for: "German" from a line like "Language: the customer’s language, German (de)…". */
export function requestedLanguage(body) {
  const line = lineValue(systemText(body), 'Language');
  return /([A-Z][\p{L}]+(?: [A-Z][\p{L}]+)?) \([a-z]{2,3}(?:-[A-Za-z0-9]+)*\)/u.exec(line)?.[1] ?? '';
}

function wantsJson(body) {
  const type = body?.response_format?.type;
  return type === 'json_schema' || type === 'json_object' || /JSON object/.test(systemText(body));
}

/**
 * The default summary as JSON (Deskmate's structured summary). With a json_schema response_format, exactly the
 * schema's properties, in its order; values are built only from what the prompt contains.
 */
export function summaryJsonFor(body) {
  const { userText, subject, requester, gist } = ticketFacts(body);
  const opening = firstCustomerSentence(userText);
  const count = messageCount(userText);
  const agentReplies = (userText.match(/\[Message \d+ of \d+ \| agent \|/g) ?? []).length;
  const guess = /guess from the ticket is ([^;.\n]+)/.exec(systemText(body))?.[1];
  const known = {
    issue: subject
      ? `"${subject}"${opening ? ` — the customer opened with: "${opening}"` : ''}`
      : gist
        ? `The customer reports: "${gist}"`
        : 'The customer reports a problem but the ticket gives few details.',
    customerWants: `${requester || 'The customer'} wants the problem resolved and an answer.`,
    doneSoFar:
      agentReplies > 0
        ? `${agentReplies} agent ${agentReplies === 1 ? 'reply' : 'replies'} in a thread of ${count} messages.`
        : 'nothing yet',
    sentiment: 'frustrated',
    urgency: 'normal',
    language: guess ?? 'unknown',
    nextSteps: ['Confirm the facts the customer gave.', 'Reply with what you will do and when.'],
  };
  const schema =
    body?.response_format?.type === 'json_schema' ? body.response_format.json_schema?.schema : null;
  const properties = schema && typeof schema.properties === 'object' ? schema.properties : null;
  if (!properties) return known;
  const out = {};
  for (const [key, spec] of Object.entries(properties)) {
    out[key] = key in known ? known[key] : spec?.type === 'array' ? [] : 'unknown';
  }
  return out;
}

/** The default reply draft: greets the requester by first name, several paragraphs, no invented promises. */
export function draftFor(body) {
  const { subject, requester, gist } = ticketFacts(body);
  const language = requestedLanguage(body);
  const firstName = requester.split(' ')[0] ?? '';
  const greeting = firstName ? `Hi ${firstName},` : 'Hi there,';
  const about = subject ? ` about "${subject}"` : gist ? ` about "${gist}"` : '';
  return [
    greeting,
    `Thank you for getting in touch${about}, and I'm sorry for the trouble this has caused.`,
    "I'm looking into it now. [Confirm what you found and what happens next.] I'll get back to you by [time] at the latest.",
    "If there's anything else you'd like me to check in the meantime, just reply to this message.",
    'Kind regards,\n[Your name]',
    ...(language ? [`(Mock reply; the prompt asked for ${language}.)`] : []),
  ].join('\n\n');
}

/** Split into chunks of about `size` characters, never inside a surrogate pair. */
function splitChunks(text, size) {
  const chars = Array.from(text);
  const out = [];
  const step = Math.max(1, Math.floor(size));
  for (let i = 0; i < chars.length; i += step) out.push(chars.slice(i, i + step).join(''));
  return out;
}

function validateBehaviour(b) {
  if (!b || typeof b !== 'object' || !KINDS.includes(b.kind)) {
    throw new Error(`mock-llm: behaviour needs kind one of ${KINDS.join(', ')}; got ${JSON.stringify(b)}`);
  }
  if (b.kind === 'text' && typeof b.content !== 'string')
    throw new Error('mock-llm: text behaviour needs content');
  if (b.kind === 'status' && !STATUSES.includes(b.status)) {
    throw new Error(`mock-llm: status behaviour needs status one of ${STATUSES.join(', ')}`);
  }
  if (b.times !== undefined && !(Number.isInteger(b.times) && b.times >= 1)) {
    throw new Error('mock-llm: times must be a positive integer');
  }
}

/**
 * Start the mock.
 * @param {{port?: number, host?: string, models?: string[], chunkSize?: number, delayMs?: number,
 *   firstTokenDelayMs?: number, requireAuth?: boolean, log?: boolean}} [opts]
 */
export async function startMockLlm(opts = {}) {
  const host = opts.host ?? '127.0.0.1';
  const models = opts.models ?? DEFAULT_MODELS;
  const pace = {
    chunkSize: opts.chunkSize ?? 8,
    delayMs: opts.delayMs ?? 15,
    firstTokenDelayMs: opts.firstTokenDelayMs ?? 15,
  };
  const requireAuth = opts.requireAuth ?? true;
  const azureDeployments = opts.azureDeployments ?? ['deskmate-gpt4o'];
  const fingerprint = `fp_${randomBytes(5).toString('hex')}`;
  /** @type {Array<{method: string, path: string, headers: Record<string, string | string[] | undefined>, body: unknown}>} */
  const requests = [];
  /** @type {Array<Record<string, unknown>>} */
  const queue = [];
  const stop = new AbortController();
  // Provider quirks, changed at run time by configure() and put back by reset().
  const defaults = {
    rejectResponseFormat: false,
    ollamaRejectExtensionOrigin: opts.ollamaRejectExtensionOrigin ?? false,
  };
  const config = { ...defaults };

  function log(...args) {
    if (opts.log) console.log('[mock-llm]', ...args);
  }

  function send(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const isJson = typeof body !== 'string';
    res.writeHead(status, {
      ...CORS_HEADERS,
      'content-type': isJson ? 'application/json' : 'text/html',
      'content-length': Buffer.byteLength(text),
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-version': '2020-10-01',
      'openai-processing-ms': '12',
      ...headers,
    });
    res.end(text);
  }

  function enqueue(behaviour) {
    validateBehaviour(behaviour);
    const { times = 1, ...rest } = behaviour;
    for (let i = 0; i < times; i++) queue.push({ ...rest });
    return queue.length;
  }

  function reset() {
    requests.length = 0;
    queue.length = 0;
    Object.assign(config, defaults);
  }

  /** @param {{rejectResponseFormat?: boolean, ollamaRejectExtensionOrigin?: boolean}} changes */
  function configure(changes) {
    if (!changes || typeof changes !== 'object') throw new Error('mock-llm: configure needs an object');
    for (const name of /** @type {const} */ (['rejectResponseFormat', 'ollamaRejectExtensionOrigin'])) {
      if (changes[name] === undefined) continue;
      if (typeof changes[name] !== 'boolean') throw new Error(`mock-llm: ${name} must be a boolean`);
      config[name] = changes[name];
    }
    return { ...config };
  }

  function apiKeyOf(req) {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return '';
    return /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim() ?? '';
  }

  /** @returns {boolean} true when the request may go on */
  function checkAuth(req, res) {
    if (!requireAuth) return true;
    const key = apiKeyOf(req);
    if (!key) {
      send(res, 401, missingKeyBody());
      return false;
    }
    if (key.startsWith('sk-invalid')) {
      send(res, 401, invalidKeyBody(key));
      return false;
    }
    return true;
  }

  /** Azure OpenAI's deployment route: api-version query, api-key header, known deployment. */
  async function azureChat(req, res, url, deployment, body) {
    if (!url.searchParams.get('api-version')) {
      send(res, 404, {
        error: { code: '404', message: 'Resource not found' },
      });
      return;
    }
    const key = req.headers['api-key'];
    if (typeof key !== 'string' || key.trim() === '') {
      send(res, 401, {
        error: {
          code: '401',
          message:
            'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        },
      });
      return;
    }
    if (!azureDeployments.includes(deployment)) {
      send(res, 404, {
        error: {
          code: 'DeploymentNotFound',
          message:
            'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
        },
      });
      return;
    }
    // The deployment fixes the model; the body's model field is ignored, as Azure does.
    const withModel =
      body && typeof body === 'object' && !Array.isArray(body) ? { ...body, model: deployment } : body;
    await chatCompletions(req, res, withModel);
  }

  function modelObject(id) {
    return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
  }

  function sendStatus(req, res, behaviour, body) {
    const status = /** @type {number} */ (behaviour.status);
    const model = modelOf(body);
    const custom = typeof behaviour.message === 'string' ? behaviour.message : undefined;
    switch (status) {
      case 401:
        send(
          res,
          401,
          custom
            ? errorBody(custom, 'invalid_request_error', 'invalid_api_key')
            : invalidKeyBody(apiKeyOf(req) || 'sk-unknown'),
        );
        return;
      case 403:
        send(
          res,
          403,
          errorBody(
            custom ?? 'Country, region, or territory not supported',
            'request_forbidden',
            'unsupported_country_region_territory',
          ),
        );
        return;
      case 404:
        send(
          res,
          404,
          custom ? errorBody(custom, 'invalid_request_error', 'model_not_found') : modelNotFoundBody(model),
        );
        return;
      case 429: {
        const retryAfter = behaviour.retryAfter ?? 1;
        send(
          res,
          429,
          errorBody(
            custom ??
              `Rate limit reached for ${model} in organization org-mockdeskmate on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfter}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
            'requests',
            'rate_limit_exceeded',
          ),
          {
            'retry-after': String(retryAfter),
            'x-ratelimit-limit-requests': '3',
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': `${retryAfter}s`,
          },
        );
        return;
      }
      case 500:
        send(
          res,
          500,
          errorBody(
            custom ??
              'The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
            'server_error',
          ),
        );
        return;
      case 502:
        // The real API's 502s come from its CDN as an HTML page, not as JSON.
        send(res, 502, custom ?? CLOUDFLARE_502);
        return;
      case 503:
        send(
          res,
          503,
          errorBody(custom ?? 'The engine is currently overloaded, please try again later', 'server_error'),
          behaviour.retryAfter !== undefined ? { 'retry-after': String(behaviour.retryAfter) } : {},
        );
        return;
      default:
        send(
          res,
          status,
          errorBody(
            custom ?? `Mock error ${status}`,
            status >= 500 ? 'server_error' : 'invalid_request_error',
          ),
        );
    }
  }

  /** Stream `content` as chat.completion.chunk events; stop after `cutAfter` chars by destroying the socket. */
  async function streamText(req, res, body, content, options) {
    const { chunkSize, delayMs, firstTokenDelayMs, cutAfter, noiseEvery } = options;
    let noise = 0;
    const includeUsage = body?.stream_options?.include_usage === true;
    const base = {
      id: `chatcmpl-${randomId(29)}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: modelOf(body),
      service_tier: 'default',
      system_fingerprint: fingerprint,
    };
    const chunk = (choices, extra = {}) =>
      `data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: null } : {}), ...extra })}\n\n`;
    const choice = (delta, finishReason = null) => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finishReason,
    });
    const gone = () => res.destroyed || res.writableEnded || stop.signal.aborted;

    res.writeHead(200, {
      ...CORS_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, must-revalidate',
      connection: 'keep-alive',
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-version': '2020-10-01',
      'openai-processing-ms': String(firstTokenDelayMs),
    });
    res.flushHeaders();

    await sleep(firstTokenDelayMs, stop.signal);
    if (gone()) return;
    res.write(chunk([choice({ role: 'assistant', content: '', refusal: null })]));

    let sent = 0;
    for (const piece of splitChunks(content, chunkSize)) {
      if (cutAfter !== undefined && sent >= cutAfter) break;
      await sleep(delayMs, stop.signal);
      if (gone()) return;
      res.write(chunk([choice({ content: piece })]));
      sent += piece.length;
      if (noiseEvery && ++noise % noiseEvery === 0) {
        res.write(PROXY_NOISE[(noise / noiseEvery - 1) % PROXY_NOISE.length]);
      }
    }
    if (cutAfter !== undefined) {
      await sleep(delayMs, stop.signal);
      log('disconnecting after', sent, 'chars');
      req.socket.destroy();
      return;
    }
    await sleep(delayMs, stop.signal);
    if (gone()) return;
    res.write(chunk([choice({}, 'stop')]));
    if (includeUsage) {
      res.write(
        `data: ${JSON.stringify({ ...base, choices: [], usage: usageFor(promptOf(body), content) })}\n\n`,
      );
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }

  function modelOf(body) {
    return typeof body?.model === 'string' && body.model !== '' ? body.model : 'gpt-4o-mini';
  }

  function promptOf(body) {
    return messagesOf(body)
      .map((m) => contentText(m.content))
      .join('\n');
  }

  async function completeText(req, res, body, content, options) {
    if (body.stream === true) {
      await streamText(req, res, body, content, options);
      return;
    }
    await sleep(options.firstTokenDelayMs, stop.signal);
    if (res.destroyed || stop.signal.aborted) return;
    send(res, 200, {
      id: `chatcmpl-${randomId(29)}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: modelOf(body),
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: usageFor(promptOf(body), content),
      service_tier: 'default',
      system_fingerprint: fingerprint,
    });
  }

  async function chatCompletions(req, res, parsed) {
    if (parsed === undefined) {
      send(
        res,
        400,
        errorBody(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
          'invalid_request_error',
        ),
      );
      return;
    }
    const body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    // A provider without structured output refuses the parameter before anything else (queue untouched).
    if (config.rejectResponseFormat && body.response_format !== undefined) {
      const type = typeof body.response_format?.type === 'string' ? body.response_format.type : 'unknown';
      send(
        res,
        400,
        errorBody(
          `Invalid parameter: 'response_format' of type '${type}' is not supported with this model.`,
          'invalid_request_error',
          null,
          'response_format',
        ),
      );
      return;
    }
    const behaviour = queue.shift();
    if (behaviour) log('behaviour', behaviour.kind);
    const paceOf = (b) => ({
      chunkSize: typeof b?.chunkSize === 'number' ? b.chunkSize : pace.chunkSize,
      delayMs: typeof b?.delayMs === 'number' ? b.delayMs : pace.delayMs,
      firstTokenDelayMs:
        typeof b?.firstTokenDelayMs === 'number' ? b.firstTokenDelayMs : pace.firstTokenDelayMs,
    });
    if (behaviour?.kind === 'hang') return; // never answered; the socket closes with the server
    if (behaviour?.kind === 'status') {
      sendStatus(req, res, behaviour, body);
      return;
    }
    if (behaviour?.kind === 'disconnect') {
      if (body.stream !== true) {
        req.socket.destroy();
        return;
      }
      const afterChars = typeof behaviour.afterChars === 'number' ? behaviour.afterChars : 0;
      const content = typeof behaviour.content === 'string' ? behaviour.content : draftFor(body);
      await streamText(req, res, body, content, { ...paceOf(behaviour), cutAfter: afterChars });
      return;
    }
    if (behaviour?.kind === 'malformed') {
      const content = typeof behaviour.content === 'string' ? behaviour.content : draftFor(body);
      const every = typeof behaviour.every === 'number' && behaviour.every >= 1 ? behaviour.every : 1;
      await streamText(req, res, body, content, { ...paceOf(behaviour), noiseEvery: every });
      return;
    }
    if (behaviour?.kind === 'text') {
      await completeText(req, res, body, /** @type {string} */ (behaviour.content), paceOf(behaviour));
      return;
    }
    if (typeof body?.model !== 'string' || body.model === '') {
      send(res, 400, errorBody('you must provide a model parameter', 'invalid_request_error', null, null));
      return;
    }
    if (body.model.startsWith('missing-')) {
      send(res, 404, modelNotFoundBody(body.model));
      return;
    }
    if (!Array.isArray(body.messages)) {
      send(
        res,
        400,
        errorBody(
          "Missing required parameter: 'messages'.",
          'invalid_request_error',
          'missing_required_parameter',
          'messages',
        ),
      );
      return;
    }
    const content = wantsSummary(body)
      ? wantsJson(body)
        ? JSON.stringify(summaryJsonFor(body), null, 2)
        : summaryFor(body)
      : draftFor(body);
    await completeText(req, res, body, content, paceOf(undefined));
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://mock.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size > MAX_BODY) {
        send(res, 413, errorBody('Request too large', 'invalid_request_error'));
        return;
      }
      chunks.push(c);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    /** @type {unknown} */
    let body = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
    }

    if (!path.startsWith('/__mock/')) {
      requests.push({
        method,
        path,
        query: url.search,
        headers: { ...req.headers },
        body: body === undefined ? raw : body,
      });
      log(method, path);
    }

    if (method === 'OPTIONS') {
      const allowHeaders = req.headers['access-control-request-headers'];
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'access-control-allow-headers': typeof allowHeaders === 'string' ? allowHeaders : '*',
        'access-control-max-age': '86400',
        ...(req.headers['access-control-request-private-network'] === 'true'
          ? { 'access-control-allow-private-network': 'true' }
          : {}),
      });
      res.end();
      return;
    }

    if (path === '/__mock/enqueue' && method === 'POST') {
      try {
        const queued = enqueue(body);
        send(res, 200, { ok: true, queued });
      } catch (err) {
        send(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
    if (path === '/__mock/configure' && method === 'POST') {
      try {
        send(res, 200, { ok: true, config: configure(body) });
      } catch (err) {
        send(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
    if (path === '/__mock/reset' && method === 'POST') {
      reset();
      send(res, 200, { ok: true });
      return;
    }
    if (path === '/__mock/requests' && method === 'GET') {
      send(res, 200, requests);
      return;
    }

    // Ollama without OLLAMA_ORIGINS: a browser extension's origin gets a bare 403, whatever the route.
    const origin = req.headers.origin;
    if (
      config.ollamaRejectExtensionOrigin &&
      typeof origin === 'string' &&
      /^(chrome|moz)-extension:\/\//.test(origin)
    ) {
      res.writeHead(403, { 'content-length': 0 });
      res.end();
      return;
    }
    if (path === '/api/version' && method === 'GET') {
      send(res, 200, { version: '0.6.5' });
      return;
    }
    if (path === '/api/tags' && method === 'GET') {
      send(res, 200, {
        models: models.map((name) => ({ name, model: name, modified_at: '2025-01-01T00:00:00Z', size: 1 })),
      });
      return;
    }
    const azureMatch = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
    if (azureMatch && method === 'POST') {
      await azureChat(req, res, url, decodeURIComponent(azureMatch[1] ?? ''), body);
      return;
    }

    if (path === '/v1/models' && method === 'GET') {
      if (!checkAuth(req, res)) return;
      send(res, 200, { object: 'list', data: models.map(modelObject) });
      return;
    }
    const modelMatch = /^\/v1\/models\/(.+)$/.exec(path);
    if (modelMatch && method === 'GET') {
      if (!checkAuth(req, res)) return;
      const id = decodeURIComponent(modelMatch[1] ?? '');
      if (id.startsWith('missing-')) send(res, 404, modelNotFoundBody(id));
      else send(res, 200, modelObject(id));
      return;
    }
    if (path === '/v1/chat/completions' && method === 'POST') {
      if (!checkAuth(req, res)) return;
      await chatCompletions(req, res, body);
      return;
    }
    send(res, 404, errorBody(`Invalid URL (${method} ${url.pathname})`, 'invalid_request_error'));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[mock-llm] handler failed:', err);
      if (!res.headersSent) send(res, 500, errorBody(String(err), 'server_error'));
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed;
  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    requests,
    enqueue,
    reset,
    configure,
    close() {
      closed ??= new Promise((resolve) => {
        stop.abort();
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const mock = await startMockLlm({
    port: Number(arg('--port') ?? 0),
    host: arg('--host') ?? '127.0.0.1',
    log: args.includes('--log'),
  });
  console.log(mock.url);
  const shutdown = () => {
    mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
