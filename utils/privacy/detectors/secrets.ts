import { type Detector, type Finding, groupRange, scan } from '../types';

// Secrets are redacted, not the text around them: a URL keeps its host and path so the model still knows
// which page the customer means; only the credential is replaced.

/** user:password@ in a URL (basic-auth userinfo). */
const URL_USERINFO_RE = /\b[a-z][a-z0-9+.-]{0,30}:\/\/([^\s/?#@:]{1,256}:[^\s/?#@]{1,256})@/dgi;
/** ?token=… &api_key=… in a URL query or fragment. */
const URL_QUERY_SECRET_RE =
  /[?&#](?:access_token|refresh_token|id_token|token|auth|auth_token|api_key|apikey|key|secret|client_secret|password|passwd|pwd|sig|signature|session|sessionid|sid|code|otp|x-amz-signature|x-amz-credential|x-goog-signature)=([^\s&#"'<>]{4,})/dgi;
/** "Bearer <token>" (an Authorization header pasted into a ticket). */
const BEARER_RE = /\bBearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/dg;
/** Well-known key shapes. Each prefix is specific enough to stand alone. */
const KEY_RES: RegExp[] = [
  /(?<![\w-])sk-(?:proj-|ant-|live-)?[A-Za-z0-9_-]{20,}/g, // OpenAI / Anthropic style
  /(?<![\w-])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, // Stripe
  /(?<![\w-])gh[pousr]_[A-Za-z0-9]{30,}/g, // GitHub tokens
  /(?<![\w-])github_pat_[A-Za-z0-9_]{40,}/g, // GitHub fine-grained
  /(?<![\w-])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/g, // AWS access key id
  /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /(?<![\w-])AIza[0-9A-Za-z_-]{35}/g, // Google API key
  /(?<![\w-])glpat-[A-Za-z0-9_-]{20,}/g, // GitLab
  /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
];

export const secretDetector: Detector = {
  id: 'secret',
  label: 'SECRET',
  description:
    'Credentials: passwords and tokens in URLs (user:pass@, ?token=, ?api_key=, signatures), "Bearer …" tokens, API keys (sk-…, ghp_…, AKIA…, xox…, AIza…, glpat-…, Stripe) and JWTs.',
  find(text) {
    const found: Finding[] = [
      ...scan(text, URL_USERINFO_RE, 'SECRET', (m) => groupRange(m, 1)),
      ...scan(text, URL_QUERY_SECRET_RE, 'SECRET', (m) => groupRange(m, 1)),
      ...scan(text, BEARER_RE, 'SECRET', (m) => groupRange(m, 1)),
    ];
    for (const re of KEY_RES) found.push(...scan(text, re, 'SECRET', () => true));
    return found;
  },
};
