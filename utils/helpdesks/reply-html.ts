// Plain draft text → the two clipboard flavours editors expect. Paragraphs are blank-line separated;
// single newlines become <br>. Everything is escaped: the draft is text, never markup.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

export interface ReplyHtmlOptions {
  /**
   * Put an empty paragraph between paragraphs. For editors whose paragraphs have no spacing (Quill: every line is a
   * `<p>` with no margin, and its users separate paragraphs with an empty line), so the reply keeps its blank lines.
   */
  blankLineBetweenParagraphs?: boolean;
}

export function replyHtml(text: string, options: ReplyHtmlOptions = {}): string {
  return paragraphsOf(text)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join(options.blankLineBetweenParagraphs ? '<p><br></p>' : '');
}

/** Whitespace-free form used to compare what we inserted with what the editor holds. */
export function compactText(text: string): string {
  return text.replace(/[\s\u00a0\u200b-\u200d\ufeff]+/g, '');
}
