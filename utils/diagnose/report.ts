import type { LastInsert, PageDiagnosis, SelectorFieldDiagnosis } from '../messaging/protocol';

// "Diagnose this page": pure helpers shared by the background (URL masking, browser name) and the side panel
// (the Markdown report). A diagnosis carries no page text, no subject, no names: this module only formats it.

/**
 * Path segments kept as they are: short lower-case words (route names such as `agent`, `tickets`, `zoom`).
 * Anything else — digits, capitals (names, case numbers), dots, e-mail addresses, long tokens — is masked.
 */
const ROUTE_WORD = /^[a-z][a-z_-]{0,23}$/;
/** API versions are route structure, not ids. */
const VERSION = /^v\d{1,2}$/;

function maskSegment(segment: string): string {
  if (segment === '') return segment;
  if (ROUTE_WORD.test(segment) || VERSION.test(segment)) return segment;
  if (segment.includes('@') || segment.includes('%40')) return ':email';
  return ':id';
}

function maskRoute(route: string): string {
  return route
    .split('/')
    .map((segment) => maskSegment(segment))
    .join('/');
}

/**
 * Host and a path pattern with every id masked: `/agent/tickets/123` → `/agent/tickets/:id`. Route-like hashes
 * (`#ticket/zoom/42`) are masked the same way; query values and other hashes are dropped, keys are kept.
 */
export function maskUrl(href: string): { host: string; pathPattern: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  let pattern = maskRoute(url.pathname);
  const keys = [...new Set([...url.searchParams.keys()])].filter((key) => ROUTE_WORD.test(key));
  if (url.search) pattern += `?${keys.length > 0 ? keys.map((key) => `${key}=…`).join('&') : '…'}`;
  if (url.hash.length > 1) {
    const hash = url.hash.slice(1);
    pattern += /^[A-Za-z!/]/.test(hash) && hash.includes('/') ? `#${maskRoute(hash)}` : '#…';
  }
  return { host: url.host, pathPattern: pattern };
}

/** "Chrome 140", "Edge 139", "Firefox 141": family and major version only. */
export function browserLabel(userAgent: string): string {
  const rules: ReadonlyArray<readonly [RegExp, string]> = [
    [/Edg\/(\d+)/, 'Edge'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/OPR\/(\d+)/, 'Opera'],
    [/HeadlessChrome\/(\d+)/, 'Chromium (headless)'],
    [/Chrome\/(\d+)/, 'Chrome'],
  ];
  for (const [pattern, name] of rules) {
    const version = pattern.exec(userAgent)?.[1];
    if (version) return `${name} ${version}`;
  }
  return 'unknown browser';
}

const METHOD_LABELS: Record<NonNullable<PageDiagnosis['reader']>['method'], string> = {
  api: 'helpdesk API',
  dom: 'page (DOM)',
  generic: 'generic page reader',
  selection: "the agent's selection",
};

function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function insertLine(last: LastInsert | null): string {
  if (!last) return 'none in this tab yet';
  const when = new Date(last.at).toISOString();
  return last.ok
    ? `${last.method ?? 'unknown method'}, verified (${when})`
    : `failed: ${last.code ?? 'unknown'} (${when})`;
}

function fieldRow(field: SelectorFieldDiagnosis): string {
  const name = field.overridden ? `${field.field} (override)` : field.field;
  const result = field.matched
    ? `${code(field.matched.selector)} — #${field.matched.index + 1} of ${field.tried}, ${field.matched.count} element${field.matched.count === 1 ? '' : 's'}`
    : `none matched (${field.tried} tried)`;
  const invalid = field.invalid.length > 0 ? `; invalid: ${field.invalid.map(code).join(', ')}` : '';
  return `| ${name} | ${result}${invalid} |`;
}

/** The report as Markdown, ready to paste into a bug report. */
export function diagnosisMarkdown(d: PageDiagnosis): string {
  const lines: string[] = ['## Deskmate page diagnosis', ''];
  lines.push(`- Deskmate: ${d.extensionVersion}`);
  lines.push(`- Browser: ${d.browser}`);
  lines.push(`- Page: ${d.page ? `${code(d.page.host)} ${code(d.page.pathPattern)}` : 'not a web page'}`);
  const hostKinds = {
    'built-in': 'built-in helpdesk host',
    declared: 'declared by the agent',
    none: 'no adapter',
  };
  lines.push(`- Host: ${hostKinds[d.hostKind]}`);
  if (d.content) {
    lines.push(`- Adapter: ${d.content.adapter.name} (${code(d.content.adapter.id)})`);
    lines.push(`- Ticket open: ${d.content.ticketOpen ? 'yes' : 'no'}`);
    lines.push(
      `- Composer: ${d.content.composer.found ? `found (${d.content.composer.editorKind ?? 'unknown editor'})` : 'not found'}`,
    );
  } else {
    lines.push(`- Adapter: ${d.hostKind === 'none' ? 'none (generic reader)' : 'did not answer'}`);
    if (d.contentError) lines.push(`- Adapter error: ${d.contentError}`);
  }
  lines.push(
    `- Reader: ${d.reader ? `${METHOD_LABELS[d.reader.method]} (${d.reader.adapter}), ${d.reader.warnings} warning${d.reader.warnings === 1 ? '' : 's'}` : 'nothing read yet'}`,
  );
  lines.push(`- Last insertion: ${insertLine(d.lastInsert)}`);
  lines.push(`- Generated: ${d.generatedAt}`);
  if (d.content && d.content.fields.length > 0) {
    lines.push('', '### Selectors', '', '| Field | First match |', '| --- | --- |');
    for (const field of d.content.fields) lines.push(fieldRow(field));
  }
  lines.push('', '_No page text, subject or names are included in this report._');
  return `${lines.join('\n')}\n`;
}
