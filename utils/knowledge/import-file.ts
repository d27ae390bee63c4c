import { parseKnowledgeCsv } from './import-csv';
import {
  type ImportIssue,
  type KnowledgeFileFormat,
  MAX_KNOWLEDGE_FILE_BYTES,
  type ParseKnowledgeResult,
} from './import-issues';
import { parseKnowledgeJson } from './import-json';
import { parseKnowledgeMarkdown } from './import-markdown';

// A knowledge file → snippets, or every problem with its place. The one way in for files (the options page's
// import); the formats are in docs/knowledge-files.md. Checks run cheapest first: size before decoding, UTF-8
// before parsing, the format by the file's extension. Nothing is stored here; the caller previews and applies.

export * from './import-issues';

export function formatOfFile(name: string): KnowledgeFileFormat | undefined {
  const extension = /\.([^.]+)$/.exec(name.toLowerCase())?.[1];
  if (extension === 'md' || extension === 'markdown' || extension === 'txt') return 'markdown';
  if (extension === 'csv') return 'csv';
  if (extension === 'json') return 'json';
  return undefined;
}

function tooLarge(bytes: number): ImportIssue {
  return { code: 'too-large', bytes, max: MAX_KNOWLEDGE_FILE_BYTES };
}

/** The size check alone, for a file not yet read (a 2 GB file chosen by mistake is never loaded). */
export function checkFileSize(bytes: number): ImportIssue | undefined {
  return bytes > MAX_KNOWLEDGE_FILE_BYTES ? tooLarge(bytes) : undefined;
}

function decode(input: string | Uint8Array | ArrayBuffer): { text: string } | { issue: ImportIssue } {
  if (typeof input === 'string') {
    const size = new TextEncoder().encode(input).length;
    return size > MAX_KNOWLEDGE_FILE_BYTES ? { issue: tooLarge(size) } : { text: input };
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > MAX_KNOWLEDGE_FILE_BYTES) return { issue: tooLarge(bytes.byteLength) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { issue: { code: 'not-utf8' } };
  }
}

/** Never throws. `name` is the file's name: it picks the format, and titles a single Markdown snippet. */
export function parseKnowledgeFile(
  name: string,
  input: string | Uint8Array | ArrayBuffer,
): ParseKnowledgeResult {
  const format = formatOfFile(name);
  if (!format) return { ok: false, issues: [{ code: 'unsupported-type', name }] };
  const decoded = decode(input);
  if ('issue' in decoded) return { ok: false, format, issues: [decoded.issue] };
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, format, issues: [{ code: 'empty' }] };
  switch (format) {
    case 'csv':
      return parseKnowledgeCsv(text);
    case 'json':
      return parseKnowledgeJson(text);
    case 'markdown':
      return parseKnowledgeMarkdown(text, name);
  }
}
