// A minimal HTTP/1.1 client over raw sockets for the SSE load: much cheaper per request than
// node:http, so the generator stays off the critical path. It reads one response at a time
// (chunked or Content-Length bodies) and hands body bytes to the caller as they arrive.
import { connect, type Socket } from 'node:net';

/** What one response looked like. */
export interface ResponseHead {
  status: number;
  close: boolean;
}

/** Callbacks of one request. */
export interface ResponseHandlers {
  onHead?(head: ResponseHead): void;
  /** Body bytes as they arrive (de-chunked). */
  onBody(chunk: Buffer): void;
  onEnd(head: ResponseHead): void;
  onError(error: Error): void;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection; one request in flight at a time. */
export class Http1Connection {
  readonly #host: string;
  readonly #port: number;
  #socket: Socket | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #handlers: ResponseHandlers | undefined;
  #head: ResponseHead | undefined;
  /** Remaining bytes of a Content-Length body; -1 for chunked. */
  #remaining = 0;
  #chunkLeft = -1;

  constructor(host: string, port: number) {
    this.#host = host;
    this.#port = port;
  }

  /** Opens the connection ahead of the first request, so timing leaves connection set-up out. */
  connect(): Promise<void> {
    const socket = (this.#socket ??= this.#open());
    if (!socket.connecting) return Promise.resolve();
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
  }

  /** Sends a request; `handlers` hear about its response. */
  request(head: string, body: string, handlers: ResponseHandlers): void {
    this.#handlers = handlers;
    this.#head = undefined;
    this.#buffer = Buffer.alloc(0);
    const socket = (this.#socket ??= this.#open());
    socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #open(): Socket {
    const socket = connect({ host: this.#host, port: this.#port, noDelay: true });
    socket.on('data', (data: Buffer) => this.#onData(data));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#fail(new Error('connection closed'));
    });
    return socket;
  }

  #fail(error: Error): void {
    const handlers = this.#handlers;
    this.#handlers = undefined;
    handlers?.onError(error);
  }

  #onData(data: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
    for (;;) {
      if (!this.#handlers) return;
      if (!this.#head) {
        const end = this.#buffer.indexOf(HEAD_END);
        if (end < 0) return;
        this.#readHead(this.#buffer.subarray(0, end).toString('latin1'));
        this.#buffer = this.#buffer.subarray(end + 4);
        continue;
      }
      if (this.#remaining >= 0) {
        const take = Math.min(this.#remaining, this.#buffer.length);
        if (take > 0) this.#handlers.onBody(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        this.#remaining -= take;
        if (this.#remaining === 0) this.#finish();
        return;
      }
      // Chunked: size line, data, CRLF; a zero size ends the body (no trailers expected).
      if (this.#chunkLeft < 0) {
        const lineEnd = this.#buffer.indexOf(CRLF);
        if (lineEnd < 0) return;
        const size = parseInt(this.#buffer.subarray(0, lineEnd).toString('latin1'), 16);
        if (size === 0) {
          if (this.#buffer.length < lineEnd + 4) return;
          this.#buffer = this.#buffer.subarray(lineEnd + 4);
          this.#finish();
          continue;
        }
        this.#buffer = this.#buffer.subarray(lineEnd + 2);
        this.#chunkLeft = size;
        continue;
      }
      if (this.#chunkLeft > 0) {
        const take = Math.min(this.#chunkLeft, this.#buffer.length);
        if (take === 0) return;
        this.#handlers.onBody(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        this.#chunkLeft -= take;
        continue;
      }
      if (this.#buffer.length < 2) return;
      this.#buffer = this.#buffer.subarray(2);
      this.#chunkLeft = -1;
    }
  }

  #readHead(text: string): void {
    const [statusLine = '', ...lines] = text.split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    let close = false;
    let length: number | undefined;
    let chunked = false;
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.includes('chunked');
      else if (name === 'connection') close = value === 'close';
    }
    this.#head = { status, close };
    this.#remaining = chunked ? -1 : (length ?? 0);
    this.#chunkLeft = -1;
    this.#handlers?.onHead?.(this.#head);
    if (!chunked && this.#remaining === 0) this.#finish();
  }

  #finish(): void {
    const handlers = this.#handlers;
    const head = this.#head!;
    this.#handlers = undefined;
    this.#head = undefined;
    if (head.close) this.close();
    handlers?.onEnd(head);
  }
}

/** Counts `data:` lines of a text/event-stream body as bytes arrive. */
export class SseCounter {
  events = 0;
  lastData = '';
  #partial = '';

  /** Feeds body bytes; returns how many events completed in them. */
  feed(chunk: Buffer): number {
    const text = this.#partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#partial = lines.pop() ?? '';
    let found = 0;
    for (const line of lines) {
      if (line.startsWith('data:')) {
        found++;
        this.lastData = line;
      }
    }
    this.events += found;
    return found;
  }
}
