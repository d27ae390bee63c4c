import { describe, expect, it } from 'vitest';
import {
  compileTeamPatterns,
  placeholderSpans,
  Redactor,
  redactTicket,
  restorePlaceholders,
  TeamPatternError,
} from '@/utils/privacy/engine';
import { buildPrivacySettings, parseTeamPatterns, teamPatternsToText } from '@/utils/privacy/form';
import { preparePayload, previewSegments } from '@/utils/privacy/payload';
import { DEFAULT_PRIVACY, PrivacySettings, parsePrivacySettings } from '@/utils/privacy/settings';
import type { Ticket } from '@/utils/ticket/ticket';

const ticket: Ticket = {
  id: '9',
  url: 'https://acme.zendesk.com/agent/tickets/9',
  helpdesk: 'zendesk',
  subject: 'Refund for maria@example.com, card 4111 1111 1111 1111',
  requester: { name: 'Maria (maria@example.com)', email: 'maria@example.com' },
  messages: [
    {
      id: '1',
      author: { name: 'Maria' },
      role: 'customer',
      text: 'Card 4111-1111-1111-1111 was charged twice. Mail MARIA@example.com or call +46 70 123 45 67. Order ORD-123456.',
      html: '<p>Card 4111-1111-1111-1111</p>',
    },
    {
      id: '2',
      author: { name: 'Jonas' },
      role: 'agent',
      text: 'Thanks! We will write to maria@example.com and to support@acme.example. Your other mail erik@example.se?',
    },
  ],
  tags: ['billing'],
  source: { adapter: 'zendesk', method: 'api' },
  warnings: [],
};

describe('placeholders are stable within a ticket', () => {
  it('the same value gets the same placeholder in the subject, the requester and every message', () => {
    const { ticket: r, placeholders } = redactTicket(ticket);
    expect(r.subject).toBe('Refund for [EMAIL_1], card [CARD_1]');
    expect(r.requester.name).toBe('Maria ([EMAIL_1])');
    expect(r.requester.email).toBe('[EMAIL_1]');
    // Case of an e-mail and separators of a card do not make a new value.
    expect(r.messages[0]!.text).toBe(
      'Card [CARD_1] was charged twice. Mail [EMAIL_1] or call [PHONE_1]. Order ORD-123456.',
    );
    expect(r.messages[1]!.text).toContain('write to [EMAIL_1] and to [EMAIL_2]');
    expect(r.messages[1]!.text).toContain('other mail [EMAIL_3]?');
    expect(placeholders).toEqual({
      '[EMAIL_1]': 'maria@example.com',
      '[CARD_1]': '4111 1111 1111 1111',
      '[PHONE_1]': '+46 70 123 45 67',
      '[EMAIL_2]': 'support@acme.example',
      '[EMAIL_3]': 'erik@example.se',
    });
    // The HTML copy is not redacted, so it is not sent: it is dropped.
    expect(r.messages[0]!.html).toBeUndefined();
  });

  it('numbering is deterministic: redacting twice gives the same result', () => {
    expect(redactTicket(ticket)).toEqual(redactTicket(ticket));
  });

  it('placeholder-shaped text typed by the customer is defused, never mistaken for a redaction', () => {
    const r = new Redactor();
    const out = r.redact('Write to [EMAIL_1] or x@y.example');
    expect(out.text).toBe('Write to (EMAIL_1) or [EMAIL_1]');
    expect(r.placeholders.get('[EMAIL_1]')).toBe('x@y.example');
  });

  it('reports the output ranges of each redaction', () => {
    const out = new Redactor().redact('a@b.example and 203.0.113.7');
    expect(out.spans.map((s) => out.text.slice(s.start, s.end))).toEqual(['[EMAIL_1]', '[IP_1]']);
  });
});

describe('restoring the model’s answer', () => {
  const map = { '[EMAIL_1]': 'maria@example.com', '[CARD_1]': '4111 1111 1111 1111' };
  it('puts the real value back for placeholders it was given', () => {
    expect(restorePlaceholders('We will mail [EMAIL_1] about card [CARD_1]; [EMAIL_1] again.', map)).toBe(
      'We will mail maria@example.com about card 4111 1111 1111 1111; maria@example.com again.',
    );
  });
  it('leaves invented placeholders and the agent’s own [tracking number] as written', () => {
    expect(restorePlaceholders('Also [EMAIL_7], [CARD_2] and [tracking number].', map)).toBe(
      'Also [EMAIL_7], [CARD_2] and [tracking number].',
    );
  });
  it('a placeholder split across stream chunks is restored once the text is complete', () => {
    const chunks = ['Mail [EMA', 'IL_1] now'];
    expect(restorePlaceholders(chunks[0]!, map)).toBe('Mail [EMA');
    expect(restorePlaceholders(chunks.join(''), map)).toBe('Mail maria@example.com now');
  });
  it('is not fooled by prototype names', () => {
    expect(restorePlaceholders('[CONSTRUCTOR_1] [TOSTRING_1]', map)).toBe('[CONSTRUCTOR_1] [TOSTRING_1]');
  });
});

