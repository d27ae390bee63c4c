import { type ReactNode, useMemo } from 'react';
import { type MarkdownBlock, type MarkdownInline, type MarkdownList, parseMarkdown } from '../utils/markdown';

// Model output as React elements. Text only ever reaches the DOM as React text children (escaped);
// there is no innerHTML anywhere on this path, and links are http(s) only (checked by the parser).

export interface MarkdownProps {
  text: string;
  className?: string;
}

export function Markdown({ text, className }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return <div className={className ? `markdown ${className}` : 'markdown'}>{renderBlocks(blocks)}</div>;
}

// Positional keys are right here: the whole text is re-parsed on every change, and a stream only
// appends, so a node's index is its identity. Loops (not .map) keep that explicit.

function renderBlocks(blocks: MarkdownBlock[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block) out.push(renderBlock(block, i));
  }
  return out;
}

function renderBlock(block: MarkdownBlock, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'heading':
      return (
        <p key={key} className={`markdown-heading markdown-heading-${block.level}`}>
          <strong>{renderInlines(block.children)}</strong>
        </p>
      );
    case 'codeblock':
      return (
        <pre key={key} className="markdown-codeblock">
          <code>{block.text}</code>
        </pre>
      );
    case 'list':
      return renderList(block, key);
  }
}

function renderList(list: MarkdownList, key: number): ReactNode {
  const items: ReactNode[] = [];
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i];
    if (!item) continue;
    items.push(
      <li key={i}>
        {renderInlines(item.children)}
        {item.sublist ? renderList(item.sublist, 0) : null}
      </li>,
    );
  }
  return list.ordered ? (
    <ol key={key} start={list.start === 1 ? undefined : list.start}>
      {items}
    </ol>
  ) : (
    <ul key={key}>{items}</ul>
  );
}

function renderInlines(nodes: MarkdownInline[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node) out.push(renderInline(node, i));
  }
  return out;
}

function renderInline(node: MarkdownInline, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'break':
      return <br key={key} />;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{renderInlines(node.children)}</strong>;
    case 'em':
      return <em key={key}>{renderInlines(node.children)}</em>;
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
          {renderInlines(node.children)}
        </a>
      );
  }
}
