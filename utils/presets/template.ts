import { t } from '../i18n/t';

// Preset templates: `{{ variable }}` placeholders in the text a team lead writes.
//
// Syntax (deliberately small, no logic: a preset is prose, not a program):
//   {{ name }}        a variable; spaces or tabs inside the braces are allowed; names are dotted identifiers
//                     (`ticket.requester.name`) or a preset's own custom variables (`refund_window`).
//   \{{  and  \}}     literal `{{` / `}}` (a single `{` or `}` is always literal, so JSON examples mostly just work).
// Errors carry line:column (1-based) and the offset/length of the bad text, so an editor can underline it.
//
// Trust, and why rendering returns segments instead of one string:
// the rendered preset is the INSTRUCTION to the model, but some variables carry ticket text that a customer wrote
// (`conversation`, `ticket.subject`, …) or text derived from it (`draft`). If those values were pasted into the
// instruction, a customer could write "ignore the above and …" straight into the instruction channel. So every
// variable has a channel (see VARIABLES): 'instruction' values (agent name, tone, today, custom variables) are
// inlined; 'data' values stay separate segments. `instructionText()` replaces each data segment with a reference
// such as `[ticket data: conversation]`, and `dataFields()` lists the values to be placed, neutralised, inside the
// nonce-tagged ticket-data block of utils/llm/prompts.ts under the same names. `previewText()` inlines everything
// and is for showing the agent what a preset will say, never for sending as an instruction.

export type VariableChannel = 'instruction' | 'data';

export interface VariableInfo {
  name: string;
  channel: VariableChannel;
  /** One line for the editor's variable list / autocompletion. */
  description: string;
}

/** The built-in variables, in the order the editor lists them. */
export const VARIABLES: readonly VariableInfo[] = [
  { name: 'ticket.subject', channel: 'data', description: 'The ticket’s subject line.' },
  { name: 'ticket.requester.name', channel: 'data', description: 'The customer’s name.' },
  {
    name: 'ticket.language',
    channel: 'instruction',
    description: 'The customer’s language as a tag (de, pt-BR), or “unknown”.',
  },
  {
    name: 'ticket.helpdesk',
    channel: 'instruction',
    description: 'Which helpdesk the ticket is in (zendesk, freshdesk, …).',
  },
  { name: 'ticket.tags', channel: 'data', description: 'The ticket’s tags, comma-separated.' },
  {
    name: 'conversation',
    channel: 'data',
    description: 'The whole conversation, oldest first, with roles and times.',
  },
  { name: 'latest_customer_message', channel: 'data', description: 'The customer’s most recent message.' },
  { name: 'agent.name', channel: 'instruction', description: 'Your name, from the options page.' },
  { name: 'agent.signature', channel: 'instruction', description: 'Your signature, from the options page.' },
  { name: 'team.name', channel: 'instruction', description: 'Your team’s name, from the options page.' },
  { name: 'today', channel: 'instruction', description: 'Today’s date, YYYY-MM-DD.' },
  { name: 'tone', channel: 'instruction', description: 'The preset’s tone (friendly, formal, …).' },
  {
    name: 'draft',
    channel: 'data',
    description: 'The current draft in the side panel (for rewrite presets).',
  },
];

export const BUILTIN_VARIABLE_NAMES: readonly string[] = VARIABLES.map((v) => v.name);
const BUILTIN_SET = new Set(BUILTIN_VARIABLE_NAMES);
const DATA_SET = new Set(VARIABLES.filter((v) => v.channel === 'data').map((v) => v.name));

/** Custom variable names: one identifier, no dots, so they can never shadow a built-in group. */
export const CUSTOM_VARIABLE_NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;
/** Top-level words of the built-ins; a custom variable may not take them (`ticket`, `agent`, …). */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  ...BUILTIN_VARIABLE_NAMES,
  ...BUILTIN_VARIABLE_NAMES.map((n) => n.split('.')[0]!),
]);

export function variableChannel(name: string): VariableChannel {
  return DATA_SET.has(name) ? 'data' : 'instruction';
}

// ---------------------------------------------------------------- parsing

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the editor's textarea. */
  column: number;
  /** 0-based offset into the template. */
  offset: number;
}

