import { useMemo } from 'react';
import { OpenLink } from '../../components/OpenLink.js';
import { parseMarkdown, type Block, type Inline } from '../../lib/markdown.js';

function Spans({ inline }: { inline: Inline[] }) {
  return (
    <>
      {inline.map((span, i) => {
        switch (span.type) {
          case 'strong':
            return <strong key={i}>{span.text}</strong>;
          case 'em':
            return <em key={i}>{span.text}</em>;
          case 'code':
            return <code key={i}>{span.text}</code>;
          case 'link':
            return span.href ? (
              <OpenLink key={i} url={span.href}>
                {span.text}
              </OpenLink>
            ) : (
              <span key={i}>{span.text}</span>
            );
          default:
            return <span key={i}>{span.text}</span>;
        }
      })}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, block.level + 1)}` as 'h2';
      return (
        <Tag className={`md__h md__h${block.level}`}>
          <Spans inline={block.inline} />
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Spans inline={block.inline} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Spans inline={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote':
      return (
        <blockquote>
          <Spans inline={block.inline} />
        </blockquote>
      );
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr />;
  }
}

/** Markdown shown as React elements (text only, so nothing in it can run or load). */
export function MarkdownView({ source, testId }: { source: string; testId?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="md" data-testid={testId}>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
