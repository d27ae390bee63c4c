import { cleanText } from './dom';

// Atlassian Document Format (ADF, the JSON rich text of Jira Cloud's REST API v3 and Confluence) as the plain
// text a reader sees. Content-script side: no dependencies. The input is untrusted JSON: every field is checked,
// depth and size are bounded, and node types this does not know are handled without failing (a container's
// content is kept, an unknown leaf — media, extensions — is dropped).
// Node names and attributes: https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/

/** Deeper documents are cut off here: real comments nest a few levels (list in list in panel). */
const MAX_DEPTH = 40;
/** At most this many nodes are visited; the rest of a pathological document is dropped. */
const MAX_NODES = 50_000;

type AdfNode = Record<string, unknown>;

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childrenOf(node: AdfNode): AdfNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

function attr(node: AdfNode, name: string): string {
  const attrs = isNode(node.attrs) ? node.attrs : null;
  const value = attrs?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** Blocks that follow each other on the next line; every other block is separated by a blank line. */
const LINE_BLOCKS = new Set(['listItem', 'tableRow', 'taskItem', 'decisionItem']);

interface Walker {
  visited: number;
}

function inlineText(node: AdfNode, w: Walker, depth: number): string {
  const parts: string[] = [];
  for (const child of childrenOf(node)) parts.push(nodeText(child, w, depth + 1));
  return parts.join('');
}

/** Children joined by `separator`, or by a blank line (a line end between list items and table rows). */
function blocksText(nodes: AdfNode[], w: Walker, depth: number, separator?: string): string {
  let text = '';
  for (const child of nodes) {
    const part = nodeText(child, w, depth + 1);
    if (part === '') continue;
    const between = separator ?? (LINE_BLOCKS.has(String(child.type)) ? '\n' : '\n\n');
    text = text === '' ? part : `${text}${between}${part}`;
  }
  return text;
}

function listText(node: AdfNode, w: Walker, depth: number, ordered: boolean, indent: string): string {
  const start = Number.parseInt(attr(node, 'order'), 10);
  let number = Number.isFinite(start) ? start : 1;
  const lines: string[] = [];
  for (const item of childrenOf(node)) {
    const marker = ordered ? `${number}. ` : '- ';
    number += 1;
    const itemLines: string[] = [];
    for (const child of childrenOf(item)) {
      if (child.type === 'bulletList' || child.type === 'orderedList') {
        itemLines.push(listText(child, w, depth + 2, child.type === 'orderedList', `${indent}  `));
      } else {
        const text = nodeText(child, w, depth + 2);
        if (text !== '') itemLines.push(text.replace(/\n/g, `\n${indent}  `));
      }
    }
    if (itemLines.length === 0) continue;
    const [first, ...rest] = itemLines;
    lines.push([`${indent}${marker}${first}`, ...rest].join('\n'));
  }
  return lines.join('\n');
}

function nodeText(node: AdfNode, w: Walker, depth: number): string {
  w.visited += 1;
  if (depth > MAX_DEPTH || w.visited > MAX_NODES) return '';
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string' ? node.text : '';
    case 'hardBreak':
      return '\n';
    case 'mention': {
      // attrs.text already carries the "@" in Jira's payloads; add it when it does not.
      const name = attr(node, 'text');
      return name === '' ? '' : name.startsWith('@') ? name : `@${name}`;
    }
    case 'emoji':
      return attr(node, 'text') || attr(node, 'shortName');
    case 'date': {
      const ms = Number.parseInt(attr(node, 'timestamp'), 10);
      return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
    }
    case 'status':
      return attr(node, 'text');
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return attr(node, 'url');
    case 'placeholder':
      // Editor hint text, not content.
      return '';
    case 'rule':
      return '---';
    case 'paragraph':
    case 'heading':
      return inlineText(node, w, depth);
    case 'codeBlock':
      return inlineText(node, w, depth);
    case 'bulletList':
      return listText(node, w, depth, false, '');
    case 'orderedList':
      return listText(node, w, depth, true, '');
    case 'blockquote':
      return blocksText(childrenOf(node), w, depth)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'tableRow':
      return childrenOf(node)
        .map((cell) => blocksText(childrenOf(cell), w, depth + 1, ' ').replace(/\s*\n+\s*/g, ' '))
        .join(' | ');
    case 'table':
      return blocksText(childrenOf(node), w, depth);
    case 'expand':
    case 'nestedExpand': {
      const title = attr(node, 'title');
      const body = blocksText(childrenOf(node), w, depth);
      return title ? `${title}\n${body}` : body;
    }
    case 'media':
    case 'mediaInline':
    case 'extension':
    case 'inlineExtension':
    case 'bodiedExtension':
      // Attachments and app macros have no text of their own.
      return '';
    default: {
      // doc, panel, listItem, taskItem, layoutSection, … and anything newer: keep what is inside.
      const children = childrenOf(node);
      if (children.length === 0) return '';
      const inline = children.every((child) => child.type === 'text' || child.type === 'hardBreak');
      return inline ? inlineText(node, w, depth) : blocksText(children, w, depth);
    }
  }
}

/**
 * The plain text of an ADF document (or any ADF node): paragraphs separated by a blank line, hard breaks as
 * line ends, lists with `- ` / `1. ` markers, mentions as `@Name`, code as its text. Not ADF → ''.
 */
export function adfToText(doc: unknown): string {
  if (!isNode(doc)) return '';
  const walker: Walker = { visited: 0 };
  return cleanText(nodeText(doc, walker, 0));
}
