import { t } from '../i18n/t';
import { type TextMemo, textMemo } from '../text-memo';
import type { Ticket } from '../ticket/ticket';
import { addressDetector } from './detectors/address';
import { cardDetector } from './detectors/card';
import { emailDetector } from './detectors/email';
import { ibanDetector } from './detectors/iban';
import { ninoDetector, personnummerDetector, ssnDetector } from './detectors/national-ids';
import { ipDetector } from './detectors/network';
import { phoneDetector } from './detectors/phone';
import { secretDetector } from './detectors/secrets';
import { DETECTOR_IDS, type Detector, type DetectorId, type Finding, scan } from './types';

// The redaction engine: finds personal data in ticket text and replaces each value with a placeholder that is
// stable within the ticket ([EMAIL_1] everywhere the same address appears, in the subject, the requester and
// every message). Zod-free and DOM-free; the background runs it right before each model call
// (utils/privacy/payload.ts) and the panel runs the same code for the preview.

/** Order matters only for ties: when two findings start at the same place and are as long, the first wins. */
export const DETECTORS: readonly Detector[] = [
  secretDetector,
  emailDetector,
  ibanDetector,
  cardDetector,
  ssnDetector,
  personnummerDetector,
  ninoDetector,
  ipDetector,
  phoneDetector,
  addressDetector,
];

export interface TeamPattern {
  /** Placeholder label, e.g. ORDER → [ORDER_1]. */
  label: string;
  /** A JavaScript regular expression source. */
  pattern: string;
  caseInsensitive?: boolean;
}

export interface RedactionConfig {
  /** Detectors switched off; every other built-in detector runs. */
  disabled?: readonly DetectorId[];
  /** Values never redacted (compared case-insensitively, spaces ignored), e.g. the team's support address. */
  allowList?: readonly string[];
  teamPatterns?: readonly TeamPattern[];
}

/** A team pattern that cannot be used: the message names it; `problem` alone says what is wrong (UI language). */
export class TeamPatternError extends Error {
  readonly problem: string;
  readonly label: string;

  constructor(index: number, label: string, problem: string) {
    super(t('core_privacy_team_pattern', index + 1, label || t('core_privacy_no_label'), problem));
    this.name = 'TeamPatternError';
    this.problem = problem;
    this.label = label;
  }
}

const LABEL_RE = /^[A-Z][A-Z0-9]{0,23}$/;
/** What a placeholder looks like in text; the engine defuses look-alikes already present in the ticket. */
export const PLACEHOLDER_RE = /\[([A-Z][A-Z0-9]{0,23})_(\d{1,4})\]/g;

interface CompiledPattern {
  label: string;
  re: RegExp;
}

/** Compiles team patterns; throws TeamPatternError naming the pattern when one is unusable. */
export function compileTeamPatterns(patterns: readonly TeamPattern[]): CompiledPattern[] {
  return patterns.map((p, i) => {
    if (!LABEL_RE.test(p.label)) throw new TeamPatternError(i, p.label, t('core_privacy_label_invalid'));
    let re: RegExp;
    try {
      re = new RegExp(p.pattern, p.caseInsensitive ? 'gi' : 'g');
    } catch (error) {
      throw new TeamPatternError(
        i,
        p.label,
        t('core_privacy_regex_invalid', error instanceof Error ? error.message : String(error)),
      );
    }
    if (p.pattern === '' || re.test(''))
      throw new TeamPatternError(i, p.label, t('core_privacy_matches_empty'));
    re.lastIndex = 0;
    return { label: p.label, re };
  });
}

