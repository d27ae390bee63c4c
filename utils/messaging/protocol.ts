import { z } from 'zod';
import { AdapterId, CustomDomainsState } from '../custom-domains';
import { DELETE_ALL_CONFIRMATION } from '../data/delete-all';
import { RetentionPeriod } from '../data/retention';
import { SubscriptionErrorCode } from '../presets/subscription';
import { LanguageCode } from '../ticket/language';
import { Ticket } from '../ticket/ticket';

// One place for every message that crosses a context boundary. Each side parses what it receives.

const TabId = z.number().int().nonnegative();
const TicketKey = z.string().min(1).max(600);
/** A preset library entry key (utils/presets/preset.ts `entryKey`): `<source>/<id>`. */
const PresetKey = z.string().min(1).max(2200);
/** The agent's draft as a rewrite preset's input; a reply never needs more. */
export const DRAFT_TEXT_MAX_CHARS = 50_000;
const DraftText = z.string().max(DRAFT_TEXT_MAX_CHARS);
/** How often a pack subscription is checked (utils/presets/subscription.ts). */
const RefreshHours = z.number().int().min(1).max(168);
export const GenerationKind = z.enum(['summary', 'draft']);
export type GenerationKind = z.infer<typeof GenerationKind>;

/** The longest free "Refine: …" instruction: a sentence or two, not a second prompt. */
export const REFINE_INSTRUCTION_MAX_CHARS = 500;
/** A snippet's storage key (`<sourceKey>/<id>`, utils/knowledge/store.ts). */
export const SnippetKey = z.string().min(1).max(2200);
/** At most this many snippets go with one generation (pinned + proposed). */
export const MAX_KNOWLEDGE_PER_GENERATION = 8;
/** The snippets chosen for one generation, best first (the budget drops from the end). */
const KnowledgeKeys = z.array(SnippetKey).max(MAX_KNOWLEDGE_PER_GENERATION);

/**
 * A refinement of the agent's current draft that is more than a preset key (utils/presets/refine.ts): the agent's
 * own instruction (trusted: it goes into the task, never into the data block; capped) or a translation target.
 */
export const Refine = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('instruction'),
    instruction: z.string().trim().min(1).max(REFINE_INSTRUCTION_MAX_CHARS),
  }),
  z.object({ mode: z.literal('translate'), language: LanguageCode }),
  // "Check against knowledge" (utils/knowledge/policy-check.ts): lists the draft's statements no chosen snippet
  // supports; the answer is shown next to the draft, never written into it.
  z.object({ mode: z.literal('check') }),
]);
export type Refine = z.infer<typeof Refine>;
/**
 * Where Insert puts the reply (#7): at the agent's caret (default), after the composer's content, or instead of it.
 * Copy is a panel-only action and never reaches the page.
 */
export const InsertMode = z.enum(['caret', 'append', 'replace']);
export type InsertMode = z.infer<typeof InsertMode>;

// ---------- extension pages (side panel, options) → background: runtime.sendMessage ----------

