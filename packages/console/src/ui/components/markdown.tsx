import { type ComponentChildren } from 'preact';

/**
 * A small Markdown renderer that builds elements, never HTML strings: whatever the agent sent is
 * shown as text, so no markup of its own can reach the page. Headings, paragraphs, lists, code
 * blocks, inline code, bold, italic and http(s) links.
 */
export function Markdown({ text }: { text: string }) {
  return <div class="markdown">{blocks(text)}</div>;
}

function blocks(text: string): ComponentChildren[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: ComponentChildren[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i++]!);
      i++;
      out.push(
        <pre class="code">
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1]!.length + 2, 6);
      const Tag = `h${level}` as 'h3';
      out.push(<Tag>{inline(heading[2]!)}</Tag>);
      i++;
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: ComponentChildren[] = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!)) {
        items.push(<li>{inline(lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, ''))}</li>);
        i++;
      }
      out.push(ordered ? <ol>{items}</ol> : <ul>{items}</ul>);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !/^(```|#{1,6}\s|\s*([-*]|\d+\.)\s)/.test(lines[i]!)
    ) {
      paragraph.push(lines[i++]!);
    }
    out.push(<p>{inline(paragraph.join('\n'))}</p>);
  }
  return out;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let rest = text;
  for (let match = INLINE.exec(rest); match; match = INLINE.exec(rest)) {
    if (match.index > 0) out.push(rest.slice(0, match.index));
    const token = match[0];
    if (match[1]) out.push(<code>{token.slice(1, -1)}</code>);
    else if (match[2]) out.push(<strong>{inline(token.slice(2, -2))}</strong>);
    else if (match[3]) out.push(<em>{inline(token.slice(1, -1))}</em>);
    else {
      const [, label = '', url = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      out.push(
        /^https?:\/\//i.test(url) ? (
          <a href={url} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          token
        ),
      );
    }
    rest = rest.slice(match.index + token.length);
  }
  if (rest) out.push(rest);
  return out;
}

/** Whether plain text looks like Markdown (headings, lists, fences, emphasis). */
export function looksLikeMarkdown(text: string): boolean {
  return /(^|\n)(#{1,6}\s|```|\s*[-*]\s|\d+\.\s)|\*\*[^*]+\*\*|\[[^\]]+\]\(https?:/.test(text);
}
