// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import { adapterFor } from '../../utils/helpdesks/registry';
import { watchTicketId } from '../../utils/helpdesks/route-watcher';
import { readSalesforceCase, salesforce, ticketFromSalesforceDom } from '../../utils/helpdesks/salesforce';
import { NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { mountShadowRoots, showCase } from '../fixtures/salesforce/console';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/salesforce');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://acme.lightning.force.com';
const CASE_A = '5008d00000Kq3XbAAJ';
const CASE_B = '5008d00000Kq4ZcAAN';
const caseUrl = (id: string) => `${ORIGIN}/lightning/r/Case/${id}/view`;

/** What Quill 2 renders into a mount (taken from the real editor in Chromium), without its toolbar. */
const QUILL_MARKUP =
  '<div class="ql-container ql-snow"><div class="ql-editor ql-blank" data-gramm="false" contenteditable="true"><p><br></p></div><div class="ql-clipboard" contenteditable="true" tabindex="-1"></div></div>';

/** The fixture console parsed into a document, shadow roots attached and Quill markup in place, showing `caseId`. */
function loadConsole(caseId: string | null = CASE_A, { shadow = true } = {}): Document {
  const doc = new DOMParser().parseFromString(PAGE_HTML, 'text/html');
  if (shadow) mountShadowRoots(doc);
  for (const mount of Array.from(doc.querySelectorAll('[data-fixture-quill]')))
    mount.innerHTML = QUILL_MARKUP;
  showCase(doc, caseId);
  return doc;
}

const HIDDEN_BAIT = ['SYSTEM NOTE', '$5,000', 'mark this case as fraud'];

function allText(ticket: Ticket): string {
  return [
    ticket.subject,
    ticket.requester.name,
    ...ticket.messages.flatMap((m) => [m.text, m.author.name]),
  ].join('\n');
}

afterEach(() => setDeclaredHosts([]));

describe('salesforce.matches / ticketId', () => {
  it.each([
    [caseUrl(CASE_A), true, CASE_A],
    [`${caseUrl(CASE_A)}?ws=%2Flightning%2Fr%2FCase%2F${CASE_B}%2Fview`, true, CASE_A],
    [`${ORIGIN}/lightning/r/Case/5008d00000Kq3Xb/view`, true, '5008d00000Kq3Xb'],
    [`${ORIGIN}/lightning/r/${CASE_B}/view`, true, CASE_B],
    [`${ORIGIN}/lightning/r/Account/0018d00000AbCdEAAV/view`, true, null],
    [`${ORIGIN}/lightning/r/0018d00000AbCdEAAV/view`, true, null],
    [`${ORIGIN}/lightning/r/Case/${CASE_A}/related/CaseComments/view`, true, null],
    [`${ORIGIN}/lightning/o/Case/list?filterName=Recent`, true, null],
    [`${ORIGIN}/lightning/page/home`, true, null],
    [`${ORIGIN}/lightning/r/Case/not-an-id-at-all/view`, true, null],
    [`https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/${CASE_A}/view`, true, CASE_A],
    [`https://acme.lightning.force.com/apex/CustomCasePage`, false, null],
    [`http://acme.lightning.force.com/lightning/r/Case/${CASE_A}/view`, false, null],
    [`https://acme.my.salesforce.com/lightning/r/Case/${CASE_A}/view`, false, null],
    [`https://acme.lightning.force.com.evil.example/lightning/r/Case/${CASE_A}/view`, false, null],
  ])('%s → matches %s, case %s', (href, matches, id) => {
    const url = new URL(href);
    expect(salesforce.matches(url)).toBe(matches);
    expect(salesforce.ticketId(url, document)).toBe(id);
  });

  it('works on a host the agent declared for Salesforce (an enhanced domain proxy)', () => {
    const url = new URL(`https://support.acme.example/lightning/r/Case/${CASE_A}/view`);
    expect(salesforce.matches(url)).toBe(false);
    setDeclaredHosts([{ host: 'support.acme.example', helpdesk: 'salesforce' }]);
    expect(salesforce.ticketId(url, document)).toBe(CASE_A);
  });

  it('is picked by the registry for Lightning URLs', () => {
    expect(adapterFor(caseUrl(CASE_A))?.id).toBe('salesforce');
    expect(adapterFor('https://acme.zendesk.com/agent/tickets/123')?.id).toBe('zendesk');
  });

  it('follows console tab switches (pushState) through the shared route watcher', () => {
    window.location.href = caseUrl(CASE_A);
    const seen: Array<string | null> = [];
    const stop = watchTicketId(
      () => salesforce.ticketId(new URL(window.location.href), document),
      (id) => seen.push(id),
      { intervalMs: 60_000 },
    );
    window.history.pushState({}, '', caseUrl(CASE_B));
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.history.pushState({}, '', `${ORIGIN}/lightning/page/home`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    stop();
    expect(seen).toEqual([CASE_B, null]);
  });
});

describe('DOM read', () => {
  it('reads case A from its own tab: fields through shadow roots, feed oldest first, roles, times', async () => {
    const doc = loadConsole(CASE_A);
    const url = new URL(caseUrl(CASE_A));
    const ticket = await salesforce.extract({ doc, url, fetchJson: async () => ({}) });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'salesforce', method: 'dom' });
    expect(ticket.id).toBe(CASE_A);
    expect(ticket.subject).toBe('Invoice INV-2231 charged twice');
    expect(ticket.status).toBe('Escalated');
    expect(ticket.priority).toBe('High');
    expect(ticket.requester).toEqual({ name: 'Priya Raman', email: 'priya.raman@contoso-retail.example' });
    expect(ticket.tags).toEqual([]);
    expect(ticket.warnings).toEqual([]);
    expect(ticket.messages.map((m) => m.role)).toEqual([
      'customer',
      'system',
      'agent',
      'agent',
      'customer',
      'internal',
    ]);
    expect(ticket.messages.map((m) => m.author.name)).toEqual([
      'Priya Raman',
      'Marcus Lee',
      'Marcus Lee',
      'Marcus Lee',
      'Priya Raman',
      'Marcus Lee',
    ]);
    expect(ticket.messages[0]!.author.email).toBe('priya.raman@contoso-retail.example');
    expect(ticket.messages[2]!.author.email).toBe('support@acme-devices.example');
    expect(ticket.messages.map((m) => m.createdAt)).toEqual([
      '2026-11-23T13:41:00.000Z',
      '2026-11-23T13:58:00.000Z',
      '2026-11-23T14:05:00.000Z',
      '2026-11-23T16:40:00.000Z',
      '2026-11-24T09:15:00.000Z',
      '2026-11-24T10:02:00.000Z',
    ]);
    expect(ticket.messages.map((m) => m.id)).toEqual([
      '0D58d00000Rt7q8CAB',
      '0D58d00000Rt7rBCAR',
      '0D58d00000Rt7sQCAR',
      '0D58d00000Rt7tZCAR',
      '0D58d00000Rt7u1CAB',
      '0D58d00000Rt7uKCAR',
    ]);
    // The first email's body lives in an open shadow root.
    expect(ticket.messages[0]!.text).toBe(
      'Hello,\n\nmy card was charged twice for invoice INV-2231 ($419.80 each, on Nov 21). Please refund the duplicate.\n\nPriya Raman\nContoso Retail',
    );
    expect(ticket.messages[4]!.text).toBe(
      'Hi, any update on the refund? The second charge is still on my statement.\n\nThanks, Priya',
    );
    for (const bait of HIDDEN_BAIT) expect(allText(ticket)).not.toContain(bait);
    // Nothing from the other (background) tab.
    expect(allText(ticket)).not.toContain('SmartHub');
    expect(readSalesforceCase(doc, CASE_A, url.href)?.caseNumber).toBe('00001027');
  });

  it('reads a background tab by record id, never the tab on screen', () => {
    const doc = loadConsole(CASE_B); // B shown, A hidden but in the DOM
    const a = ticketFromSalesforceDom(doc, CASE_A, caseUrl(CASE_A));
    expect(a?.subject).toBe('Invoice INV-2231 charged twice');
    expect(a?.messages).toHaveLength(6);
    const b = readSalesforceCase(doc, CASE_B, caseUrl(CASE_B));
    expect(b?.caseNumber).toBe('00001031');
    expect(allText(b!.ticket)).not.toContain('INV-2231');
  });

  it('reads the light-DOM markup (synthetic shadow) and the page-header subject of case B', () => {
    const ticket = ticketFromSalesforceDom(loadConsole(CASE_B), CASE_B, caseUrl(CASE_B))!;
    expect(ticket.subject).toBe('Warranty claim for SmartHub X2 (serial SH2-88410)');
    expect(ticket.status).toBe('New');
    expect(ticket.priority).toBe('Medium');
    expect(ticket.requester).toEqual({ name: 'Tomás Ortega', email: 'tomas.ortega@fabrikam.example' });
    // An unpublished case comment (no visibility marker) is internal.
    expect(ticket.messages.map((m) => [m.role, m.author.name])).toEqual([
      ['customer', 'Tomás Ortega'],
      ['internal', 'Dana Whitfield'],
    ]);
  });

  it('accepts the 15-character form of a record id', () => {
    const ticket = ticketFromSalesforceDom(
      loadConsole(CASE_A),
      '5008d00000Kq3Xb',
      caseUrl('5008d00000Kq3Xb'),
    );
    expect(ticket?.subject).toBe('Invoice INV-2231 charged twice');
  });

  it('reads fields only through the open shadow roots (without them the shadow-rendered parts are missing)', () => {
    const ticket = ticketFromSalesforceDom(loadConsole(CASE_A, { shadow: false }), CASE_A, caseUrl(CASE_A))!;
    expect(ticket.subject).toBe('');
    expect(ticket.status).toBeUndefined();
    expect(ticket.messages).toHaveLength(5); // the shadow-rendered first email has no text without its root
    // Requester falls back to the first customer message's author.
    expect(ticket.requester).toEqual({ name: 'Priya Raman', email: 'priya.raman@contoso-retail.example' });
  });

  it('says so when the feed has more items, and keeps page order when items have no machine time', () => {
    const doc = loadConsole(CASE_B);
    const feed = doc.querySelector('#tabpanel-1031 .cuf-feedWrapper')!;
    for (const time of Array.from(feed.querySelectorAll('time'))) time.removeAttribute('datetime');
    feed.insertAdjacentHTML('beforeend', '<div class="cuf-showMore"><button>View More</button></div>');
    const ticket = ticketFromSalesforceDom(doc, CASE_B, caseUrl(CASE_B))!;
    expect(ticket.messages.map((m) => m.role)).toEqual(['internal', 'customer']);
    expect(ticket.messages[0]!.createdAt).toBe('Nov 25, 2026, 8:30 AM');
    expect(ticket.warnings).toEqual([
      'The case feed has more items than the page shows ("View more"); older ones were not read.',
      'Some feed items have no machine-readable time; messages are in the order the page shows.',
    ]);
  });

  it('reads the one record window of the standard (non-console) navigation', () => {
    const doc = new DOMParser().parseFromString(
      `<div class="slds-template__container"><div class="lafSinglePaneWindowManager"><div class="windowViewMode-normal">
        <div class="slds-page-header"><h1 class="slds-page-header__title"><lightning-formatted-text>Login loop on the portal</lightning-formatted-text></h1></div>
        <article class="cuf-feedElement cuf-feedItem" data-type="EmailMessageEvent"><div class="cuf-feedItemHeader"><a href="/lightning/r/Contact/0038d00000ZzYyXAAV/view">Kim Lo</a></div><div class="cuf-emailBody">I cannot log in.</div></article>
      </div></div></div>`,
      'text/html',
    );
    const ticket = ticketFromSalesforceDom(doc, CASE_A, caseUrl(CASE_A))!;
    expect(ticket.subject).toBe('Login loop on the portal');
    expect(ticket.requester).toEqual({ name: 'Kim Lo' });
    expect(ticket.messages.map((m) => [m.role, m.text])).toEqual([['customer', 'I cannot log in.']]);
  });

  it('says what to do when no case is open or its tab is not in the page', async () => {
    const doc = loadConsole(CASE_A);
    const fetchJson = async () => ({});
    await expect(
      salesforce.extract({ doc, url: new URL(`${ORIGIN}/lightning/page/home`), fetchJson }),
    ).rejects.toBeInstanceOf(NoTicketError);
    await expect(
      salesforce.extract({ doc, url: new URL(caseUrl('5008d00000Zz9ZzAAB')), fetchJson }),
    ).rejects.toThrow('not shown on this page');
  });
});

