import fs from 'node:fs';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Makes commits durable without blocking the event loop: the connection commits with
 * `synchronous=NORMAL` (SQLite writes the log, syncing it only around checkpoints) and this
 * syncs the write-ahead log file with `fdatasync` on libuv's thread pool. A caller is answered
 * only by a sync that started after its commit, so what it was told is stored is on disk.
 * Syncs never overlap: callers arriving while one runs share the next.
 */
export class WalSync {
  readonly #path: string;
  #fd: number | undefined;
  #queued: Waiter[] = [];
  #running = false;
  #idle: (() => void)[] = [];

  /** `walPath` is the database file's `-wal` companion; it is opened on the first request. */
  constructor(walPath: string) {
    this.#path = walPath;
  }

  /** Resolves once a sync of the log that started after this call has completed. */
  request(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queued.push({ resolve, reject });
      if (!this.#running) this.#start();
    });
  }

  #start(): void {
    const waiters = this.#queued;
    this.#queued = [];
    this.#running = true;
    let fd: number;
    try {
      fd = this.#fd ??= fs.openSync(this.#path, 'r+');
    } catch (error) {
      this.#settle(waiters, error);
      return;
    }
    fs.fdatasync(fd, (error) => this.#settle(waiters, error));
  }

  #settle(waiters: Waiter[], error: unknown): void {
    this.#running = false;
    const failure = error
      ? new Error(
          `Could not sync the SQLite write-ahead log ${this.#path}: ${(error as Error).message}. ` +
            'The write may not survive a power loss; check the disk.',
          { cause: error },
        )
      : undefined;
    for (const waiter of waiters) {
      if (failure) waiter.reject(failure);
      else waiter.resolve();
    }
    if (this.#queued.length > 0) this.#start();
    else for (const done of this.#idle.splice(0)) done();
  }

  /** Waits for the syncs already requested, then closes the log file. */
  async close(): Promise<void> {
    if (this.#running || this.#queued.length > 0) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}
