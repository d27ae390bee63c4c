// @vitest-environment happy-dom
// The shared mechanisms the Intercom and Front adapters brought into dom.ts and adapter-kit.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { paneOfTicket } from '../../utils/helpdesks/adapter-kit';
import {
  bubbleSide,
  deepQueryAllFirst,
  deepQueryFirst,
  isHiddenInTree,
  markerOutside,
  matchesAny,
  outermost,
} from '../../utils/helpdesks/dom';

function fragment(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = markup;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

/** Gives `el` a box spanning [left, left + width) at the top of the page. */
function place(el: Element, left: number, width: number): void {
  el.getBoundingClientRect = () =>
    ({ left, right: left + width, width, top: 0, bottom: 20, height: 20, x: left, y: 0 }) as DOMRect;
}

describe('bubbleSide', () => {
  it('tells start, end and centre from the gaps on either side', () => {
    const root = fragment('<div id="t"><p id="a">a</p><p id="b">b</p><p id="c">c</p><p id="w">w</p></div>');
    const thread = root.querySelector('#t')!;
    place(thread, 100, 1000);
    const [a, b, c, w] = ['#a', '#b', '#c', '#w'].map((s) => root.querySelector(s)!);
    place(a!, 120, 600);
    place(b!, 480, 600);
    place(c!, 500, 200);
    place(w!, 100, 1000);
    expect(bubbleSide(a!, thread)).toBe('start');
    expect(bubbleSide(b!, thread)).toBe('end');
    expect(bubbleSide(c!, thread)).toBe('center');
    // Full width: its side means nothing.
    expect(bubbleSide(w!, thread)).toBeNull();
  });

  it('has no answer without layout, and mirrors right-to-left threads', () => {
    const root = fragment('<div id="t" style="direction: rtl"><p id="a">a</p></div>');
    const thread = root.querySelector('#t')!;
    const a = root.querySelector('#a')!;
    expect(bubbleSide(a, thread)).toBeNull();
    place(thread, 0, 1000);
    place(a, 0, 600);
    expect(bubbleSide(a, thread)).toBe('end');
  });
});

describe('isHiddenInTree', () => {
  it('climbs ancestors and out of open shadow roots through their hosts', () => {
    const root = fragment('<section hidden><div id="host"></div></section><div id="shown"></div>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="inner">x</p>';
    expect(isHiddenInTree(shadow.querySelector('#inner')!)).toBe(true);
    const shownShadow = root.querySelector('#shown')!.attachShadow({ mode: 'open' });
    shownShadow.innerHTML = '<p><span id="s">x</span></p>';
    expect(isHiddenInTree(shownShadow.querySelector('#s')!)).toBe(false);
    shownShadow.querySelector('p')!.setAttribute('style', 'display: none');
    expect(isHiddenInTree(shownShadow.querySelector('#s')!)).toBe(true);
  });
});

describe('markerOutside, outermost, matchesAny, deep fallbacks', () => {
  it('finds markers of a message but never inside its body', () => {
    const root = fragment(
      '<article class="msg"><div class="body"><b class="author">Fake</b></div><span class="author">Real</span></article>',
    );
    const item = root.querySelector('article')!;
    expect(markerOutside(item, ['.author'], ['.body'])?.textContent).toBe('Real');
    expect(markerOutside(item, ['.msg'], ['.body'])).toBe(item);
    // The body itself may be the marker asked for.
    expect(markerOutside(item, ['.body'], ['.body'])?.className).toBe('body');
    item.querySelector('span')!.remove();
    expect(markerOutside(item, ['.author'], ['.body'])).toBeNull();
  });

  it('keeps only the outermost elements and checks selector lists safely', () => {
    const root = fragment(
      '<div class="i" id="1"><div class="i" id="2"></div></div><div class="i" id="3"></div>',
    );
    const all = Array.from(root.querySelectorAll('.i'));
    expect(outermost(all).map((el) => el.id)).toEqual(['1', '3']);
    expect(matchesAny(all[0]!, ['[[bad', '.i'])).toBe(true);
    expect(matchesAny(all[0]!, ['[[bad', '.x'])).toBe(false);
  });

  it('deepQueryFirst / deepQueryAllFirst reach into shadow roots in fallback order', () => {
    const root = fragment('<div id="host"></div><p class="b">light</p>');
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p class="a">one</p><p class="a">two</p>';
    expect(deepQueryFirst(root, ['.missing', '.a'])?.textContent).toBe('one');
    expect(deepQueryAllFirst(root, ['.a', '.b']).map((el) => el.textContent)).toEqual(['one', 'two']);
    expect(deepQueryAllFirst(root, ['.missing'])).toEqual([]);
  });
});

describe('paneOfTicket', () => {
  const panes = (root: Element, id: string) =>
    paneOfTicket(root, { named: [`[data-id="${id}"]`], anyNamed: ['[data-id]'], pane: ['.pane'] });

  it('takes the pane that names the ticket, even a hidden one, and never another ticket’s', () => {
    const root = fragment(
      '<div class="pane" data-id="1" hidden>one</div><div class="pane" data-id="2">two</div>',
    );
    expect(panes(root, '1')?.textContent).toBe('one');
    expect(panes(root, '2')?.textContent).toBe('two');
    // The route names 3, the page shows only 1 and 2: the page lags behind.
    expect(panes(root, '3')).toBeNull();
  });

  it('without id markers, takes the one pane on screen and refuses when several are', () => {
    const root = fragment('<div class="pane" hidden>one</div><div class="pane">two</div>');
    expect(panes(root, '7')?.textContent).toBe('two');
    root.querySelector<HTMLElement>('.pane')!.hidden = false;
    expect(panes(root, '7')).toBeNull();
  });

  it('with `sole`, reads a page without panes as a whole when it has exactly one thread', () => {
    const root = fragment('<h1>Subject</h1><ol class="thread"><li>hi</li></ol>');
    const o = { named: ['[data-id="1"]'], anyNamed: ['[data-id]'], pane: ['.pane'], sole: ['.thread'] };
    expect(paneOfTicket(document, o)).toBe(document.body);
    expect(paneOfTicket(root, o)).toBe(root);
    root.append(root.querySelector('.thread')!.cloneNode(true));
    expect(paneOfTicket(document, o)).toBeNull();
    expect(paneOfTicket(document, { ...o, sole: undefined })).toBeNull();
  });
});
