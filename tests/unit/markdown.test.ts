// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../components/Markdown';
import {
  inlineText,
  type MarkdownBlock,
  type MarkdownInline,
  type MarkdownList,
  parseInline,
  parseMarkdown,
  safeHref,
} from '../../utils/markdown';

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

function paragraph(block: MarkdownBlock | undefined): MarkdownInline[] {
  if (block?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${block?.type}`);
  return block.children;
}

function list(block: MarkdownBlock | undefined): MarkdownList {
  if (block?.type !== 'list') throw new Error(`expected a list, got ${block?.type}`);
  return block;
}

function hasLink(nodes: MarkdownInline[]): boolean {
  return nodes.some((n) => n.type === 'link' || ('children' in n && hasLink(n.children)));
}

describe('parseMarkdown: blocks', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const blocks = parseMarkdown('Hello Anna,\nthanks for writing.\n\nBest,\nSam');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Hello Anna,' },
          { type: 'break' },
          { type: 'text', text: 'thanks for writing.' },
        ],
      },
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'Best,' }, { type: 'break' }, { type: 'text', text: 'Sam' }],
      },
    ]);
  });

  it('reads headings #–### as headings and clamps deeper levels to 3', () => {
    const blocks = parseMarkdown('# One\n## Two ##\n### Three\n#### Four\n#nohashtag');
    expect(
      blocks.slice(0, 4).map((b) => (b.type === 'heading' ? [b.level, inlineText(b.children)] : b.type)),
    ).toEqual([
      [1, 'One'],
      [2, 'Two'],
      [3, 'Three'],
      [3, 'Four'],
    ]);
    expect(inlineText(paragraph(blocks[4]))).toBe('#nohashtag');
  });

  it('reads bullet lists with - and *, and ordered lists with their start number', () => {
    const [bullets, numbers] = parseMarkdown('- one\n* two\n\n3. three\n4. four');
    const ul = list(bullets);
    expect(ul.ordered).toBe(false);
    expect(ul.items.map((i) => inlineText(i.children))).toEqual(['one', 'two']);
    const ol = list(numbers);
    expect(ol.ordered).toBe(true);
    expect(ol.start).toBe(3);
    expect(ol.items.map((i) => inlineText(i.children))).toEqual(['three', 'four']);
  });

  it('keeps one nesting level and continuation lines', () => {
    const ol = list(
      only(parseMarkdown('1. Open Settings\n   - Billing\n   - Plans\n     (top right)\n2. Save')),
    );
    expect(ol.items).toHaveLength(2);
    const first = ol.items[0];
    expect(inlineText(first?.children ?? [])).toBe('Open Settings');
    expect(first?.sublist?.ordered).toBe(false);
    expect(first?.sublist?.items.map((i) => inlineText(i.children))).toEqual([
      'Billing',
      'Plans\n(top right)',
    ]);
    expect(inlineText(ol.items[1]?.children ?? [])).toBe('Save');
  });

  it('keeps a loose ordered list (blank lines between items) as one list', () => {
    const ol = list(only(parseMarkdown('1. First\n\n2. Second\n\n3. Third')));
    expect(ol.items).toHaveLength(3);
  });

  it('lets a list interrupt a paragraph and ends it at an unindented line', () => {
    const blocks = parseMarkdown('Try these steps:\n- restart\n- log in again\nThat should fix it.');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph']);
  });

  it('does not read emphasis or a thematic break as a list', () => {
    expect(parseMarkdown('**Note:** read this').map((b) => b.type)).toEqual(['paragraph']);
    expect(parseMarkdown('5 * 3 = 15').map((b) => b.type)).toEqual(['paragraph']);
  });

  it('reads fenced code blocks verbatim, with the language', () => {
    const block = only(parseMarkdown('```bash\ncurl -s **not bold** <b>\n```'));
    expect(block).toEqual({ type: 'codeblock', text: 'curl -s **not bold** <b>', language: 'bash' });
  });
});

describe('parseInline', () => {
  it('reads bold, italic and code', () => {
    expect(parseInline('a **b** *c* _d_ `e*f*`')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'd' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'e*f*' },
    ]);
  });

  it('nests emphasis', () => {
    expect(parseInline('**bold *and italic***')).toEqual([
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'bold ' },
          { type: 'em', children: [{ type: 'text', text: 'and italic' }] },
        ],
      },
    ]);
    expect(parseInline('***both***')).toEqual([
      { type: 'strong', children: [{ type: 'em', children: [{ type: 'text', text: 'both' }] }] },
    ]);
  });

  it('leaves snake_case, lone stars and escaped markers as text', () => {
    expect(parseInline('use user_id_field and 2 * 3 * 4 and \\*literal\\*')).toEqual([
      { type: 'text', text: 'use user_id_field and 2 * 3 * 4 and *literal*' },
    ]);
  });

  it('links http(s) URLs only', () => {
    expect(parseInline('[help](https://example.com/help?a=1)')).toEqual([
      { type: 'link', href: 'https://example.com/help?a=1', children: [{ type: 'text', text: 'help' }] },
    ]);
    expect(parseInline('see https://example.com/x.')).toEqual([
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: 'https://example.com/x',
        children: [{ type: 'text', text: 'https://example.com/x' }],
      },
      { type: 'text', text: '.' },
    ]);
  });

  it('shows javascript:, data: and relative links as their text, unlinked', () => {
    for (const input of [
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(document.cookie))',
      '[click](data:text/html,<script>alert(1)</script>)',
      '[click](/relative/path)',
      '[click](mailto:a@example.com)',
    ]) {
      const nodes = parseInline(input);
      expect(hasLink(nodes), input).toBe(false);
      expect(inlineText(nodes), input).toBe(input);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://ok.example/')).toBe('https://ok.example/');
  });

  it('treats HTML as text', () => {
    const input = '<script>alert(1)</script> <img src=x onerror=alert(1)>';
    expect(parseInline(input)).toEqual([{ type: 'text', text: input }]);
  });
});

describe('parseMarkdown: partial (mid-stream) input', () => {
  it('shows an unclosed ** as the characters typed, losing no text', () => {
    expect(parseInline('This is **importa')).toEqual([{ type: 'text', text: 'This is **importa' }]);
    expect(inlineText(parseInline('**a** and **b'))).toBe('a and **b');
  });

  it('handles unclosed code, links and fences', () => {
    expect(parseInline('run `npm i')).toEqual([{ type: 'text', text: 'run `npm i' }]);
    const link = parseInline('[docs](https://exa');
    expect(inlineText(link)).toBe('[docs](https://exa');
    expect(only(parseMarkdown('```js\nconst a = 1;'))).toEqual({
      type: 'codeblock',
      text: 'const a = 1;',
      language: 'js',
    });
  });

  it('parses every prefix of a realistic answer without throwing or losing characters', () => {
    const answer =
      '## Summary\nThe customer **cannot log in** since the *last update*.\n\n1. Reset the password\n   - via [the portal](https://example.com/reset)\n2. Clear `cookies`\n\n```\nlogin --force\n```\nThanks!';
    for (let n = 0; n <= answer.length; n++) {
      const blocks = parseMarkdown(answer.slice(0, n));
      expect(Array.isArray(blocks)).toBe(true);
    }
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('#')).toEqual([]);
    expect(parseMarkdown('- ')).toEqual([
      { type: 'list', ordered: false, start: 1, items: [{ children: [] }] },
    ]);
  });

  it('stays fast on pathological input', () => {
    const started = Date.now();
    parseMarkdown(`${'[('.repeat(5000)}${'**'.repeat(3000)}${'`'.repeat(3000)}`);
    parseMarkdown('*a '.repeat(5000) + '**b '.repeat(5000) + '`'.repeat(1) + ' ``'.repeat(3000));
    parseMarkdown(Array.from({ length: 3000 }, (_, n) => '`'.repeat((n % 50) + 1)).join(' x '));
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('<Markdown/>', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  function render(text: string) {
    act(() => root.render(createElement(Markdown, { text })));
  }

  it('renders HTML in the text as literal text, creating no elements from it', () => {
    render('<script>window.pwned = 1</script>\n\n<img src=x onerror="window.pwned = 1">');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<script>window.pwned = 1</script>');
    expect(container.textContent).toContain('<img src=x onerror="window.pwned = 1">');
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('renders structure and safe links only', () => {
    render('# Title\n\n- **a**\n  - b\n\n[ok](https://example.com) [bad](javascript:alert(1))');
    expect(container.querySelector('.markdown-heading strong')?.textContent).toBe('Title');
    expect(container.querySelector('ul > li > strong')?.textContent).toBe('a');
    expect(container.querySelector('ul > li > ul > li')?.textContent).toBe('b');
    const links = container.querySelectorAll('a');
    expect(links).toHaveLength(1);
    const link = links[0];
    expect(link?.getAttribute('href')).toBe('https://example.com/');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(container.textContent).toContain('[bad](javascript:alert(1))');
  });

  it('re-renders as a stream grows', () => {
    render('Hello **wor');
    expect(container.querySelector('strong')).toBeNull();
    expect(container.textContent).toBe('Hello **wor');
    render('Hello **world**');
    expect(container.querySelector('strong')?.textContent).toBe('world');
  });
});
