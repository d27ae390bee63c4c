// A bounded memo for pure functions of a long text (token counts, redaction findings): a long ticket is counted
// and scanned again on every click, preview and re-read of the same conversation, and each of those passes costs
// tens of milliseconds over 1,000 messages (issue #9, click → request). Least recently used entries go first once
// the remembered texts exceed `maxChars` in all or there are more than `maxEntries` of them (short texts: author
// names, dates); texts shorter than `minChars` are cheaper to recompute.

export interface TextMemo<T> {
  /** `compute(text)`, remembered for this text. */
  get(text: string, compute: (text: string) => T): T;
  clear(): void;
}

export function textMemo<T>({ maxChars = 4_000_000, minChars = 64, maxEntries = 20_000 } = {}): TextMemo<T> {
  const entries = new Map<string, T>();
  let chars = 0;
  return {
    get(text, compute) {
      if (text.length < minChars || text.length > maxChars) return compute(text);
      const known = entries.get(text);
      if (known !== undefined) {
        // Re-inserted: Map order is the recency order.
        entries.delete(text);
        entries.set(text, known);
        return known;
      }
      const value = compute(text);
      entries.set(text, value);
      chars += text.length;
      for (const oldest of entries.keys()) {
        if (chars <= maxChars && entries.size <= maxEntries) break;
        entries.delete(oldest);
        chars -= oldest.length;
      }
      return value;
    },
    clear() {
      entries.clear();
      chars = 0;
    },
  };
}
