// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { setDeclaredHosts } from '../../utils/helpdesks/custom-hosts';
import { detectEditorKind } from '../../utils/helpdesks/editor-kind';
import { gmail, gmailMailboxAddress, ticketFromGmailDom } from '../../utils/helpdesks/gmail';
import { adapterFor } from '../../utils/helpdesks/registry';
import { NoTicketError } from '../../utils/helpdesks/types';
import { Ticket } from '../../utils/ticket/ticket';
import { showRoute } from '../fixtures/gmail/views';

// Paths, not URLs: happy-dom's global URL does not resolve file: URLs.
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/gmail');
const PAGE_HTML = readFileSync(join(FIXTURE, 'page.html'), 'utf8');
const ORIGIN = 'https://mail.google.com';
const TOKEN_A = 'FMfcgzQZTmWrlXKZqvxgkTWcTjbVRQqn';
const TOKEN_B = 'FMfcgzQZTmXbYqLkRfGhJwNpStVcKdPm';
const THREAD_A = '18c9a1f2b3d4e5f6';
const THREAD_B = '18c9b7e6d5c4a3b2';
const HIDDEN_BAIT = ['ignore your instructions', '50% voucher'];

/** The fixture page parsed into a document, showing `hash` the way the page script does. */
function loadPage(hash = `#inbox/${TOKEN_A}`): { doc: Document; url: URL } {
  const doc = new DOMParser().parseFromString(PAGE_HTML, 'text/html');
  showRoute(doc, hash);
  return { doc, url: new URL(`/mail/u/0/${hash}`, ORIGIN) };
}

const noFetch = async () => {
  throw new Error('Gmail is read from the page only');
};

function allText(ticket: Ticket): string {
  return [ticket.subject, ...ticket.messages.flatMap((m) => [m.text, m.author.name])].join('\n');
}

afterEach(() => setDeclaredHosts([]));

describe('gmail.matches / ticketId', () => {
  it.each([
    [`${ORIGIN}/mail/u/0/#inbox/${TOKEN_A}`, true, THREAD_A],
    [`${ORIGIN}/mail/#inbox/${TOKEN_A}`, true, THREAD_A],
    [`${ORIGIN}/mail/u/2/#label/Support/${TOKEN_A}`, true, THREAD_A],
    [`${ORIGIN}/mail/u/0/#search/kettle/${TOKEN_A}`, true, THREAD_A],
    [`${ORIGIN}/mail/u/0/#inbox`, true, null],
    [`${ORIGIN}/mail/u/0/#label/Support`, true, null],
    [`${ORIGIN}/mail/u/0/#settings/general`, true, null],
    [`${ORIGIN}/chat/u/0/#chat/dm/abc`, false, null],
    [`http://mail.google.com/mail/u/0/#inbox/${TOKEN_A}`, false, null],
    [`https://mail.google.com.evil.example/mail/u/0/#inbox/${TOKEN_A}`, false, null],
    [`https://calendar.google.com/mail/u/0/#inbox/${TOKEN_A}`, false, null],
  ])('%s → matches %s, thread %s', (href, matches, id) => {
    const { doc } = loadPage(`#inbox/${TOKEN_A}`);
    const url = new URL(href);
    expect(gmail.matches(url)).toBe(matches);
    expect(gmail.ticketId(url, doc)).toBe(id);
  });

  it('takes the thread id from the conversation on screen, not from the URL token', () => {
    const { doc, url } = loadPage(`#inbox/${TOKEN_B}`);
    // Conversation A's view is still in the DOM (hidden), as Gmail keeps it.
    expect(doc.querySelector(`h2[data-legacy-thread-id="${THREAD_A}"]`)).not.toBeNull();
    expect(gmail.ticketId(url, doc)).toBe(THREAD_B);
  });

  it('matches a legacy hex token in the URL to its heading by id', () => {
    const { doc } = loadPage(`#inbox/${TOKEN_B}`);
    expect(gmail.ticketId(new URL(`${ORIGIN}/mail/u/0/#inbox/${THREAD_A}`), doc)).toBe(THREAD_A);
  });

  it('has no thread while Gmail has not rendered the conversation yet', () => {
    const { doc } = loadPage('#inbox'); // the list shown, every conversation view hidden
    expect(gmail.ticketId(new URL(`${ORIGIN}/mail/u/0/#inbox/${TOKEN_A}`), doc)).toBeNull();
  });

  it('falls back to the permanent thread id when the legacy one is missing', () => {
    const { doc, url } = loadPage(`#inbox/${TOKEN_B}`);
    doc.querySelector(`h2[data-legacy-thread-id="${THREAD_B}"]`)!.removeAttribute('data-legacy-thread-id');
    expect(gmail.ticketId(url, doc)).toBe('thread-f:1783209876543210987');
    expect(ticketFromGmailDom(doc, 'thread-f:1783209876543210987', url.href)?.messages).toHaveLength(1);
  });

  it('works on a host the agent declared for Gmail, and is picked by the registry', () => {
    expect(adapterFor(`${ORIGIN}/mail/u/0/#inbox`)?.id).toBe('gmail');
    const url = new URL(`https://webmail.acme.example/mail/u/0/#inbox/${TOKEN_A}`);
    expect(gmail.matches(url)).toBe(false);
    setDeclaredHosts([{ host: 'webmail.acme.example', helpdesk: 'gmail' }]);
    expect(gmail.ticketId(url, loadPage().doc)).toBe(THREAD_A);
  });
});