export interface TemplateProblem {
  severity: 'error' | 'warning';
  code:
    | 'unclosed'
    | 'empty-name'
    | 'bad-character'
    | 'bad-name'
    | 'stray-close'
    | 'unknown-variable'
    | 'unused-draft'
    | 'draft-outside-rewrite';
  /** Human sentence, including the line:column. */
  message: string;
  at: Position;
  /** Characters to underline from `at.offset`. */
  length: number;
}

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'variable'; name: string; at: Position; length: number };

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'TemplateError';
  }
}

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

// Line and column as plain digits (no thousands separators): they point into the text, like an editor's.
const where = (p: Position) => t('presets_lint_where', String(p.line), String(p.column));
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NAME_CHAR_RE = /[A-Za-z0-9_.]/;

/**
 * Splits a template into text and variable nodes. Never throws: syntax problems are returned (all of them, so the
 * editor can show every one at once); a node list is returned even then, with bad placeholders kept as text.
 */
export function parseTemplate(template: string): { nodes: TemplateNode[]; problems: TemplateProblem[] } {
  const nodes: TemplateNode[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  const flush = () => {
    if (text) nodes.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('\\{{', i) || template.startsWith('\\}}', i)) {
      text += template.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (template.startsWith('}}', i)) {
      const at = positionAt(template, i);
      problems.push({
        severity: 'warning',
        code: 'stray-close',
        message: t('presets_lint_stray_close', where(at)),
        at,
        length: 2,
      });
      text += '}}';
      i += 2;
      continue;
    }
    if (!template.startsWith('{{', i)) {
      text += template[i];
      i++;
      continue;
    }
    const start = i;
    const at = positionAt(template, start);
    const close = template.indexOf('}}', start + 2);
    const newline = template.indexOf('\n', start + 2);
    if (close === -1 || (newline !== -1 && newline < close)) {
      problems.push({
        severity: 'error',
        code: 'unclosed',
        message: t('presets_lint_unclosed', where(at)),
        at,
        length: 2,
      });
      text += '{{';
      i += 2;
      continue;
    }
    const inner = template.slice(start + 2, close);
    const name = inner.replace(/^[ \t]+|[ \t]+$/g, '');
    const length = close + 2 - start;
    if (name === '') {
      problems.push({
        severity: 'error',
        code: 'empty-name',
        message: t('presets_lint_empty_name', where(at), template.slice(start, close + 2)),
        at,
        length,
      });
    } else if (!NAME_RE.test(name)) {
      const lead = inner.length - inner.trimStart().length;
      const badIndex = [...name].findIndex((ch) => !NAME_CHAR_RE.test(ch));
      if (badIndex !== -1) {
        const badAt = positionAt(template, start + 2 + lead + badIndex);
        const ch = name[badIndex]!;
        const shown =
          ch === ' '
            ? t('presets_lint_a_space')
            : ch === '\t'
              ? t('presets_lint_a_tab')
              : t('presets_lint_quoted', ch);
        problems.push({
          severity: 'error',
          code: 'bad-character',
          message: t('presets_lint_bad_character', where(badAt), shown, name),
          at: badAt,
          length: 1,
        });
      } else {
        problems.push({
          severity: 'error',
          code: 'bad-name',
          message: t('presets_lint_bad_name', where(at), name),
          at,
          length,
        });
      }
    } else {
      flush();
      nodes.push({ type: 'variable', name, at, length });
      i = close + 2;
      continue;
    }
    text += template.slice(start, close + 2);
    i = close + 2;
  }
  flush();
  return { nodes, problems };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d <= Math.max(2, Math.floor(k.length / 4)) && (!best || d < best.d)) best = { name: k, d };
  }
  return best?.name;
}

export interface LintOptions {
  /** The preset's kind: `draft` only makes sense in rewrites, and a rewrite without `{{draft}}` is suspicious. */
  kind?: 'summary' | 'reply' | 'rewrite' | 'custom';
}

/**
 * Everything the editor should show for a template: syntax errors, unknown variables (with a "did you mean"),
 * and warnings that do not block saving. `customVars` are the preset's own variable names.
 */
