// A small RFC 4180 reader: fields separated by a delimiter, a field in double quotes may hold the delimiter, line
// breaks and doubled quotes (""). Records end at CRLF or LF. Spreadsheets in German, French, Spanish or Swedish
// save "CSV" with semicolons, so the delimiter is taken from the header line when the caller does not force one.
// A quote inside an unquoted field (5" screen) is kept as a character, as spreadsheets read it; text after a
// closing quote, or a quote never closed, is an error with its place, because the rest of the file would be
// read wrongly.

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRecord {
  cells: string[];
  /** Line of the file where the record starts (1-based); a record with a multi-line field spans several. */
  line: number;
}

export type CsvError =
  | { kind: 'unterminated-quote'; line: number; record: number }
  | { kind: 'text-after-quote'; line: number; record: number };

export type CsvResult =
  | { ok: true; records: CsvRecord[]; delimiter: CsvDelimiter }
  | { ok: false; error: CsvError };

/** The delimiter the header line uses most (outside quotes); a comma when it has none of them. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return best && counts[best] > 0 ? best : ',';
}

/** Every record of the text, blank lines skipped. Never throws. */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvResult {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = () => {
    cells.push(field);
    // A blank line is one empty cell: not a record.
    if (!(cells.length === 1 && cells[0] === '' && !afterQuote)) records.push({ cells, line: recordLine });
    cells = [];
    field = '';
    afterQuote = false;
  };

  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n') line += 1;
        field += c;
      }
      continue;
    }
    if (c === delimiter) {
      cells.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (afterQuote) {
      return { ok: false, error: { kind: 'text-after-quote', line, record: records.length + 1 } };
    } else if (c === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
    } else field += c;
  }
  if (inQuotes)
    return { ok: false, error: { kind: 'unterminated-quote', line: quoteLine, record: records.length + 1 } };
  if (field !== '' || cells.length > 0 || afterQuote) endRecord();
  return { ok: true, records, delimiter };
}
