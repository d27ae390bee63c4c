// @vitest-environment node
import o200kRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { describe, expect, it } from 'vitest';
import { answerTokensFor, fitThread, omissionMarker, shortenText } from '../../utils/llm/budget';
import { countTokens, installO200kRanks } from '../../utils/llm/tokens';
import { preparePayload } from '../../utils/privacy/payload';
import { DEFAULT_PRIVACY } from '../../utils/privacy/settings';
import { type MessageRole, Ticket, type TicketMessage } from '../../utils/ticket/ticket';

installO200kRanks(o200kRanks);
const count = (text: string) => countTokens(text, 'gpt-4o');

function msg(role: MessageRole, text: string, i: number): TicketMessage {
  return {
    role,
    text,
    author: { name: role === 'customer' ? 'Dana Client' : 'Sam Agent' },
    createdAt: `2030-01-01T10:${String(i % 60).padStart(2, '0')}:00Z`,
  };
}

/** A thread: an agent's auto-note, the first customer message, then N alternating replies, each ~60 tokens. */
function longTicket(n: number, opts: { firstText?: string; lastText?: string } = {}): Ticket {
  const messages: TicketMessage[] = [
    msg('system', 'Ticket created via web form.', 0),
    msg('customer', opts.firstText ?? 'FIRST-CUSTOMER: my printer catches fire every time I print a PDF.', 1),
  ];
  for (let i = 0; i < n; i++) {
    messages.push(
      msg(
        i % 2 ? 'customer' : 'agent',
        `MIDDLE-${i}: ${'We looked at the logs again and found nothing unusual in the spooler output. '.repeat(3)}`,
        i + 2,
      ),
    );
  }
  messages.push(
    msg('customer', opts.lastText ?? 'LATEST: it happened again this morning, please help.', n + 2),
  );
  return Ticket.parse({
    id: '77',
    url: 'https://acme.zendesk.com/agent/tickets/77',
    helpdesk: 'zendesk',
    subject: 'Printer on fire',
    requester: { name: 'Dana Client', email: 'dana@example.com' },
    messages,
    tags: [],
    source: { adapter: 'zendesk', method: 'api' },
    warnings: [],
  });
}

/** fitThread's own per-message count (header allowance by role, as in utils/llm/budget.ts). */
const HEADER = { customer: 18, agent: 18, system: 24, internal: 32 } as const;
function tokensOfThread(t: Ticket): number {
  return t.messages.reduce(
    (s, m) => s + count(m.text) + count(`${m.author.name} ${m.createdAt ?? ''}`) + HEADER[m.role],
    0,
  );
}

