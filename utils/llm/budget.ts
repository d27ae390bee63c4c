import type { GenerationKind } from '../messaging/protocol';
import type { Ticket, TicketMessage } from '../ticket/ticket';

// Fitting a thread into the model's context window (design §6): everything when it fits; otherwise the first
// customer message (the problem as first stated) and the latest messages (what the reply answers) stay whole, the
// middle is left out and replaced by a marker the model sees, and only when even those two do not fit are the
// longest of them shortened, with a visible marker inside the text. Runs on the redacted ticket, so placeholders
// are counted as sent, and never cuts through one. Tokenizer-free: the caller passes `count` (the background binds
// the real tokenizer; tests bind anything), so this module is safe in every bundle.

export interface FitOptions {
  /** The model's window in tokens (prompt + answer). */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  answerTokens: number;
  /** Tokens of one text, as the model will count them (or an estimate that errs high). */
  count: (text: string) => number;
  /** Tokens of everything sent besides the messages: system prompt, ticket header, task line, chat framing. */
  overheadTokens?: number;
}

export interface Trimmed {
  /** Whole messages left out (replaced by marker lines). */
  omittedMessages: number;
  /** Messages kept but shortened in their middle. */
  shortenedMessages: number;
  /** Tokens of the prompt as fitted (the caller replaces it with the count of the built prompt). */
  promptTokens: number;
  /** contextWindow − answerTokens: what the prompt may use. */
  budgetTokens: number;
  /** Chosen knowledge snippets left out to fit (utils/privacy/payload.ts); absent: none. */
  droppedSnippets?: number;
}

export interface FitResult {
  ticket: Ticket;
  /** Tokens of the prompt by fitThread's own per-message count (an upper estimate of the rendered prompt). */
  estimatedTokens: number;
  /** null when the whole thread fits. */
  trimmed: Trimmed | null;
}

/** Answer room by kind: a summary is capped at ~150 words by its prompt, a draft reply may run longer. */
export const ANSWER_TOKENS: Readonly<Record<GenerationKind, number>> = { summary: 700, draft: 1200 };

/** Never plan an answer bigger than a quarter of a small window (a 4k local model still gets a 3k prompt). */
export function answerTokensFor(kind: GenerationKind, contextWindow: number): number {
  return Math.max(256, Math.min(ANSWER_TOKENS[kind], Math.floor(contextWindow / 4)));
}

export const MARKER_AUTHOR = 'Deskmate';

export function omissionMarker(count: number): string {
  return `[${count} earlier ${count === 1 ? 'message' : 'messages'} omitted to fit the model's context]`;
}

export function shortenedMarker(chars: number): string {
  return `[… ${chars.toLocaleString('en-US')} characters left out to fit the model's context …]`;
}

/**
 * Rendered per message besides its text, name and date: "[Message 120 of 400 | <role label> | … | …]" and the
 * blank line between messages (≈ 15 o200k tokens), plus the role's label (utils/llm/prompts.ts ROLE_LABEL), which
 * is long for internal notes. Measured upper bounds, so the per-message count errs high.
 */
const HEADER_TOKENS: Readonly<Record<TicketMessage['role'], number>> = {
  customer: 18,
  agent: 18,
  system: 24,
  internal: 32,
};

function markerMessage(count: number): TicketMessage {
  return { role: 'system', author: { name: MARKER_AUTHOR }, text: omissionMarker(count) };
}

// Placeholders look like [EMAIL_1] (utils/privacy/engine.ts); a cut must not split one.
const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

function safeCut(text: string, at: number, direction: 'back' | 'forward'): number {
  for (const m of text.matchAll(PLACEHOLDER)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (at > start && at < end) return direction === 'back' ? start : end;
  }
  return at;
}

/** Keeps the start (60 %) and the end of `text` in about `maxChars`, with a marker saying how much was left out. */
export function shortenText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = Math.max(0, maxChars);
  const headEnd = safeCut(text, Math.ceil(room * 0.6), 'back');
  const tailStart = safeCut(text, text.length - (room - Math.ceil(room * 0.6)), 'forward');
  const left = tailStart - headEnd;
  if (left <= 0) return text;
  return `${text.slice(0, headEnd).trimEnd()}\n${shortenedMarker(left)}\n${text.slice(tailStart).trimStart()}`;
}

/** The largest c with Σ min(cost, c) ≤ room: every cost above c is cut down to c. */
function equalCap(costs: number[], room: number): number {
  const sorted = [...costs].sort((a, b) => a - b);
  let remaining = Math.max(0, room);
  for (let k = 0; k < sorted.length; k++) {
    const share = remaining / (sorted.length - k);
    if (sorted[k]! > share) return Math.floor(share);
    remaining -= sorted[k]!;
  }
  return Number.POSITIVE_INFINITY;
}

