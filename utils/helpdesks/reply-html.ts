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

export function replyHtml(text: string): string {
  return paragraphsOf(text)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

/** Whitespace-free form used to compare what we inserted with what the editor holds. */
export function compactText(text: string): string {
  return text.replace(/[\s\u00a0\u200b-\u200d\ufeff]+/g, '');
}
