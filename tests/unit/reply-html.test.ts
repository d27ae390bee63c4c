import { describe, expect, it } from 'vitest';
import { compactText, paragraphsOf, replyHtml } from '@/utils/helpdesks/reply-html';

describe('reply html', () => {
  it('turns blank-line paragraphs into <p> and single newlines into <br>', () => {
    expect(replyHtml('Hello Anna,\n\nThanks for waiting.\nBest')).toBe(
      '<p>Hello Anna,</p><p>Thanks for waiting.<br>Best</p>',
    );
  });
  it('keeps blank lines as empty paragraphs for editors whose paragraphs have no spacing (Quill)', () => {
    expect(replyHtml('Hello Anna,\n\nThanks.\n\nBest', { blankLineBetweenParagraphs: true })).toBe(
      '<p>Hello Anna,</p><p><br></p><p>Thanks.</p><p><br></p><p>Best</p>',
    );
    expect(replyHtml('One paragraph only', { blankLineBetweenParagraphs: true })).toBe(
      '<p>One paragraph only</p>',
    );
  });
  it('escapes markup: the draft is text, never HTML', () => {
    expect(replyHtml('<img src=x onerror=alert(1)> & "q"')).toBe(
      '<p>&#60;img src=x onerror=alert(1)&#62; &#38; &#34;q&#34;</p>',
    );
  });
  it('ignores extra blank lines and CRLF', () => {
    expect(paragraphsOf('a\r\n\r\n\r\nb\n\n')).toEqual(['a', 'b']);
  });
  it('compares text without whitespace differences', () => {
    expect(compactText('Hello Anna,\n\nThanks')).toBe(compactText('Hello\u00a0Anna, Thanks'));
  });
});
