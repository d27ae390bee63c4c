// A forgiving JSON reader for model answers. Models asked for JSON without a schema (or small local models)
// add trailing commas, stop mid-answer, or wrap the object in prose; JSON.parse rejects all of that. This
// reader accepts trailing commas and, in `partial` mode, returns what was built so far when the text ends
// (so the panel can show fields while they stream). It never evaluates anything: it only builds plain values.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type LooseJsonResult =
  | { ok: true; value: JsonValue; complete: boolean; end: number }
  | { ok: false; reason: string; incomplete: boolean };

class Incomplete {
  constructor(readonly value: JsonValue | undefined) {}
}

class Invalid {
  constructor(readonly reason: string) {}
}

const MAX_DEPTH = 64;

/**
 * Reads one JSON value starting at `start` (leading whitespace allowed). Text after the value is ignored
 * (`end` says where the value ended). With `partial`, a value cut off by the end of the text is returned
 * with `complete: false`; without it, that is a failure.
 */
export function parseLooseJson(text: string, start = 0, partial = false): LooseJsonResult {
  let pos = start;

  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const eof = (value: JsonValue | undefined): never => {
    throw new Incomplete(value);
  };
  const invalid = (what: string): never => {
    throw new Invalid(`${what} at character ${pos + 1}`);
  };

  const readString = (): string => {
    pos++; // opening quote
    let out = '';
    while (true) {
      if (pos >= text.length) return eof(out) as never;
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === '\\') {
        if (pos + 1 >= text.length) return eof(out) as never;
        const e = text[pos + 1]!;
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (hex.length < 4) return eof(out) as never;
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) invalid('a bad \\u escape');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
        } else {
          invalid('an unknown escape');
        }
        continue;
      }
      // Raw newlines inside strings are invalid JSON but common in model output; keep them.
      out += c;
      pos++;
    }
  };

  const readNumber = (): number => {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) return invalid('a bad number');
    pos += match[0].length;
    // A number at the very end may be cut off ("12" of "123"): not a value we can trust yet.
    if (pos >= text.length && partial) return eof(undefined) as never;
    return Number(match[0]);
  };

  const readLiteral = (): boolean | null => {
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
      if (word.startsWith(text.slice(pos)) && pos < text.length) return eof(undefined) as never;
    }
    return invalid('an unexpected character');
  };

  const readValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) invalid('nesting too deep');
    ws();
    if (pos >= text.length) return eof(undefined);
    const c = text[pos]!;
    if (c === '{') return readObject(depth);
    if (c === '[') return readArray(depth);
    if (c === '"') return readString();
    if (c === '-' || (c >= '0' && c <= '9')) return readNumber();
    return readLiteral();
  };

  const child = (build: JsonValue, read: () => void) => {
    try {
      read();
    } catch (e) {
      if (e instanceof Incomplete) throw new Incomplete(build);
      throw e;
    }
  };

  const readObject = (depth: number): JsonValue => {
    pos++;
    const obj: { [key: string]: JsonValue } = {};
    while (true) {
      ws();
      if (pos >= text.length) return eof(obj);
      const c = text[pos]!;
      if (c === '}') {
        pos++;
        return obj;
      }
      if (c === ',') {
        pos++; // tolerated: trailing or doubled commas
        continue;
      }
      if (c !== '"') return invalid('expected a quoted key');
      let key = '';
      try {
        key = readString();
      } catch (e) {
        if (e instanceof Incomplete) return eof(obj);
        throw e;
      }
      ws();
      if (pos >= text.length) return eof(obj);
      if (text[pos] !== ':') return invalid('expected ":"');
      pos++;
      child(obj, () => {
        try {
          obj[key] = readValue(depth + 1);
        } catch (e) {
          if (e instanceof Incomplete && e.value !== undefined) obj[key] = e.value;
          throw e;
        }
      });
      ws();
      if (pos >= text.length) return eof(obj);
      const next = text[pos]!;
      if (next === ',') pos++;
      else if (next !== '}') return invalid('expected "," or "}"');
    }
  };

  const readArray = (depth: number): JsonValue => {
    pos++;
    const arr: JsonValue[] = [];
    while (true) {
      ws();
      if (pos >= text.length) return eof(arr);
      const c = text[pos]!;
      if (c === ']') {
        pos++;
        return arr;
      }
      if (c === ',') {
        pos++;
        continue;
      }
      child(arr, () => {
        try {
          arr.push(readValue(depth + 1));
        } catch (e) {
          if (e instanceof Incomplete && e.value !== undefined) arr.push(e.value);
          throw e;
        }
      });
      ws();
      if (pos >= text.length) return eof(arr);
      const next = text[pos]!;
      if (next === ',') pos++;
      else if (next !== ']') return invalid('expected "," or "]"');
    }
  };

  try {
    const value = readValue(0);
    return { ok: true, value, complete: true, end: pos };
  } catch (e) {
    if (e instanceof Incomplete) {
      if (partial && e.value !== undefined) return { ok: true, value: e.value, complete: false, end: pos };
      return { ok: false, reason: 'the JSON ends before it is complete', incomplete: true };
    }
    if (e instanceof Invalid)
      return { ok: false, reason: `the JSON is malformed (${e.reason})`, incomplete: false };
    throw e;
  }
}