export const PanelRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ticket/read'), tabId: TabId }),
  z.object({ type: z.literal('ticket/read-page'), tabId: TabId }),
  z.object({ type: z.literal('ticket/use-selection'), tabId: TabId }),
  z.object({
    type: z.literal('reply/insert'),
    tabId: TabId,
    ticketKey: TicketKey,
    text: z.string().min(1).max(100_000),
    /** Absent: 'caret'. */
    mode: InsertMode.optional(),
    /** 'replace' over a composer that is not empty only with this: the agent confirmed after seeing what is there. */
    confirmReplace: z.literal(true).optional(),
  }),
  // "Undo insert": the editor's own undo of Deskmate's last insert in this tab, only if nothing changed since.
  z.object({ type: z.literal('reply/undo-insert'), tabId: TabId, ticketKey: TicketKey }),
  z
    .object({
      type: z.literal('provider/test'),
      // Optional candidate settings: "Test connection" before saving.
      baseURL: z.string().max(2000).optional(),
      model: z.string().max(200).optional(),
      // The key to test with: one the agent has just typed, or (`useStoredKey`) the stored one, which the
      // background reads itself so the options page never holds it. Neither: test without a key.
      apiKey: z.string().max(2000).optional(),
      useStoredKey: z.literal(true).optional(),
      // Which saved provider the test is about (its stored key, preset and Azure fields); default: the default one.
      providerId: z.string().max(40).optional(),
      presetId: z.string().max(40).optional(),
      azure: z.object({ deployment: z.string().max(64), apiVersion: z.string().max(40) }).optional(),
      // "Load models": only the model list, whatever model is saved.
      listModels: z.literal(true).optional(),
    })
    .refine((request) => !(request.useStoredKey && request.apiKey !== undefined), {
      // i18n-ignore: a programming error between our own pages and the background
      message: 'Send either a typed API key or useStoredKey, not both.',
    }),
  // Options page: declared helpdesk domains (the page asks for the site permission first, in the click).
  z.object({ type: z.literal('domains/add'), origin: z.string().max(300), helpdesk: AdapterId }),
  z.object({ type: z.literal('domains/remove'), origin: z.string().max(300) }),
  z.object({ type: z.literal('domains/dismiss-revoked') }),
  // Side panel: "Diagnose this page".
  z.object({ type: z.literal('page/diagnose'), tabId: TabId }),
  // Options page, "Your data" (utils/background/data.ts); the router accepts these from top-level extension
  // pages only. Answers: RetentionResult, ExportResult, DeleteAllResult (utils/data/*).
  z.object({ type: z.literal('data/retention-set'), period: RetentionPeriod }),
  z.object({ type: z.literal('data/export') }),
  z.object({ type: z.literal('data/delete-all'), confirmation: z.literal(DELETE_ALL_CONFIRMATION) }),
  // Side panel, "What will be sent": the payload the next request would send, prepared by the background with the
  // model's token budget (the tokenizer lives there only). Answer: PayloadPreviewResult.
  z.object({
    type: z.literal('payload/preview'),
    tabId: TabId,
    ticketKey: TicketKey,
    kind: GenerationKind,
    /** The draft's "Reply in" choice, so the preview states the same language line as the request. */
    replyLanguage: LanguageCode.optional(),
    /** A preset's library key, so the preview shows that preset's prompt. */
    presetKey: PresetKey.optional(),
    /** The agent's current draft (rewrite presets). */
    draft: DraftText.optional(),
    /** A refinement (Refine bar), so the preview shows its prompt. */
    refine: Refine.optional(),
    /** The snippets the request would carry, so the preview shows their block. */
    knowledgeKeys: KnowledgeKeys.optional(),
  }),
  // Options page, "Team packs" (utils/background/pack-refresh.ts): the background does every pack fetch, so the
  // ETag / last-good state has one writer. Top-level extension pages only. Answer: PackActionResult.
  z.object({
    type: z.literal('packs/subscribe'),
    url: z.string().max(2000),
    intervalHours: RefreshHours.optional(),
  }),
  z.object({ type: z.literal('packs/refresh'), url: z.string().max(2000) }),
  z.object({ type: z.literal('packs/set-interval'), url: z.string().max(2000), intervalHours: RefreshHours }),
  // Side panel: the team's snippets most relevant to the open ticket (utils/background/knowledge-index.ts); the
  // background reads the ticket it already holds for the tab. Answer: KnowledgeSuggestResult.
  z.object({
    type: z.literal('knowledge/suggest'),
    tabId: TabId,
    ticketKey: TicketKey,
    limit: z.number().int().min(1).max(20).optional(),
  }),
]);
export type PanelRequest = z.infer<typeof PanelRequest>;

export const KnowledgeSuggestion = z.object({
  key: SnippetKey,
  title: z.string().max(200),
  /** The start of the body as plain text, for the card. */
  excerpt: z.string().max(400),
  tags: z.array(z.string().max(40)).max(20),
  sourceUrl: z.httpUrl().max(2000).optional(),
  /** Where the snippet comes from, for the agent ("Acme Support pack", "Your snippets"). */
  sourceLabel: z.string().max(300),
  score: z.number(),
  /** The ticket's words that matched (why it is proposed). */
  matched: z.array(z.string().max(80)).max(30),
});
export type KnowledgeSuggestion = z.infer<typeof KnowledgeSuggestion>;

export const KnowledgeSuggestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    suggestions: z.array(KnowledgeSuggestion).max(20),
    /** Snippets in the index (0: the team has none yet, the panel says how to add some). */
    indexSize: z.number().int().nonnegative(),
    /** Milliseconds the search took inside the background (the benchmark reads it). */
    tookMs: z.number().nonnegative(),
  }),
  z.object({ ok: z.literal(false), code: z.enum(['no-ticket', 'failed']), message: z.string().max(1000) }),
]);
export type KnowledgeSuggestResult = z.infer<typeof KnowledgeSuggestResult>;