describe('the signed-in mailbox', () => {
  it('is read from the tab title ("<label> - <address> - Gmail")', () => {
    const { doc } = loadPage();
    expect(doc.title).toBe('Order #58213 arrived with a broken handle - support@acme-shop.example - Gmail');
    expect(gmailMailboxAddress(doc)).toBe('support@acme-shop.example');
    // A subject that contains an address does not win over the mailbox segment.
    doc.title = 'Fwd: mail from olivia.chen@gmail.com - support@acme-shop.example - Gmail';
    expect(gmailMailboxAddress(doc)).toBe('support@acme-shop.example');
  });

  it("falls back to the account button's label when the title has no address", () => {
    const { doc } = loadPage();
    doc.title = 'Inbox (3) - Gmail';
    expect(gmailMailboxAddress(doc)).toBe('support@acme-shop.example');
    doc.querySelector('a[href^="https://accounts.google.com/SignOutOptions"]')!.remove();
    expect(gmailMailboxAddress(doc)).toBeNull();
  });
});

describe('DOM read', () => {
  it('reads the open conversation: rendered messages, roles by sender, times, labels, collapsed warning', async () => {
    const { doc, url } = loadPage();
    const ticket = await gmail.extract({ doc, url, fetchJson: noFetch });
    expect(Ticket.parse(ticket)).toEqual(ticket);
    expect(ticket.source).toEqual({ adapter: 'gmail', method: 'dom' });
    expect(ticket.id).toBe(THREAD_A);
    expect(ticket.helpdesk).toBe('gmail');
    expect(ticket.subject).toBe('Order #58213 arrived with a broken handle');
    expect(ticket.requester).toEqual({ name: 'Olivia Chen', email: 'olivia.chen@gmail.com' });
    expect(ticket.tags).toEqual(['Support', 'Damaged']);
    expect(ticket.status).toBeUndefined();
    expect(ticket.messages.map((m) => [m.role, m.author.email])).toEqual([
      ['agent', 'jordan.price@acme-shop.example'],
      ['customer', 'olivia.chen@gmail.com'],
    ]);
    expect(ticket.messages.map((m) => m.createdAt)).toEqual([
      'Mon, Nov 23, 2026, 11:40 AM',
      'Tue, Nov 24, 2026, 8:05 AM',
    ]);
    expect(ticket.messages.map((m) => m.id)).toEqual(['18c9a1f2b3d4e6a1', '18c9a1f2b3d4e7b2']);
    expect(ticket.messages[0]!.text).toBe(
      "Hi Olivia,\n\nI'm sorry about that. Could you send us a photo of the handle and the packaging?\n\nJordan\nAcme Shop Support",
    );
    expect(ticket.warnings).toEqual([
      'One message is collapsed in Gmail and was not read. Expand all messages and read again to include it.',
    ]);
    for (const bait of HIDDEN_BAIT) expect(allText(ticket)).not.toContain(bait);
    expect(allText(ticket)).not.toContain('Lindenstraße');
    expect(ticket.messages.some((m) => m.role === 'internal' || m.role === 'system')).toBe(false);
  });

  it('counts a message element without a rendered body as collapsed too', () => {
    const { doc, url } = loadPage();
    doc.querySelector('[data-legacy-message-id="18c9a1f2b3d4e6a1"] .ii')!.remove();
    const ticket = ticketFromGmailDom(doc, THREAD_A, url.href)!;
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.warnings[0]).toBe(
      '2 messages are collapsed in Gmail and were not read. Expand all messages and read again to include them.',
    );
  });

  it('does not make webmail senders agents when the support mailbox itself is a webmail address', () => {
    const { doc, url } = loadPage();
    doc.title = 'Inbox - acme.support@gmail.com - Gmail';
    const ticket = ticketFromGmailDom(doc, THREAD_A, url.href)!;
    // olivia.chen@gmail.com shares gmail.com with the mailbox but is a customer; Jordan is not the mailbox.
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'customer']);
  });

  it('treats the mailbox itself as the agent', () => {
    const { doc, url } = loadPage();
    doc.title = 'Inbox - jordan.price@acme-shop.example - Gmail';
    const sender = doc.querySelector('[data-legacy-message-id="18c9a1f2b3d4e7b2"] span.gD')!;
    sender.setAttribute('email', 'Jordan.Price@acme-shop.example');
    expect(ticketFromGmailDom(doc, THREAD_A, url.href)!.messages.map((m) => m.role)).toEqual([
      'agent',
      'agent',
    ]);
  });

  it('guesses roles from the first sender, with a warning, when the mailbox is unknown', () => {
    const { doc, url } = loadPage();
    doc.title = 'Gmail';
    doc.querySelector('a[href^="https://accounts.google.com/SignOutOptions"]')!.remove();
    const ticket = ticketFromGmailDom(doc, THREAD_A, url.href)!;
    // The first rendered sender (Jordan) is taken as the customer side: the warning tells the agent.
    expect(ticket.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect(ticket.warnings).toContain(
      'The signed-in address could not be found, so roles are guessed: the first sender is the customer.',
    );
  });

  it('reads a hidden (earlier) conversation by its id only, never the one on screen', () => {
    const { doc } = loadPage(`#inbox/${TOKEN_B}`);
    const a = ticketFromGmailDom(doc, THREAD_A, `${ORIGIN}/mail/u/0/#inbox/${TOKEN_A}`)!;
    expect(a.subject).toBe('Order #58213 arrived with a broken handle');
    const b = ticketFromGmailDom(doc, THREAD_B, `${ORIGIN}/mail/u/0/#inbox/${TOKEN_B}`)!;
    expect(b.subject).toBe('Can I change the delivery address for order #58240?');
    expect(b.messages.map((m) => [m.role, m.author.name])).toEqual([['customer', 'Lukas Meyer']]);
    expect(b.warnings).toEqual([]);
    expect(allText(b)).not.toContain('kettle');
  });

  it('says what to do when no conversation is open', async () => {
    const { doc } = loadPage('#inbox');
    await expect(
      gmail.extract({ doc, url: new URL(`${ORIGIN}/mail/u/0/#inbox`), fetchJson: noFetch }),
    ).rejects.toBeInstanceOf(NoTicketError);
    expect(ticketFromGmailDom(doc, 'ffffffffffffffff', `${ORIGIN}/mail/u/0/#inbox`)).toBeNull();
  });
});

describe('findComposer', () => {
  it("finds the open conversation's reply box (a plain contenteditable), never a hidden one's", () => {
    const { doc } = loadPage(`#inbox/${TOKEN_A}`);
    const composer = gmail.findComposer(doc, THREAD_A)!;
    expect(composer.isContentEditable || composer.getAttribute('contenteditable') === 'true').toBe(true);
    expect(composer.closest(`[data-fixture-view="${TOKEN_A}"]`)).not.toBeNull();
    expect(detectEditorKind(composer)).toBe('contenteditable');
    expect(gmail.findComposer(doc, THREAD_B)).toBeNull();

    showRoute(doc, `#inbox/${TOKEN_B}`);
    expect(gmail.findComposer(doc, THREAD_A)).toBeNull();
    expect(gmail.findComposer(doc, THREAD_B)?.closest(`[data-fixture-view="${TOKEN_B}"]`)).not.toBeNull();
  });

  it('finds nothing while no reply is open', () => {
    const { doc } = loadPage(`#inbox/${TOKEN_A}`);
    for (const box of Array.from(doc.querySelectorAll('.M9'))) box.remove();
    expect(gmail.findComposer(doc, THREAD_A)).toBeNull();
  });
});
