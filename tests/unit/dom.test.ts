// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  closestFirst,
  deepQuery,
  deepQueryAll,
  deepQueryAllFirst,
  deepQueryFirst,
  fillSelectors,
  frameDocumentOf,
  isHiddenByMarkup,
  isRendered,
  queryAllFirst,
  queryFirst,
  textFromHtml,
  visibleText,
} from '../../utils/helpdesks/dom';

function fragment(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = markup;
  return root;
}

describe('queryFirst / queryAllFirst / closestFirst', () => {
  const root = fragment(`
    <ul>
      <li class="b" id="b1">b1</li>
      <li class="a" id="a1">a1</li>
      <li class="a" id="a2">a2</li>
    </ul>`);

  it('lets the first selector in the list win, not the first element in the document', () => {
    expect(queryFirst(root, ['.a', '.b'])?.id).toBe('a1');
    expect(queryFirst(root, ['.b', '.a'])?.id).toBe('b1');
  });

  it('falls back to later selectors and skips malformed ones', () => {
    expect(queryFirst(root, ['.missing', '[[broken', '.b'])?.id).toBe('b1');
    expect(queryFirst(root, ['.missing'])).toBeNull();
    expect(queryFirst(root, [])).toBeNull();
  });

  it('returns all matches of the first selector list that yields any', () => {
    expect(queryAllFirst(root, ['.missing', '.a', 'li']).map((el) => el.id)).toEqual(['a1', 'a2']);
    expect(queryAllFirst(root, ['.nothing', '.none'])).toEqual([]);
  });

  it('finds the closest ancestor by ordered selectors', () => {
    const a2 = root.querySelector('#a2')!;
    expect(closestFirst(a2, ['section', 'ul'])?.tagName).toBe('UL');
    expect(closestFirst(a2, ['li', 'ul'])?.id).toBe('a2');
    expect(closestFirst(a2, ['section'])).toBeNull();
  });

  it('fills {placeholders} in selector lists', () => {
    expect(fillSelectors(['[data-id="{id}"]', '#t-{id} .{other}'], { id: '42' })).toEqual([
      '[data-id="42"]',
      '#t-42 .{other}',
    ]);
  });
});

describe('deepQuery', () => {
  function buildShadowPage(): HTMLElement {
    const root = fragment(
      '<p id="before" class="hit">light before</p><x-outer></x-outer><p id="after" class="hit">after</p>',
    );
    const outer = root.querySelector('x-outer')!;
    const outerShadow = outer.attachShadow({ mode: 'open' });
    outerShadow.innerHTML =
      '<section><x-inner></x-inner><span id="in-outer" class="hit">outer</span></section>';
    const inner = outerShadow.querySelector('x-inner')!;
    inner.attachShadow({ mode: 'open' }).innerHTML = '<button id="deep" class="hit target">deep</button>';
    const closedHost = document.createElement('x-closed');
    closedHost.attachShadow({ mode: 'closed' }).innerHTML = '<i class="secret">closed</i>';
    root.appendChild(closedHost);
    return root;
  }

  it('descends into nested open shadow roots', () => {
    const root = buildShadowPage();
    expect(root.querySelector('.target')).toBeNull(); // the light DOM cannot see it
    expect(deepQuery(root, '.target')?.id).toBe('deep');
  });

  it('lists matches in tree order, shadow content in place of its host', () => {
    const root = buildShadowPage();
    expect(deepQueryAll(root, '.hit').map((el) => el.id)).toEqual(['before', 'deep', 'in-outer', 'after']);
  });

  it('cannot see into closed shadow roots', () => {
    expect(deepQuery(buildShadowPage(), '.secret')).toBeNull();
  });

  it('stops after the node budget', () => {
    const root = fragment(`${'<div></div>'.repeat(50)}<b class="far">far</b>`);
    expect(deepQuery(root, '.far', 10)).toBeNull();
    expect(deepQuery(root, '.far', 51)?.textContent).toBe('far');
  });

  it('returns nothing for a malformed selector instead of throwing', () => {
    expect(deepQuery(buildShadowPage(), '[[nope')).toBeNull();
  });

  it('does not match the root itself', () => {
    const root = fragment('<span class="x"></span>');
    root.classList.add('x');
    expect(deepQueryAll(root, '.x')).toHaveLength(1);
  });
});