export const PackActionResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** For packs/set-interval only the ok matters; subscribe and refresh say what they found. */
    outcome: z.enum(['updated', 'not-modified', 'saved']),
    name: z.string().max(200).optional(),
    version: z.string().max(100).optional(),
    presetCount: z.number().int().nonnegative().optional(),
  }),
  z.object({
    ok: z.literal(false),
    code: SubscriptionErrorCode,
    message: z.string().max(4000),
    /** The pack's problems with their JSON paths (an invalid pack). */
    issues: z
      .array(z.object({ path: z.string().max(300), message: z.string().max(1000) }))
      .max(20)
      .optional(),
  }),
]);
export type PackActionResult = z.infer<typeof PackActionResult>;

export const ReadFailureCode = z.enum([
  'no-adapter', // no helpdesk adapter on this page: offer "Read this page" / "Use my selection"
  'no-ticket', // a helpdesk page, but no ticket is open
  'no-access', // the extension may not read this tab (chrome://, store pages, missing permission)
  'empty-selection',
  'read-failed',
]);
export type ReadFailureCode = z.infer<typeof ReadFailureCode>;

export const ReadTicketResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ticket: Ticket, ticketKey: TicketKey }),
  z.object({
    ok: z.literal(false),
    code: ReadFailureCode,
    message: z.string(),
    helpdesk: z.string().optional(),
  }),
]);
export type ReadTicketResult = z.infer<typeof ReadTicketResult>;

export const InsertMethod = z.enum(['editor-api', 'paste', 'beforeinput', 'input-value', 'exec-command']);
export type InsertMethod = z.infer<typeof InsertMethod>;

/** Whether the insert can be undone through the editor, and if not, why (shown on the Undo button). */
export const UndoOffer = z.object({ available: z.boolean(), reason: z.string().max(300).optional() });
export type UndoOffer = z.infer<typeof UndoOffer>;

export const InsertResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), method: InsertMethod, helpdesk: z.string(), undo: UndoOffer.optional() }),
  z.object({
    ok: z.literal(false),
    code: z.enum([
      'no-composer',
      'not-verified',
      'ticket-changed',
      'no-content-script',
      'failed',
      // 'replace' over text the agent has not confirmed to lose: nothing was changed.
      'needs-confirmation',
    ]),
    message: z.string(),
    /** With 'needs-confirmation': what the composer holds now, so the agent knows what they would replace. */
    existing: z.object({ chars: z.number().int().positive(), snippet: z.string().max(200) }).optional(),
  }),
]);
export type InsertResult = z.infer<typeof InsertResult>;

export const UndoInsertResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), helpdesk: z.string() }),
  z.object({
    ok: z.literal(false),
    code: z.enum([
      'nothing-to-undo',
      'changed-since',
      'not-restored',
      'unsupported',
      'ticket-changed',
      'no-content-script',
      'failed',
    ]),
    message: z.string(),
  }),
]);
export type UndoInsertResult = z.infer<typeof UndoInsertResult>;

export const DomainsResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), state: CustomDomainsState, message: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type DomainsResult = z.infer<typeof DomainsResult>;

// ---------- "Diagnose this page" ----------
// Facts about the adapter and its selectors on this page, never page text: counts, the selector strings of the
// adapter's own table (or the agent's overrides), the editor family. The URL is reduced to host + masked path.

export const EditorKindName = z.enum([
  'ckeditor5',
  'ckeditor4',
  'prosemirror',
  'quill',
  'slate',
  'lexical',
  'draftjs',
  'tinymce',
  'froala',
  'textarea',
  'contenteditable',
]);

const SelectorText = z.string().max(1000);

export const SelectorFieldDiagnosis = z.object({
  field: z.string().max(100),
  /** True when the agent's override replaced the adapter's default list for this field. */
  overridden: z.boolean(),
  /** How many selectors the list has. */
  tried: z.number().int().nonnegative(),
  /** The first selector (in list order) that matched anything, with its position and element count. */
  matched: z
    .object({
      selector: SelectorText,
      index: z.number().int().nonnegative(),
      count: z.number().int().positive(),
    })
    .nullable(),
  /** Selectors the browser could not parse. */
  invalid: z.array(SelectorText).max(50),
});
export type SelectorFieldDiagnosis = z.infer<typeof SelectorFieldDiagnosis>;