/** Shortens `text` (start and end kept) until it counts at most `target` tokens, marker included. */
export function shortenToTokens(text: string, target: number, count: (text: string) => number): string {
  const tokens = count(text);
  if (tokens <= target) return text;
  let maxChars = Math.floor((text.length * Math.max(0, target)) / tokens);
  let out = shortenText(text, maxChars);
  for (let round = 0; round < 12 && maxChars > 0 && count(out) > target; round++) {
    maxChars = Math.floor(maxChars * 0.8);
    out = shortenText(text, maxChars);
  }
  return out.trim();
}

export function fitThread(ticket: Ticket, options: FitOptions): FitResult {
  const { count } = options;
  const budgetTokens = Math.max(0, options.contextWindow - options.answerTokens);
  const overhead = options.overheadTokens ?? 0;
  const messages = ticket.messages;
  const n = messages.length;
  if (n === 0) return { ticket, trimmed: null, estimatedTokens: overhead };

  const messageCost = (m: TicketMessage) =>
    count(m.text) + count(`${m.author.name} ${m.createdAt ?? ''}`) + HEADER_TOKENS[m.role];
  const costs = new Map<number, number>();
  const costOf = (i: number): number => {
    let c = costs.get(i);
    if (c === undefined) {
      const m = messages[i]!;
      c = messageCost(m);
      costs.set(i, c);
    }
    return c;
  };
  const markerCost = messageCost(markerMessage(n));
  let room = budgetTokens - overhead;

  const last = n - 1;
  const firstCustomer = messages.findIndex((m) => m.role === 'customer');
  const first = firstCustomer === -1 ? 0 : firstCustomer;

  // Latest first: walk back from the newest message while the room lasts (computing costs lazily, so a
  // 5,000-message thread is only counted as far as it can be sent).
  room -= costOf(first);
  // Messages before the first customer message (helpdesk notes) are kept only if everything fits; until then
  // their marker's room is reserved.
  if (first > 0) room -= markerCost;
  let tailStart = last + 1; // oldest kept index after `first`
  if (last !== first) {
    for (let i = last; i > first; i--) {
      // Keep a marker's room in reserve while messages older than this one would still be left out.
      const reserve = i > first + 1 ? markerCost : 0;
      if (i !== last && costOf(i) > room - reserve) break;
      room -= costOf(i);
      tailStart = i;
    }
  }
  const middleOmitted = tailStart - first - 1;
  let beforeKept = 0;
  if (middleOmitted === 0 && first > 0) {
    // Everything after the first customer message fits: keep the messages before it too, if they all fit.
    let before = 0;
    for (let i = 0; i < first; i++) before += costOf(i);
    if (before <= room + markerCost) {
      room += markerCost;
      room -= before;
      beforeKept = first;
    }
  }
  const beforeOmitted = first - beforeKept;
  if (middleOmitted === 0 && beforeOmitted === 0 && room >= 0)
    return { ticket, trimmed: null, estimatedTokens: budgetTokens - room };

  // Assemble: [before-marker] first [middle-marker] tail…
  const kept: TicketMessage[] = [];
  const markers = new WeakSet<TicketMessage>();
  const marker = (count: number) => {
    const m = markerMessage(count);
    markers.add(m);
    return m;
  };
  if (beforeOmitted > 0) kept.push(marker(beforeOmitted));
  else for (let i = 0; i < beforeKept; i++) kept.push(messages[i]!);
  kept.push(messages[first]!);
  if (middleOmitted > 0) kept.push(marker(middleOmitted));
  for (let i = tailStart; i <= last; i++) if (i !== first) kept.push(messages[i]!);

  // Still too big (first + latest alone exceed the window): shorten the longest kept bodies to an equal cap
  // (water-filling), so a short message is never cut while a long one could give room.
  const total = () => overhead + kept.reduce((sum, m) => sum + messageCost(m), 0);
  let used = total();
  let shortened = 0;
  if (used > budgetTokens) {
    const bodies = kept.map((m, i) => (markers.has(m) ? -1 : i)).filter((i) => i >= 0);
    const fixed = used - bodies.reduce((sum, i) => sum + messageCost(kept[i]!), 0);
    const cap = equalCap(
      bodies.map((i) => messageCost(kept[i]!)),
      budgetTokens - fixed,
    );
    for (const i of bodies) {
      const m = kept[i]!;
      const cost = messageCost(m);
      if (cost <= cap) continue;
      const target = Math.max(0, cap - (cost - count(m.text)));
      kept[i] = { ...m, text: shortenToTokens(m.text, target, count) };
      shortened++;
    }
    used = total();
  }

  return {
    ticket: { ...ticket, messages: kept },
    estimatedTokens: used,
    trimmed: {
      omittedMessages: middleOmitted + beforeOmitted,
      shortenedMessages: shortened,
      promptTokens: used,
      budgetTokens,
    },
  };
}
