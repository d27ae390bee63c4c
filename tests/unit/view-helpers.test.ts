// @vitest-environment happy-dom
// Shared helpers for single-page helpdesk views (dom.ts / adapter-kit.ts): hidden mounted views, form-control
// text, choosing the view of the active ticket, time order.

import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { inTimeOrder, rootShowingTicket } from '../../utils/helpdesks/adapter-kit';
import {
  documentUrl,
  isHiddenInPage,
  matchesAny,
  queryFirstShown,
  shownText,
  visibleTextExcept,
} from '../../utils/helpdesks/dom';
import type { TicketMessage } from '../../utils/ticket/ticket';

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<html><body>${html}</body></html>`, 'text/html');
}

describe('isHiddenInPage / queryFirstShown', () => {
  const doc = parse(`
    <div hidden><p class="x" id="a">in a hidden view</p></div>
    <div style="display: none"><p class="x" id="b">display none</p></div>
    <div><p class="x" id="c">shown</p></div>`);

  it('sees hiding on any ancestor', () => {
    expect(isHiddenInPage(doc.getElementById('a')!)).toBe(true);
    expect(isHiddenInPage(doc.getElementById('b')!)).toBe(true);
    expect(isHiddenInPage(doc.getElementById('c')!)).toBe(false);
  });

  it('does not count a form control as hidden for what it is, but does inside a never-rendered container', () => {
    const controls = parse(
      '<textarea id="reply"></textarea><button id="status">Open</button><div aria-hidden="true"><textarea id="aria"></textarea></div>',
    );
    expect(isHiddenInPage(controls.getElementById('reply')!)).toBe(false);
    expect(isHiddenInPage(controls.getElementById('status')!)).toBe(false);
    expect(isHiddenInPage(controls.querySelector('[aria-hidden] textarea')!)).toBe(true);
    const noscript = controls.createElement('noscript');
    const inNoscript = noscript.appendChild(controls.createElement('textarea'));
    controls.body.append(noscript);
    expect(isHiddenInPage(inNoscript)).toBe(true);
  });

  it('returns the first shown match, over ordered fallbacks', () => {
    expect(queryFirstShown(doc, ['.x'])?.id).toBe('c');
    expect(queryFirstShown(doc, ['#a', '#b'])).toBeNull();
    expect(queryFirstShown(doc, ['[[bad', '#a', '.x'])?.id).toBe('c');
  });
});

describe('shownText', () => {
  const doc = parse(`
    <textarea id="subject">  Refund\u00A0request \u200B</textarea>
    <input id="field" value="Order #12">
    <button id="status"><svg><text>icon</text></svg> Pending <span style="display:none">secret</span></button>
    <select id="prio"><option>Low</option><option selected>High</option></select>
    <div hidden><input id="hiddenInput" value="stale subject"></div>
    <h1 id="plain">Plain <span hidden>hidden</span>heading</h1>`);

  it('reads values of text fields, labels of buttons and the chosen option, cleaned', () => {
    expect(shownText(doc.getElementById('subject')!)).toBe('Refund request');
    expect(shownText(doc.getElementById('field')!)).toBe('Order #12');
    expect(shownText(doc.getElementById('status')!)).toBe('Pending');
    expect(shownText(doc.getElementById('prio')!)).toBe('High');
  });

  it('reads nothing from a control in a hidden view, and visible text from anything else', () => {
    expect(shownText(doc.getElementById('hiddenInput')!)).toBe('');
    expect(shownText(doc.getElementById('plain')!)).toBe('Plain heading');
  });
});

describe('rootShowingTicket', () => {
  const doc = parse(`
    <section data-shows="7" hidden>seven</section>
    <section data-shows="8">eight</section>
    <section data-shows="" hidden>anonymous hidden</section>`);
  const roots = Array.from(doc.querySelectorAll('section'));
  const shownId = (root: Element) => root.getAttribute('data-shows') || null;

  it('takes the shown root that names the ticket, never a hidden one or one naming another ticket', () => {
    expect(rootShowingTicket(roots, '8', shownId)?.textContent).toBe('eight');
    expect(rootShowingTicket(roots, '7', shownId)).toBeNull();
  });

  it('accepts the only shown root that names no ticket, and any single shown root when the id is unknown', () => {
    const anonymous = parse('<section>one</section>');
    expect(
      rootShowingTicket(Array.from(anonymous.querySelectorAll('section')), '5', shownId)?.textContent,
    ).toBe('one');
    expect(rootShowingTicket(roots, null, shownId)?.textContent).toBe('eight');
    const two = parse('<section>a</section><section>b</section>');
    expect(rootShowingTicket(Array.from(two.querySelectorAll('section')), '5', shownId)).toBeNull();
  });
});

describe('inTimeOrder', () => {
  const message = (id: string, createdAt?: string): TicketMessage => ({
    id,
    author: { name: '' },
    role: 'customer',
    text: id,
    ...(createdAt ? { createdAt } : {}),
  });

  it('sorts by time when every message has one, keeping page order for equal times', () => {
    const sorted = inTimeOrder([
      message('c', '2026-01-03T00:00:00Z'),
      message('a', '2026-01-01T00:00:00Z'),
      message('b1', '2026-01-02T00:00:00Z'),
      message('b2', '2026-01-02T00:00:00.000+00:00'),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('keeps page order when any time is missing or unreadable', () => {
    const kept = [message('b', '2026-01-02T00:00:00Z'), message('a'), message('c', 'yesterday')];
    expect(inTimeOrder(kept).map((m) => m.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('matchesAny / visibleTextExcept / documentUrl', () => {
  const doc = parse(
    '<div id="event" class="Event--event--x1"><span>Closed by Ana</span> <time datetime="2026-01-01">Jan 1</time></div>',
  );
  const event = doc.getElementById('event')!;

  it('matches over a list, a malformed selector matching nothing', () => {
    expect(matchesAny(event, ['[[bad', '[class*="Event--event--"]'])).toBe(true);
    expect(matchesAny(event, ['.other', '[[bad'])).toBe(false);
  });

  it('reads visible text without the left-out parts, leaving the page untouched', () => {
    expect(visibleTextExcept(event, ['time', '[[bad'])).toBe('Closed by Ana');
    expect(event.querySelector('time')).not.toBeNull();
  });

  it("gives a live page's address and null for a parsed document", () => {
    const win = new Window({ url: 'https://secure.helpscout.net/conversation/1/2' });
    expect(documentUrl(win.document as unknown as Document)?.pathname).toBe('/conversation/1/2');
    // A browser's DOMParser document has no location (happy-dom's has the test window's, so it is stubbed).
    expect(documentUrl({ location: null } as unknown as Document)).toBeNull();
  });
});