/** What the content script reports (checked by the background before use). */
export const ContentDiagnosis = z.object({
  adapter: z.object({ id: AdapterId, name: z.string().max(100) }),
  ticketOpen: z.boolean(),
  fields: z.array(SelectorFieldDiagnosis).max(100),
  composer: z.object({ found: z.boolean(), editorKind: EditorKindName.nullable() }),
});
export type ContentDiagnosis = z.infer<typeof ContentDiagnosis>;

export const LastInsert = z.object({
  at: z.number().int().nonnegative(),
  ok: z.boolean(),
  /** The method that worked, or the failure code. */
  method: InsertMethod.optional(),
  code: z.string().max(40).optional(),
});
export type LastInsert = z.infer<typeof LastInsert>;

export const PageDiagnosis = z.object({
  generatedAt: z.string().max(40),
  extensionVersion: z.string().max(40),
  browser: z.string().max(100),
  /** Host and the path with ids masked; null for pages that are not http(s). */
  page: z.object({ host: z.string().max(300), pathPattern: z.string().max(600) }).nullable(),
  /** Where the host's adapter comes from: built in, declared by the agent, or none. */
  hostKind: z.enum(['built-in', 'declared', 'none']),
  /** The adapter's own report; null when no adapter runs here (generic page) or the tab did not answer. */
  content: ContentDiagnosis.nullable(),
  /** Why `content` is missing, when an adapter should have answered. */
  contentError: z.string().max(300).optional(),
  /** Which reader produced the ticket the panel shows (from `ticket.source`). */
  reader: z
    .object({
      adapter: z.string().max(100),
      method: z.enum(['api', 'dom', 'generic', 'selection']),
      warnings: z.number().int().nonnegative(),
    })
    .nullable(),
  lastInsert: LastInsert.nullable(),
});
export type PageDiagnosis = z.infer<typeof PageDiagnosis>;

export const DiagnoseResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), diagnosis: PageDiagnosis }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type DiagnoseResult = z.infer<typeof DiagnoseResult>;

export const LlmErrorCode = z.enum([
  'no-provider',
  'auth',
  'forbidden',
  'model-not-found',
  'rate-limit',
  'server',
  'timeout',
  'network',
  'bad-request',
  'bad-response',
  'aborted',
  'unknown',
]);
export type LlmErrorCode = z.infer<typeof LlmErrorCode>;

export const LlmError = z.object({
  code: LlmErrorCode,
  /** A sentence the agent can act on. */
  message: z.string(),
  status: z.number().int().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});
export type LlmError = z.infer<typeof LlmError>;

export const TestConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), models: z.array(z.string()), detail: z.string() }),
  z.object({ ok: z.literal(false), error: LlmError }),
]);
export type TestConnectionResult = z.infer<typeof TestConnectionResult>;

// ---------- generation port (name: 'generation'), one port per generation ----------

export const GENERATION_PORT = 'generation';
/** Held open by every side panel, so the background knows whether anyone is looking. */
export const PANEL_PORT = 'panel';

export const PortClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    kind: GenerationKind,
    tabId: TabId,
    ticketKey: TicketKey,
    /** "Continue": carry on from this stored, cut-off generation of the same ticket and kind. */
    continueGenerationId: z.number().int().positive().optional(),
    /** The agent's "Reply in" choice for a draft; absent = the customer's language. */
    replyLanguage: LanguageCode.optional(),
    /** A preset's library key (`builtin/<id>`, `personal/<id>`, …): the background loads it itself. */
    presetKey: PresetKey.optional(),
    /** The agent's current draft, for rewrite presets (the text the preset rewrites). */
    draft: DraftText.optional(),
    /** A refinement of `draft` from the Refine bar (its own field: the agent's instruction is not a preset). */
    refine: Refine.optional(),
    /** The snippets the agent kept for this draft (pinned + proposed, not removed); the background loads them. */
    knowledgeKeys: KnowledgeKeys.optional(),
  }),
  z.object({ type: z.literal('stop') }),
]);
export type PortClientMessage = z.infer<typeof PortClientMessage>;

export const SentPayload = z.object({
  // 'assistant': a Continue sends the partial answer back as the model's own turn.
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).max(10),
  placeholders: z.record(z.string().max(40), z.string()),
});
export type SentPayload = z.infer<typeof SentPayload>;

