import { type WebSocket } from 'ws';

/**
 * Protocol-level heartbeats for a set of `ws` sockets: one timer pings them all; a socket that
 * has not answered (pong or any frame) by the next round is terminated, which closes it and
 * frees its calls.
 */
export class Heartbeat {
  readonly #alive = new Map<WebSocket, boolean>();
  readonly #timer: ReturnType<typeof setInterval> | undefined;

  constructor(intervalMs: number) {
    if (intervalMs > 0) {
      this.#timer = setInterval(() => this.#round(), intervalMs);
      this.#timer.unref();
    }
  }

  /** Starts watching a socket. */
  add(socket: WebSocket): void {
    this.#alive.set(socket, true);
  }

  /** The socket showed a sign of life. */
  seen(socket: WebSocket): void {
    if (this.#alive.has(socket)) this.#alive.set(socket, true);
  }

  /** Stops watching a socket. */
  delete(socket: WebSocket): void {
    this.#alive.delete(socket);
  }

  /** Sockets watched. */
  get size(): number {
    return this.#alive.size;
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.#timer);
    this.#alive.clear();
  }

  #round(): void {
    for (const [socket, alive] of this.#alive) {
      if (!alive) {
        this.#alive.delete(socket);
        socket.terminate();
        continue;
      }
      this.#alive.set(socket, false);
      try {
        socket.ping();
      } catch {
        // Closing already; its close event cleans up.
      }
    }
  }
}