function normaliseForAllowList(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

/** Same value, same placeholder: e-mails ignore case, numbers ignore their separators. */
function identity(label: string, value: string): string {
  const compact = value.replace(/[\s().-]/g, '');
  switch (label) {
    case 'EMAIL':
      return `${label}:${value.toLowerCase()}`;
    case 'PHONE':
      return `${label}:${compact.replace(/^00/, '+')}`;
    case 'CARD':
    case 'IBAN':
    case 'SSN':
    case 'PERSONNUMMER':
    case 'NINO':
      return `${label}:${compact.replace(/[+]/g, '').toUpperCase()}`;
    default:
      return `${label}:${value}`;
  }
}

/** A redacted range in an output string, for highlighting. */
export interface RedactedSpan {
  start: number;
  end: number;
  placeholder: string;
  label: string;
}

export interface RedactedText {
  text: string;
  spans: RedactedSpan[];
}

// Findings per text, for the last few redaction configurations (a settings change starts a new memo; the
// previous ones age out). A 1,000-message ticket is scanned by ≈ 40 regular expressions on every click.
const FINDINGS = new Map<string, TextMemo<Finding[]>>();
const FINDINGS_CONFIGS = 4;

function findingsMemo(configKey: string): TextMemo<Finding[]> {
  let memo = FINDINGS.get(configKey);
  if (!memo) {
    memo = textMemo<Finding[]>({ maxChars: 2_000_000, minChars: 1 });
    FINDINGS.set(configKey, memo);
    for (const old of FINDINGS.keys()) {
      if (FINDINGS.size <= FINDINGS_CONFIGS) break;
      FINDINGS.delete(old);
    }
  }
  return memo;
}

/**
 * One Redactor per ticket: it numbers values in the order it meets them and remembers them, so the same value
 * gets the same placeholder in every field it redacts.
 */
export class Redactor {
  private readonly detectors: Detector[];
  private readonly team: CompiledPattern[];
  private readonly allow: Set<string>;
  private readonly byIdentity = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  /** placeholder → the first original value it stood for. */
  readonly placeholders = new Map<string, string>();

  private readonly configKey: string;

  constructor(config: RedactionConfig = {}) {
    this.configKey = JSON.stringify([
      config.disabled ?? [],
      config.teamPatterns ?? [],
      config.allowList ?? [],
    ]);
    const off = new Set(config.disabled ?? []);
    this.detectors = DETECTORS.filter((d) => !off.has(d.id));
    this.team = compileTeamPatterns(config.teamPatterns ?? []);
    this.allow = new Set((config.allowList ?? []).map(normaliseForAllowList).filter(Boolean));
  }

  /**
   * Findings in `text`, overlaps resolved: earliest start wins, then the longest, then detector order. They
   * depend on the text and the configuration only, so they are remembered per configuration (FINDINGS).
   */
  find(text: string): Finding[] {
    return findingsMemo(this.configKey)
      .get(text, (t) => this.scan(t))
      .slice();
  }

  private scan(text: string): Finding[] {
    const all: { f: Finding; rank: number }[] = [];
    this.team.forEach((p, i) => {
      for (const f of scan(text, p.re, p.label, () => true)) all.push({ f, rank: i });
    });
    this.detectors.forEach((d, i) => {
      for (const f of d.find(text)) all.push({ f, rank: this.team.length + i });
    });
    all.sort(
      (a, b) => a.f.start - b.f.start || b.f.end - b.f.start - (a.f.end - a.f.start) || a.rank - b.rank,
    );
    const kept: Finding[] = [];
    let cursor = 0;
    for (const { f } of all) {
      if (f.start < cursor || f.end <= f.start) continue;
      const value = text.slice(f.start, f.end);
      if (this.allow.has(normaliseForAllowList(value))) continue;
      kept.push(f);
      cursor = f.end;
    }
    return kept;
  }

  private placeholderFor(label: string, value: string): string {
    const key = identity(label, value);
    const known = this.byIdentity.get(key);
    if (known) return known;
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const placeholder = `[${label}_${n}]`;
    this.byIdentity.set(key, placeholder);
    this.placeholders.set(placeholder, value);
    return placeholder;
  }

  /**
   * Redacts one string. Placeholder-shaped text the customer typed ("[EMAIL_1]") is defused first (square
   * brackets become round), so a model echoing it can never be "restored" into a real value.
   */
  redact(input: string): RedactedText {
    const text = input.replace(PLACEHOLDER_RE, (_m, label: string, n: string) => `(${label}_${n})`);
    const spans: RedactedSpan[] = [];
    let out = '';
    let last = 0;
    for (const f of this.find(text)) {
      const placeholder = this.placeholderFor(f.label, text.slice(f.start, f.end));
      out += text.slice(last, f.start);
      spans.push({ start: out.length, end: out.length + placeholder.length, placeholder, label: f.label });
      out += placeholder;
      last = f.end;
    }
    out += text.slice(last);
    return { text: out, spans };
  }
}

export interface RedactedTicket {
  ticket: Ticket;
  /** placeholder → original value, for restoring the model's answer locally. */
  placeholders: Record<string, string>;
}

/**
 * Redacts every ticket field the prompt uses, in a fixed order (subject, requester, then each message's
 * author and text), so numbering is the same every time for the same ticket and settings.
 */
export function redactTicket(ticket: Ticket, config: RedactionConfig = {}): RedactedTicket {
  const r = new Redactor(config);
  const t = (s: string) => r.redact(s).text;
  const subject = t(ticket.subject);
  const requester = { ...ticket.requester, name: t(ticket.requester.name) };
  if (ticket.requester.email !== undefined) requester.email = t(ticket.requester.email);
  // The HTML copy is dropped rather than redacted: prompts use the plain text only.
  const messages = ticket.messages.map(({ html: _html, ...m }) => ({
    ...m,
    author: { ...m.author, name: t(m.author.name), ...(m.author.email ? { email: t(m.author.email) } : {}) },
    text: t(m.text),
  }));
  const redacted: Ticket = {
    ...ticket,
    subject,
    requester,
    messages,
    tags: ticket.tags.map(t),
  };
  return { ticket: redacted, placeholders: Object.fromEntries(r.placeholders) };
}

/**
 * Puts the real values back where the model used a placeholder it was given. A placeholder the model invented
 * (not in the map) stays as written, so the agent sees it and fills it in.
 */
export function restorePlaceholders(text: string, placeholders: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_RE, (m) => (Object.hasOwn(placeholders, m) ? placeholders[m]! : m));
}

/** Placeholder ranges in a text that are in the map (what the preview highlights). */
export function placeholderSpans(
  text: string,
  placeholders: Readonly<Record<string, string>>,
): RedactedSpan[] {
  const spans: RedactedSpan[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    if (!Object.hasOwn(placeholders, m[0])) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, placeholder: m[0], label: m[1]! });
  }
  return spans;
}

export type { DetectorId };
export { DETECTOR_IDS };
