import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { t } from '../i18n/t';
import { type JsonValue, parseLooseJson } from './loose-json';

// The structured ticket summary: one zod schema is the type, the JSON Schema sent to providers that support
// structured output, and the field guide in the prompt for those that do not. The model's raw text is what is
// stored; the panel parses it on display (parseSummary), so history and live streams render the same way.

export const SENTIMENTS = ['positive', 'neutral', 'frustrated', 'angry', 'unknown'] as const;
export const URGENCIES = ['low', 'normal', 'high', 'urgent', 'unknown'] as const;

export const Sentiment = z.enum(SENTIMENTS);
export type Sentiment = z.infer<typeof Sentiment>;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** Length caps: a summary is read at a glance in a narrow panel. Longer model text is cut, not rejected. */
export const SUMMARY_LIMITS = { text: 500, language: 60, step: 300, steps: 5 } as const;

export const Summary = z.strictObject({
  issue: z
    .string()
    .max(SUMMARY_LIMITS.text)
    .describe('What is wrong or what is asked, in one or two sentences.'),
  customerWants: z
    .string()
    .max(SUMMARY_LIMITS.text)
    .describe('The outcome the customer wants, in one sentence.'),
  doneSoFar: z
    .string()
    .max(SUMMARY_LIMITS.text)
    .describe('What agents have already tried, said or promised; "nothing yet" if nothing.'),
  sentiment: Sentiment.describe('The customer’s mood.'),
  urgency: Urgency.describe('How urgent the ticket is for the customer.'),
  language: z
    .string()
    .max(SUMMARY_LIMITS.language)
    .describe('The language the customer writes in, as an English name such as "German".'),
  nextSteps: z
    .array(z.string().max(SUMMARY_LIMITS.step))
    .max(SUMMARY_LIMITS.steps)
    .describe('One to three concrete next steps for the agent, each a short sentence.'),
});
export type Summary = z.infer<typeof Summary>;
export type SummaryField = keyof Summary;
export const SUMMARY_FIELDS = Object.keys(Summary.shape) as SummaryField[];

export const SUMMARY_SCHEMA_NAME = 'ticket_summary';

type JsonSchema = { [key: string]: unknown };

/** Keywords outside the subset every strict structured-output implementation accepts (OpenAI, vLLM, Ollama…). */
const UNPORTABLE_KEYWORDS = new Set(['$schema', 'maxLength', 'minLength', 'maxItems', 'minItems', 'pattern']);

function portable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portable);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (!UNPORTABLE_KEYWORDS.has(key)) out[key] = portable(value);
  }
  return out;
}

/**
 * The JSON Schema for `response_format`: from the zod schema, reduced to what strict mode accepts (every
 * property required, `additionalProperties: false`, no length keywords; the caps are enforced on parsing).
 */
export function summaryJsonSchema(): JsonSchema {
  return portable(z.toJSONSchema(Summary, { target: 'draft-2020-12' })) as JsonSchema;
}

/** How a provider takes structured output: the providers settings name this per preset. */
export type StructuredOutputMode = 'json_schema' | 'json_object' | 'none';

export type SummaryResponseFormat = NonNullable<ChatCompletionCreateParamsStreaming['response_format']>;

/** `response_format` for a summary request, or undefined when the provider only gets the prompt's instructions. */
export function summaryResponseFormat(
  mode: StructuredOutputMode = 'json_schema',
): SummaryResponseFormat | undefined {
  if (mode === 'json_schema')
    return {
      type: 'json_schema',
      json_schema: { name: SUMMARY_SCHEMA_NAME, strict: true, schema: summaryJsonSchema() },
    };
  if (mode === 'json_object') return { type: 'json_object' };
  return undefined;
}

/** The answer format in words, for the system prompt (always sent: json_object and prompt-only need it). */
export function summaryFormatLines(): string[] {
  const choices = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
  const extra: Partial<Record<SummaryField, string>> = {
    sentiment: ` One of ${choices(SENTIMENTS)}.`,
    urgency: ` One of ${choices(URGENCIES)}.`,
    nextSteps: ' An array of strings.',
  };
  return [
    'Answer with one JSON object only: no Markdown, no code fences, no text before or after it. It has exactly these keys, all strings unless said otherwise:',
    ...SUMMARY_FIELDS.map((key) => `- "${key}": ${Summary.shape[key].description ?? ''}${extra[key] ?? ''}`),
  ];
}

// ---------------------------------------------------------------- tolerant parsing

export type ParsedSummary =
  | {
      ok: true;
      summary: Summary /** Fields the model left out, filled with "unknown" / empty. */;
      missing: SummaryField[];
    }
  | { ok: false; reason: string };