describe('findComposer', () => {
  it("finds the shown case's Email editor (Quill), never the Chatter post editor or another tab's", () => {
    const doc = loadConsole(CASE_A);
    const composer = salesforce.findComposer(doc, CASE_A)!;
    expect(composer.classList.contains('ql-editor')).toBe(true);
    expect(composer.closest('[data-target-selection-name]')?.getAttribute('data-target-selection-name')).toBe(
      'sfdc:QuickAction.Case.SendEmail',
    );
    expect(composer.closest('#tabpanel-1027')).not.toBeNull();
    expect(detectEditorKind(composer)).toBe('quill');
    // A's tab is in the DOM but not selected once B is shown: no composer for A.
    showCase(doc, CASE_B);
    expect(salesforce.findComposer(doc, CASE_A)).toBeNull();
    expect(salesforce.findComposer(doc, CASE_B)?.closest('#tabpanel-1031')).not.toBeNull();
  });

  it('finds nothing for a case without a console tab, or without an Email action', () => {
    const doc = loadConsole(CASE_A);
    expect(salesforce.findComposer(doc, '5008d00000Zz9ZzAAB')).toBeNull();
    for (const el of Array.from(
      doc.querySelectorAll('[data-target-selection-name="sfdc:QuickAction.Case.SendEmail"]'),
    ))
      el.remove();
    expect(salesforce.findComposer(doc, CASE_A)).toBeNull();
  });
});
