// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { recordLastInsert } from '@/utils/background/last-insert';
import { routeMessage } from '@/utils/background/router';
import { browserLabel, diagnosisMarkdown, maskUrl } from '@/utils/diagnose/report';
import { diagnosePage } from '@/utils/helpdesks/diagnose';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import { applySelectorOverrides } from '@/utils/helpdesks/selector-overrides';
import { zendesk } from '@/utils/helpdesks/zendesk';
import { ContentDiagnosis, DiagnoseResult, type PageDiagnosis } from '@/utils/messaging/protocol';

// "Diagnose this page": URL masking, the browser label, the content script's selector report on the Zendesk
// fixture page, and the Markdown report — which must never carry ticket text.

describe('maskUrl', () => {
  it.each([
    ['https://acme.zendesk.com/agent/tickets/123', 'acme.zendesk.com', '/agent/tickets/:id'],
    [
      'https://acme.freshdesk.com/a/tickets/4521?tab=conversation',
      'acme.freshdesk.com',
      '/a/tickets/:id?tab=…',
    ],
    ['https://acme.zammad.com/#ticket/zoom/42/311', 'acme.zammad.com', '/#ticket/zoom/:id/:id'],
    ['http://zammad.intra:8080/desktop/tickets/7', 'zammad.intra:8080', '/desktop/tickets/:id'],
    ['https://x.test/api/v2/users/jane.doe@example.com', 'x.test', '/api/v2/users/:email'],
    ['https://x.test/case/5003x00002AbCdE/view', 'x.test', '/case/:id/view'],
    ['https://x.test/t/2f1c9a7e-4b1d-4c2e-9f00-123456789abc', 'x.test', '/t/:id'],
    ['https://x.test/inbox?email=jane%40example.com&id=5', 'x.test', '/inbox?email=…&id=…'],
    ['https://x.test/page#Maria Svensson wrote', 'x.test', '/page#…'],
    ['https://x.test/users/Maria/Svensson.html', 'x.test', '/users/:id/:id'],
    ['https://x.test/page#section-2/Maria', 'x.test', '/page#:id/:id'],
  ])('%s → %s %s', (href, host, pathPattern) => {
    expect(maskUrl(href)).toEqual({ host, pathPattern });
  });

  it('is null for non-web pages', () => {
    expect(maskUrl('chrome://extensions')).toBeNull();
    expect(maskUrl('not a url')).toBeNull();
  });
});

describe('browserLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      'Chrome 140',
    ],
    ['Mozilla/5.0 … Chrome/139.0.0.0 Safari/537.36 Edg/139.0.3405.86', 'Edge 139'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0', 'Firefox 141'],
    ['Mozilla/5.0 … HeadlessChrome/156.0.0.0 Safari/537.36', 'Chromium (headless) 156'],
    ['curl/8', 'unknown browser'],
  ])('%s', (ua, label) => expect(browserLabel(ua)).toBe(label));
});

const FIXTURE = readFileSync(path.join(__dirname, '../fixtures/zendesk/page.html'), 'utf8');

describe('diagnosePage on the Zendesk fixture', () => {
  beforeEach(() => {
    applySelectorOverrides(ADAPTERS, undefined);
    document.documentElement.innerHTML = FIXTURE.replace(/<script[\s\S]*?<\/script>|<link[^>]*>/g, '');
  });

  it('reports each field of the selector table: first match and count, or none', () => {
    const report = diagnosePage(zendesk, document, new URL('https://acme.zendesk.com/agent/tickets/123'));
    expect(ContentDiagnosis.parse(report)).toEqual(report);
    expect(report.adapter).toEqual({ id: 'zendesk', name: 'Zendesk' });
    expect(report.ticketOpen).toBe(true);
    expect(report.fields.map((f) => f.field)).toEqual(Object.keys(zendesk.selectors));
    const field = (name: string) => report.fields.find((f) => f.field === name);
    expect(field('subject')).toEqual({
      field: 'subject',
      overridden: false,
      tried: 2,
      matched: { selector: 'input[data-test-id="omni-header-subject"]', index: 0, count: 2 },
      invalid: [],
    });
    // A template is counted filled with the open ticket's id and reported as the template.
    expect(field('ticketRoot')?.matched).toEqual({
      selector: '[data-test-id="ticket-{id}-custom-layout"]',
      index: 0,
      count: 1,
    });
    expect(field('showMore')).toMatchObject({ matched: null, tried: 1 });
  });

  it('marks overridden fields and lists selectors the browser cannot parse', () => {
    applySelectorOverrides(ADAPTERS, {
      schemaVersion: 1,
      adapters: { zendesk: { subject: ['h1.nothing-here', 'div..broken', 'input[aria-label="Subject"]'] } },
    });
    const report = diagnosePage(zendesk, document, new URL('https://acme.zendesk.com/agent/tickets/123'));
    expect(report.fields.find((f) => f.field === 'subject')).toEqual({
      field: 'subject',
      overridden: true,
      tried: 3,
      matched: { selector: 'input[aria-label="Subject"]', index: 2, count: 2 },
      invalid: ['div..broken'],
    });
  });

  it('without an open ticket, templates are not counted and no composer is looked for', () => {
    const report = diagnosePage(zendesk, document, new URL('https://acme.zendesk.com/agent/dashboard'));
    expect(report.ticketOpen).toBe(false);
    expect(report.composer).toEqual({ found: false, editorKind: null });
    expect(report.fields.find((f) => f.field === 'ticketRoot')?.matched).toBeNull();
  });
});