/** Key spellings models use for our fields: camelCase, snake_case, spaces, any case. */
const normaliseKey = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');
const KEY_OF = new Map<string, SummaryField>(SUMMARY_FIELDS.map((f) => [normaliseKey(f), f]));

const SYNONYMS: Record<string, string> = {
  negative: 'frustrated',
  upset: 'frustrated',
  annoyed: 'frustrated',
  happy: 'positive',
  satisfied: 'positive',
  furious: 'angry',
  medium: 'normal',
  moderate: 'normal',
  critical: 'urgent',
};

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

function textOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(textOf).filter((v): v is string => !!v);
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}

function enumOf<T extends string>(value: JsonValue | undefined, allowed: readonly T[]): T | undefined {
  const text = textOf(value)?.toLowerCase();
  if (!text) return undefined;
  const word = SYNONYMS[text] ?? text;
  return (allowed as readonly string[]).includes(word) ? (word as T) : ('unknown' as T);
}

function stepsOf(value: JsonValue | undefined): string[] | undefined {
  let items: string[];
  if (Array.isArray(value)) items = value.map(textOf).filter((v): v is string => v !== undefined);
  else if (typeof value === 'string')
    items = value.split(/\n+|(?:^|\s)(?:\d+[.)]|[-*•])\s+/).map((s) => s.trim());
  else return undefined;
  return items
    .map((s) => s.replace(/^(?:\d+[.)]|[-*•])\s+/, '').trim())
    .filter((s) => s.length > 0)
    .slice(0, SUMMARY_LIMITS.steps)
    .map((s) => clip(s, SUMMARY_LIMITS.step));
}

/** Our fields from an object, by normalised key; a single wrapping object ({"summary": {...}}) is unwrapped. */
function fieldsOf(value: JsonValue): Partial<Record<SummaryField, JsonValue>> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Partial<Record<SummaryField, JsonValue>> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = KEY_OF.get(normaliseKey(key));
    if (field && !(field in out)) out[field] = v;
  }
  if (Object.keys(out).length === 0) {
    const inner = Object.values(value);
    if (inner.length === 1 && inner[0] && typeof inner[0] === 'object') return fieldsOf(inner[0]);
  }
  return out;
}

/** At most this many fields may be missing before the object is not considered a summary at all. */
const MAX_MISSING = 3;

function toSummary(value: JsonValue): ParsedSummary {
  const fields = fieldsOf(value);
  if (!fields) return { ok: false, reason: t('core_llm_summary_not_object') };
  const missing: SummaryField[] = [];
  const text = (field: 'issue' | 'customerWants' | 'doneSoFar' | 'language', max: number) => {
    const v = textOf(fields[field]);
    if (v) return clip(v, max);
    missing.push(field);
    return 'unknown';
  };
  const issue = text('issue', SUMMARY_LIMITS.text);
  if (missing.includes('issue')) return { ok: false, reason: t('core_llm_summary_no_issue') };
  const orMissing = <T>(field: SummaryField, value: T | undefined, fallback: T): T => {
    if (value !== undefined) return value;
    missing.push(field);
    return fallback;
  };
  const summary: Summary = {
    issue,
    customerWants: text('customerWants', SUMMARY_LIMITS.text),
    doneSoFar: text('doneSoFar', SUMMARY_LIMITS.text),
    sentiment: orMissing('sentiment', enumOf(fields.sentiment, SENTIMENTS), 'unknown'),
    urgency: orMissing('urgency', enumOf(fields.urgency, URGENCIES), 'unknown'),
    language: text('language', SUMMARY_LIMITS.language),
    nextSteps: orMissing('nextSteps', stepsOf(fields.nextSteps), []),
  };
  if (missing.length > MAX_MISSING)
    return { ok: false, reason: t('core_llm_summary_lacks', missing.map((f) => `"${f}"`).join(', ')) };
  // The schema is the type: whatever was normalised above must still satisfy it.
  const checked = Summary.safeParse(summary);
  if (!checked.success) return { ok: false, reason: t('core_llm_summary_bad_format') };
  return { ok: true, summary: checked.data, missing: SUMMARY_FIELDS.filter((f) => missing.includes(f)) };
}

/**
 * Reasoning models served through Ollama or vLLM (DeepSeek-R1, Qwen3) may put their thinking in the content
 * as <think>…</think> before the answer. It is not the answer: dropped, and an unclosed block means "not yet".
 */
export function withoutThinking(text: string): string {
  const closed = text.replace(/^\s*<think>[\s\S]*?<\/think>/, '');
  return /^\s*<think>/.test(closed) ? '' : closed;
}

