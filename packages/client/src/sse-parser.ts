/** One server-sent event, as dispatched by the WHATWG event-stream algorithm. */
export interface SseEvent {
  /** The data lines, joined with `\n`. */
  data: string;
  /** The event type. @default 'message' */
  event: string;
  /** The last event id seen on the stream so far (`id:` persists across events), or `''`. */
  lastEventId: string;
  /** Whether this very event carried an `id:` field. */
  hasId: boolean;
  /** Reconnection time the server asked for with `retry:`, if this event carried one. */
  retry?: number | undefined;
}

/**
 * An incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it text in chunks split
 * anywhere, get whole events. Handles LF, CRLF and lone CR line ends (even a CRLF split across two
 * chunks), comments and heartbeats (`:` lines), multi-line `data:`, `id:` (ignored when it
 * contains NUL), `retry:`, and a leading byte-order mark.
 * @example
 * const parser = new SseParser();
 * for (const event of parser.push('data: {"a":1}\n\n')) console.log(event.data);
 */
export class SseParser {
  #buffer = '';
  #pendingCr = false;
  #started = false;
  #data: string[] = [];
  #hasData = false;
  #event = '';
  #lastEventId = '';
  #hasId = false;
  #retry: number | undefined;

  /** Feeds a chunk of decoded text; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    if (chunk === '') return [];
    let text = chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const event = this.#line(this.#buffer.slice(start, i));
      if (event) events.push(event);
      if (c === 13) {
        if (i + 1 === this.#buffer.length) this.#pendingCr = true;
        else if (this.#buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  /** Ends the stream: an event without its closing blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    this.#buffer = '';
    this.#resetEvent();
    return [];
  }

  #line(line: string): SseEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        this.#hasData = true;
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.#lastEventId = value;
          this.#hasId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.#retry = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  #dispatch(): SseEvent | undefined {
    const hasData = this.#hasData;
    const event: SseEvent = {
      data: this.#data.join('\n'),
      event: this.#event === '' ? 'message' : this.#event,
      lastEventId: this.#lastEventId,
      hasId: this.#hasId,
      retry: this.#retry,
    };
    this.#resetEvent();
    return hasData ? event : undefined;
  }

  #resetEvent(): void {
    this.#data = [];
    this.#hasData = false;
    this.#event = '';
    this.#hasId = false;
    this.#retry = undefined;
  }
}

/**
 * Reads a `text/event-stream` body as events. Stopping the iteration (break, return, throw)
 * cancels the body at once, which closes the connection.
 * @example
 * for await (const event of readSseStream(response.body!)) console.log(event.data);
 */
export async function* readSseStream(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let done = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        yield* parser.push(decoder.decode());
        parser.end();
        return;
      }
      yield* parser.push(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