describe('deepQuery through same-origin frames', () => {
  /** An iframe whose document is `inner` (what a same-origin frame exposes), or null (what a cross-origin one does). */
  function frameWith(inner: Document | null): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    Object.defineProperty(frame, 'contentDocument', { value: inner });
    return frame;
  }
  function frameDocument(markup: string): Document {
    return new DOMParser().parseFromString(`<!doctype html><body>${markup}</body>`, 'text/html');
  }

  /** light DOM → open shadow root → iframe → document with its own open shadow root (the ServiceNow shell shape). */
  function buildShell(): HTMLElement {
    const root = fragment(
      '<p id="top" class="hit">top</p><x-shell></x-shell><p id="end" class="hit">end</p>',
    );
    const shadow = root.querySelector('x-shell')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<nav id="in-shadow" class="hit">nav</nav>';
    const inner = frameDocument(
      '<form><textarea id="in-frame" class="hit field"></textarea><x-widget></x-widget></form>',
    );
    inner
      .querySelector('x-widget')!
      .attachShadow({ mode: 'open' })
      .appendChild(inner.createElement('i')).className = 'hit deepest';
    const frame = frameWith(inner);
    frame.innerHTML = '<span class="hit fallback">no frames</span>';
    shadow.appendChild(frame);
    return root;
  }

  it('finds elements inside an iframe that sits inside an open shadow root', () => {
    const root = buildShell();
    expect(root.querySelector('.field')).toBeNull();
    expect(deepQuery(root, '.field')?.id).toBe('in-frame');
    expect(deepQuery(root, '.deepest')?.className).toBe('hit deepest');
  });

  it("keeps tree order, the frame's document standing in for the frame's fallback children", () => {
    const hits = deepQueryAll(buildShell(), '.hit').map((el) => el.id || el.className);
    expect(hits).toEqual(['top', 'in-shadow', 'in-frame', 'hit deepest', 'end']);
  });

  it('skips cross-origin frames (no document) without failing', () => {
    const root = fragment('<b class="after">after</b>');
    root.prepend(frameWith(null));
    expect(frameDocumentOf(root.firstElementChild!)).toBeNull();
    expect(deepQuery(root, '.after')?.textContent).toBe('after');
  });

  it('skips a frame whose contentDocument getter throws', () => {
    const frame = document.createElement('iframe');
    Object.defineProperty(frame, 'contentDocument', {
      get() {
        throw new Error('Blocked a frame with origin');
      },
    });
    const root = fragment('<b class="x">x</b>');
    root.prepend(frame);
    expect(deepQueryAll(root, '.x')).toHaveLength(1);
  });

  it('counts frame content against the node budget', () => {
    const inner = frameDocument(`${'<div></div>'.repeat(40)}<b class="far">far</b>`);
    const root = fragment('');
    root.appendChild(frameWith(inner));
    // frame + html + head + body + 40 divs + b = 45 elements
    expect(deepQuery(root, '.far', 20)).toBeNull();
    expect(deepQuery(root, '.far', 45)?.textContent).toBe('far');
  });

  it('deepQueryFirst lets the first selector that matches anywhere win', () => {
    const root = buildShell();
    expect(deepQueryFirst(root, ['.missing', '.deepest', '.hit'])?.className).toBe('hit deepest');
    expect(deepQueryFirst(root, ['[[bad', '.missing'])).toBeNull();
  });
});