describe('toggles, allow-list, team patterns', () => {
  it('a disabled detector leaves its values in place, the others still run', () => {
    const { ticket: r } = redactTicket(ticket, { disabled: ['email'] });
    expect(r.messages[0]!.text).toContain('MARIA@example.com');
    expect(r.messages[0]!.text).toContain('[CARD_1]');
  });
  it('allow-listed values are never redacted (case and spaces ignored)', () => {
    const { ticket: r, placeholders } = redactTicket(ticket, { allowList: ['Support@Acme.example'] });
    expect(r.messages[1]!.text).toContain('support@acme.example');
    expect(Object.values(placeholders)).not.toContain('support@acme.example');
  });
  it('team patterns redact with their own label and are stable too', () => {
    const { ticket: r, placeholders } = redactTicket(ticket, {
      teamPatterns: [{ label: 'ORDER', pattern: 'ORD-\\d{6}' }],
    });
    expect(r.messages[0]!.text).toContain('Order [ORDER_1].');
    expect(placeholders['[ORDER_1]']).toBe('ORD-123456');
  });
  it('an invalid team regex is a clear error naming the pattern', () => {
    expect(() => compileTeamPatterns([{ label: 'ORDER', pattern: 'ORD-(\\d{6}' }])).toThrow(TeamPatternError);
    expect(() => compileTeamPatterns([{ label: 'ORDER', pattern: 'ORD-(\\d{6}' }])).toThrow(
      /Team pattern 1 \(ORDER\): invalid regular expression/,
    );
    expect(() => compileTeamPatterns([{ label: 'ORDER', pattern: '\\d*' }])).toThrow(/matches empty text/);
    expect(() => compileTeamPatterns([{ label: 'order', pattern: 'x' }])).toThrow(/capital letters/);
  });
  it('the options form reports the line of a bad pattern and round-trips good ones', () => {
    const bad = parseTeamPatterns('ORDER: ORD-\\d{6}\nCUST: cust_[a-z');
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^Line 2: .*invalid regular expression/) });
    expect(parseTeamPatterns('nonsense without colon').ok).toBe(false);
    const good = parseTeamPatterns('ORDER: ORD-\\d{6}\nCUST/i: cust_[a-z0-9]{8}\n');
    expect(good).toEqual({
      ok: true,
      value: [
        { label: 'ORDER', pattern: 'ORD-\\d{6}' },
        { label: 'CUST', pattern: 'cust_[a-z0-9]{8}', caseInsensitive: true },
      ],
    });
    if (good.ok) expect(parseTeamPatterns(teamPatternsToText(good.value))).toEqual(good);
    const built = buildPrivacySettings(DEFAULT_PRIVACY, 'ORDER: ORD-\\d{6}', ' a@b.example \n\n a@b.example');
    expect(built).toMatchObject({ ok: true, value: { allowList: ['a@b.example'] } });
  });
});

describe('settings (zod) and the one payload builder', () => {
  it('defaults: on, every detector, no preview required; an invalid stored value falls back to the defaults', () => {
    expect(DEFAULT_PRIVACY).toMatchObject({ enabled: true, disabledDetectors: [], requirePreview: false });
    const r = parsePrivacySettings({ enabled: 'yes', teamPatterns: [{ label: 'X', pattern: '(' }] });
    expect(r.settings).toEqual(DEFAULT_PRIVACY);
    expect(r.warning).toMatch(/invalid/);
    expect(PrivacySettings.safeParse({ teamPatterns: [{ label: 'X', pattern: '(' }] }).success).toBe(false);
  });
  it('preparePayload redacts before building the prompt; per-helpdesk and global switches turn it off', () => {
    const on = preparePayload('draft', ticket, DEFAULT_PRIVACY, 'nonce-aaaaaaaa');
    const user = on.messages[1]!.content as string;
    expect(user).not.toContain('maria@example.com');
    expect(user).not.toMatch(/4111/);
    expect(user).not.toContain('+46 70');
    expect(user).toContain('[EMAIL_1]');
    expect(on.redacted).toBe(true);
    const offHere = preparePayload(
      'draft',
      ticket,
      { ...DEFAULT_PRIVACY, disabledHelpdesks: ['zendesk'] },
      'nonce-aaaaaaaa',
    );
    expect(offHere.messages[1]!.content).toContain('maria@example.com');
    expect(offHere.placeholders).toEqual({});
    const offAll = preparePayload(
      'summary',
      ticket,
      { ...DEFAULT_PRIVACY, enabled: false },
      'nonce-aaaaaaaa',
    );
    expect(offAll.redacted).toBe(false);
    const otherDesk = preparePayload(
      'draft',
      { ...ticket, helpdesk: 'freshdesk' },
      { ...DEFAULT_PRIVACY, disabledHelpdesks: ['zendesk'] },
      'nonce-aaaaaaaa',
    );
    expect(otherDesk.redacted).toBe(true);
  });
  it('preview segments cover the text exactly and mark only known placeholders', () => {
    const text = 'Hi [EMAIL_1], see [EMAIL_9] and [CARD_1].';
    const map = { '[EMAIL_1]': 'a@b.example', '[CARD_1]': '4111 1111 1111 1111' };
    const segs = previewSegments(text, map);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.redaction).map((s) => s.text)).toEqual(['[EMAIL_1]', '[CARD_1]']);
    expect(placeholderSpans(text, map)).toHaveLength(2);
  });
});
