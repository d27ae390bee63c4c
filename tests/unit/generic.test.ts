// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true,"disableJavaScriptEvaluation":true}}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readGenericPage } from '@/utils/helpdesks/generic';
import { readSelectionTicket } from '@/utils/helpdesks/selection';
import { Ticket } from '@/utils/ticket/ticket';

const fixture = (name: string) => readFileSync(path.resolve('tests/fixtures/generic', name), 'utf8');

function load(html: string) {
  document.open();
  document.write(html);
  document.close();
}

beforeEach(() => load('<html><body></body></html>'));

describe('generic page reader', () => {
  it('finds the forum thread, its authors and guesses roles from the first author', () => {
    load(fixture('index.html'));
    const ticket = readGenericPage(document, 'http://127.0.0.1:8080/t/48213');
    expect(Ticket.safeParse(ticket).success).toBe(true);
    expect(ticket.source).toEqual({ adapter: 'generic-thread', method: 'generic' });
    expect(ticket.subject).toBe('Calendar sync stopped after the 4.2 update');
    expect(ticket.messages.map((m) => [m.author.name, m.role])).toEqual([
      ['Marta Kowalski', 'customer'],
      ['Dev_Ollie', 'agent'],
      ['Marta Kowalski', 'customer'],
    ]);
    expect(ticket.requester.name).toBe('Marta Kowalski');
    expect(ticket.warnings.join(' ')).toMatch(/roles are guessed/);
  });

  it('leaves navigation, sidebars, cookie banners and per-post metadata out of the messages', () => {
    load(fixture('index.html'));
    const text = readGenericPage(document, 'http://127.0.0.1:8080/t/48213')
      .messages.map((m) => m.text)
      .join('\n');
    expect(text).not.toMatch(/cookie/i);
    expect(text).not.toMatch(/posted \d+ hours? ago/);
    expect(text).not.toMatch(/Breadcrumb|Sign in/);
  });

  it('falls back to Readability for a page without a thread, and says so', () => {
    const body = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i} of a long help article about resetting a router, with enough words to be readable content for the reader.</p>`,
    ).join('');
    load(
      `<html lang="en"><head><title>Reset your router</title></head><body><nav>Home | Docs</nav><main><h1>Reset your router</h1>${body}</main></body></html>`,
    );
    const ticket = readGenericPage(document, 'https://help.example.com/reset');
    expect(ticket.source.adapter).toBe('generic-readability');
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]?.text).toContain('Paragraph 5');
    expect(ticket.language).toBe('en');
  });

  it('throws a clear error on a page with no readable text', () => {
    load(fixture('blank.html'));
    expect(() => readGenericPage(document, 'http://127.0.0.1:8080/blank.html')).toThrow(
      /no readable|selection/i,
    );
  });

  it('builds a selection ticket with one customer message and a stable id', () => {
    const a = readSelectionTicket(
      '  I was charged twice.\r\nPlease help. ',
      'Inbox',
      'https://mail.example.com/#inbox/1',
    );
    const b = readSelectionTicket(
      'I was charged twice.\nPlease help.',
      'Inbox',
      'https://mail.example.com/#inbox/1',
    );
    expect(a.messages).toEqual([
      {
        id: 'm1',
        author: { name: 'Customer' },
        role: 'customer',
        text: 'I was charged twice.\nPlease help.',
      },
    ]);
    expect(a.id).toBe(b.id);
    expect(a.source).toEqual({ adapter: 'selection', method: 'selection' });
    expect(Ticket.safeParse(a).success).toBe(true);
  });
});