describe('textFromHtml / visibleText', () => {
  it('turns paragraphs into blank lines and <br> into line breaks', () => {
    expect(textFromHtml('<p>Hi,</p><p>Thanks for waiting.<br>Anna</p>')).toBe(
      'Hi,\n\nThanks for waiting.\nAnna',
    );
    expect(textFromHtml('one<br><br>two')).toBe('one\n\ntwo');
    expect(textFromHtml('<div>a</div><div>b</div>')).toBe('a\nb');
  });

  it('collapses whitespace without gluing inline elements together', () => {
    expect(textFromHtml('<p>  Hello\n\t  <b>big</b>   <i>world</i> ! </p>')).toBe('Hello big world !');
    expect(textFromHtml('<p>Hel<b>lo</b></p>')).toBe('Hello');
    expect(textFromHtml('<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>')).toBe(
      'A B\nC D',
    );
  });

  it('marks list items and keeps links as their text', () => {
    expect(
      textFromHtml(
        '<p>Send me:</p><ul><li>the card digits</li><li>the dates<ul><li>first</li></ul></li></ul><p>See <a href="https://x.example">Billing</a>.</p>',
      ),
    ).toBe('Send me:\n\n- the card digits\n- the dates\n  - first\n\nSee Billing.');
    expect(textFromHtml('<ol start="3"><li>three</li><li>four</li></ol>')).toBe('3. three\n4. four');
  });

  it('keeps whitespace inside <pre>', () => {
    expect(textFromHtml('<p>Log:</p><pre>line 1\n    indented</pre>')).toBe('Log:\n\nline 1\n    indented');
  });

  it('decodes entities and turns no-break spaces into spaces', () => {
    expect(textFromHtml('<p>Fish&nbsp;&amp;&nbsp;chips &lt;3</p>')).toBe('Fish & chips <3');
  });

  it.each([
    ['hidden attribute', '<span hidden>SECRET</span>'],
    ['aria-hidden', '<span aria-hidden="true">SECRET</span>'],
    ['display:none', '<span style="color: red; display : none !important">SECRET</span>'],
    ['visibility:hidden', '<span style="VISIBILITY:HIDDEN">SECRET</span>'],
    ['opacity:0', '<span style="opacity:0">SECRET</span>'],
    ['font-size:0', '<span style="font-size: 0px">SECRET</span>'],
    ['script', '<script>var SECRET = 1;</script>'],
    ['style', '<style>.SECRET{}</style>'],
    ['template', '<template><p>SECRET</p></template>'],
    ['comment', '<!-- SECRET -->'],
    ['noscript', '<noscript>SECRET</noscript>'],
  ])('leaves out text hidden by %s', (_name, hidden) => {
    const text = textFromHtml(`<p>Visible ${hidden}text.</p>`);
    expect(text).toBe('Visible text.');
    expect(text).not.toContain('SECRET');
  });

  it('keeps text that is styled but visible', () => {
    expect(textFromHtml('<span style="opacity:0.5; font-size: 10px; color: #999">faint</span>')).toBe(
      'faint',
    );
    expect(textFromHtml('<span aria-hidden="false">shown</span>')).toBe('shown');
  });

  it('strips zero-width and tag characters but keeps emoji sequences whole', () => {
    expect(textFromHtml('<p>Th\u200Ban\u200Cks\u2060 \uFEFFa\u00ADll</p>')).toBe('Thanks all');
    expect(textFromHtml('<p>hi\u{E0049}\u{E0067}\u{E006E}</p>')).toBe('hi');
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(textFromHtml(`<p>${family} ok\u200Dnot</p>`)).toBe(`${family} oknot`);
  });

  it('returns empty text for empty or fully hidden input', () => {
    expect(textFromHtml('')).toBe('');
    expect(textFromHtml('<div style="display:none"><p>x</p></div>')).toBe('');
    const el = fragment('<p>x</p>');
    el.setAttribute('hidden', '');
    expect(visibleText(el)).toBe('');
  });

  it('reads live elements the same way', () => {
    const el = fragment('<p>Hello <span hidden>there</span>Anna,</p><p>Bye</p>');
    expect(visibleText(el)).toBe('Hello Anna,\n\nBye');
  });

  it('does not run scripts or load anything while parsing', () => {
    const marker = globalThis as { __pwned?: boolean };
    textFromHtml(
      '<img src="x" onerror="globalThis.__pwned = true"><script>globalThis.__pwned = true</script>',
    );
    expect(marker.__pwned).toBeUndefined();
  });
});

describe('isHiddenByMarkup / cleanText', () => {
  it('judges inline styles by declaration', () => {
    const el = document.createElement('span');
    el.setAttribute('style', 'display:inline-block');
    expect(isHiddenByMarkup(el)).toBe(false);
    el.setAttribute('style', 'margin:0;display:none');
    expect(isHiddenByMarkup(el)).toBe(true);
    el.setAttribute('style', 'opacity: .0');
    expect(isHiddenByMarkup(el)).toBe(true);
    el.setAttribute('style', 'opacity: 0.01');
    expect(isHiddenByMarkup(el)).toBe(false);
  });

  it('normalises line ends, trailing spaces and runs of blank lines', () => {
    expect(cleanText('  a  \r\nb\r\n\r\n\r\n\r\nc\u00A0d  ')).toBe('a\nb\n\nc d');
  });
});

describe('deepQueryFirst / deepQueryAllFirst / isRendered', () => {
  function withShadow(): HTMLElement {
    const root = fragment('<p class="light">light</p><x-card></x-card>');
    const shadow = root.querySelector('x-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span class="deep">one</span><span class="deep">two</span>';
    document.body.append(root);
    return root;
  }

  it('tries the selectors in order and reaches into open shadow roots', () => {
    const root = withShadow();
    expect(deepQueryFirst(root, ['.missing', '.deep'])?.textContent).toBe('one');
    expect(deepQueryFirst(root, ['.light', '.deep'])?.textContent).toBe('light');
    expect(deepQueryAllFirst(root, ['.missing', '.deep']).map((el) => el.textContent)).toEqual([
      'one',
      'two',
    ]);
    expect(deepQueryAllFirst(root, ['.missing', '[bad'])).toEqual([]);
    expect(deepQueryFirst(root, ['[bad', '.light'])?.textContent).toBe('light');
    root.remove();
  });

  it('says whether an element is rendered, through hidden ancestors', () => {
    const root = fragment('<div style="display:none"><b>hidden</b></div><div><i>shown</i></div>');
    document.body.append(root);
    expect(isRendered(root.querySelector('b')!)).toBe(false);
    expect(isRendered(root.querySelector('i')!)).toBe(true);
    root.remove();
  });
});
