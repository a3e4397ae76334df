import { type Message, type Part } from '@baton/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';

import { looksLikeMarkdown, Markdown } from './markdown.js';
import { JsonBlock } from './raw-json.js';

const PREVIEW_BYTES = 4096;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function FilePart({ part }: { part: Part & { raw: string } }) {
  const type = part.mediaType ?? 'application/octet-stream';
  const bytes = useMemo(() => bytesOf(part.raw), [part.raw]);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!bytes) return;
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, type]);
  const name = part.filename ?? 'file';
  if (!bytes) return <p class="problem">File part “{name}” is not valid base64.</p>;
  const textual = type.startsWith('text/') || type.includes('json') || type.includes('xml');
  return (
    <figure class="file">
      <figcaption>
        <span aria-hidden="true">📄 </span>
        {name}{' '}
        <span class="muted">
          ({type}, {bytes.length.toLocaleString()} bytes)
        </span>{' '}
        {url && (
          <a href={url} download={name}>
            Download
          </a>
        )}
      </figcaption>
      {url && type.startsWith('image/') && !type.includes('svg') && (
        <img src={url} alt={name} class="preview" />
      )}
      {textual && (
        <pre class="preview-text">{new TextDecoder().decode(bytes.subarray(0, PREVIEW_BYTES))}</pre>
      )}
    </figure>
  );
}

/** One part of a message or artifact, shown by kind: text or Markdown, JSON data, or a file. */
export function PartView({ part }: { part: Part }) {
  if (part.text !== undefined) {
    const markdown = part.mediaType?.includes('markdown') ?? looksLikeMarkdown(part.text);
    return markdown ? <Markdown text={part.text} /> : <p class="text">{part.text}</p>;
  }
  if (part.data !== undefined) {
    return (
      <div class="data-part">
        <span class="kind">data{part.mediaType ? ` · ${part.mediaType}` : ''}</span>
        <JsonBlock value={part.data} />
      </div>
    );
  }
  if (part.raw !== undefined) return <FilePart part={part} />;
  const safe = /^https?:\/\//i.test(part.url);
  return (
    <p class="file">
      <span aria-hidden="true">🔗 </span>
      {part.filename ?? 'file'} <span class="muted">({part.mediaType ?? 'unknown type'})</span>{' '}
      {safe ? (
        <a href={part.url} target="_blank" rel="noopener noreferrer">
          {part.url}
        </a>
      ) : (
        <code>{part.url}</code>
      )}
    </p>
  );
}

/** Every part of a list. */
export function PartsView({ parts }: { parts: readonly Part[] }) {
  return (
    <div class="parts">
      {parts.map((part, i) => (
        <PartView key={i} part={part} />
      ))}
    </div>
  );
}

/** A message with its role. */
export function MessageView({ message, time }: { message: Message; time?: string | undefined }) {
  const role =
    message.role === 'ROLE_AGENT' ? 'agent' : message.role === 'ROLE_USER' ? 'user' : 'unknown';
  return (
    <article class={`message message-${role}`} aria-label={`${role} message`}>
      <header>
        <strong>{role}</strong>
        {time && <span class="muted"> · {time}</span>}
      </header>
      <PartsView parts={message.parts} />
    </article>
  );
}