// ---------- token budget and cost (utils/llm/budget.ts, utils/background/budgeted-payload.ts) ----------

const Tokens = z.number().int().nonnegative();
export const TokenCountMethod = z.enum(['tokenizer', 'estimate']);
export type TokenCountMethod = z.infer<typeof TokenCountMethod>;

/** What was left out of the thread to fit the model's window. */
export const TrimReport = z.object({
  omittedMessages: Tokens,
  shortenedMessages: Tokens,
  promptTokens: Tokens,
  budgetTokens: Tokens,
  /** Chosen knowledge snippets left out (lowest-ranked first) because the window was too small. */
  droppedSnippets: Tokens.optional(),
});
export type TrimReport = z.infer<typeof TrimReport>;

export const ContextWindowInfo = z.object({
  tokens: z.number().int().positive(),
  /** 'assumed': Deskmate does not know the model and budgeted with a conservative default. */
  source: z.enum(['override', 'known', 'assumed']),
});
export type ContextWindowInfo = z.infer<typeof ContextWindowInfo>;

export const PromptUsage = z.object({
  promptTokens: Tokens,
  tokenCountMethod: TokenCountMethod,
  contextWindow: ContextWindowInfo,
  trimmed: TrimReport.nullable(),
  /** Cost of the prompt alone, USD; null when no price is known for the model. */
  estimatedCostUsd: z.number().nonnegative().nullable(),
});
export type PromptUsage = z.infer<typeof PromptUsage>;

export const PayloadPreviewResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    model: z.string().max(200),
    payload: SentPayload,
    promptChars: z.number().int().nonnegative(),
    redacted: z.boolean(),
    usage: PromptUsage,
  }),
  z.object({ ok: z.literal(false), message: z.string().max(500) }),
]);
export type PayloadPreviewResult = z.infer<typeof PayloadPreviewResult>;

export const PortServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    generationId: z.number().int(),
    model: z.string(),
    promptChars: z.number().int(),
    /** Exactly what went to the model (after redaction) and placeholder → real value, for local restoring. */
    sent: SentPayload.optional(),
    /** A Continue: the cut-off text (model's own, placeholders included) the deltas are appended to. */
    prefix: z.string().optional(),
    // Token budget and cost (optional: older workers and tests send none).
    promptTokens: Tokens.optional(),
    tokenCountMethod: TokenCountMethod.optional(),
    contextWindow: ContextWindowInfo.optional(),
    trimmed: TrimReport.nullable().optional(),
    estimatedCostUsd: z.number().nonnegative().nullable().optional(),
  }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  /** A failure before the first token that will be retried after `delayMs` (Stop still works meanwhile). */
  z.object({
    type: z.literal('retrying'),
    attempt: z.number().int().min(2),
    maxAttempts: z.number().int().min(2),
    delayMs: z.number().int().nonnegative(),
    reason: z.enum(['rate-limit', 'server', 'network']),
  }),
  z.object({ type: z.literal('heartbeat') }),
  z.object({
    type: z.literal('done'),
    text: z.string(),
    outputTokens: Tokens.optional(),
    /** Prompt + answer, USD; null when no price is known. */
    costUsd: z.number().nonnegative().nullable().optional(),
  }),
  z.object({ type: z.literal('stopped'), text: z.string() }),
  z.object({ type: z.literal('error'), error: LlmError, text: z.string() }),
]);
export type PortServerMessage = z.infer<typeof PortServerMessage>;

// ---------- content script → background: the only messages a content script may send ----------

export const ContentEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('content/ticket-changed'),
    ticketId: z.string().max(200).nullable(),
    url: z.string().max(4000),
  }),
]);
export type ContentEvent = z.infer<typeof ContentEvent>;

// ---------- background → content script: tabs.sendMessage ----------
// Plain TypeScript types: the content script checks these by hand to stay zod-free (bundle budget).

export type ContentCommand =
  | { type: 'content/extract' }
  | {
      type: 'content/insert';
      ticketId: string;
      text: string;
      bridgeNonce: string | null;
      mode: InsertMode;
      confirmReplace: boolean;
    }
  | { type: 'content/undo-insert'; ticketId: string; bridgeNonce: string | null }
  | { type: 'content/ping' }
  | { type: 'content/diagnose' };

export type ContentExtractReply =
  | { ok: true; ticket: unknown }
  | { ok: false; code: 'no-ticket' | 'read-failed'; message: string; helpdesk: string };
