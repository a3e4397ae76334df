import WebSocket, { type ClientOptions } from 'ws';

/** A frame the server sent, parsed (loosely typed: tests read into it freely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

/** A stream's frames: its `stream/event` notifications and the frame that ended it. */
export interface StreamFrames {
  events: Frame[];
  end: Frame;
}

/**
 * A bare `ws` client speaking the wire protocol by hand, for tests that need exact control:
 * records every frame and waits for the ones a test expects.
 */
export class RawClient {
  readonly socket: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters = new Set<() => void>();
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.#wake();
      });
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame);
      this.#wake();
    });
    socket.on('error', () => undefined);
  }

  /** Connects; rejects with the HTTP status on a refused upgrade. */
  static open(url: string, options: ClientOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  /** Sends a frame: objects as JSON text, strings as text, buffers as binary. */
  send(frame: unknown): void {
    if (typeof frame === 'string' || Buffer.isBuffer(frame)) this.socket.send(frame);
    else this.socket.send(JSON.stringify(frame));
  }

  /** Waits for the first recorded frame matching `match` (already received or future). */
  async next(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.socket.readyState >= WebSocket.CLOSING) throw new Error('socket closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(done);
      });
    }
  }

  /** A fresh request id. */
  id(): number {
    return this.#nextId++;
  }

  /** Sends a request and waits for its response frame. */
  async call(
    method: string,
    params?: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<Frame> {
    const id = this.id();
    this.send({ jsonrpc: '2.0', id, method, params, ...extra });
    return this.next((frame) => frame.id === id && !('method' in frame));
  }

  /** Sends a streaming request and collects its events until the frame that ends it. */
  async stream(
    method: string,
    params?: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<StreamFrames> {
    const id = this.id();
    this.send({ jsonrpc: '2.0', id, method, params, ...extra });
    const end = await this.next((frame) => frame.id === id && !('method' in frame), 15_000);
    const events = this.frames.filter((f) => f.method === 'stream/event' && f.params.id === id);
    return { events, end };
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    this.socket.close();
    await this.closed;
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const waiter of waiters) waiter();
  }
}