describe('diagnosisMarkdown', () => {
  const diagnosis: PageDiagnosis = {
    generatedAt: '2026-03-04T10:00:00.000Z',
    extensionVersion: '0.1.0',
    browser: 'Chrome 140',
    page: { host: 'acme.zendesk.com', pathPattern: '/agent/tickets/:id' },
    hostKind: 'built-in',
    content: {
      adapter: { id: 'zendesk', name: 'Zendesk' },
      ticketOpen: true,
      fields: [
        {
          field: 'subject',
          overridden: true,
          tried: 2,
          matched: { selector: 'a|b', index: 1, count: 1 },
          invalid: [],
        },
        { field: 'body', overridden: false, tried: 1, matched: null, invalid: ['x`y'] },
      ],
      composer: { found: true, editorKind: 'ckeditor5' },
    },
    reader: { adapter: 'zendesk', method: 'dom', warnings: 1 },
    lastInsert: { at: Date.parse('2026-03-04T09:59:00Z'), ok: true, method: 'paste' },
  };

  it('formats every fact as Markdown, escaping table pipes and backticks', () => {
    expect(diagnosisMarkdown(diagnosis)).toBe(
      [
        '## Deskmate page diagnosis',
        '',
        '- Deskmate: 0.1.0',
        '- Browser: Chrome 140',
        '- Page: `acme.zendesk.com` `/agent/tickets/:id`',
        '- Host: built-in helpdesk host',
        '- Adapter: Zendesk (`zendesk`)',
        '- Ticket open: yes',
        '- Composer: found (ckeditor5)',
        '- Reader: page (DOM) (zendesk), 1 warning',
        '- Last insertion: paste, verified (2026-03-04T09:59:00.000Z)',
        '- Generated: 2026-03-04T10:00:00.000Z',
        '',
        '### Selectors',
        '',
        '| Field | First match |',
        '| --- | --- |',
        '| subject (override) | `a\\|b` — #2 of 2, 1 element |',
        '| body | none matched (1 tried); invalid: `` x`y `` |',
        '',
        '_No page text, subject or names are included in this report._',
        '',
      ].join('\n'),
    );
  });

  it('says plainly when nothing was read, no adapter ran, or the insert failed', () => {
    const text = diagnosisMarkdown({
      ...diagnosis,
      hostKind: 'none',
      content: null,
      reader: null,
      lastInsert: { at: 0, ok: false, code: 'no-composer' },
    });
    expect(text).toContain('- Adapter: none (generic reader)');
    expect(text).toContain('- Reader: nothing read yet');
    expect(text).toContain('- Last insertion: failed: no-composer (1970-01-01T00:00:00.000Z)');
    expect(text).not.toContain('### Selectors');
  });
});

describe('background: page/diagnose', () => {
  const EXT = 'chrome-extension://test-extension-id';
  const panel = { id: 'test-extension-id', url: `${EXT}/sidepanel.html?tabId=7` };
  const contentScript = {
    id: 'test-extension-id',
    url: 'https://acme.zendesk.com/',
    tab: { id: 7 },
    frameId: 0,
  };

  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Deskmate',
      version: '9.8.7',
    });
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({
      id: 7,
      url: 'https://acme.zendesk.com/agent/tickets/123',
    } as never);
  });

  it('a content script cannot ask for a diagnosis', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    expect(await routeMessage({ type: 'page/diagnose', tabId: 7 }, contentScript)).toBeUndefined();
    expect(send).not.toHaveBeenCalled();
  });

  it("checks the tab's answer and keeps only the known facts (extra keys such as text are dropped)", async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      adapter: { id: 'zendesk', name: 'Zendesk' },
      ticketOpen: true,
      fields: [
        { field: 'subject', overridden: false, tried: 1, matched: null, invalid: [], text: 'Secret subject' },
      ],
      composer: { found: false, editorKind: null },
      subject: 'Secret subject',
    });
    await recordLastInsert(7, { ok: true, method: 'paste', helpdesk: 'Zendesk' });
    const result = DiagnoseResult.parse(await routeMessage({ type: 'page/diagnose', tabId: 7 }, panel));
    if (!result.ok) throw new Error(result.message);
    const d = result.diagnosis;
    expect(JSON.stringify(d)).not.toContain('Secret subject');
    expect(d).toMatchObject({
      extensionVersion: '9.8.7',
      page: { host: 'acme.zendesk.com', pathPattern: '/agent/tickets/:id' },
      hostKind: 'built-in',
      content: { adapter: { id: 'zendesk' }, fields: [{ field: 'subject', matched: null }] },
      reader: null,
      lastInsert: { ok: true, method: 'paste' },
    });
  });

  it('reports an answer it cannot understand instead of passing it on', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ adapter: 'zendesk', text: 'Hi Maria' });
    const result = DiagnoseResult.parse(await routeMessage({ type: 'page/diagnose', tabId: 7 }, panel));
    expect(result).toMatchObject({
      ok: true,
      diagnosis: {
        content: null,
        contentError: 'The Zendesk tab gave an answer Deskmate does not understand.',
      },
    });
  });
});