describe('fitThread', () => {
  it('returns the ticket untouched when it fits', () => {
    const t = longTicket(3);
    const fit = fitThread(t, { contextWindow: 128_000, answerTokens: 1000, count });
    expect(fit.trimmed).toBeNull();
    expect(fit.ticket).toBe(t);
  });

  it('keeps the first customer message and the latest messages whole, drops the middle behind a marker', () => {
    const t = longTicket(200);
    const fit = fitThread(t, { contextWindow: 4000, answerTokens: 1000, count, overheadTokens: 500 });
    const texts = fit.ticket.messages.map((m) => m.text);
    expect(texts).toContain(t.messages[1]!.text); // first customer message, whole
    expect(texts.at(-1)).toBe(t.messages.at(-1)!.text); // latest, whole
    expect(texts.at(-2)).toBe(t.messages.at(-2)!.text); // and the one before it
    expect(texts.some((x) => x.startsWith('MIDDLE-0:'))).toBe(false);
    expect(texts.some((x) => x.startsWith('MIDDLE-100:'))).toBe(false);
    expect(fit.trimmed).not.toBeNull();
    const { omittedMessages, shortenedMessages, budgetTokens } = fit.trimmed!;
    expect(budgetTokens).toBe(3000);
    expect(shortenedMessages).toBe(0);
    // Kept + omitted = all messages; the markers say how many.
    const markers = fit.ticket.messages.filter((m) => m.author.name === 'Deskmate');
    expect(markers.map((m) => m.text)).toEqual([omissionMarker(1), omissionMarker(omittedMessages - 1)]);
    expect(fit.ticket.messages.length - markers.length + omittedMessages).toBe(t.messages.length);
    // Order: marker (the system note before the first customer message), first customer, marker, latest…
    expect(fit.ticket.messages[1]!.text).toBe(t.messages[1]!.text);
    expect(fit.ticket.messages[2]!.text).toBe(omissionMarker(omittedMessages - 1));
  });

  it('never exceeds the budget (by its own count), for many window sizes', () => {
    const t = longTicket(120);
    for (const window of [1500, 2000, 3000, 5000, 8000, 16_000]) {
      const fit = fitThread(t, { contextWindow: window, answerTokens: 500, count, overheadTokens: 300 });
      expect(300 + tokensOfThread(fit.ticket), `window ${window}`).toBeLessThanOrEqual(window - 500);
      expect(fit.trimmed?.promptTokens ?? 0).toBeLessThanOrEqual(window - 500);
    }
  });

  it('shortens the longest bodies with a visible marker when first + latest alone do not fit', () => {
    const huge = `START ${'The device reboots and shows error E42 on the display. '.repeat(400)} END`;
    const t = longTicket(10, { firstText: `FIRST ${huge}`, lastText: `LAST ${huge}` });
    const fit = fitThread(t, { contextWindow: 3000, answerTokens: 800, count, overheadTokens: 400 });
    const first = fit.ticket.messages.find((m) => m.text.startsWith('FIRST'))!;
    const last = fit.ticket.messages.at(-1)!;
    expect(last.text.startsWith('LAST START')).toBe(true);
    expect(last.text.endsWith('END')).toBe(true); // start and end both kept
    expect(last.text).toMatch(/\[… [\d,]+ characters left out to fit the model's context …\]/);
    expect(first.text).toMatch(/characters left out/);
    expect(fit.trimmed!.shortenedMessages).toBe(2);
    expect(fit.trimmed!.omittedMessages).toBe(11);
    expect(400 + tokensOfThread(fit.ticket)).toBeLessThanOrEqual(2200);
  });

  it('never cuts through a redaction placeholder', () => {
    const body = Array.from({ length: 300 }, (_, i) => `contact [EMAIL_${i + 1}] or [PHONE_${i + 1}]`).join(
      ' ',
    );
    for (const max of [100, 257, 1001, 2503, 4999]) {
      const short = shortenText(body, max);
      const stripped = short.replace(/\[… [\d,]+ characters left out to fit the model's context …\]/, '');
      // Every bracket that remains is a whole placeholder.
      for (const piece of stripped.match(/\[[^\]\s]*\]?|[A-Z]+_\d+\]/g) ?? []) {
        expect(piece, `max ${max}`).toMatch(/^\[(EMAIL|PHONE)_\d+\]$/);
      }
    }
  });

  it('handles tiny windows: keeps the latest customer message (shortened) and says so', () => {
    const t = longTicket(50);
    const fit = fitThread(t, { contextWindow: 700, answerTokens: 256, count, overheadTokens: 200 });
    expect(fit.ticket.messages.at(-1)!.text).toContain('LATEST');
    expect(fit.trimmed!.omittedMessages).toBeGreaterThan(40);
    expect(200 + tokensOfThread(fit.ticket)).toBeLessThanOrEqual(444);
  });

  it('a single message too long for the window is shortened', () => {
    const t = longTicket(0, { firstText: 'word '.repeat(5000) });
    const only = Ticket.parse({ ...t, messages: [t.messages[1]!] });
    const fit = fitThread(only, { contextWindow: 2048, answerTokens: 512, count });
    expect(fit.trimmed).toMatchObject({ omittedMessages: 0, shortenedMessages: 1 });
    expect(fit.ticket.messages).toHaveLength(1);
  });

  it('empty thread: nothing to trim', () => {
    const t = Ticket.parse({ ...longTicket(0), messages: [] });
    expect(fitThread(t, { contextWindow: 100, answerTokens: 50, count }).trimmed).toBeNull();
  });
});

describe('answerTokensFor', () => {
  it('gives drafts more room than summaries and caps at a quarter of small windows', () => {
    expect(answerTokensFor('draft', 128_000)).toBeGreaterThan(answerTokensFor('summary', 128_000));
    expect(answerTokensFor('draft', 4096)).toBe(1024);
    expect(answerTokensFor('summary', 512)).toBe(256);
  });
});

describe('preparePayload with a token budget', () => {
  const budget = { contextWindow: 4096, answerTokens: 1024, count };

  it('the whole built prompt stays within the window minus the answer, and the model sees the marker', () => {
    const t = longTicket(300);
    const p = preparePayload('draft', t, DEFAULT_PRIVACY, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', { budget });
    const measured = p.messages.reduce(
      (s, m) => s + 3 + count(typeof m.content === 'string' ? m.content : ''),
      3,
    );
    expect(p.tokens!.promptTokens).toBe(measured);
    expect(measured).toBeLessThanOrEqual(4096 - 1024);
    const user = String(p.messages[1]!.content);
    expect(user).toContain('FIRST-CUSTOMER');
    expect(user).toContain('LATEST');
    expect(user).not.toContain('MIDDLE-10:');
    expect(user).toMatch(/\[\d+ earlier messages omitted to fit the model's context\]/);
    // The marker is Deskmate's own line: it must not read as instruction-like ticket text.
    expect(String(p.messages[0]!.content)).not.toContain('instruction-like text');
    expect(p.tokens!.trimmed!.omittedMessages).toBeGreaterThan(250);
  });

  it('counts after redaction: placeholders are in the fitted prompt, real values are not', () => {
    const t = longTicket(300, {
      lastText: 'LATEST: write to dana.client@example.org or call +1 415 555 0100.',
    });
    const p = preparePayload('draft', t, DEFAULT_PRIVACY, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', { budget });
    const user = String(p.messages[1]!.content);
    expect(user).not.toContain('dana.client@example.org');
    const emailPlaceholder = Object.keys(p.placeholders).find(
      (k) => p.placeholders[k] === 'dana.client@example.org',
    );
    expect(emailPlaceholder).toBeDefined();
    expect(user).toContain(emailPlaceholder!);
  });

  it('trims identically whatever the nonce (the preview equals the request)', () => {
    const t = longTicket(300);
    const a = preparePayload('summary', t, DEFAULT_PRIVACY, 'nonce-per-request', { budget });
    const b = preparePayload('summary', t, DEFAULT_PRIVACY, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', { budget });
    expect(a.tokens!.trimmed!.omittedMessages).toBe(b.tokens!.trimmed!.omittedMessages);
    const strip = (s: unknown) =>
      String(s).replaceAll('nonce-per-request', 'N').replaceAll('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'N');
    expect(strip(a.messages[1]!.content)).toBe(strip(b.messages[1]!.content));
  });

  it('without a budget the default character cap still applies (unchanged behaviour)', () => {
    const p = preparePayload('draft', longTicket(300), DEFAULT_PRIVACY, 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(p.tokens).toBeUndefined();
    expect(p.trimmed.omittedMessages).toBeGreaterThan(0);
  });

  it('a ticket that fits is sent whole, with its token count', () => {
    const p = preparePayload('draft', longTicket(2), DEFAULT_PRIVACY, 'a1b2c3d4e5f60718293a4b5c6d7e8f90', {
      budget: { ...budget, contextWindow: 128_000 },
    });
    expect(p.tokens!.trimmed).toBeNull();
    expect(String(p.messages[1]!.content)).toContain('MIDDLE-1:');
    expect(p.tokens!.promptTokens).toBeGreaterThan(100);
  });
});
