import { type ServerSocket } from './socket.js';

/**
 * Wakes paused streams once a socket's send buffer drains. No runtime reports "drained" on a
 * WebSocket, so it polls `bufferedAmount` while (and only while) a stream waits.
 */
export class DrainWatcher {
  readonly #socket: ServerSocket;
  readonly #lowWaterMark: number;
  readonly #pollMs: number;
  readonly #waiters = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: ServerSocket, lowWaterMark: number, pollMs: number) {
    this.#socket = socket;
    this.#lowWaterMark = lowWaterMark;
    this.#pollMs = pollMs;
  }

  /** Streams waiting for the buffer to drain. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Resolves when the buffer is at or below the low-water mark, or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.#waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
      this.#schedule();
    });
  }

  /** Wakes every waiter and stops polling (the connection closed). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of [...this.#waiters]) waiter();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(this.#poll, this.#pollMs);
  }

  readonly #poll = (): void => {
    this.#timer = undefined;
    if (this.#waiters.size === 0) return;
    if ((this.#socket.bufferedAmount ?? 0) <= this.#lowWaterMark) {
      for (const waiter of [...this.#waiters]) waiter();
    } else {
      this.#schedule();
    }
  };
}