export function lintTemplate(
  template: string,
  customVars: readonly string[] = [],
  options: LintOptions = {},
): TemplateProblem[] {
  const { nodes, problems } = parseTemplate(template);
  const known = [...BUILTIN_VARIABLE_NAMES, ...customVars];
  const knownSet = new Set(known);
  let usesDraft = false;
  for (const node of nodes) {
    if (node.type !== 'variable') continue;
    if (node.name === 'draft') usesDraft = true;
    if (knownSet.has(node.name)) continue;
    const hint = suggestion(node.name, known);
    problems.push({
      severity: 'error',
      code: 'unknown-variable',
      message: hint
        ? t('presets_lint_unknown_hint', where(node.at), node.name, hint, known.join(', '))
        : t('presets_lint_unknown', where(node.at), node.name, known.join(', ')),
      at: node.at,
      length: node.length,
    });
  }
  const first = positionAt(template, 0);
  if (options.kind === 'rewrite' && !usesDraft && problems.every((p) => p.severity !== 'error')) {
    problems.push({
      severity: 'warning',
      code: 'unused-draft',
      message: t('presets_lint_unused_draft', '{{draft}}'),
      at: first,
      length: 0,
    });
  }
  if (options.kind && options.kind !== 'rewrite' && options.kind !== 'custom' && usesDraft) {
    const node = nodes.find((n) => n.type === 'variable' && n.name === 'draft');
    const at = node?.type === 'variable' ? node.at : first;
    problems.push({
      severity: 'warning',
      code: 'draft-outside-rewrite',
      message: t(
        options.kind === 'summary' ? 'presets_lint_draft_in_summary' : 'presets_lint_draft_in_reply',
        where(at),
        '{{draft}}',
      ),
      at,
      length: node?.type === 'variable' ? node.length : 0,
    });
  }
  return problems.sort((a, b) => a.at.offset - b.at.offset);
}

/** Names a template uses, each once, in order of first use. Syntax errors are ignored here. */
export function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const node of parseTemplate(template).nodes)
    if (node.type === 'variable' && !names.includes(node.name)) names.push(node.name);
  return names;
}

// ---------------------------------------------------------------- rendering

export type RenderedSegment = { kind: 'text'; text: string } | { kind: 'data'; name: string; value: string };

export interface Rendered {
  segments: RenderedSegment[];
  /** Variables the template uses that had no value (rendered empty, or "(none)" in the data block). */
  missing: string[];
}

/** Values by variable name. Which ones are ticket data is decided by the name (VARIABLES), never by the caller. */
export type VariableValues = Readonly<Record<string, string | undefined>>;

/**
 * Renders a template into segments: adjacent instruction text is merged; every use of a data variable is its own
 * segment. Throws TemplateError on syntax errors (templates are validated when saved, so this means a bug or a
 * bypassed check); unknown names render like missing values.
 */
export function renderTemplate(template: string, values: VariableValues): Rendered {
  const { nodes, problems } = parseTemplate(template);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new TemplateError(errors);
  const segments: RenderedSegment[] = [];
  const missing: string[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += text;
    else segments.push({ kind: 'text', text });
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      pushText(node.text);
      continue;
    }
    const value = values[node.name];
    if ((value === undefined || value === '') && !missing.includes(node.name)) missing.push(node.name);
    if (BUILTIN_SET.has(node.name) && variableChannel(node.name) === 'data')
      segments.push({ kind: 'data', name: node.name, value: value ?? '' });
    else pushText(value ?? '');
  }
  return { segments, missing };
}

/** The reference a data variable leaves in the instruction text; the data block labels its value the same way. */
export function dataReference(name: string): string {
  return `[ticket data: ${name}]`;
}

/** The instruction channel: template text and instruction values, with references where ticket data was. */
export function instructionText(rendered: Rendered): string {
  return rendered.segments.map((s) => (s.kind === 'text' ? s.text : dataReference(s.name))).join('');
}

/**
 * The data values the instruction refers to, each name once, in order of first use, for the nonce-tagged data
 * block. Values are raw ticket text: the caller neutralises them (prompts.ts `neutralize`) before placing them.
 */
export function dataFields(rendered: Rendered): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const s of rendered.segments)
    if (s.kind === 'data' && !out.some((f) => f.name === s.name)) out.push({ name: s.name, value: s.value });
  return out;
}

/** Everything inlined, for showing the agent what the preset says about this ticket. Never send this as an instruction. */
export function previewText(rendered: Rendered): string {
  return rendered.segments.map((s) => (s.kind === 'text' ? s.text : s.value)).join('');
}