/** Places a JSON object may start: inside a ``` fence first, then every "{" in order (prose before it). */
function candidates(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  for (const fence of text.matchAll(/```[a-zA-Z]*[^\S\n]*\n?([\s\S]*?)(?:```|$)/g)) {
    const body = fence[1] ?? '';
    const brace = body.indexOf('{');
    if (brace >= 0) out.push({ text: body, start: brace });
  }
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const brace = text.indexOf('{', from);
    if (brace < 0) break;
    out.push({ text, start: brace });
    from = brace + 1;
  }
  return out;
}

/**
 * The model's answer as a summary: strict JSON; JSON in a ``` fence; prose around it; trailing commas; a few
 * missing fields (filled as "unknown" or empty). Otherwise a reason in words, for the plain-text fallback.
 */
export function parseSummary(text: string): ParsedSummary {
  const trimmed = withoutThinking(text).trim();
  if (!trimmed) return { ok: false, reason: t('core_llm_summary_empty') };
  try {
    return toSummary(JSON.parse(trimmed) as JsonValue);
  } catch {
    // not strict JSON: try the tolerant reader below
  }
  let reason: string | undefined;
  for (const c of candidates(trimmed)) {
    const parsed = parseLooseJson(c.text, c.start);
    if (!parsed.ok) {
      // The parser's own reason (with a character position) is English for developers; the agent reads ours.
      reason = t(parsed.incomplete ? 'core_llm_summary_json_incomplete' : 'core_llm_summary_json_malformed');
      continue;
    }
    const result = toSummary(parsed.value);
    if (result.ok) return result;
    reason = result.reason;
  }
  return { ok: false, reason: reason ?? t('core_llm_summary_no_json') };
}

/**
 * The fields readable so far from an answer still streaming (or cut off): complete enum values only, strings as
 * far as they have arrived. Null while there is nothing to show or the text does not look like JSON.
 */
export function parsePartialSummary(text: string): Partial<Summary> | null {
  const answer = withoutThinking(text).trimStart();
  const c = candidates(answer)[0];
  if (!c) return null;
  // Prose long before the first brace: not the JSON answer we asked for.
  if (c.text === answer && c.start > 200) return null;
  const parsed = parseLooseJson(c.text, c.start, true);
  if (!parsed.ok) return null;
  const fields = fieldsOf(parsed.value);
  if (!fields) return null;
  const out: Partial<Summary> = {};
  for (const field of ['issue', 'customerWants', 'doneSoFar', 'language'] as const) {
    const v = textOf(fields[field]);
    if (v) out[field] = clip(v, field === 'language' ? SUMMARY_LIMITS.language : SUMMARY_LIMITS.text);
  }
  const sentiment = textOf(fields.sentiment)?.toLowerCase();
  if (sentiment && (SENTIMENTS as readonly string[]).includes(sentiment))
    out.sentiment = sentiment as Sentiment;
  const urgency = textOf(fields.urgency)?.toLowerCase();
  if (urgency && (URGENCIES as readonly string[]).includes(urgency)) out.urgency = urgency as Urgency;
  const steps = stepsOf(fields.nextSteps);
  if (steps?.length) out.nextSteps = steps;
  return out;
}

export const FIELD_LABELS: Record<SummaryField, string> = {
  issue: 'Issue',
  customerWants: 'Customer wants',
  doneSoFar: 'Done so far',
  sentiment: 'Sentiment',
  urgency: 'Urgency',
  language: 'Language',
  nextSteps: 'Next steps',
};

/** How the field names and the sentiment / urgency values read; the panel passes the UI language's words. */
export interface SummaryWords {
  field(field: SummaryField): string;
  sentiment(value: Sentiment): string;
  urgency(value: Urgency): string;
}

const ENGLISH_WORDS: SummaryWords = {
  field: (field) => FIELD_LABELS[field],
  sentiment: (value) => value,
  urgency: (value) => value,
};

/** The summary as plain text for the clipboard (pasted into notes, chats, tickets). */
export function summaryAsPlainText(summary: Summary, words: SummaryWords = ENGLISH_WORDS): string {
  const label = words.field;
  const lines = [
    `${label('issue')}: ${summary.issue}`,
    `${label('customerWants')}: ${summary.customerWants}`,
    `${label('doneSoFar')}: ${summary.doneSoFar}`,
    `${label('sentiment')}: ${words.sentiment(summary.sentiment)} · ${label('urgency')}: ${words.urgency(summary.urgency)} · ${label('language')}: ${summary.language}`,
  ];
  if (summary.nextSteps.length > 0) {
    lines.push(`${label('nextSteps')}:`);
    for (const step of summary.nextSteps) lines.push(`- ${step}`);
  }
  return lines.join('\n');
}
