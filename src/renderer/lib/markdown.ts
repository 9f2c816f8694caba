/**
 * A small, safe Markdown reader for showing generated articles: blocks and
 * inline spans as data, rendered by React as text (never as HTML).
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'em'; text: string }
  | { type: 'code'; text: string }
  | { type: 'link'; text: string; href: string | null };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inline: Inline[] }
  | { type: 'paragraph'; inline: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; inline: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

const INLINE = /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|`([^`]+)`|!?\[([^\]]*)\]\(([^)\s]*)[^)]*\))/g;

/** Only web links are kept as links; anything else (javascript:, data:) is shown as text. */
function safeHref(href: string): string | null {
  return /^https?:\/\//i.test(href) ? href : null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ type: 'text', text: text.slice(last, at) });
    if (m[2] ?? m[3]) out.push({ type: 'strong', text: (m[2] ?? m[3])! });
    else if (m[4] ?? m[5]) out.push({ type: 'em', text: (m[4] ?? m[5])! });
    else if (m[6]) out.push({ type: 'code', text: m[6] });
    else if (m[1]!.startsWith('!')) {
      // Images (the cover) are shown on their own; here they leave no text.
    }
    else out.push({ type: 'link', text: m[7] ?? '', href: safeHref(m[8] ?? '') });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  // Front matter (--- … ---) is metadata the page shows elsewhere.
  const text = source.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  let code: string[] | null = null;

  const flush = () => {
    const inline = para.length ? parseInline(para.join(' ')) : [];
    if (inline.length) blocks.push({ type: 'paragraph', inline });
    para = [];
    if (list) blocks.push({ type: 'list', ...list });
    list = null;
  };

  for (const line of lines) {
    if (code) {
      if (/^```/.test(line)) {
        blocks.push({ type: 'code', text: code.join('\n') });
        code = null;
      } else code.push(line);
      continue;
    }
    if (/^```/.test(line)) {
      flush();
      code = [];
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (!line.trim()) flush();
    else if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, inline: parseInline(heading[2]!.trim()) });
    } else if (/^(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      flush();
      blocks.push({ type: 'rule' });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]!));
    } else if (quote) {
      flush();
      blocks.push({ type: 'quote', inline: parseInline(quote[1]!) });
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  if (code) blocks.push({ type: 'code', text: code.join('\n') });
  flush();
  return blocks;
}
