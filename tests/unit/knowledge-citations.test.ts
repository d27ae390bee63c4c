// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { splitCitations } from '../../utils/knowledge/citations';
import { groundedOutput } from '../../utils/knowledge/record';

const REPLY = 'Hello Maria,\n\nWe refund duplicate charges within 5 business days.';
const final = (text: string, known?: string[]) =>
  splitCitations(text, { final: true, ...(known ? { known } : {}) });

describe('splitCitations: the final text', () => {
  it('splits "Sources: K1, K3" off the reply', () => {
    expect(final(`${REPLY}\n\nSources: K1, K3`)).toEqual({
      reply: REPLY,
      cited: ['K1', 'K3'],
      trailer: true,
    });
  });

  it.each([
    ['**Sources:** K1', ['K1']],
    ['[Sources: K2]', ['K2']],
    ['Sources used: K1 and K2.', ['K1', 'K2']],
    ['- Sources: (K1), [K3]', ['K1', 'K3']],
    ['Quellen: K2', ['K2']],
    ['Källor: K1, K2', ['K1', 'K2']],
    ['Fuentes: K3', ['K3']],
    ['Sources : K1', ['K1']],
    ['Références : K2', ['K2']],
    ['sources: k 1, K1, K2', ['K1', 'K2']],
  ])('tolerates the variant %s', (line, cited) => {
    const split = final(`${REPLY}\n${line}`);
    expect(split.reply).toBe(REPLY);
    expect(split.cited).toEqual(cited);
    expect(split.trailer).toBe(true);
  });

  it.each([
    'Sources: none',
    'Sources: None.',
    'Quellen: keine',
    'Källor: inga',
    'Sources: aucune',
    'Sources: -',
  ])('"%s" is a trailer that cites nothing', (line) => {
    expect(final(`${REPLY}\n\n${line}\n`)).toEqual({ reply: REPLY, cited: [], trailer: true });
  });

  it('ignores ids that were not sent', () => {
    expect(final(`${REPLY}\nSources: K1, K7, K2`, ['K1', 'K2']).cited).toEqual(['K1', 'K2']);
  });

  it('keeps a reply without a trailer whole, including a sentence that merely starts like one', () => {
    expect(final(REPLY)).toEqual({ reply: REPLY, cited: [], trailer: false });
    const sentence = `${REPLY}\nSources: our refund policy page explains the rest.`;
    expect(final(sentence)).toEqual({ reply: sentence, cited: [], trailer: false });
  });

  it('a trailer alone (empty reply) leaves an empty reply', () => {
    expect(final('Sources: K1')).toEqual({ reply: '', cited: ['K1'], trailer: true });
  });
});

describe('splitCitations: trailers models put elsewhere', () => {
  it('finds the line before a sign-off and keeps the sign-off', () => {
    expect(final(`${REPLY}\n\nSources: K1\n\nBest regards,\nAnna`)).toEqual({
      reply: `${REPLY}\n\nBest regards,\nAnna`,
      cited: ['K1'],
      trailer: true,
    });
  });

  it('cuts a trailer written at the end of the last sentence', () => {
    expect(final(`${REPLY} Sources: K1, K2.`)).toMatchObject({ reply: REPLY, cited: ['K1', 'K2'] });
    expect(final(`${REPLY} (Quellen: K2)`)).toMatchObject({ reply: REPLY, cited: ['K2'] });
  });

  it('drops the fragment of a trailer a stopped answer ends in', () => {
    expect(final(`${REPLY}\nSources: K`).reply).toBe(REPLY);
    expect(final(`${REPLY}\nSources: K1,`)).toMatchObject({ reply: REPLY, cited: ['K1'] });
  });

  it('leaves a sentence about sources in the middle of the reply alone', () => {
    const text = `Sources: the refund policy says 5 days.\n${REPLY}`;
    expect(final(text)).toMatchObject({ reply: text, cited: [], trailer: false });
  });
});

describe('splitCitations while streaming', () => {
  const full = `${REPLY}\n\nSources: K1, K3`;

  it('never shows any part of the trailer, whatever the pieces', () => {
    for (let end = REPLY.length + 1; end <= full.length; end++) {
      const shown = splitCitations(full.slice(0, end), { final: false }).reply;
      expect(shown.includes('Sour'), `at ${end}: ${JSON.stringify(shown)}`).toBe(false);
      expect(REPLY.startsWith(shown.trimEnd())).toBe(true);
    }
  });

  it('holds the ids back until the line is complete, then cites', () => {
    expect(splitCitations(`${REPLY}\nSources: K1`, { final: false }).cited).toEqual([]);
    expect(splitCitations(`${REPLY}\nSources: K1, K3\n`, { final: false }).cited).toEqual(['K1', 'K3']);
  });

  it('shows a last line as soon as it cannot become a trailer', () => {
    expect(splitCitations(`${REPLY}\nSo`, { final: false }).reply).toBe(REPLY);
    expect(splitCitations(`${REPLY}\nSoon`, { final: false }).reply).toBe(`${REPLY}\nSoon`);
    expect(splitCitations('Hello Maria, we', { final: false }).reply).toBe('Hello Maria, we');
  });

  it('a held-back line that turns out not to be a trailer is shown when the text is final', () => {
    expect(final(`${REPLY}\nSo`).reply).toBe(`${REPLY}\nSo`);
  });
});

describe('groundedOutput', () => {
  const sent = [{ key: 'file:Acme/refunds', ref: 'K1', title: 'Refunds', sourceLabel: 'Team pack “Acme”' }];

  it('splits only for a grounded draft', () => {
    expect(groundedOutput(`${REPLY}\nSources: K1`, { use: 'cite', sent }, true)).toEqual({
      reply: REPLY,
      cited: ['K1'],
    });
    expect(groundedOutput(`${REPLY}\nSources: K1`, undefined, true).reply).toBe(`${REPLY}\nSources: K1`);
    expect(groundedOutput('- "5 days" — no snippet', { use: 'check', sent }, true).reply).toBe(
      '- "5 days" — no snippet',
    );
  });
});
